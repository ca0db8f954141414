#!/usr/bin/env python3
"""Reference values for test/pgtap/significance_reference.sql, worked out
independently of src/.

Run with python3 and mpmath (Debian: python3-mpmath); it prints the VALUES
rows that test/pgtap/significance_reference.sql embeds.  Nothing here shares
code or method with the C implementation:

- every figure is computed in 40-digit arithmetic from the counts;
- the normal quantile is mpmath's erfinv, the normal tail its erfc;
- the Student t tail is mpmath's incomplete beta function, a hypergeometric
  series in 40 digits (not the continued fraction in double precision the
  extension uses), checked against the t density integrated numerically;
  the t quantile is a root of it found by the secant method (mpmath.findroot),
  not Newton's method.
"""
import mpmath as mp

mp.mp.dps = 40


def z_of(confidence):
    return mp.sqrt(2) * mp.erfinv(mp.mpf(confidence))


def normal_p(z):
    return mp.erfc(abs(z) / mp.sqrt(2))


def t_tail2(t, df):
    """P(|T| >= |t|) for Student's t with df degrees of freedom.

    The value is mpmath's regularized incomplete beta function I_x(df/2, 1/2)
    at x = df / (df + t^2), which mpmath sums as a hypergeometric series in
    40 digits (the extension uses a continued fraction in double precision).
    As a check on a second, unrelated route, the t density integrated
    numerically must agree with it to 1e-10.
    """
    df = mp.mpf(df)
    t = abs(mp.mpf(t))
    if t == 0:
        return mp.mpf(1)
    tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True)
    c = mp.gamma((df + 1) / 2) / (mp.sqrt(df * mp.pi) * mp.gamma(df / 2))
    density = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
    # in y = log(x) the power-law tail decays exponentially, by about df + 1
    # per unit, hence breakpoints at multiples of 1 / (df + 1)
    start, scale = mp.log(t), 1 / (df + 1)
    points = [start] + [start + scale * 2 ** k for k in range(-6, 16)] + [mp.inf]
    integral = 2 * mp.quad(lambda y: density(mp.exp(y)) * mp.exp(y), points)
    assert abs(integral - tail) <= mp.mpf(10) ** -10 * tail, (t, df, integral, tail)
    return tail


def t_quantile(confidence, df):
    alpha = 1 - mp.mpf(confidence)
    return mp.findroot(lambda t: t_tail2(t, df) - alpha, z_of(confidence) * 1.2,
                       solver='secant', tol=mp.mpf(10) ** -30)


def wilson(s, n, z):
    p = mp.mpf(s) / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(centre - half, 0), min(centre + half, 1)


def proportions(s1, n1, s2, n2, confidence):
    """difference, Newcombe hybrid score interval, pooled z-test p (percent)."""
    z = z_of(confidence)
    p1, p2 = mp.mpf(s1) / n1, mp.mpf(s2) / n2
    l1, u1 = wilson(s1, n1, z)
    l2, u2 = wilson(s2, n2, z)
    d = p1 - p2
    low = d - mp.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + mp.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    pooled = mp.mpf(s1 + s2) / (n1 + n2)
    var = pooled * (1 - pooled) * (mp.mpf(1) / n1 + mp.mpf(1) / n2)
    p = normal_p(d / mp.sqrt(var)) if var > 0 else mp.mpf(1)
    return 100 * d, 100 * low, 100 * high, p


def moments(counts, first):
    n = sum(counts)
    mean = mp.fsum(mp.mpf(c) * (first + i) for i, c in enumerate(counts)) / n
    var = (mp.fsum(mp.mpf(c) * (first + i - mean) ** 2 for i, c in enumerate(counts)) / (n - 1)
           if n > 1 else None)
    return n, mean, var


def welch(c1, c2, confidence, scale):
    n1, m1, v1 = moments(c1, 1)
    n2, m2, v2 = moments(c2, 1)
    d = m1 - m2
    if v1 is None or v2 is None or v1 + v2 == 0:
        return d, None, None, None, None
    e1, e2 = v1 / n1, v2 / n2
    se = mp.sqrt(e1 + e2)
    df = (e1 + e2) ** 2 / (e1 ** 2 / (n1 - 1) + e2 ** 2 / (n2 - 1))
    half = t_quantile(confidence, df) * se
    rng = scale - 1
    return d, max(d - half, -rng), min(d + half, rng), t_tail2(d / se, df), df


def nps(c1, c2, confidence):
    z = z_of(confidence)

    def adjusted(c):
        n = sum(c)
        prom, det = c[9] + c[10], sum(c[:7])
        na = mp.mpf(n) + 3
        p, d = (prom + mp.mpf(3) / 4) / na, (det + mp.mpf(3) / 4) / na
        return 100 * mp.mpf(prom - det) / n, p - d, (p + d - (p - d) ** 2) / na

    v1, a1, e1 = adjusted(c1)
    v2, a2, e2 = adjusted(c2)
    se = mp.sqrt(e1 + e2)
    diff = a1 - a2
    return (v1 - v2, max(100 * (diff - z * se), -200), min(100 * (diff + z * se), 200),
            normal_p(diff / se))


def sql(x):
    return 'NULL' if x is None else mp.nstr(x, 17, min_fixed=-30, max_fixed=30)


def row(label, a, b, confidence, values):
    print("\t('%s', '%s', '%s', %s, %s)," % (
        label, a, b, confidence, ', '.join(sql(v) for v in values)))


def rate_text(s, n):
    return 'v1 true=%d false=%d' % (s, n - s)


def counts_text(kind, scale, counts):
    return 'v1 kind=%s scale=%d counts=%s' % (kind, scale, ','.join(map(str, counts)))


def nps_text(counts):
    return 'v1 counts=' + ','.join(map(str, counts))


print('-- rate_summary: label, a, b, confidence, difference, lower, upper, p_value')
for label, (s1, n1, s2, n2), conf in [
        ('56/70 vs 48/80', (56, 70, 48, 80), 0.95),
        ('9/10 vs 3/10', (9, 10, 3, 10), 0.95),
        ('6/7 vs 2/7', (6, 7, 2, 7), 0.95),
        ('5/56 vs 0/29: no successes on one side', (5, 56, 0, 29), 0.95),
        ('0/10 vs 0/20: both 0%', (0, 10, 0, 20), 0.95),
        ('10/10 vs 0/20: 100% vs 0%', (10, 10, 0, 20), 0.95),
        ('20/20 vs 15/15: both 100%', (20, 20, 15, 15), 0.95),
        ('1/1 vs 0/1: n = 1', (1, 1, 0, 1), 0.95),
        ('412/500 vs 380/500 at 99%', (412, 500, 380, 500), 0.99),
        ('2 million each, 0.1 points apart', (1002000, 2000000, 1000000, 2000000), 0.95)]:
    row(label, rate_text(s1, n1), rate_text(s2, n2), conf, proportions(s1, n1, s2, n2, conf))

print('-- CSAT rating_summary (top two boxes of 5)')
for label, c1, c2, conf in [
        ('CSAT 20/25 vs 19/25 satisfied', [1, 1, 3, 10, 10], [2, 2, 2, 9, 10], 0.95),
        ('CSAT all satisfied vs none', [0, 0, 0, 4, 4], [3, 2, 1, 0, 0], 0.95),
        ('CSAT n = 1 each', [0, 0, 0, 0, 1], [0, 0, 1, 0, 0], 0.95)]:
    sat1, sat2 = c1[3] + c1[4], c2[3] + c2[4]
    row(label, counts_text('csat', 5, c1), counts_text('csat', 5, c2), conf,
        proportions(sat1, sum(c1), sat2, sum(c2), conf))

print('-- CES rating_summary (1..7), Welch: difference, lower, upper, p_value')
for label, c1, c2, conf in [
        ('CES small samples', [1, 1, 0, 1, 2, 0, 0], [0, 1, 1, 0, 1, 2, 0], 0.95),
        ('CES medium samples', [3, 5, 8, 12, 20, 15, 7], [1, 2, 6, 10, 25, 30, 16], 0.95),
        ('CES medium samples at 99%', [3, 5, 8, 12, 20, 15, 7], [1, 2, 6, 10, 25, 30, 16], 0.99),
        ('CES medium samples at 50%', [3, 5, 8, 12, 20, 15, 7], [1, 2, 6, 10, 25, 30, 16], 0.5),
        # against answers without variation, the degrees of freedom are n - 1,
        # and the interval is the t table's: t(0.75; 1) = 1, t(0.975; 2) = 4.303,
        # t(0.975; 5) = 2.571
        ('CES n = 2 against a constant: df = 1, 50%', [0, 0, 0, 1, 1, 0, 0], [0, 0, 0, 5, 0, 0, 0], 0.5),
        ('CES n = 3 against a constant: df = 2', [0, 0, 0, 2, 1, 0, 0], [0, 0, 0, 5, 0, 0, 0], 0.95),
        ('CES against a constant: df = 5', [2, 0, 0, 3, 0, 0, 1], [0, 0, 0, 0, 5, 0, 0], 0.95),
        ('CES n = 2 each', [0, 0, 1, 0, 1, 0, 0], [0, 1, 0, 1, 0, 0, 0], 0.95),
        ('CES very different: tiny p', [0, 0, 0, 0, 10, 30, 60], [40, 40, 20, 0, 0, 0, 0], 0.95),
        ('CES large samples', [120000, 150000, 200000, 310000, 400000, 380000, 240000],
         [118000, 151000, 205000, 300000, 405000, 381000, 241000], 0.95),
        ('CES n = 1 on one side', [0, 0, 0, 0, 1, 0, 0], [1, 2, 3, 4, 5, 6, 7], 0.95),
        ('CES no variation on either side', [0, 0, 0, 3, 0, 0, 0], [0, 0, 0, 0, 0, 5, 0], 0.95)]:
    d, low, high, p, df = welch(c1, c2, conf, 7)
    row(label, counts_text('ces', 7, c1), counts_text('ces', 7, c2), conf, (d, low, high, p))

print('-- nps_summary, adjusted Wald: difference, lower, upper, p_value')
for label, c1, c2, conf in [
        ('NPS mixed', [1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 2], [0, 0, 1, 1, 2, 2, 3, 4, 2, 1, 0], 0.95),
        ('NPS all promoters vs no detractors', [0] * 9 + [3, 1], [0] * 7 + [2, 1, 1, 1], 0.95),
        ('NPS one promoter vs one detractor', [0] * 10 + [1], [1] + [0] * 10, 0.95),
        ('NPS all promoters vs all promoters', [0] * 9 + [20, 30], [0] * 9 + [5, 5], 0.95),
        ('NPS large samples at 90%', [300, 200, 250, 400, 500, 900, 1200, 2500, 3000, 2600, 2100],
         [310, 190, 260, 420, 520, 880, 1250, 2450, 2950, 2650, 2050], 0.90)]:
    row(label, nps_text(c1), nps_text(c2), conf, nps(c1, c2, conf))

print('-- single intervals: summary, confidence, lower, upper')
for s, n in [(81, 263), (15, 148), (0, 20), (1, 29), (20, 20), (1, 1), (0, 1)]:
    low, high = wilson(s, n, z_of(0.95))
    print("\t('%s'::rate_summary, 0.95, %s, %s)," % (rate_text(s, n), sql(100 * low), sql(100 * high)))
for c, conf in [([1, 1, 0, 1, 2, 0, 0], 0.95), ([3, 5, 8, 12, 20, 15, 7], 0.9),
                ([0, 0, 0, 0, 0, 0, 1], 0.95), ([0, 0, 0, 2, 0, 0, 0], 0.95),
                ([1, 0, 0, 0, 0, 0, 1], 0.95)]:
    n, mean, var = moments(c, 1)
    if n == 1:
        low, high = 1, 7
    else:
        half = z_of(conf) * mp.sqrt(var / n)
        low, high = max(mean - half, 1), min(mean + half, 7)
    print("\t('%s'::rating_summary, %s, %s, %s)," % (counts_text('ces', 7, c), conf, sql(low), sql(high)))

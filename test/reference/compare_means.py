#!/usr/bin/env python3
"""Reference values for test/pgtap/comparisons_reference.sql: Welch's t test
and interval between two samples of raw values (evaluation scores, handling
times), worked out independently of src/.

Run with python3 and mpmath; it prints the VALUES rows that the pgTAP file
embeds.  From the raw values, in 40-digit arithmetic: the means and sample
variances by their definitions (not from the extension's exact sums), the
Welch-Satterthwaite degrees of freedom, the two-sided t tail as mpmath's
regularized incomplete beta function I_x(df/2, 1/2), a hypergeometric
series, and the t quantile as its root by the secant method (the extension
uses a continued fraction in double precision and Newton's method).
"""
import mpmath as mp

mp.mp.dps = 40


def t_tail2(t, df):
    """P(|T| >= |t|) for Student's t with df degrees of freedom."""
    t = abs(mp.mpf(t))
    if t == 0:
        return mp.mpf(1)
    return mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


def t_quantile(confidence, df):
    alpha = 1 - mp.mpf(confidence)
    start = mp.sqrt(2) * mp.erfinv(mp.mpf(confidence)) * 1.2
    return mp.findroot(lambda t: t_tail2(t, df) - alpha, start,
                       solver='secant', tol=mp.mpf(10) ** -30)


def moments(xs):
    xs = [mp.mpf(x) for x in xs]
    n = len(xs)
    mean = mp.fsum(xs) / n
    var = mp.fsum((x - mean) ** 2 for x in xs) / (n - 1) if n > 1 else None
    return n, mean, var


def welch(xs, ys, confidence, clip):
    """difference, lower, upper, p-value; the last three None when untested."""
    n1, m1, v1 = moments(xs)
    n2, m2, v2 = moments(ys)
    d = m1 - m2
    if v1 is None or v2 is None or v1 + v2 == 0:
        return d, None, None, None
    e1, e2 = v1 / n1, v2 / n2
    se = mp.sqrt(e1 + e2)
    df = (e1 + e2) ** 2 / (e1 ** 2 / (n1 - 1) + e2 ** 2 / (n2 - 1))
    half = t_quantile(confidence, df) * se
    low, high = d - half, d + half
    if clip is not None:
        low, high = max(low, -clip), min(high, clip)
    return d, low, high, t_tail2(d / se, df)


def sql(x):
    return 'NULL' if x is None else mp.nstr(x, 17, min_fixed=-30, max_fixed=30)


def array(xs):
    return "'{%s}'" % ','.join(str(x) for x in xs)


AGENT = [82.5, 90, 75, 100, 60, 95, 88]
TEAM = [70, 85, 65, 90, 77.5, 80, 72, 68, 91, 84]
CASES = [
    # label, kind, a, b, confidence
    ('agent against team', 'rubric', AGENT, TEAM, 0.95),
    ('agent against team at 99%', 'rubric', AGENT, TEAM, 0.99),
    ('constant against varied: df = 1', 'rubric', [100, 100, 100], [80, 90], 0.95),
    ('two scores against a constant: clipped to -100..100', 'rubric', [0, 100], [100, 100], 0.95),
    ('one evaluation on a side: untested', 'rubric', [90], [80, 70], 0.95),
    ('no variation on either side: untested', 'rubric', [80, 80], [60, 60, 60], 0.95),
    ('this month against last', 'duration',
     [312.5, 290, 410.25, 505, 188.75, 260], [350, 402, 298.5, 610, 455, 380, 520, 275], 0.95),
    ('very different handling times: tiny p', 'duration',
     [60, 61, 59, 62, 60.5, 58, 61.25, 60], [600, 605, 598, 610, 603, 599.5], 0.95),
    ('handling times at 90%', 'duration',
     [0.000001, 1.5, 3600, 42], [12, 30.000001, 95], 0.90),
]

print('-- label, kind, a, b, confidence, difference, lower, upper, p_value')
for label, kind, a, b, conf in CASES:
    values = welch(a, b, conf, 100 if kind == 'rubric' else None)
    print("\t('%s', '%s', %s, %s, %s, %s)," % (
        label, kind, array(a), array(b), conf, ', '.join(sql(v) for v in values)))

#!/usr/bin/env python3
"""Reads t_distribution.c's output and prints, for each number of degrees of
freedom, the largest relative error of the p-values ("p") and quantiles
("q") against mpmath in 50 digits: the p-value as the regularized incomplete
beta function, the quantile as its root.  p-values below the range of
double precision (t = 40 with many degrees of freedom) must come out as 0."""
import sys

import mpmath as mp

mp.mp.dps = 50
worst = {}
for line in sys.stdin:
    kind, df, x, got = line.split()
    df, x, got = mp.mpf(df), mp.mpf(x), mp.mpf(got)

    def tail(t):
        return mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True)

    if kind == 'p':
        want = tail(x)
    else:
        want = mp.findroot(lambda t: tail(t) - (1 - x),
                           (got * (1 - mp.mpf(10) ** -6), got * (1 + mp.mpf(10) ** -6)),
                           solver='anderson')
    if want < mp.mpf('2.3e-308'):
        assert got == 0, (df, x, got, want)
        continue
    key = (kind, float(df))
    worst[key] = max(worst.get(key, 0), float(abs(got - want) / want))
for (kind, df), error in sorted(worst.items()):
    print('%s df=%-8g largest relative error %.1e' % (kind, df, error))

#!/usr/bin/env python3
"""Krippendorff's alpha by its plain definitions, for the agreement_summary
tests: exact rational arithmetic (fractions), independent of src/.

Where the extension accumulates a coincidence matrix, this works from the
pairs themselves:

    D_o = 1/n * sum over items u of 1/(m_u - 1) * sum over ordered pairs of
          ratings of u by different graders of delta2(a, b)
    D_e = 1/(n (n - 1)) * sum over ordered pairs of different pairable
          ratings anywhere of delta2(a, b)
    alpha = 1 - D_o / D_e

with n the pairable ratings (those of items rated at least twice), and the
squared differences of Krippendorff's four levels; the ordinal one ranks a
value by the pairable ratings at or between the two values, counted here by
walking the list of ratings.

Run it to print the rows that test/pgtap/agreement_properties.sql embeds,
or import alpha() from it.
"""
import random
from fractions import Fraction


def pairable(items):
    """The ratings of items with two or more, NULLs (None) dropped."""
    out = []
    for item in items:
        rated = [r for r in item if r is not None]
        if len(rated) >= 2:
            out.append(rated)
    return out


def delta2(level, a, b, ratings):
    if a == b:
        return Fraction(0)
    if level == 'nominal':
        return Fraction(1)
    if level == 'interval':
        return (Fraction(a) - Fraction(b)) ** 2
    if level == 'ratio':
        return ((Fraction(a) - Fraction(b)) / (Fraction(a) + Fraction(b))) ** 2
    # ordinal: the ratings with a value from min(a, b) to max(a, b), less
    # half of those at a and half of those at b
    low, high = min(a, b), max(a, b)
    between = sum(1 for r in ratings if low <= r <= high)
    at_a = sum(1 for r in ratings if r == a)
    at_b = sum(1 for r in ratings if r == b)
    return (Fraction(between) - Fraction(at_a + at_b, 2)) ** 2


def alpha(items, level):
    """Exact alpha as a Fraction, or None when undefined."""
    units = pairable(items)
    ratings = [r for u in units for r in u]
    n = len(ratings)
    if n == 0:
        return None
    memo = {}

    def d2(a, b):
        if (a, b) not in memo:
            memo[(a, b)] = delta2(level, a, b, ratings)
        return memo[(a, b)]

    observed = Fraction(0)
    for u in units:
        m = len(u)
        within = sum(d2(u[i], u[j]) for i in range(m) for j in range(m) if i != j)
        observed += Fraction(within, m - 1)
    observed /= n
    expected = sum(d2(ratings[i], ratings[j]) for i in range(n) for j in range(n) if i != j)
    expected /= n * (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
# example of 4 observers (rows) rating 12 units (columns), with missing data.
# His published results: nominal 0.743, ordinal 0.815, interval 0.849,
# ratio 0.797.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def units_of(observers):
    return [list(column) for column in zip(*observers)]


def random_items(seed, count, graders, values, missing, agree):
    """Items with a true value each, which a grader gives with probability
    agree and otherwise a neighbouring value; a rating is missing with
    probability missing."""
    rng = random.Random(seed)
    items = []
    for _ in range(count):
        true = rng.randrange(len(values))
        item = []
        for _ in range(graders):
            if rng.random() < missing:
                item.append(None)
                continue
            k = true if rng.random() < agree else true + rng.choice([-2, -1, 1, 2])
            item.append(values[min(max(k, 0), len(values) - 1)])
        items.append(item)
    return items


def sql_array(item):
    return "'{%s}'" % ','.join('NULL' if r is None else repr(r) for r in item)


def sql_value(x):
    return 'NULL' if x is None else repr(float(x))


SETS = [
    # label, seed, items, graders, values, share missing, share agreeing
    ('five graders on 1..5, a third missing', 1, 40, 5, [1, 2, 3, 4, 5], 0.33, 0.7),
    ('three graders on 0..10 in halves, a fifth missing', 2, 30, 3,
     [x / 2 for x in range(21)], 0.2, 0.5),
    ('eight graders, yes or no, half missing', 3, 60, 8, [0, 1], 0.5, 0.8),
    ('two graders on -3..3, few pairs', 4, 12, 2, [-3, -2, -1, 0, 1, 2, 3], 0.3, 0.6),
]
LEVELS = ('nominal', 'ordinal', 'interval', 'ratio')

if __name__ == '__main__':
    published = {'nominal': 0.743, 'ordinal': 0.815, 'interval': 0.849, 'ratio': 0.797}
    items = units_of(KRIPPENDORFF_2011)
    for level, value in published.items():
        got = alpha(items, level)
        assert abs(float(got) - value) < 0.0005, (level, float(got), value)
        print('-- Krippendorff 2011 %s: %s (published %s)' % (level, got, value))
    print('-- items: set, item, ratings')
    rows = []
    for number, (label, seed, count, graders, values, missing, agree) in enumerate(SETS, 1):
        data = random_items(seed, count, graders, values, missing, agree)
        rows += ["\t(%d, %d, %s)" % (number, i, sql_array(item)) for i, item in enumerate(data, 1)]
    print(',\n'.join(rows) + ';')
    print('-- reference: set, level, alpha (NULL: undefined)')
    rows = []
    for number, (label, seed, count, graders, values, missing, agree) in enumerate(SETS, 1):
        data = random_items(seed, count, graders, values, missing, agree)
        for level in LEVELS:
            if level == 'ratio' and min(v for v in values) < 0:
                continue
            rows.append("\t(%d, '%s', %s)" % (number, level, sql_value(alpha(data, level))))
    print(',\n'.join(rows) + ';')

-- scorecard 0.1.0 to 0.2.0.  Values stored by 0.1.0 read the same after
-- ALTER EXTENSION scorecard UPDATE: every summary type reads its 0.1.0
-- (v1) text, binary and on-disk forms.

\echo Use "ALTER EXTENSION scorecard UPDATE TO '0.2.0'" to load this file. \quit

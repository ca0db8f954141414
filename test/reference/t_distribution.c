/*
 * t_distribution.c: prints src/stats.c's Student t p-values and quantiles
 * over a grid of degrees of freedom, for check_t_distribution.py to compare
 * with mpmath.  Not part of the build or of CI; run from the repository root:
 *
 *   gcc -O2 -Isrc -I$(pg_config --includedir-server) test/reference/t_distribution.c \
 *       src/stats.c -lm -o /tmp/t_distribution &&
 *   /tmp/t_distribution | python3 test/reference/check_t_distribution.py
 */
#include "postgres.h"
#include <math.h>
#include "scorecard.h"
/* stubs for the error machinery, never reached with valid arguments */
bool errstart(int elevel, const char *domain) { (void)elevel; (void)domain; abort(); }
bool errstart_cold(int elevel, const char *domain) { (void)elevel; (void)domain; abort(); }
void errfinish(const char *f, int l, const char *fn) { (void)f;(void)l;(void)fn; abort(); }
int errcode(int c) { return c; }
int errmsg(const char *fmt, ...) { (void)fmt; return 0; }
int errdetail(const char *fmt, ...) { (void)fmt; return 0; }
#undef printf
int main(void)
{
	double dfs[] = {1, 1.5, 2, 2.7, 5, 10, 30, 100, 1e3, 1e4, 1e5, 1e6, 1e8, 1e10, 1e12};
	double ts[] = {0.01, 0.5, 1, 1.96, 3, 10, 40};
	double cs[] = {0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999999};
	for (unsigned i = 0; i < lengthof(dfs); i++) {
		for (unsigned j = 0; j < lengthof(ts); j++)
			printf("p %.17g %.17g %.17g\n", dfs[i], ts[j], student_t_p_value(ts[j], dfs[i]));
		for (unsigned j = 0; j < lengthof(cs); j++)
			printf("q %.17g %.17g %.17g\n", dfs[i], cs[j], confidence_t(cs[j], dfs[i]));
	}
	return 0;
}

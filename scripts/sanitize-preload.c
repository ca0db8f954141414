/*
 * sanitize-preload.c
 *		Preloaded after gcc's ASan runtime by scripts/sanitize, so that the
 *		PostgreSQL server can start with ASan preloaded at all.
 *
 * The ASan runtime initializes itself lazily, on the first malloc().  In the
 * server that first malloc() happens inside bindtextdomain(), called by
 * libgpg-error's constructor while it holds glibc's gettext lock.  ASan's
 * initialization looks up the optional symbol swift_demangle; the failed
 * lookup leaves a dlerror() message, and formatting it translates it, which
 * takes the same lock: glibc's lock is corrupted and the server hangs at its
 * own first bindtextdomain().  Defining the symbol makes the lookup succeed,
 * so initialization never reaches gettext.  ASan calls it only to demangle
 * Swift names; returning NULL means "not a Swift name".
 */
#include <stddef.h>

char	   *swift_demangle(const char *name, size_t length, char *out,
						   size_t *out_length, unsigned flags);

char *
swift_demangle(const char *name, size_t length, char *out,
			   size_t *out_length, unsigned flags)
{
	(void) name;
	(void) length;
	(void) out;
	(void) out_length;
	(void) flags;
	return NULL;
}

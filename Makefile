# scorecard: PGXS build.  `make && make install`, then CREATE EXTENSION scorecard.

EXTENSION = scorecard
MODULE_big = scorecard
# one .c per summary type, plus the shared helpers
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

DATA = $(wildcard extension/scorecard--*.sql)

# pg_regress suites: sql/NAME.sql against expected/NAME.out, in name order
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
# pg_regress creates the extension once, so no file depends on another's setup
REGRESS_OPTS = --load-extension=scorecard

PG_CONFIG ?= pg_config
PG_CPPFLAGS = -I$(srcdir)/src
SHLIB_LINK = -lm
EXTRA_CLEAN = .build/fuzz

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Export only the SQL entry points and the magic block.  PGXS does this from
# PostgreSQL 16 on (CFLAGS_SL_MODULE); on 15 the flag is added here, and
# src/scorecard.h marks the entry points visible.
ifeq ($(CFLAGS_SL_MODULE),)
override CFLAGS += -fvisibility=hidden
endif

# ---------------------------------------------------------------------------
# The other suites, against a running server that has this build installed.
# Like installcheck they connect where libpq's environment says (PGHOST,
# PGPORT, PGUSER, ...), use the PostgreSQL that PG_CONFIG names, and install
# nothing: each needs only its own tools (see CONTRIBUTING.md).
#
#   make installcheck          pg_regress: sql/*.sql against expected/*.out
#   make installcheck-pgtap    pgTAP: test/pgtap/*.sql, by pg_prove
#   make installcheck-scripts  TAP scripts: test/scripts/*.py, by python3
#   make installcheck-fuzz     the fuzzer: test/fuzz/fuzz.c, a libpq client
#   make lint                  cppcheck and clang-tidy over src/ and the fuzzer
#
# One suite of a harness: REGRESS=nps, PGTAP=nps_properties or
# TAP_SCRIPTS=upgrade.
# ---------------------------------------------------------------------------

PGTAP = $(sort $(basename $(notdir $(wildcard test/pgtap/*.sql))))
TAP_SCRIPTS = $(sort $(basename $(notdir $(wildcard test/scripts/*.py))))
TAP_PYTHON = python3
FUZZER = .build/fuzz/fuzz
FUZZ_OPTS =

# $(call fresh_database,NAME,EXTENSIONS): drop and create database NAME
# with the extensions installed.
fresh_database = PGOPTIONS='-c client_min_messages=warning' \
	$(bindir)/dropdb --if-exists $(1) && $(bindir)/createdb $(1) && \
	$(bindir)/psql -X -q -v ON_ERROR_STOP=1 -d $(1) \
		$(foreach extension,$(2),-c 'CREATE EXTENSION $(extension)')

.PHONY: installcheck-pgtap installcheck-scripts installcheck-fuzz lint

installcheck-pgtap:
	$(call fresh_database,scorecard_pgtap,pgtap scorecard)
	pg_prove -v --psql-bin $(bindir)/psql -d scorecard_pgtap \
		$(patsubst %,test/pgtap/%.sql,$(PGTAP))

# Each script makes the databases it needs, and runs as it would by hand:
# without this make's flags, which upgrade.py's own builds would inherit.
# upgrade.py reads PG_CONFIG.
installcheck-scripts:
	@status=0; for script in $(TAP_SCRIPTS); do \
		echo "# test/scripts/$$script.py"; \
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PG_CONFIG=$(PG_CONFIG) \
			$(TAP_PYTHON) test/scripts/$$script.py || status=1; \
	done; exit $$status

$(FUZZER): test/fuzz/fuzz.c
	@mkdir -p $(@D)
	$(CC) -Wall -Wextra -Werror -O2 -I$(includedir) $< -L$(libdir) -lpq -o $@

# FUZZ_OPTS="-s SEED -n CASES" replays a failure the fuzzer reported.
installcheck-fuzz: $(FUZZER)
	$(call fresh_database,scorecard_fuzz,scorecard)
	PGDATABASE=scorecard_fuzz $(FUZZER) $(FUZZ_OPTS)

# Every finding fails; the checks clang-tidy runs, and why some are off,
# are in .clang-tidy.  Findings inside PostgreSQL's headers are not ours.
lint:
	@status=0; \
	cppcheck --quiet --error-exitcode=1 --inline-suppr --std=c99 \
		--enable=warning,style,performance,portability \
		-I src -I $(includedir_server) -I $(includedir) \
		--suppress=missingIncludeSystem --suppress=toomanyconfigs \
		--suppress='*:/usr/include/*' --suppress='*:$(includedir)/*' \
		src test/fuzz/fuzz.c || status=1; \
	clang-tidy --quiet --warnings-as-errors='*' $(sort $(wildcard src/*.c)) \
		-- -std=gnu99 -D_GNU_SOURCE -I src -I $(includedir_server) || status=1; \
	clang-tidy --quiet --warnings-as-errors='*' test/fuzz/fuzz.c \
		-- -std=gnu99 -I $(includedir) || status=1; \
	if [ $$status -eq 0 ]; then echo "lint: clean"; else echo "lint: findings above"; fi; \
	exit $$status

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

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Export only the SQL entry points and the magic block.  PGXS does this from
# PostgreSQL 16 on (CFLAGS_SL_MODULE); on 15 the flag is added here, and
# src/scorecard.h marks the entry points visible.
ifeq ($(CFLAGS_SL_MODULE),)
override CFLAGS += -fvisibility=hidden
endif

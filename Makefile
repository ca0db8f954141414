# scorecard: PGXS build.  `make && make install`, then CREATE EXTENSION scorecard.

EXTENSION = scorecard
MODULE_big = scorecard
OBJS = \
	src/summary.o \
	src/summary_io.o \
	src/stats.o \
	src/nps.o

DATA = $(wildcard extension/scorecard--*.sql)

# pg_regress suites: sql/NAME.sql against expected/NAME.out
REGRESS = nps parallel

PG_CONFIG ?= pg_config
PG_CPPFLAGS = -I$(srcdir)/src
SHLIB_LINK = -lm

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Makefile -- build, test and demo clockring
#
#   make            build bin/clockring
#   make demo       run 3 VMs for 60 model seconds at 4x speed and show the results
#   make live       watch a ring of 5 on the terminal, one VM slow (a class demo)
#   make plots RUN=DIR  statistics and plots of one run (clockring analyze)
#   make experiments    every experiment of experiments/ into results/
#   make plan           those runs as commands for a cluster (> plan.txt)
#   make ring-size      the ring-size sweep, 3 to 1,000,000 VMs (minutes)
#   make report         results/report.md and .html from those results
#   make check      build and run every test (layers, units, then end to end)
#   make layers     fail on an #include that crosses the layers of the code
#   make asan/tsan  the same tests under AddressSanitizer+UBSan / ThreadSanitizer
#   make fuzz       libFuzzer on the frame, log, run.meta, experiment and option parsers
#   make soak       16 VMs for 10 minutes with random faults: memory, descriptors
#   make bench      every performance figure beside a tiny C baseline
#                   measured in the same run: one table, also written
#                   to results/bench.md (QUICK=1: under a minute)
#   make bench-live tick timing with --live beside without
#
# Missing Debian packages are installed by tools/need.sh (as root) or named.

CC      ?= cc
# SAN=address or SAN=thread builds an instrumented copy under build/SAN/.
SAN     ?=
WARN    := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -pthread $(WARN) $(CFLAGS) -I.
LDLIBS  := -pthread -lm -lncurses

ifeq ($(SAN),)
O       := build/release
BIN     := bin/clockring
else ifeq ($(SAN),address)
O       := build/asan
BIN     := $(O)/clockring
ALL_CFLAGS += -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDLIBS  += -fsanitize=address,undefined
else ifeq ($(SAN),thread)
O       := build/tsan
BIN     := $(O)/clockring
ALL_CFLAGS += -O1 -fsanitize=thread
LDLIBS  += -fsanitize=thread
else
$(error SAN must be empty, address or thread)
endif

LIB_SRC  := $(wildcard lib/*.c vm/*.c vm/core/*.c analysis/*/*.c view/*.c) \
            $(filter-out sim/main.c,$(wildcard sim/*.c))
GP_SRC   := $(sort $(wildcard analysis/plot/*.gp))
# The gnuplot scripts are compiled in (tools/embed.sh), so no install path
# is needed to find them.
# The viewer's page, its style and its script likewise.
VIEW_SRC := $(sort $(wildcard analysis/viewer/page/*))
LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/gp_scripts.o $(O)/gen/viewer_assets.o
TEST_SRC := $(wildcard tests/check_*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(O)/%.o)
TEST_BIN := $(O)/check_units

# Check's flags come from pkg-config, once that and Check are installed.
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

.PHONY: all check layers units e2e asan tsan demo live plots experiments plan ring-size report bench bench-live fuzz soak tools deps deps-test clean install
all: deps $(BIN)

$(BIN): $(O)/sim/main.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(LDLIBS)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O)/gen/gp_scripts.c: $(GP_SRC) tools/embed.sh
	@mkdir -p $(dir $@)
	tools/embed.sh gp script analysis/plot/gp_scripts.h $(GP_SRC) >$@.tmp && mv $@.tmp $@

$(O)/gen/viewer_assets.c: $(VIEW_SRC) tools/embed.sh
	@mkdir -p $(dir $@)
	tools/embed.sh viewer asset analysis/viewer/assets.h $(VIEW_SRC) >$@.tmp && mv $@.tmp $@

$(O)/gen/%.o: $(O)/gen/%.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Helper programs of the tests and benchmarks (tests/tools/*.c).
TOOL_SRC := $(wildcard tests/tools/*.c)
TOOL_BIN := $(TOOL_SRC:tests/tools/%.c=$(O)/tools/%)
tools: $(TOOL_BIN)
$(O)/tools/%: $(O)/tests/tools/%.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(LDLIBS)

$(TEST_BIN): $(TEST_OBJ) $(LIB_OBJ)
	$(CC) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

deps:
	@tools/need.sh gnuplot-nox libncurses-dev

deps-test:
	@tools/need.sh check libsubunit-dev pkg-config gnuplot-nox libncurses-dev tmux \
	    parallel rsync

# The layers first: a wrong include fails before any test runs.
check: deps-test layers
	@$(MAKE) --no-print-directory units e2e

layers:
	@tools/layers.sh

units: $(TEST_BIN)
	$(TEST_BIN)

e2e: $(BIN) tools
	CLOCKRING=$(abspath $(BIN)) E2E_SAN=$(SAN) tests/e2e/run.sh

asan:
	@$(MAKE) --no-print-directory check SAN=address

tsan:
	@$(MAKE) --no-print-directory check SAN=thread

demo: deps $(BIN)
	@tools/demo.sh $(BIN)

# A ring a class can follow: VM 0 ticks once a second, the others five
# times, so its clock jumps on every message and its queue fills; two
# model seconds a second, for a minute, on a fresh run directory in runs/.
live: deps $(BIN)
	$(BIN) run --live --vms 5 --rates 1,5,5,5,5 --duration 120 --speed 2

# make experiments [EXP="baseline ring8"] [SPEED=10] [JOBS=16] [FORCE=1]:
# every repeat of experiments/*.exp into results/, resumable after Ctrl-C;
# finished runs made with other settings are refused unless FORCE=1, which
# redoes every run of EXP. Then make report: results/report.md and .html.
# The ring-size sweep takes minutes (a million VMs a run): it has its own
# target, make ring-size, and stays out of the default suite.
LONG_EXP := ring-size
EXP   ?= $(filter-out $(LONG_EXP),$(sort $(basename $(notdir $(wildcard experiments/*.exp)))))
SPEED ?= 1
JOBS  ?= 16
experiments: deps $(BIN)
	$(BIN) experiments --jobs $(JOBS) --speed $(SPEED) $(if $(FORCE),--force) \
	    $(EXP:%=experiments/%.exp)

# make plan [EXP=...] [SPEED=...] [FORCE=1] > plan.txt: the runs make
# experiments would do, a command each, for GNU parallel or a Slurm array.
plan: deps $(BIN)
	@$(BIN) experiments --plan --speed $(SPEED) $(if $(FORCE),--force) \
	    $(EXP:%=experiments/%.exp)
# make ring-size [FORCE=1]: experiments/ring-size.exp (3 to 1,000,000 VMs,
# virtual time, summary log) into results/, one run at a time (a million
# VMs take up to 1 GiB), then the report with its plots against ring size.
ring-size: deps $(BIN)
	$(BIN) experiments --jobs 1 $(if $(FORCE),--force) experiments/ring-size.exp
	$(BIN) report results

report: deps $(BIN)
	$(BIN) report results

# make plots RUN=runs/...: statistics and plots of one run. RUN reaches
# the shell through the environment (make exports a variable given on its
# command line), quoted there: a path with spaces or quotes stays one word.
plots: deps $(BIN)
	@test -n "$$RUN" || { echo "usage: make plots RUN=RUN_DIR" >&2; exit 2; }
	$(BIN) analyze -- "$$RUN"

# make bench [QUICK=1]: the table of tools/bench.sh (under 10 minutes;
# QUICK=1: under 1, fewer repeats and points, shorter runs).
bench: deps $(BIN) tools
	@QUICK=$(QUICK) tools/bench.sh $(BIN) $(O)/tools

bench-live: deps $(BIN)
	@tools/bench-live.sh $(BIN)

# 16 VMs for 10 minutes at speed 200 with random faults: memory and
# descriptors sampled over time (not in CI; SOAK_MINUTES, SOAK_SPEED)
soak: deps $(BIN)
	@tools/soak.sh $(BIN)

# libFuzzer harnesses of tests/fuzz/, FUZZ_SECONDS each (default 30)
fuzz:
	tools/fuzz.sh

PREFIX ?= /usr/local
install: deps $(BIN)
	install -D -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/clockring

clean:
	rm -rf build bin

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(O)/sim/main.d $(TOOL_SRC:%.c=$(O)/%.d)

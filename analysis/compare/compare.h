/* analysis/compare/compare.h -- `clockring compare RESULTS_DIR`: experiments side by side across their repeats */
#ifndef ANALYSIS_COMPARE_COMPARE_H
#define ANALYSIS_COMPARE_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vm/core/vmend.h"

/* The figures of one run, also summed up across an experiment's repeats. */
enum compare_fig {
	CMP_MAX_DRIFT,		/* largest drift_max of its VMs */
	CMP_MEAN_DRIFT,		/* mean of the VMs' time-weighted drift */
	CMP_MEAN_JUMP,		/* all ticks: sum of final clocks / ticks */
	CMP_JUMP_SHARE,		/* share of ticks with a jump > 1, 0..1 */
	CMP_MAX_JUMP,
	CMP_MAX_QUEUE,
	CMP_MEAN_QUEUE,		/* mean of the VMs' time-weighted queues */
	CMP_PENDING,		/* messages still queued at the end */
	CMP_SENT,		/* messages sent */
	CMP_DELAY,		/* model seconds, weighted by receipts */
	CMP_ORDERED,		/* share of the window's pairs of ticks
				 * causally ordered, 0..1; NaN: not known */
	CMP_HIDDEN,		/* share of those Lamport order ranks that
				 * are concurrent, 0..1; NaN: not known */
	CMP_NFIGS
};

struct compare_figinfo {
	const char *key;	/* column stem in the csv files: "max_drift" */
	const char *label;	/* for people: "max drift" */
	const char *unit;	/* "clock ticks", "messages"; of a share,
				 * what it is a share of ("": ticks) */
	int decimals;		/* of a mean, as shown to people */
	int integral;		/* one run's value is a whole number */
	int percent;		/* a share, 0..1, shown as a percentage */
};

extern const struct compare_figinfo compare_figs[CMP_NFIGS];

/* Across an experiment's repeats; sd is the sample one (0 for one run). */
struct compare_spread {
	double mean, sd, min, max;
};

/*
 * What a run was run with, as its own run.meta says: never what the
 * experiment file says now, which may have been edited since.
 */
struct compare_set {
	uint32_t vms;
	uint32_t rate_min, rate_max;	/* the range its rates come from */
	uint32_t draw_max;		/* idle ticks draw 1..draw_max */
	double duration_s, speed;
	enum vm_on_failure on_failure;
	char *faults;		/* "kill:2@20, pause:1@5+3"; "" for none */
};

/* The settings, in the order the report tells them; bits of mixed. */
enum compare_setting {
	SET_RATES, SET_DRAW, SET_VMS, SET_DURATION, SET_SPEED, SET_FAULTS,
	SET_FAILURE, SET_N
};

struct compare_run {
	uint32_t repeat;	/* 1.. */
	char *seed;		/* as run.meta has it */
	char *rates;		/* "4 3 5": ticks per second of each VM */
	uint64_t rate_lo, rate_hi;	/* the slowest and the fastest */
	struct compare_set set;
	double fig[CMP_NFIGS];
};

/* A series over model time, reduced across repeats at each sample. */
struct compare_series {
	size_t n;		/* samples */
	double *t, *mean, *min, *max;
};

/*
 * The run that stands for its experiment in the report's plots, as
 * compare_load picks it; the report quotes the rule.
 */
#define COMPARE_TYPICAL	"the run with the median max drift (of an even " \
	"number of runs, the lower of the two middle ones; runs of equal max " \
	"drift in the order of their repeat numbers)"

struct compare_exp {
	char *name;		/* its directory under RESULTS */
	char *title, *description;	/* words from experiment.exp */
	char *sweep_of;		/* a point of a sweep: the sweep's name
				 * (ring-size of ring-size-1000), else NULL */
	char *swept;		/* its option, "vms" */
	uint64_t point;		/* its value */
	uint32_t repeat;	/* the runs experiment.exp plans, all loaded */
	const struct compare_set *set;	/* repeat 1's; see mixed */
	unsigned mixed;		/* 1 << SET_*: its repeats differ in it */
	uint32_t typical;	/* index into runs: COMPARE_TYPICAL */
	struct compare_run *runs;	/* repeat entries, in order */
	struct compare_spread fig[CMP_NFIGS];
	struct compare_series drift;	/* largest drift among the VMs */
	struct compare_series queue;	/* longest queue among the VMs */
	uint64_t *jumps;	/* jumps[s - 1]: ticks (all runs) jumping s */
	size_t njumps;		/* largest jump size seen */
	uint64_t ticks;		/* of all runs */
};

/*
 * A results tree: its complete experiments, the reference one (named
 * "baseline", else the first by name) at index 0 and the others by name;
 * and one line per experiment left out as incomplete.
 */
struct compare {
	char *results;		/* RESULTS_DIR as given, no trailing '/' */
	struct compare_exp *exps;
	size_t nexps;
	char **skipped;		/* "NAME: why", one per incomplete experiment */
	size_t nskipped;
};

/*
 * argv holds what follows "compare". Returns the exit status: 0 done,
 * 1 no complete experiment or an output failed, 2 bad usage.
 */
int compare_main(int argc, char **argv);

/*
 * Load RESULTS_DIR, write the comparison into out_dir (NULL: RESULTS/
 * compare) and draw its plots, with a compare_*.gp script the user
 * changed there kept; say (if not NULL) gets the table and the files.
 * The comparison, or NULL with err and *status (1 or 2, as
 * compare_main). An experiment left out, a kept script and a missing
 * gnuplot only get a line on stderr, "clockring: CMD: ..." (cmd:
 * "compare", "report").
 */
struct compare *compare_build(const char *cmd, const char *results,
    const char *out_dir, FILE *say, int *status, char *err, size_t errlen);
void compare_free(struct compare *c);

/*
 * The arguments of compare and report, "[--out DIR] RESULTS_DIR": 0
 * parsed, go on (*out is NULL without --out); 1 --help printed help; -1
 * bad usage or an --out that is there but no directory, said on stderr
 * ("clockring: CMD: ...").
 */
int compare_args(int argc, char **argv, const char *cmd, const char *help,
    const char **out, const char **results);
/* Say why compare_build failed, as command cmd; returns status. */
int compare_fail(const char *cmd, int status, const char *err);

/* The plots compare_build draws into its output directory, as NAME.png. */
extern const char *const compare_plots[];
extern const size_t compare_nplots;

#endif

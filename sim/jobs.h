/* sim/jobs.h -- the runs of `clockring experiments`: process groups, up to --jobs at once, stopped by signals */
#ifndef SIM_JOBS_H
#define SIM_JOBS_H

#include <sys/types.h>

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/expfile.h"
#include "sim/exprun.h"
#include "sim/options.h"

struct stale_was;

enum job_state {
	JOB_KEPT,	/* finished before, with these settings */
	JOB_WAITING,	/* to run, not started yet */
	JOB_RUNNING,
	JOB_DONE,	/* finished now */
	JOB_FAILED,	/* ended badly on its own */
	JOB_STOPPED,	/* stopped by a signal to the suite */
	JOB_STATES
};

struct job {
	const struct experiment *e;
	uint32_t repeat;	/* 1..e->repeat */
	char dir[PATH_MAX];	/* RESULTS/NAME/R */
	pid_t pid;		/* its process group, while running */
	enum job_state state;
};

struct suite {
	const char *self;	/* this program, to run `run` and `analyze` */
	struct suite_opts o;
	struct experiment *exps;
	size_t nexps;
	struct job *jobs;	/* every repeat of every experiment, in order */
	size_t njobs;
	size_t count[JOB_STATES];	/* jobs in each state */
	sigset_t wait_set;	/* SIGINT, SIGTERM, SIGCHLD: held for sigwaitinfo */
	sigset_t old_mask;	/* as it was: what the runs' programs get */
	int stop_sig;		/* the SIGINT or SIGTERM that stops the suite */
	bool killed;		/* a second one sent SIGKILL */
};

/*
 * A finished run: run.meta says complete and its analysis is whole. Its
 * manifest is the last file analyze moves in, so an analysis stopped
 * half-way (the suite stopped while it ran) does not count. Its run.meta
 * (malloc'd), or NULL for anything else.
 */
struct stale_was *jobs_finished(const char *dir);
/* The words of `clockring run` for j, as its job runs it and a plan
 * prints it: the one place that says what a job runs. */
void jobs_args(const struct suite *s, const struct job *j,
    struct exprun_args *a);
/* Move j to another state, keeping s->count. */
void jobs_set_state(struct suite *s, struct job *j, enum job_state state);
/*
 * `clockring experiments --job WORD...`, a line of `--plan`: one run as
 * the suite makes it, where the words are its `clockring run` options
 * with --out=DIR. DIR, if it holds a run (a plan lists only the runs to
 * do) or is empty, is cleared first; the run and its analysis write to
 * DIR.log. Exit status: 2 and nothing touched for bad words or something
 * else in DIR's place, else that of the run or, after it, the analysis.
 */
int jobs_one(const char *self, int nwords, char **words);
/*
 * Run every waiting job, up to --jobs at once, until all have ended or a
 * SIGINT or SIGTERM stopped them (s->stop_sig); a second one kills them.
 */
void jobs_run(struct suite *s);

#endif

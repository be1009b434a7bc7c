/* sim/exprun.c -- an experiment as `clockring run` takes it: its words judged by the run option parser, the words of each repeat */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/rundir/expfile.h"
#include "lib/errmsg.h"
#include "sim/exprun.h"
#include "sim/options.h"
#include "vm/core/num.h"

/* "--OPT=V", V as `run` reads numbers: a plain decimal, never 1e-05. */
static void
option_number(char *buf, size_t len, const char *opt, double v)
{
	char num[NUM_TEXT_MAX];

	num_format(num, sizeof num, v);
	snprintf(buf, len, "%s=%s", opt, num);
}

/*
 * The first nwords words of e, then the suite's own options: --virtual
 * too, when the words stop before it, so the words of `run` are judged
 * as the mode runs them (--log summary wants --virtual).
 */
static void
args_of(const struct experiment *e, int nwords, uint32_t repeat, double speed,
    const char *dir, struct exprun_args *a)
{
	static char virtual_word[] = "--virtual";
	char *more[] = { a->duration, a->speed, a->seed, a->out };

	snprintf(a->prog, sizeof a->prog, "clockring");
	snprintf(a->cmd, sizeof a->cmd, "run");
	option_number(a->duration, sizeof a->duration, "--duration",
	    e->duration_s);
	option_number(a->speed, sizeof a->speed, "--speed", speed);
	snprintf(a->seed, sizeof a->seed, "--seed=%" PRIu64,
	    expfile_seed(e, repeat));
	snprintf(a->out, sizeof a->out, "--out=%s", dir);
	a->argc = 0;
	a->argv[a->argc++] = a->prog;
	a->argv[a->argc++] = a->cmd;
	for (int i = 0; i < nwords; i++)
		a->argv[a->argc++] = e->argv[i];
	if (e->is_virtual && nwords < e->argc)
		a->argv[a->argc++] = virtual_word;
	for (size_t i = 0; i < sizeof more / sizeof *more; i++)
		/* A virtual run keeps model time: no real pace to give it. */
		if (more[i] != a->speed || !e->is_virtual)
			a->argv[a->argc++] = more[i];
	a->argv[a->argc] = NULL;
}

void
exprun_args(const struct experiment *e, uint32_t repeat, double speed,
    const char *dir, struct exprun_args *a)
{
	args_of(e, e->argc, repeat, speed, dir, a);
}

/* The first nwords words, with the suite's own, as `run` judges them. */
static int
judge(const struct experiment *e, int nwords, char *why, size_t whylen)
{
	struct exprun_args a;
	struct run_opts o;

	/* Any speed and directory: the suite's own are judged elsewhere. */
	args_of(e, nwords, 1, 1, ".", &a);
	int rc = options_run(a.argc - 2, a.argv + 2, &o, why, whylen);
	if (rc == 1)
		snprintf(why, whylen, "--help is not an option of a run");
	return rc;
}

/*
 * The words of `run` alone, then with the faults and policy: an error
 * goes on the line of the key that brought it.
 */
int
exprun_check(const struct experiment *e, const char *path, char *err,
    size_t errlen)
{
	char why[256];

	if (judge(e, e->nrun, why, sizeof why) != 0)
		return errmsg_set(err, errlen, "%s:%u: run: %s", path,
		    e->line[EXP_RUN], why);
	if (judge(e, e->argc, why, sizeof why) == 0)
		return 0;
	if (strncmp(why, "--on-failure", 12) == 0)
		return errmsg_set(err, errlen, "%s:%u: on_failure%s", path,
		    e->line[EXP_ON_FAILURE], why + 12);
	if (strncmp(why, "--fault", 7) == 0)
		return errmsg_set(err, errlen, "%s:%u: fault%s", path,
		    e->line[EXP_FAULT], why + 7);
	return errmsg_set(err, errlen, "%s: %s", path, why);
}

/* sim/suite.c -- `clockring experiments`: every repeat of every experiment, resumable, or the plan of those left */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/rundir/expfile.h"
#include "lib/outfile.h"
#include "sim/exprun.h"
#include "sim/jobs.h"
#include "sim/options.h"
#include "sim/stale.h"
#include "sim/suite.h"

/*
 * Each run is a child that executes `clockring run` and then `clockring
 * analyze` on its directory, output in RESULTS/NAME/R.log. Runs mostly
 * sleep, so many go at once (--jobs). A run is kept when its run.meta says
 * complete, its analysis exists and it was made with the settings the
 * suite would use now (stale.c); a finished run made otherwise stops the
 * suite before it touches anything, unless --force. Anything else in its
 * place (an interrupted or failed run) is removed and run again.
 */

/* Copy the experiment file beside its runs: the report shows its settings. */
static int
keep_settings(const char *out, const char *file, const struct experiment *e,
    char *err, size_t errlen)
{
	char dir[OUTFILE_PATH_MAX], path[OUTFILE_PATH_MAX];

	snprintf(dir, sizeof dir, "%s/%s", out, e->name);
	if (mkdir(out, 0755) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "--out '%s': %s", out, strerror(errno));
		return -1;
	}
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	FILE *f = outfile_open(dir, "experiment.exp", path, err, errlen);
	if (f == NULL)
		return -1;
	expfile_write(f, e, file);
	return outfile_close(f, path, err, errlen);
}

/* Finished runs made with other settings: name them, once per experiment. */
static int
judge_kept(struct suite *s, size_t from, const struct experiment *e,
    size_t *nstale, char *err, size_t errlen)
{
	struct stale st = { 0 };
	struct stale_was *was;
	int rc = 0;

	for (size_t i = from; i < from + e->repeat && rc != -1; i++) {
		struct job *j = &s->jobs[i];
		if (s->o.force || (was = jobs_finished(j->dir)) == NULL)
			continue;
		rc = stale_judge(was, e, j->repeat, s->o.speed, &st, err,
		    errlen);
		free(was);
		if (rc == 0)
			jobs_set_state(s, j, JOB_KEPT);
	}
	if (rc == -1 || st.runs == 0)
		return rc == -1 ? -1 : 0;
	fprintf(stderr, "clockring: experiments: %s: ", e->name);
	stale_say(&st, stderr);
	fprintf(stderr, "; --force (make: FORCE=1) redoes them\n");
	(*nstale)++;
	return 0;
}

/*
 * Every repeat of every experiment, kept or to run. All of them are judged
 * before anything is written, so that one refusal names every experiment
 * whose finished runs were made otherwise.
 */
static int
plan(struct suite *s, size_t *nstale, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->nexps; i++)
		s->njobs += s->exps[i].repeat;
	if ((s->jobs = calloc(s->njobs, sizeof *s->jobs)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->count[JOB_WAITING] = s->njobs;
	for (size_t i = 0, n = 0; i < s->nexps; i++) {
		const struct experiment *e = &s->exps[i];
		for (uint32_t r = 1; r <= e->repeat; r++) {
			struct job *j = &s->jobs[n + r - 1];
			j->e = e;
			j->repeat = r;
			j->state = JOB_WAITING;
			snprintf(j->dir, sizeof j->dir, "%s/%s/%u", s->o.out, e->name,
			    (unsigned)r);
		}
		if (judge_kept(s, n, e, nstale, err, errlen) == -1)
			return -1;
		n += e->repeat;
	}
	return 0;
}

/*
 * Load every file before running anything: one bad file stops it all. A
 * sweep becomes its points, one experiment each (expfile_points).
 */
static int
load_all(struct suite *s, char *err, size_t errlen)
{
	struct experiment one;
	size_t cap = (size_t)s->o.nfiles * EXP_MAX_POINTS;
	int n;

	if ((s->exps = calloc(cap, sizeof *s->exps)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < s->o.nfiles; i++) {
		/* The file's own words first, blamed on their own lines. */
		if (expfile_load(s->o.files[i], &one, err, errlen) == -1 ||
		    exprun_check(&one, s->o.files[i], err, errlen) == -1 ||
		    (n = expfile_points(&one, &s->exps[s->nexps],
		    cap - s->nexps, err, errlen)) == -1)
			return -1;
		for (size_t m = s->nexps; m < s->nexps + (size_t)n; m++) {
			if (exprun_check(&s->exps[m], s->o.files[i], err,
			    errlen) == -1)
				return -1;
			for (size_t k = 0; k < m; k++)
				if (strcmp(s->exps[k].name, s->exps[m].name) == 0) {
					snprintf(err, errlen, "%s: experiment '%s' "
					    "given twice", s->o.files[i],
					    s->exps[m].name);
					return -1;
				}
		}
		s->nexps += (size_t)n;
	}
	return 0;
}

/* The experiment files beside their runs, once nothing stands in the way. */
static int
keep_all(const struct suite *s, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->nexps; i++)
		if (keep_settings(s->o.out, s->exps[i].source, &s->exps[i], err,
		    errlen) == -1)
			return -1;
	return 0;
}

static bool
kept(const struct job *j)
{
	return j->state == JOB_KEPT || j->state == JOB_DONE;
}

/* "baseline #1-3,5; ring8 #2": the finished repeats of each experiment. */
static void
say_kept(const struct suite *s)
{
	const struct experiment *last = NULL;

	for (size_t i = 0; i < s->njobs; i++) {
		const struct job *j = &s->jobs[i];
		size_t k = i;
		if (!kept(j))
			continue;
		while (k + 1 < s->njobs && s->jobs[k + 1].e == j->e &&
		    kept(&s->jobs[k + 1]))
			k++;
		if (j->e != last)
			printf("%s%s #", last ? "; " : ": ", j->e->name);
		else
			printf(",");
		printf("%u", (unsigned)j->repeat);
		if (k > i)
			printf("-%u", (unsigned)s->jobs[k].repeat);
		last = j->e;
		i = k;
	}
}

/* What a stopped suite kept, and what the next call will run. */
static void
say_stopped(const struct suite *s)
{
	const enum job_state redo[] = { JOB_STOPPED, JOB_FAILED, JOB_WAITING };
	const char *const what[] = { "interrupted", "failed", "not started" };
	const size_t *c = s->count;
	size_t nkept = c[JOB_KEPT] + c[JOB_DONE];
	const char *sep = ": ";

	printf("clockring: stopped by %s; kept %zu finished run%s",
	    s->stop_sig == SIGINT ? "SIGINT" : "SIGTERM", nkept,
	    nkept == 1 ? "" : "s");
	say_kept(s);
	printf("\nclockring: the same command again (make experiments) runs "
	    "the other %zu", s->njobs - nkept);
	for (size_t i = 0; i < sizeof redo / sizeof *redo; i++)
		if (c[redo[i]] > 0) {
			printf("%s%zu %s", sep, c[redo[i]], what[i]);
			sep = ", ";
		}
	printf("; results in %s/\n", s->o.out);
}

/*
 * Load, judge and plan every run, and copy the experiment files beside
 * them: 0, or 2 once every reason not to go on is said.
 */
static int
prepare(struct suite *s)
{
	char err[PATH_MAX + 256];
	size_t nstale = 0;

	if (load_all(s, err, sizeof err) == -1 ||
	    plan(s, &nstale, err, sizeof err) == -1 ||
	    (nstale == 0 && keep_all(s, err, sizeof err) == -1)) {
		fprintf(stderr, "clockring: %s\n", err);
		return 2;
	}
	return nstale > 0 ? 2 : 0;	/* each stale one already named */
}

int
suite_run(const struct suite_opts *o, const char *self)
{
	struct suite s = { .self = self, .o = *o };
	int rc = prepare(&s);

	if (rc != 0)
		goto out;
	printf("clockring: %zu experiments, %zu runs to do (%zu already done), "
	    "up to %u at once, speed %g\n", s.nexps, s.count[JOB_WAITING],
	    s.count[JOB_KEPT], (unsigned)s.o.jobs, s.o.speed);
	fflush(stdout);
	jobs_run(&s);
	if (s.stop_sig != 0)
		say_stopped(&s);
	else
		printf("clockring: %zu runs done now, %zu were done before, %zu "
		    "failed; results in %s/\n", s.count[JOB_DONE],
		    s.count[JOB_KEPT], s.count[JOB_FAILED], s.o.out);
	fflush(stdout);
	rc = s.stop_sig ? 128 + s.stop_sig : s.count[JOB_FAILED] ? 1 : 0;
out:
	free(s.jobs);
	free(s.exps);
	return rc;
}

/*
 * One word for sh: as it is when no character in it means anything to a
 * shell, else in single quotes, each ' in it written '\''.
 */
static void
shell_word(const char *w, FILE *f)
{
	if (w[0] != '\0' && strspn(w, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:@%") == strlen(w)) {
		fputs(w, f);
		return;
	}
	putc('\'', f);
	for (; *w != '\0'; w++)
		if (*w == '\'')
			fputs("'\\''", f);
		else
			putc(*w, f);
	putc('\'', f);
}

/* The line of one run: this clockring, by its full path, does the job. */
static void
plan_line(const struct suite *s, const struct job *j, FILE *f)
{
	struct exprun_args a;

	jobs_args(s, j, &a);
	shell_word(s->self, f);
	fputs(" experiments --job", f);
	for (int i = 2; i < a.argc; i++) {	/* after "clockring run" */
		putc(' ', f);
		shell_word(a.argv[i], f);
	}
	putc('\n', f);
}

int
suite_plan(const struct suite_opts *o, const char *self)
{
	struct suite s = { .self = self, .o = *o };
	int rc = 2;

	/* A line per run: a newline in a path would split one in two. */
	if (strchr(o->out, '\n') != NULL || strchr(self, '\n') != NULL) {
		fprintf(stderr, "clockring: '%s': a newline in a path would "
		    "split a line of the plan\n", strchr(o->out, '\n') ? o->out :
		    self);
		return 2;
	}
	if ((rc = prepare(&s)) != 0)
		goto out;
	for (size_t i = 0; i < s.njobs; i++)
		if (s.jobs[i].state == JOB_WAITING)
			plan_line(&s, &s.jobs[i], stdout);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "clockring: writing the plan: %s\n",
		    strerror(errno));
		rc = 1;
	} else if (s.count[JOB_WAITING] == 0)
		fprintf(stderr, "clockring: nothing to do: all %zu runs are "
		    "finished in %s/\n", s.njobs, s.o.out);
	else
		fprintf(stderr, "clockring: %zu runs to do (%zu already done), "
		    "a command each; results in %s/\n", s.count[JOB_WAITING],
		    s.count[JOB_KEPT], s.o.out);
out:
	free(s.jobs);
	free(s.exps);
	return rc;
}

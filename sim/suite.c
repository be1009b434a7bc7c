/* sim/suite.c -- `clockring experiments`: every repeat of every experiment, resumable */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/meta.h"
#include "analysis/outfile.h"
#include "sim/expfile.h"
#include "sim/options.h"
#include "sim/suite.h"
#include "vm/num.h"
#include "vm/sig.h"

/*
 * Each run is a child that executes `clockring run` and then `clockring
 * analyze` on its directory, output in RESULTS/NAME/R.log. Runs mostly
 * sleep, so many go at once (--jobs). A run counts as done when its
 * run.meta says complete and its analysis exists; anything else in its
 * place (an interrupted or failed run) is removed and run again.
 */

struct job {
	const struct experiment *e;
	uint32_t repeat;	/* 1..e->repeat */
	char dir[PATH_MAX];	/* RESULTS/NAME/R */
	pid_t pid;
};

struct suite {
	const char *self;	/* this program, to run `run` and `analyze` */
	struct suite_opts o;
	struct experiment *exps;
	size_t nexps;
	struct job *todo;
	size_t ntodo, done, failed, skipped;
};

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static bool
exists(const char *dir, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Done: run.meta says complete and the analysis was written. */
static bool
finished(const char *dir)
{
	char err[256];
	struct meta *m = meta_load(dir, err, sizeof err);
	const char *status = m != NULL ? meta_get(m, "status") : NULL;
	bool complete = status != NULL && strcmp(status, "complete") == 0;

	meta_free(m);
	return complete && exists(dir, "analysis/summary.csv");
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Clear a run directory for a new run; only ever one we made (run.meta). */
static int
clear_run(const char *dir, char *err, size_t errlen)
{
	if (access(dir, F_OK) != 0)
		return 0;
	if (!exists(dir, "run.meta")) {
		snprintf(err, errlen, "'%s' is in the way and is not a run: move "
		    "it away", dir);
		return -1;
	}
	if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) == -1) {
		snprintf(err, errlen, "removing '%s': %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

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
	/* Keys left out stay out: an empty value would not read back. */
	fprintf(f, "# copied from %s\ntitle = %s\ndescription = %s\n"
	    "repeat = %u\nduration = %.15g\nseed = %" PRIu64 "\n", file,
	    e->title, e->description, (unsigned)e->repeat, e->duration_s, e->seed);
	if (e->run[0] != '\0')
		fprintf(f, "run = %s\n", e->run);
	if (e->fault[0] != '\0')
		fprintf(f, "fault = %s\n", e->fault);
	if (e->on_failure[0] != '\0')
		fprintf(f, "on_failure = %s\n", e->on_failure);
	return outfile_close(f, path, err, errlen);
}

static void
ignore(int sig)
{
	(void)sig;
}

/* Run PROGRAM ARGS in a child and wait: its exit status, or 128 + signal. */
static int
spawn_wait(const char *self, const char *const *args)
{
	int st;
	pid_t pid = fork();

	if (pid == -1)
		return 127;
	if (pid == 0) {
		/* execv takes char *const[] for old callers; it writes nothing. */
		execv(self, (char *const *)args);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * The job's own process: `clockring run` into the job's directory, then
 * `clockring analyze`, both writing to DIR.log. It lives in a process group
 * of its own, which the suite signals to stop the run; it survives that
 * signal itself (a handler, not SIG_IGN, which exec would pass on) so it
 * can report how the run ended.
 */
static void
job_main(const struct suite *s, const struct job *j)
{
	const struct experiment *e = j->e;
	char log[PATH_MAX + 8], seed[24], dur[NUM_TEXT_MAX], speed[NUM_TEXT_MAX];
	const char *args[EXP_MAX_ARGS + 16];
	int n = 0;

	setpgid(0, 0);
	sig_catch(ignore);
	snprintf(log, sizeof log, "%s.log", j->dir);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1) {
		/* Still the suite's stderr: the log cannot say it. */
		fprintf(stderr, "clockring: %s: %s\n", log, strerror(errno));
		_exit(127);
	}
	close(fd);
	snprintf(seed, sizeof seed, "%" PRIu64, expfile_seed(e, j->repeat));
	/* As `run` reads numbers: plain decimals, never 1e-05. */
	num_format(dur, sizeof dur, e->duration_s);
	num_format(speed, sizeof speed, s->o.speed);
	args[n++] = "clockring";
	args[n++] = "run";
	for (int i = 0; i < e->argc; i++)
		args[n++] = e->argv[i];
	const char *more[] = { "--duration", dur, "--speed", speed, "--seed",
	    seed, "--out", j->dir, NULL };
	memcpy(args + n, more, sizeof more);
	int rc = spawn_wait(s->self, args);
	if (rc == 0) {
		const char *an[] = { "clockring", "analyze", j->dir, NULL };
		rc = spawn_wait(s->self, an);
	}
	_exit(rc);
}

static int
start(struct suite *s, struct job *j, char *err, size_t errlen)
{
	if (clear_run(j->dir, err, errlen) == -1)
		return -1;
	fflush(NULL);
	switch (j->pid = fork()) {
	case -1:
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	case 0:
		job_main(s, j);
		break;
	default:
		/* Set it here too: a signal may come before the child runs. */
		setpgid(j->pid, j->pid);
	}
	return 0;
}

/*
 * Where a failed run told why: its log, unless that is empty, as it is
 * when the disk was full before anything could go into it.
 */
static const char *
where_told(const char *dir)
{
	static char said[PATH_MAX + 128];
	char log[PATH_MAX + 8];
	struct stat st;

	snprintf(log, sizeof log, "%s.log", dir);
	if (stat(log, &st) == 0 && st.st_size > 0) {
		snprintf(said, sizeof said, "see %s", log);
		return said;
	}
	if (access(log, F_OK) == 0)
		snprintf(said, sizeof said, "%s is empty", log);
	else
		snprintf(said, sizeof said, "%s: %s", log, strerror(errno));
	outfile_say_full(log, said, sizeof said);
	return said;
}

static void
report(struct suite *s, const struct job *j, int st)
{
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	size_t k = s->done + s->failed + s->skipped + 1;

	if (code == 0)
		s->done++;
	else
		s->failed++;
	printf("[%zu/%zu] %s #%u (seed %" PRIu64 "): %s", k,
	    s->ntodo + s->skipped, j->e->name, (unsigned)j->repeat,
	    expfile_seed(j->e, j->repeat), code == 0 ? "done\n" :
	    got_signal ? "interrupted" : "FAILED");
	if (code != 0)
		printf(" (exit %d), %s\n", code, where_told(j->dir));
	fflush(stdout);
}

static struct job *
find_job(struct suite *s, pid_t pid)
{
	for (size_t i = 0; i < s->ntodo; i++)
		if (s->todo[i].pid == pid)
			return &s->todo[i];
	return NULL;
}

/* Keep up to --jobs runs going; a signal stops every run and starts no more. */
static int
run_all(struct suite *s, char *err, size_t errlen)
{
	size_t next = 0, running = 0;
	bool stopping = false;
	int st;

	while (next < s->ntodo || running > 0) {
		while (!got_signal && running < s->o.jobs && next < s->ntodo) {
			if (start(s, &s->todo[next++], err, errlen) == -1)
				return -1;
			running++;
		}
		if (got_signal && !stopping) {
			stopping = true;
			for (size_t i = 0; i < next; i++)
				if (s->todo[i].pid > 0)
					kill(-s->todo[i].pid, SIGTERM);
		}
		/* Poll rather than block: a signal must be seen at once, and
		 * it may come just before a blocking wait would begin. */
		pid_t pid = waitpid(-1, &st, WNOHANG);
		struct job *j = pid > 0 ? find_job(s, pid) : NULL;
		if (j == NULL) {
			struct timespec pause = { 0, 50000000 };
			nanosleep(&pause, NULL);
			continue;
		}
		j->pid = 0;
		running--;
		report(s, j, st);
	}
	return 0;
}

/* Every repeat of every experiment that is not done yet becomes a job. */
static int
plan(struct suite *s, char *err, size_t errlen)
{
	size_t total = 0;

	for (size_t i = 0; i < s->nexps; i++)
		total += s->exps[i].repeat;
	if ((s->todo = calloc(total, sizeof *s->todo)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < s->nexps; i++) {
		if (keep_settings(s->o.out, s->o.files[i], &s->exps[i], err,
		    errlen) == -1)
			return -1;
		for (uint32_t r = 1; r <= s->exps[i].repeat; r++) {
			struct job *j = &s->todo[s->ntodo];
			j->e = &s->exps[i];
			j->repeat = r;
			snprintf(j->dir, sizeof j->dir, "%s/%s/%u", s->o.out,
			    s->exps[i].name, (unsigned)r);
			if (!s->o.force && finished(j->dir))
				s->skipped++;
			else
				s->ntodo++;
		}
	}
	return 0;
}

/* Load every file before running anything: one bad file stops it all. */
static int
load_all(struct suite *s, char *err, size_t errlen)
{
	s->nexps = (size_t)s->o.nfiles;
	if ((s->exps = calloc(s->nexps, sizeof *s->exps)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < s->nexps; i++) {
		if (expfile_load(s->o.files[i], &s->exps[i], err, errlen) == -1)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(s->exps[k].name, s->exps[i].name) == 0) {
				snprintf(err, errlen, "%s: experiment '%s' given twice",
				    s->o.files[i], s->exps[i].name);
				return -1;
			}
	}
	return 0;
}

int
suite_run(const struct suite_opts *o, const char *self)
{
	struct suite s = { .self = self, .o = *o };
	char err[PATH_MAX + 256];
	int rc = 0;

	if (load_all(&s, err, sizeof err) == -1 || plan(&s, err, sizeof err) == -1) {
		fprintf(stderr, "clockring: %s\n", err);
		rc = 2;
		goto out;
	}
	sig_catch(on_signal);
	printf("clockring: %zu experiments, %zu runs to do (%zu already done), "
	    "up to %u at once, speed %g\n", s.nexps, s.ntodo, s.skipped,
	    (unsigned)s.o.jobs, s.o.speed);
	fflush(stdout);
	if (run_all(&s, err, sizeof err) == -1) {
		fprintf(stderr, "clockring: %s\n", err);
		rc = 1;
	}
	printf("clockring: %zu runs done now, %zu were done before, %zu failed; "
	    "results in %s/\n", s.done, s.skipped, s.failed, s.o.out);
	if (got_signal)
		rc = 128 + got_signal;
	else if (s.failed > 0)
		rc = 1;
out:
	free(s.todo);
	free(s.exps);
	return rc;
}

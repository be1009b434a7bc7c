/* sim/jobs.c -- the runs of `clockring experiments`: process groups, up to --jobs at once, stopped by signals */
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
#include <unistd.h>

#include "analysis/out/manifest.h"
#include "analysis/rundir/expfile.h"
#include "lib/mkdirs.h"
#include "lib/outfile.h"
#include "sim/exprun.h"
#include "sim/jobs.h"
#include "sim/options.h"
#include "sim/stale.h"

/*
 * Each job is a child in a process group of its own that executes
 * `clockring run` and then `clockring analyze` (job_main). The suite
 * waits, blocking, for a child to end or a signal: the first SIGINT or
 * SIGTERM sends SIGTERM to every group and starts no more; a second sends
 * SIGKILL.
 */

void
jobs_set_state(struct suite *s, struct job *j, enum job_state state)
{
	s->count[j->state]--;
	s->count[state]++;
	j->state = state;
}

static bool
exists(const char *dir, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * Clear a run directory for a new run; only ever one we made (run.meta),
 * or an empty one, as a run killed before its first run.meta leaves.
 */
static int
clear_run(const char *dir, char *err, size_t errlen)
{
	if (access(dir, F_OK) != 0 || rmdir(dir) == 0)
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

/*
 * Never called: sigwaitinfo takes the signals. A handler keeps one from
 * being ignored: a shell starts a suite in the background with SIGINT
 * ignored, and a blocked signal whose action is to ignore it may be lost.
 */
static void
on_signal(int sig)
{
	(void)sig;
}

/*
 * SIGINT, SIGTERM and SIGCHLD stay blocked and wait for sigwaitinfo: one
 * that comes while the suite is busy is kept until it next waits, never
 * missed, and nothing needs polling.
 */
static void
hold_signals(struct suite *s)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_NOCLDSTOP };
	const int sigs[] = { SIGINT, SIGTERM, SIGCHLD };

	sigemptyset(&sa.sa_mask);
	sigemptyset(&s->wait_set);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		sigaddset(&s->wait_set, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &s->wait_set, &s->old_mask);
}

/*
 * Run self with args in a child and wait: its exit status, or 128 +
 * signal. The child gets the default actions and mask back; a stop the
 * group got before the fork reached only us, so it is passed on.
 */
static int
spawn_wait(const char *self, const sigset_t *mask, char *const *args)
{
	sigset_t pending;
	pid_t pid;
	int st;

	switch (pid = fork()) {
	case -1:
		return 127;
	case 0:
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, mask, NULL);
		execv(self, args);
		_exit(127);
	}
	if (sigpending(&pending) == 0 && (sigismember(&pending, SIGINT) ||
	    sigismember(&pending, SIGTERM)))
		kill(pid, SIGTERM);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * `clockring run` with run_argv into dir, then `clockring analyze` of
 * it, both writing to DIR.log: the exit status of the first that failed,
 * else 0. Called with SIGINT and SIGTERM blocked, so that a stop sent to
 * the whole group ends the run and the analysis but not us: we report
 * how they ended. This process's output is the log's from here on.
 */
static int
run_and_analyze(const char *self, const sigset_t *mask, const char *dir,
    char *const *run_argv)
{
	char log[PATH_MAX + 8], copy[PATH_MAX], prog[] = "clockring",
	    cmd[] = "analyze";
	char *analyze[] = { prog, cmd, copy, NULL };

	snprintf(log, sizeof log, "%s.log", dir);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1) {
		/* Still the caller's stderr: the log cannot say it. */
		fprintf(stderr, "clockring: %s: %s\n", log, strerror(errno));
		return 127;
	}
	close(fd);
	snprintf(copy, sizeof copy, "%s", dir);
	int rc = spawn_wait(self, mask, run_argv);
	return rc == 0 ? spawn_wait(self, mask, analyze) : rc;
}

void
jobs_args(const struct suite *s, const struct job *j, struct exprun_args *a)
{
	exprun_args(j->e, j->repeat, s->o.speed, j->dir, a);
}

/*
 * The job's own process. It lives in a process group of its own, which
 * the suite signals to stop the run; it keeps the suite's signals
 * blocked, so it outlives that and reports how the run ended.
 */
static void
job_main(const struct suite *s, const struct job *j)
{
	struct exprun_args a;

	setpgid(0, 0);
	jobs_args(s, j, &a);
	_exit(run_and_analyze(s->self, &s->old_mask, j->dir, a.argv));
}

/* The directory a run's log goes beside: its parent, made if missing. */
static int
make_parent(const char *dir, char *err, size_t errlen)
{
	char parent[PATH_MAX];
	size_t made;

	snprintf(parent, sizeof parent, "%s", dir);
	char *slash = strrchr(parent, '/');
	if (slash == NULL || slash == parent)
		return 0;
	*slash = '\0';
	if (mkdirs_make(parent, &made) == -1) {
		snprintf(err, errlen, "'%s': %s", parent, strerror(errno));
		return -1;
	}
	return 0;
}

/* The words of `run` as the suite hands them over: its --out is the run. */
static int
judge_words(int nwords, char **words, const char **dir, char *err,
    size_t errlen)
{
	struct run_opts o;
	int rc = options_run(nwords, words, &o, err, errlen);

	if (rc == 1)
		snprintf(err, errlen, "--help is not an option of a run");
	else if (rc == 0 && o.out == NULL)
		snprintf(err, errlen, "no --out: the run's directory");
	else if (rc == 0) {
		*dir = o.out;
		return 0;
	}
	return -1;	/* err says why */
}

int
jobs_one(const char *self, int nwords, char **words)
{
	char err[PATH_MAX + 128], prog[] = "clockring", cmd[] = "run";
	char **argv = calloc((size_t)nwords + 3, sizeof *argv);
	const char *dir = NULL;
	sigset_t stop, mask;
	int rc = 2;

	if (argv == NULL) {
		snprintf(err, sizeof err, "out of memory");
		goto fail;
	}
	if (judge_words(nwords, words, &dir, err, sizeof err) != 0 ||
	    clear_run(dir, err, sizeof err) == -1 ||
	    make_parent(dir, err, sizeof err) == -1)
		goto fail;
	argv[0] = prog;
	argv[1] = cmd;
	memcpy(argv + 2, words, (size_t)nwords * sizeof *argv);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigprocmask(SIG_BLOCK, &stop, &mask);
	rc = run_and_analyze(self, &mask, dir, argv);
	free(argv);
	return rc;
fail:
	fprintf(stderr, "clockring: experiments --job: %s\n", err);
	free(argv);
	return rc;
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

struct stale_was *
jobs_finished(const char *dir)
{
	char err[256];
	struct stale_was *was = malloc(sizeof *was);

	if (was != NULL && stale_read(dir, was, err, sizeof err) == 0 &&
	    was->m.status == RUN_COMPLETE &&
	    exists(dir, "analysis/" MANIFEST_NAME))
		return was;
	free(was);
	return NULL;
}

/* One line per run that ends: "[3/25] baseline #2 (seed ...): done". */
static void
report(struct suite *s, struct job *j, int code, const char *why)
{
	struct stale_was *was;

	/*
	 * A stop that came as the run's analysis ended (its manifest in,
	 * the process not yet out) leaves it finished: the next suite keeps
	 * it, so this one says so too.
	 */
	if (code != 0 && s->stop_sig && (was = jobs_finished(j->dir)) != NULL) {
		free(was);
		code = 0;
	}
	jobs_set_state(s, j, code == 0 ? JOB_DONE : s->stop_sig ? JOB_STOPPED :
	    JOB_FAILED);
	printf("[%zu/%zu] %s #%u (seed %" PRIu64 "): %s",
	    s->njobs - s->count[JOB_WAITING] - s->count[JOB_RUNNING], s->njobs,
	    j->e->name, (unsigned)j->repeat, expfile_seed(j->e, j->repeat),
	    code == 0 ? "done\n" : s->stop_sig ? "interrupted" : "FAILED");
	if (code > 0)
		printf(" (exit %d), %s\n", code, where_told(j->dir));
	else if (code < 0)
		printf(": %s\n", why);
	fflush(stdout);
}

static void
start(struct suite *s, struct job *j)
{
	char err[PATH_MAX + 64];

	jobs_set_state(s, j, JOB_RUNNING);
	if (clear_run(j->dir, err, sizeof err) == -1) {
		report(s, j, -1, err);
		return;
	}
	fflush(NULL);
	switch (j->pid = fork()) {
	case -1:
		snprintf(err, sizeof err, "fork: %s", strerror(errno));
		report(s, j, -1, err);
		break;
	case 0:
		job_main(s, j);
		break;
	default:
		/* Set it here too: a signal may come before the child runs. */
		setpgid(j->pid, j->pid);
	}
}

static struct job *
find_job(struct suite *s, pid_t pid)
{
	for (size_t i = 0; i < s->njobs; i++)
		if (s->jobs[i].state == JOB_RUNNING && s->jobs[i].pid == pid)
			return &s->jobs[i];
	return NULL;
}

/* Every run that has ended since the last look. */
static void
reap(struct suite *s)
{
	struct job *j;
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		if ((j = find_job(s, pid)) != NULL)
			report(s, j, WIFEXITED(st) ? WEXITSTATUS(st) :
			    128 + WTERMSIG(st), NULL);
}

static void
signal_runs(struct suite *s, int sig)
{
	for (size_t i = 0; i < s->njobs; i++)
		if (s->jobs[i].state == JOB_RUNNING)
			kill(-s->jobs[i].pid, sig);
}

/* The first SIGINT or SIGTERM stops every run; the next one kills them. */
static void
take_signal(struct suite *s, int sig)
{
	const char *name = sig == SIGINT ? "SIGINT" : "SIGTERM";
	size_t running = s->count[JOB_RUNNING];

	if (s->stop_sig == 0) {
		s->stop_sig = sig;
		signal_runs(s, SIGTERM);
		printf("clockring: %s: stopping %zu run%s, starting no more (a "
		    "second Ctrl-C kills them at once)\n", name, running,
		    running == 1 ? "" : "s");
	} else if (!s->killed) {
		s->killed = true;
		signal_runs(s, SIGKILL);
		printf("clockring: %s again: killed the %zu run%s still stopping "
		    "(SIGKILL)\n", name, running, running == 1 ? "" : "s");
	}
	fflush(stdout);
}

/* Each pass waits, blocking, for a run to end or a signal. */
void
jobs_run(struct suite *s)
{
	size_t next = 0;

	hold_signals(s);
	for (;;) {
		while (s->stop_sig == 0 && next < s->njobs &&
		    s->count[JOB_RUNNING] < s->o.jobs)
			if (s->jobs[next++].state == JOB_WAITING)
				start(s, &s->jobs[next - 1]);
		if (s->count[JOB_RUNNING] == 0 &&
		    (s->stop_sig != 0 || next == s->njobs))
			break;
		int sig = sigwaitinfo(&s->wait_set, NULL);
		if (sig == SIGINT || sig == SIGTERM)
			take_signal(s, sig);
		reap(s);
	}
	sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
}

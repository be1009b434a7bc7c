/* analysis/plot/plot.c -- run gnuplot on the scripts of a folder, beside the data they plot */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analysis/plot/gp_scripts.h"
#include "analysis/plot/plot.h"

/* One script may take this long; the largest runs draw in a few seconds. */
#define PLOT_TIMEOUT_MS	60000
#define PLOT_PATH_MAX	4096

#define INSTALL_HINT	"sudo apt-get install gnuplot-nox"

const char *const plot_names[] = { "clock", "drift", "jumps", "queue", "spacetime",
	"causal" };
const size_t plot_count = sizeof plot_names / sizeof plot_names[0];

/* What the plots of one run load: compare_*.gp are not theirs. */
static const char *const run_libs[] = { "common.gp", "look.gp", "faults.gp" };
const struct plot_set plot_run_set = {
	"", plot_names, sizeof plot_names / sizeof plot_names[0],
	run_libs, sizeof run_libs / sizeof run_libs[0],
};

static const char *const summary_names[] = { "clock", "drift", "jumps",
	"queue" };
static const char *const summary_libs[] = { "summary_common.gp", "look.gp" };
const struct plot_set plot_summary_set = {
	"summary_", summary_names, sizeof summary_names / sizeof *summary_names,
	summary_libs, sizeof summary_libs / sizeof summary_libs[0],
};

/* One run of gnuplot on one script. */
struct job {
	const char *prog;	/* gnuplot's path */
	const char *dir;	/* its working directory: the scripts' */
	const char *setup;	/* its -e commands: terminal kind and size */
	const char *script;	/* e.g. "drift.gp" */
	FILE *out;		/* gets gnuplot's stdout; NULL: /dev/null */
	char said[1024];	/* the start of what gnuplot wrote on stderr */
	size_t nsaid;
	int status;		/* from waitpid */
};

bool
plot_set_has(const struct plot_set *set, const char *file)
{
	size_t p = strlen(set->prefix), n = strlen(file);

	/* PREFIXNAME.gp draws NAME: n - p - 3 is NAME's length. */
	for (size_t i = 0; n > p + 3 && i < set->count; i++)
		if (strcmp(file + n - 3, ".gp") == 0 &&
		    strncmp(file, set->prefix, p) == 0 &&
		    strncmp(set->names[i], file + p, n - p - 3) == 0 &&
		    set->names[i][n - p - 3] == '\0')
			return true;
	for (size_t i = 0; i < set->nlibs; i++)
		if (strcmp(set->libs[i], file) == 0)
			return true;
	return false;
}

static int
is_program(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/*
 * Find gnuplot, or the program CLOCKRING_GNUPLOT names (tests point it at
 * a fake), as execvp would: a name with a slash is a path, else each
 * directory of PATH in turn. 0 found; 1 not found, err saying how to get it.
 */
static int
find_gnuplot(char *path, size_t len, char *err, size_t errlen)
{
	const char *env = getenv("CLOCKRING_GNUPLOT");
	const char *name = env != NULL && *env != '\0' ? env : "gnuplot";
	const char *dirs = getenv("PATH");

	if (strchr(name, '/') != NULL) {
		if (snprintf(path, len, "%s", name) < (int)len && is_program(path))
			return 0;
	} else {
		if (dirs == NULL)
			dirs = "/usr/bin:/bin";
		for (const char *d = dirs; ; d += strcspn(d, ":") + 1) {
			int n = (int)strcspn(d, ":");
			/* An empty PATH entry means the current directory. */
			if (snprintf(path, len, "%.*s%s%s", n, d, n ? "/" : "",
			    name) < (int)len && is_program(path))
				return 0;
			if (d[n] == '\0')
				break;
		}
	}
	if (name == env)
		snprintf(err, errlen, "CLOCKRING_GNUPLOT '%s': not found: plots "
		    "not drawn (install gnuplot: " INSTALL_HINT ")", env);
	else
		snprintf(err, errlen, "gnuplot not found: plots not drawn "
		    "(install it: " INSTALL_HINT ")");
	return 1;
}

/* In the child: become gnuplot in dir, or say why not on stderr. */
static void
child(const struct job *j, int out_fd, int err_fd)
{
	sigset_t none;
	int null = open("/dev/null", O_RDWR);

	/* The caller may ignore SIGPIPE or block signals; gnuplot should not. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (null == -1 || dup2(null, STDIN_FILENO) == -1 ||
	    dup2(out_fd == -1 ? null : out_fd, STDOUT_FILENO) == -1 ||
	    dup2(err_fd, STDERR_FILENO) == -1)
		_exit(127);
	if (chdir(j->dir) == -1) {
		dprintf(STDERR_FILENO, "cannot enter %s: %s\n", j->dir,
		    strerror(errno));
		_exit(127);
	}
	/* -d: the user's ~/.gnuplot must not change the plots. */
	execl(j->prog, j->prog, "-d", "-e", j->setup, j->script, (char *)NULL);
	dprintf(STDERR_FILENO, "cannot run %s: %s\n", j->prog, strerror(errno));
	_exit(127);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The dumb terminal starts each page with a form feed: leave it out. */
static void
copy_text(FILE *out, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != '\f')
			putc(buf[i], out);
}

/*
 * Read gnuplot's stderr (keeping its start) and stdout (copied to j->out)
 * until both end. -1 when the time limit passed first.
 */
static int
drain(struct job *j, int out_fd, int err_fd)
{
	struct pollfd p[2] = { { err_fd, POLLIN, 0 }, { out_fd, POLLIN, 0 } };
	long deadline = now_ms() + PLOT_TIMEOUT_MS;
	char buf[4096];

	while (p[0].fd >= 0 || p[1].fd >= 0) {
		long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		if (poll(p, 2, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			ssize_t n = read(p[i].fd, buf, sizeof buf);
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0) {
				p[i].fd = -1;	/* the caller closes it */
				continue;
			}
			if (i == 1) {
				copy_text(j->out, buf, (size_t)n);
				continue;
			}
			size_t keep = sizeof j->said - 1 - j->nsaid;
			keep = (size_t)n < keep ? (size_t)n : keep;
			memcpy(j->said + j->nsaid, buf, keep);
			j->nsaid += keep;
		}
	}
	return 0;
}

static int
pipe_cloexec(int fd[2])
{
	if (pipe(fd) == -1)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void
close_fds(int *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i] != -1)
			close(fds[i]);
}

/*
 * Run gnuplot on one script with a time limit. 0 when it exited 0;
 * -1 otherwise, with err. What it said on stderr is left in j->said.
 */
static int
run(struct job *j, char *err, size_t errlen)
{
	int ep[2] = { -1, -1 }, op[2] = { -1, -1 }, late;
	pid_t pid;

	j->nsaid = 0;
	if (pipe_cloexec(ep) == -1 || (j->out != NULL && pipe_cloexec(op) == -1)) {
		snprintf(err, errlen, "gnuplot %s: pipe: %s", j->script,
		    strerror(errno));
		close_fds(ep, 2);
		return -1;
	}
	fflush(NULL);
	switch (pid = fork()) {
	case -1:
		snprintf(err, errlen, "gnuplot %s: fork: %s", j->script,
		    strerror(errno));
		close_fds(ep, 2);
		close_fds(op, 2);
		return -1;
	case 0:
		child(j, op[1], ep[1]);
		break;
	default:
		close(ep[1]);
		if (op[1] != -1)
			close(op[1]);
	}
	late = drain(j, op[0], ep[0]);
	if (late)
		kill(pid, SIGKILL);
	close(ep[0]);
	if (op[0] != -1)
		close(op[0]);
	while (waitpid(pid, &j->status, 0) == -1 && errno == EINTR)
		;
	j->said[j->nsaid] = '\0';
	if (late) {
		snprintf(err, errlen, "gnuplot %s: no answer after %d s, stopped",
		    j->script, PLOT_TIMEOUT_MS / 1000);
		return -1;
	}
	if (WIFSIGNALED(j->status)) {
		snprintf(err, errlen, "gnuplot %s: killed by signal %d",
		    j->script, WTERMSIG(j->status));
		return -1;
	}
	return WEXITSTATUS(j->status) == 0 ? 0 : -1;
}

/*
 * The line of gnuplot's message worth quoting: the first naming a place
 * ('"drift.gp" line 12: warning: ...'), else the first that is not blank.
 * Its errors start with the offending command and a caret under it.
 */
static void
first_line(const char *said, char *line, size_t len)
{
	const char *pick = NULL, *s, *e;

	for (s = said; *s != '\0'; s = *e ? e + 1 : e) {
		e = s + strcspn(s, "\n");
		const char *p = s;
		while (p < e && strchr(" \t\r^", *p) != NULL)
			p++;
		if (p == e)
			continue;
		if (pick == NULL)
			pick = p;
		const char *at = strstr(p, "line ");
		if (at != NULL && at < e && at[5] >= '0' && at[5] <= '9') {
			pick = p;
			break;
		}
	}
	if (pick == NULL) {
		snprintf(line, len, "%s", "(a blank message)");
		return;
	}
	int n = (int)strcspn(pick, "\r\n");
	while (n > 0 && strchr(" \t", pick[n - 1]) != NULL)
		n--;
	snprintf(line, len, "%.*s", n, pick);
}

/* Run one script; then judge it: any word on stderr is a failure. */
static int
draw(struct job *j, char *err, size_t errlen)
{
	char line[300];
	int rc = run(j, err, errlen);

	if (j->nsaid > 0) {
		first_line(j->said, line, sizeof line);
		snprintf(err, errlen, "gnuplot %s: %s", j->script, line);
		return -1;
	}
	if (rc == 0)
		return 0;
	if (WIFEXITED(j->status) && WEXITSTATUS(j->status) != 0)
		snprintf(err, errlen, "gnuplot %s: exit %d", j->script,
		    WEXITSTATUS(j->status));
	return -1;
}

/*
 * Draw dir/NAME.EXT with NAME.gp: 0 when gnuplot said nothing and wrote
 * it. An image left by an earlier run goes first, so it cannot pass for
 * a new one.
 */
static int
draw_image(struct job *j, const char *name, const char *ext, char *err,
    size_t errlen)
{
	char path[PLOT_PATH_MAX];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s.%s", j->dir, name, ext);
	if (unlink(path) == -1 && errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (draw(j, err, errlen) == -1)
		return -1;
	if (stat(path, &st) == 0 && st.st_size > 0)
		return 0;
	snprintf(err, errlen, "gnuplot %s: wrote no %s.%s", j->script, name, ext);
	return -1;
}

static int
has_script(const char *file)
{
	for (size_t i = 0; i < gp_nscripts; i++)
		if (strcmp(gp_scripts[i].name, file) == 0)
			return 1;
	return 0;
}

/*
 * Every plot is tried, so one that fails leaves the others drawn; err
 * tells of the first failure.
 */
int
plot_render_set(const char *dir, const struct plot_set *set, int svg,
    char *err, size_t errlen)
{
	const char *ext = svg ? "svg" : "png";
	char prog[PLOT_PATH_MAX], setup[64], script[64], first[512] = "";
	struct job j;
	int rc;

	if ((rc = find_gnuplot(prog, sizeof prog, err, errlen)) != 0)
		return rc;
	snprintf(setup, sizeof setup, "term_kind='%s'", ext);
	for (size_t i = 0; i < set->count; i++) {
		snprintf(script, sizeof script, "%s%s.gp", set->prefix,
		    set->names[i]);
		j = (struct job){ .prog = prog, .dir = dir, .setup = setup,
		    .script = script };
		if (!has_script(script))
			snprintf(err, errlen, "%s: not compiled in", script);
		else if (draw_image(&j, set->names[i], ext, err, errlen) == 0)
			continue;
		if (first[0] == '\0')
			snprintf(first, sizeof first, "%s", err);
		rc = -1;
	}
	if (rc == -1)
		snprintf(err, errlen, "%s", first);
	return rc;
}

/* Columns and rows of the terminal out writes to, less one row for the prompt. */
static void
term_size(FILE *out, int *cols, int *rows)
{
	struct winsize ws;
	int fd = fileno(out);

	*cols = 100;
	*rows = 30;
	if (fd == -1 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) == -1 ||
	    ws.ws_col == 0 || ws.ws_row == 0)
		return;
	/* Smaller than this, gnuplot's text plot is unreadable anyway. */
	*cols = ws.ws_col < 40 ? 40 : ws.ws_col;
	*rows = ws.ws_row < 16 ? 15 : ws.ws_row - 1;
}

int
plot_term(const char *dir, const struct plot_set *set, FILE *out, char *err,
    size_t errlen)
{
	char prog[PLOT_PATH_MAX], setup[96], script[64];
	struct job j;
	int rc, cols, rows;

	if ((rc = find_gnuplot(prog, sizeof prog, err, errlen)) != 0)
		return rc;
	term_size(out, &cols, &rows);
	snprintf(setup, sizeof setup,
	    "term_kind='dumb'; term_cols=%d; term_rows=%d", cols, rows);
	snprintf(script, sizeof script, "%sdrift.gp", set->prefix);
	j = (struct job){ .prog = prog, .dir = dir, .setup = setup,
	    .script = script, .out = out };
	rc = draw(&j, err, errlen);
	fflush(out);
	return rc;
}

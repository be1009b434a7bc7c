/* tests/check_plot.c -- the gnuplot scripts draw clean images; gnuplot missing or failing is told */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <check.h>

#include "analysis/plot/gp_scripts.h"
#include "analysis/plot/plot.h"
#include "analysis/plot/style.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static FILE *
open_in(const char *dir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	return f;
}

/*
 * plotvars.gp and the series of a made-up run of n VMs over 10 model
 * seconds, in the formats `clockring analyze` writes: VM i ticks i + 1
 * times a second; VM 0, the slowest, drifts and queues up messages. With
 * dead, the last VM dies at 7 s: NaN from then on.
 */
static void
write_series(const char *dir, int n, int dead)
{
	FILE *c = open_in(dir, "clock.dat"), *d = open_in(dir, "drift.dat");
	FILE *q = open_in(dir, "queue.dat");

	fputs("# t", c), fputs("# t", d), fputs("# t", q);
	for (int i = 0; i < n; i++)
		fprintf(c, " vm%d", i), fprintf(d, " vm%d", i), fprintf(q, " vm%d", i);
	fputs("\n", c), fputs("\n", d), fputs("\n", q);
	for (int s = 0; s <= 20; s++) {
		double t = s * 0.5;
		int top = (int)(n * t);
		fprintf(c, "%.6f", t), fprintf(d, "%.6f", t), fprintf(q, "%.6f", t);
		for (int i = 0; i < n; i++) {
			int clock = (int)((i + 1) * t) + (i == 0 ? s / 4 * 3 : 0);
			if (dead && i == n - 1 && t > 7) {
				fputs(" NaN", c), fputs(" NaN", d), fputs(" NaN", q);
				continue;
			}
			fprintf(c, " %d", clock);
			fprintf(d, " %d", top > clock ? top - clock : 0);
			fprintf(q, " %d", i == 0 ? s / 3 : s % 2);
		}
		fputs("\n", c), fputs("\n", d), fputs("\n", q);
	}
	ck_assert_int_eq(fclose(c) | fclose(d) | fclose(q), 0);
}

/* jumps.dat: sizes 1, 2, 3 and 7, every VM with some ticks of 1. */
static void
write_jumps(const char *dir, int n)
{
	static const int sizes[] = { 1, 2, 3, 7 };
	FILE *f = open_in(dir, "jumps.dat");

	fputs("# size", f);
	for (int i = 0; i < n; i++)
		fprintf(f, " vm%d", i);
	fputs("\n", f);
	for (size_t k = 0; k < NELEM(sizes); k++) {
		fprintf(f, "%d", sizes[k]);
		for (int i = 0; i < n; i++)
			fprintf(f, " %d", k == 0 ? 10 * (i + 1) : i == 0 ? 5 - (int)k : 0);
		fputs("\n", f);
	}
	ck_assert_int_eq(fclose(f), 0);
}

/*
 * The window 2..6 s: each VM sends to the next and receives from the
 * previous; VM 0's last message is still pending at the end. With empty,
 * both files have their header only.
 */
static void
write_window(const char *dir, int n, int empty)
{
	FILE *m = open_in(dir, "messages.dat"), *e = open_in(dir, "events.dat");

	fputs("# t_send src t_recv dst pending lamport\n", m);
	fputs("# t vm kind lamport\n", e);
	for (int i = 0; i < n && !empty; i++) {
		double t = 2 + 0.3 * i;
		fprintf(m, "%.6f %d %.6f %d 0 %d\n", t, i, t + 0.7, (i + 1) % n,
		    i + 5);
		fprintf(e, "%.6f %d 1 %d\n%.6f %d 2 %d\n%.6f %d 0 %d\n", t, i,
		    i + 5, t + 0.7, (i + 1) % n, i + 6, t + 1.5, i, i + 7);
	}
	if (!empty)
		fputs("5.000000 0 10.000000 1 1 9\n", m);
	ck_assert_int_eq(fclose(m) | fclose(e), 0);
}

/*
 * causal.dat: a row per ring distance, fewer pairs ordered the farther
 * apart; with empty, the header only (no pair in the window).
 */
static void
write_causal(const char *dir, int n, int empty)
{
	FILE *f = open_in(dir, "causal.dat");

	fputs("# distance pairs ordered concurrent ranked ranked_concurrent "
	    "tied\n", f);
	for (int d = 0; d <= n / 2 && !empty; d++) {
		int pairs = 100, ordered = d == 0 ? 100 : 60 / d;
		fprintf(f, "%d %d %d %d %d %d %d\n", d, pairs, ordered,
		    pairs - ordered, pairs - d, pairs - ordered - d, d);
	}
	ck_assert_int_eq(fclose(f), 0);
}

/*
 * faults.dat: with faults, a kill at 7 s, a pause across the start of the
 * space-time window 2..6 and a slow link past its end; else the header.
 */
static void
write_faults(const char *dir, int n, int faults)
{
	FILE *f = open_in(dir, "faults.dat");

	fputs("# t_start t_end kind label\n", f);
	if (faults)
		fprintf(f, "7.000000 7.000000 kill \"kill %d\"\n"
		    "1.000000 3.500000 pause \"pause 0\"\n"
		    "5.500000 8.000000 slow \"slow 1->%d\"\n", n - 1, 2 % n);
	ck_assert_int_eq(fclose(f), 0);
}

/*
 * The run's numbers and look; with crowded, the window holds too many
 * events a lane for the Lamport labels; with empty, none.
 */
static void
write_plotvars(const char *dir, int n, int crowded, int empty)
{
	FILE *f = open_in(dir, "plotvars.gp");
	struct style_run look = { .nvms = (uint32_t)n, .clock_top = 40,
		.drift_top = 20, .queue_top = 6, .busiest = crowded ? 500 : 3,
		.max_lamport = 12, .win_t0 = 2, .win_t1 = 6 };

	fputs("# clockring analyze: the run's figures, for the plot scripts\n", f);
	fprintf(f, "N = %d\n", n);
	for (int i = 0; i < n; i++)
		fprintf(f, "rate%d = %d\n", i, i + 1);
	fputs("duration = 10.0\nt_end = 10.0\nstopped = \"\"\n"
	    "speed = 4.0\nseed = \"123\"\n"
	    "title_run = \"runs/a_b^c\"\nwin_t0 = 2.0\nwin_t1 = 6.0\n"
	    "max_jump = 7\ngrid = 21\n", f);
	fprintf(f, "hb_ok = 1\nhb_ticks = %d\nhb_cut = 0\nhb_t0 = 2.0\n"
	    "hb_t1 = 6.0\nhb_ranked_share = 0.6\nhb_why = \"\"\n",
	    empty ? 0 : crowded ? 3000 : 3 * n);
	style_write(f, &look);
	ck_assert_int_eq(fclose(f), 0);
}

/* The run plots' scripts as compiled in, as analyze puts them beside the data. */
static void
write_scripts(const char *dir)
{
	for (size_t i = 0; i < gp_nscripts; i++) {
		if (!plot_set_has(&plot_run_set, gp_scripts[i].name))
			continue;
		FILE *f = open_in(dir, gp_scripts[i].name);
		fputs(gp_scripts[i].text, f);
		ck_assert_int_eq(fclose(f), 0);
	}
}

/* A fresh directory holding everything `analyze` gives gnuplot. */
static void
make_crowded_run(char *dir, size_t len, int n, int empty_window, int faults,
    int crowded)
{
	rundir_make(dir, len);
	write_scripts(dir);
	write_plotvars(dir, n, crowded, empty_window);
	write_series(dir, n, faults);
	write_jumps(dir, n);
	write_window(dir, n, empty_window);
	write_causal(dir, n, empty_window);
	write_faults(dir, n, faults);
}

static void
make_run(char *dir, size_t len, int n, int empty_window, int faults)
{
	make_crowded_run(dir, len, n, empty_window, faults, 0);
}

static void
make_data(char *dir, size_t len, int n, int empty_window)
{
	make_run(dir, len, n, empty_window, 0);
}

/* The tests that need the real gnuplot must not meet a fake one. */
static void
real_gnuplot(void)
{
	ck_assert_int_eq(unsetenv("CLOCKRING_GNUPLOT"), 0);
}

/* dir/NAME.EXT begins with the bytes of its format. */
static void
expect_image(const char *dir, const char *name, const char *ext)
{
	static const char png[] = "\x89PNG\r\n\x1a\n";
	char path[512], head[256] = "";
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext);
	ck_assert_msg((f = fopen(path, "rb")) != NULL, "%s: not drawn", path);
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	if (strcmp(ext, "png") == 0) {
		ck_assert_msg(n > 8 && memcmp(head, png, 8) == 0,
		    "%s: no PNG signature", path);
	} else {
		ck_assert_msg(strncmp(head, "<?xml", 5) == 0 &&
		    strstr(head, "<svg") != NULL, "%s: not an SVG file", path);
	}
}

/* The runs every script is tried on: each picture's branches. */
static const struct {
	int n;			/* VMs */
	int empty_window;	/* no message and no tick to show */
	int svg;
	int faults;		/* markers, and a VM dead before the end */
	int crowded;		/* too many events a lane for labels */
} drawn[] = {
	{ 2, 0, 0, 0, 0 },
	{ 5, 0, 0, 0, 0 },
	{ 16, 0, 0, 0, 0 },	/* 16 colours, labels above the marks */
	{ 20, 0, 0, 0, 0 },	/* heat maps and a colour scale */
	{ 5, 0, 1, 0, 0 },
	{ 3, 1, 0, 0, 0 },
	{ 8, 0, 0, 0, 1 },	/* labels left out, and why */
	{ 2, 0, 0, 1, 0 },
	{ 5, 0, 0, 1, 0 },
	{ 20, 0, 0, 1, 0 },	/* a dead VM's row in the heat maps */
	{ 5, 0, 1, 1, 0 },
	{ 3, 1, 0, 1, 0 },
};

START_TEST(every_plot_is_drawn_without_warnings)
{
	const char *ext = drawn[_i].svg ? "svg" : "png";
	char dir[256], err[512] = "";

	real_gnuplot();
	make_crowded_run(dir, sizeof dir, drawn[_i].n, drawn[_i].empty_window,
	    drawn[_i].faults, drawn[_i].crowded);
	ck_assert_msg(plot_render_set(dir, &plot_run_set,
	    drawn[_i].svg, err, sizeof err) == 0,
	    "%d VMs, %s%s%s%s: %s", drawn[_i].n, ext,
	    drawn[_i].empty_window ? ", empty window" : "",
	    drawn[_i].faults ? ", faults" : "",
	    drawn[_i].crowded ? ", crowded" : "", err);
	for (size_t i = 0; i < plot_count; i++)
		expect_image(dir, plot_names[i], ext);
}
END_TEST

START_TEST(plot_names_are_the_six_plots_each_with_its_script)
{
	static const char *const want[] = { "clock", "drift", "jumps", "queue",
	    "spacetime", "causal" };
	char file[64];
	size_t found = 0;

	ck_assert_uint_eq(plot_count, NELEM(want));
	for (size_t i = 0; i < plot_count; i++) {
		ck_assert_str_eq(plot_names[i], want[i]);
		snprintf(file, sizeof file, "%s.gp", want[i]);
		for (size_t k = 0; k < gp_nscripts; k++)
			found += strcmp(gp_scripts[k].name, file) == 0;
	}
	ck_assert_uint_eq(found, plot_count);
}
END_TEST

/*
 * The scripts analyze writes are those the five plots draw and the
 * libraries they load; those of `clockring compare` (compare_*.gp) and
 * of a summary run (summary_*.gp) are not.
 */
START_TEST(run_scripts_are_the_plots_and_their_libraries)
{
	const struct plot_set *run = &plot_run_set;
	char name[64];
	size_t found = 0;

	ck_assert_uint_ge(gp_nscripts, plot_count + 3);
	for (size_t i = 0; i < gp_nscripts; i++) {
		int compare = strncmp(gp_scripts[i].name, "compare_", 8) == 0 ||
		    strncmp(gp_scripts[i].name, "summary_", 8) == 0;
		ck_assert_msg(plot_set_has(run, gp_scripts[i].name) == !compare,
		    "%s", gp_scripts[i].name);
		found += !compare;
	}
	for (size_t i = 0; i < plot_count; i++) {
		snprintf(name, sizeof name, "%s.gp", plot_names[i]);
		ck_assert(plot_set_has(run, name));
	}
	ck_assert(plot_set_has(run, "common.gp") && plot_set_has(run,
	    "look.gp") && plot_set_has(run, "faults.gp"));
	ck_assert_uint_eq(found, plot_count + 3);
}
END_TEST

/*
 * A summary run's plots are drawn by summary_NAME.gp into NAME.png, the
 * names the report links; they load summary_common.gp and look.gp, and
 * no script of a full run's plots.
 */
START_TEST(summary_scripts_draw_the_run_plot_names)
{
	const struct plot_set *sum = &plot_summary_set;

	for (size_t i = 0; i < sum->count; i++) {
		char name[64];
		snprintf(name, sizeof name, "summary_%s.gp", sum->names[i]);
		ck_assert_msg(plot_set_has(sum, name), "%s", name);
		ck_assert(!plot_set_has(sum, name + 8));
		ck_assert(!plot_set_has(&plot_run_set, name));
	}
	ck_assert(plot_set_has(sum, "summary_common.gp"));
	ck_assert(plot_set_has(sum, "look.gp"));
	ck_assert(!plot_set_has(sum, "common.gp"));
	ck_assert(!plot_set_has(sum, "summary_.gp"));
	ck_assert(!plot_set_has(sum, "summary_spacetime.gp"));
}
END_TEST

/* A plot's script is NAME.gp: not NAME, nor a name shorter than ".gp". */
START_TEST(a_set_has_only_its_plots_scripts_and_libraries)
{
	const struct plot_set *run = &plot_run_set;

	ck_assert(plot_set_has(run, "drift.gp"));
	ck_assert(!plot_set_has(run, "drift"));
	ck_assert(!plot_set_has(run, "drift.g"));
	ck_assert(!plot_set_has(run, "drift.gpx"));
	ck_assert(!plot_set_has(run, "drif.gp"));
	ck_assert(!plot_set_has(run, ".gp"));
	ck_assert(!plot_set_has(run, ""));
	ck_assert(!plot_set_has(run, "compare_drift.gp"));
	ck_assert(!plot_set_has(run, "plotvars.gp"));
}
END_TEST

/* `gnuplot drift.gp` in the directory, as a user would type it. */
static int
run_by_hand(const char *dir, const char *script)
{
	pid_t pid;
	int st;

	switch (pid = fork()) {
	case -1:
		return -1;
	case 0:
		if (chdir(dir) == 0)
			execlp("gnuplot", "gnuplot", script, (char *)NULL);
		_exit(127);
	default:
		if (waitpid(pid, &st, 0) == -1)
			return -1;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(a_script_run_by_hand_draws_a_png)
{
	char dir[256], err[512] = "";

	real_gnuplot();
	make_data(dir, sizeof dir, 3, 0);
	ck_assert_msg(plot_render_set(dir, &plot_run_set,
	    1, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(run_by_hand(dir, "drift.gp"), 0);
	expect_image(dir, "drift", "png");
}
END_TEST

static char *
slurp(const char *dir, const char *name, size_t *len)
{
	char path[512], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "rb"));
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_gt(n = ftell(f), 0);
	rewind(f);
	ck_assert_ptr_nonnull(buf = malloc((size_t)n));
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/*
 * A run without faults: each plot over model time is drawn to the same
 * bytes whether it loads faults.gp or an empty script in its place.
 */
START_TEST(without_faults_the_markers_change_not_a_pixel)
{
	static const char *const over_time[] = { "clock", "drift", "queue",
	    "spacetime" };
	char dir[256], err[512] = "", script[64], png[64], *with, *without;
	size_t n_with, n_without;

	real_gnuplot();
	make_data(dir, sizeof dir, 3, 0);
	ck_assert_msg(plot_render_set(dir, &plot_run_set,
	    0, err, sizeof err) == 0, "%s", err);
	for (size_t i = 0; i < NELEM(over_time); i++) {
		snprintf(script, sizeof script, "%s.gp", over_time[i]);
		snprintf(png, sizeof png, "%s.png", over_time[i]);
		ck_assert_int_eq(run_by_hand(dir, script), 0);
		with = slurp(dir, png, &n_with);
		rundir_write_raw(dir, "faults.gp", "", 0);
		ck_assert_int_eq(run_by_hand(dir, script), 0);
		without = slurp(dir, png, &n_without);
		ck_assert_msg(n_with == n_without &&
		    memcmp(with, without, n_with) == 0, "%s differs", png);
		free(with);
		free(without);
		make_data(dir, sizeof dir, 3, 0);
		ck_assert_msg(plot_render_set(dir, &plot_run_set,
		    0, err, sizeof err) == 0, "%s", err);
	}
}
END_TEST

START_TEST(a_directory_named_with_spaces_and_quotes_is_drawn)
{
	char dir[256], odd[512], err[512] = "";

	real_gnuplot();
	make_data(dir, sizeof dir, 2, 0);
	snprintf(odd, sizeof odd, "%s/it's a \"run\" $HOME;", rundir_base);
	ck_assert_int_eq(rename(dir, odd), 0);
	ck_assert_msg(plot_render_set(odd, &plot_run_set,
	    0, err, sizeof err) == 0, "%s", err);
	expect_image(odd, "spacetime", "png");
}
END_TEST

/* The dumb terminal frames the plot with +---+ corners and | sides. */
START_TEST(drift_plot_on_the_terminal_is_drawn_in_a_text_frame)
{
	char dir[256], err[512] = "", *text = NULL;
	size_t len = 0;
	FILE *out;

	real_gnuplot();
	make_data(dir, sizeof dir, 3, 0);
	ck_assert_ptr_nonnull(out = open_memstream(&text, &len));
	ck_assert_msg(plot_term(dir, &plot_run_set, out, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_ptr_nonnull(strstr(text, "+-----"));
	ck_assert_ptr_nonnull(strstr(text, "-----+"));
	ck_assert_ptr_nonnull(strstr(text, "|"));
	ck_assert_ptr_nonnull(strstr(text, "Drift"));
	ck_assert_ptr_nonnull(strstr(text, "VM 0 (1 tick/s)"));
	ck_assert_ptr_null(strchr(text, '\f'));
	/* Not a terminal: 30 rows of 100 columns. */
	int rows = 0;
	for (char *line = text, *nl; (nl = strchr(line, '\n')) != NULL;
	    line = nl + 1, rows++)
		ck_assert_int_le(nl - line, 100);
	ck_assert_int_eq(rows, 30);
	free(text);
}
END_TEST

/*
 * On a text screen the markers keep their words, "->" included, between
 * the title and the frame; the lines show, the bands (no shades in text)
 * do not.
 */
START_TEST(drift_plot_on_the_terminal_names_the_faults)
{
	char dir[256], err[512] = "", *text = NULL;
	size_t len = 0;
	FILE *out;

	real_gnuplot();
	make_run(dir, sizeof dir, 3, 0, 1);
	ck_assert_ptr_nonnull(out = open_memstream(&text, &len));
	ck_assert_msg(plot_term(dir, &plot_run_set, out, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_msg(strstr(text, "kill 2") != NULL &&
	    strstr(text, "pause 0") != NULL &&
	    strstr(text, "slow 1->2") != NULL, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "Drift"));
	free(text);
}
END_TEST

/* What arrives on a pseudo-terminal's master within a moment, as text. */
static size_t
read_master(int fd, char *buf, size_t len)
{
	struct pollfd p = { fd, POLLIN, 0 };
	size_t n = 0;
	ssize_t r;

	while (n < len - 1 && poll(&p, 1, 500) == 1 &&
	    (r = read(fd, buf + n, len - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return n;
}

/* On a terminal of 72 columns and 20 rows: 19 rows, a line left for the prompt. */
START_TEST(drift_plot_on_a_terminal_fits_its_size)
{
	struct winsize ws = { .ws_row = 20, .ws_col = 72 };
	char dir[256], err[512] = "", text[8192];
	struct termios t;
	int master, slave, rows = 0;
	FILE *out;

	real_gnuplot();
	make_data(dir, sizeof dir, 3, 0);
	ck_assert_int_ge(master = posix_openpt(O_RDWR | O_NOCTTY), 0);
	ck_assert_int_eq(grantpt(master) | unlockpt(master), 0);
	ck_assert_int_ge(slave = open(ptsname(master), O_RDWR | O_NOCTTY), 0);
	ck_assert_int_eq(ioctl(slave, TIOCSWINSZ, &ws), 0);
	ck_assert_int_eq(tcgetattr(slave, &t), 0);
	t.c_oflag &= ~(tcflag_t)OPOST;	/* '\n' stays '\n' */
	ck_assert_int_eq(tcsetattr(slave, TCSANOW, &t), 0);
	ck_assert_ptr_nonnull(out = fdopen(slave, "w"));
	ck_assert_msg(plot_term(dir, &plot_run_set, out, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_gt(read_master(master, text, sizeof text), 0);
	fclose(out);
	close(master);
	for (char *line = text, *nl; (nl = strchr(line, '\n')) != NULL;
	    line = nl + 1, rows++)
		ck_assert_int_le(nl - line, 72);
	ck_assert_int_eq(rows, 19);
	ck_assert_ptr_nonnull(strstr(text, "-----+"));
}
END_TEST

START_TEST(missing_gnuplot_is_told_with_the_install_command)
{
	char dir[256], err[512] = "";

	make_data(dir, sizeof dir, 2, 0);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
	ck_assert_int_eq(plot_render_set(dir, &plot_run_set,
	    0, err, sizeof err), 1);
	ck_assert_str_eq(err, "CLOCKRING_GNUPLOT '/nonexistent': not found: "
	    "plots not drawn (install gnuplot: sudo apt-get install gnuplot-nox)");
	ck_assert_int_eq(plot_term(dir, &plot_run_set, stdout, err, sizeof err), 1);
	ck_assert_ptr_nonnull(strstr(err, "sudo apt-get install gnuplot-nox"));
}
END_TEST

START_TEST(gnuplot_not_on_the_path_is_told_in_one_line)
{
	char dir[256], err[512] = "";

	make_data(dir, sizeof dir, 2, 0);
	real_gnuplot();
	ck_assert_int_eq(setenv("PATH", dir, 1), 0);	/* holds no gnuplot */
	ck_assert_int_eq(plot_render_set(dir, &plot_run_set,
	    0, err, sizeof err), 1);
	ck_assert_str_eq(err, "gnuplot not found: plots not drawn "
	    "(install it: sudo apt-get install gnuplot-nox)");
}
END_TEST

/* A fake gnuplot: a shell script of body, named by CLOCKRING_GNUPLOT. */
static void
fake_gnuplot(const char *dir, const char *body)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/fake-gnuplot", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fprintf(f, "#!/bin/sh\n%s\n", body);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, 0755), 0);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", path, 1), 0);
}

/* Fake gnuplots that fail, and how plot_render_set must tell of each. */
static const struct {
	const char *body;	/* of the fake's shell script */
	int svg;
	const char *err;
} failing[] = {
	/* It draws and exits 0, but warns: that is a failure too. */
	{ "for a; do f=$a; done\necho x > \"${f%.gp}.png\"\n"
	    "echo 'warning: x' >&2", 0,
	    "gnuplot clock.gp: warning: x" },
	/* Errors come after the command and a caret: quote the line with the place. */
	{ "printf '\\nplot y\\n     ^\\n\"clock.gp\" line 3: "
	    "undefined variable: y\\n\\n' >&2\nexit 1", 0,
	    "gnuplot clock.gp: \"clock.gp\" line 3: undefined variable: y" },
	{ "exit 3", 0, "gnuplot clock.gp: exit 3" },
	{ "exit 0", 1, "gnuplot clock.gp: wrote no clock.svg" },
};

START_TEST(failing_gnuplot_is_told_naming_the_script)
{
	char dir[256], err[512] = "";

	make_data(dir, sizeof dir, 2, 0);
	fake_gnuplot(dir, failing[_i].body);
	ck_assert_int_eq(plot_render_set(dir, &plot_run_set,
	    failing[_i].svg, err, sizeof err), -1);
	ck_assert_str_eq(err, failing[_i].err);
}
END_TEST

/* An image from an earlier run does not pass for a new one. */
START_TEST(gnuplot_drawing_nothing_over_an_old_image_is_a_failure)
{
	char dir[256], err[512] = "";

	make_data(dir, sizeof dir, 2, 0);
	rundir_write_raw(dir, "clock.png", "\x89PNG\r\n\x1a\n", 8);
	fake_gnuplot(dir, "exit 0");
	ck_assert_int_eq(plot_render_set(dir, &plot_run_set,
	    0, err, sizeof err), -1);
	ck_assert_str_eq(err, "gnuplot clock.gp: wrote no clock.png");
}
END_TEST

START_TEST(gnuplot_warning_on_the_terminal_plot_is_a_failure)
{
	char dir[256], err[512] = "";

	make_data(dir, sizeof dir, 2, 0);
	fake_gnuplot(dir, failing[0].body);
	ck_assert_int_eq(plot_term(dir, &plot_run_set, stdout, err, sizeof err), -1);
	ck_assert_str_eq(err, "gnuplot drift.gp: warning: x");
}
END_TEST

/* gnuplot runs in the data directory, given the terminal and the script. */
START_TEST(gnuplot_is_given_the_terminal_and_runs_in_the_data_directory)
{
	char dir[256], err[512] = "", path[512], line[512];
	FILE *f;

	make_data(dir, sizeof dir, 2, 0);
	fake_gnuplot(dir, "echo \"$PWD|$*\" >> calls\n"
	    "for a; do f=$a; done\necho x > \"${f%.gp}.svg\"");
	ck_assert_msg(plot_render_set(dir, &plot_run_set,
	    1, err, sizeof err) == 0, "%s", err);
	snprintf(path, sizeof path, "%s/calls", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	for (size_t i = 0; i < plot_count; i++) {
		char want[600];
		snprintf(want, sizeof want, "%s|-d -e term_kind='svg' %s.gp\n",
		    dir, plot_names[i]);
		ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
		ck_assert_str_eq(line, want);
	}
	ck_assert_ptr_null(fgets(line, sizeof line, f));
	fclose(f);
}
END_TEST

Suite *
make_plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *draw = tcase_create("drawn by gnuplot");
	TCase *fail = tcase_create("gnuplot missing or failing");

	/* Each test starts gnuplot up to six times. */
	tcase_set_timeout(draw, 120);
	tcase_add_unchecked_fixture(draw, rundir_setup, rundir_teardown);
	tcase_add_loop_test(draw, every_plot_is_drawn_without_warnings, 0,
	    (int)NELEM(drawn));
	tcase_add_test(draw, plot_names_are_the_six_plots_each_with_its_script);
	tcase_add_test(draw, run_scripts_are_the_plots_and_their_libraries);
	tcase_add_test(draw, summary_scripts_draw_the_run_plot_names);
	tcase_add_test(draw, a_set_has_only_its_plots_scripts_and_libraries);
	tcase_add_test(draw, a_script_run_by_hand_draws_a_png);
	tcase_add_test(draw, without_faults_the_markers_change_not_a_pixel);
	tcase_add_test(draw, a_directory_named_with_spaces_and_quotes_is_drawn);
	tcase_add_test(draw, drift_plot_on_the_terminal_is_drawn_in_a_text_frame);
	tcase_add_test(draw, drift_plot_on_the_terminal_names_the_faults);
	tcase_add_test(draw, drift_plot_on_a_terminal_fits_its_size);
	suite_add_tcase(s, draw);

	tcase_set_timeout(fail, 30);
	tcase_add_unchecked_fixture(fail, rundir_setup, rundir_teardown);
	tcase_add_test(fail, missing_gnuplot_is_told_with_the_install_command);
	tcase_add_test(fail, gnuplot_not_on_the_path_is_told_in_one_line);
	tcase_add_loop_test(fail, failing_gnuplot_is_told_naming_the_script, 0,
	    (int)NELEM(failing));
	tcase_add_test(fail, gnuplot_drawing_nothing_over_an_old_image_is_a_failure);
	tcase_add_test(fail, gnuplot_warning_on_the_terminal_plot_is_a_failure);
	tcase_add_test(fail, gnuplot_is_given_the_terminal_and_runs_in_the_data_directory);
	suite_add_tcase(s, fail);
	return s;
}

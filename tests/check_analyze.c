/* tests/check_analyze.c -- `clockring analyze`: its files, its output, bad input */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "tests/anarun.h"
#include "tests/suites.h"

static const char *const outputs[] = {
	"summary.txt", "summary.csv", "plotvars.gp", "clock.dat", "drift.dat",
	"queue.dat", "jumps.dat", "messages.dat", "events.dat", "faults.dat",
};

/* Nothing but the given names in dir: no analysis, no temporary dir. */
static void
expect_only(const char *dir, const char *const *names, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		int known = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0;
		for (size_t i = 0; i < n && !known; i++)
			known = strcmp(e->d_name, names[i]) == 0;
		ck_assert_msg(known, "%s: unexpected '%s'", dir, e->d_name);
	}
	closedir(d);
}

static const char *const run_files[] = {
	"run.meta", "vm0.csv", "vm1.csv", "vm2.csv",
};

/* The error output is one line: "clockring: analyze: " and want in it. */
static void
expect_one_line(const char *err, const char *want)
{
	ck_assert_msg(strncmp(err, "clockring: analyze: ", 20) == 0 &&
	    strstr(err, want) != NULL && strchr(err, '\n') ==
	    err + strlen(err) - 1, "stderr '%s' lacks '%s'", err, want);
}

/* analyze ARG DIR: it must exit rc with one error line holding want. */
static void
expect_error(int rc, const char *arg, const char *dir, const char *want)
{
	char *out, *err;

	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", arg, dir,
	    (const char *)NULL), rc);
	ck_assert_str_eq(out, "");
	expect_one_line(err, want);
	free(out);
	free(err);
}

START_TEST(analyzing_twice_gives_byte_identical_files)
{
	char dir[256], *first[NELEM(outputs)];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	for (size_t i = 0; i < NELEM(outputs); i++)
		first[i] = anarun_output(dir, outputs[i]);
	anarun_ok(dir);
	for (size_t i = 0; i < NELEM(outputs); i++) {
		char *again = anarun_output(dir, outputs[i]);
		ck_assert_msg(strcmp(first[i], again) == 0, "%s differs",
		    outputs[i]);
		free(again);
		free(first[i]);
	}
}
END_TEST

/*
 * A run without faults reads exactly as it did before format 2: no
 * column, line or finding about faults. Happened-before, by hand from
 * the vectors of tests/check_vclock.c: of the 91 pairs of 14 ticks, the
 * 35 within a VM are ordered, and 23 across: vm0 seq 0 before vm1 seq 3
 * and vm2 seq 3..7 (6), vm1 seq 0 and 1 before vm2 seq 4..7 (8), vm2 seq
 * 0..2 before vm0 seq 1 and vm1 seq 3 (6), vm2 seq 3..5 before vm1 seq 3
 * (3); 33 concurrent. Equal clocks: 1 (vm0, vm1, vm2 seq 0: 3 pairs),
 * 2, 3, 4 and 7 (a pair each), all concurrent: 7 tied, so Lamport order
 * ranks 84, of them 26 concurrent (31.0%).
 */
static const char runa_summary[] =
	    "seed 42: 3 VMs for 2 model seconds at speed 1, draw_max 10\n"
	    "run complete, passes check\n"
	    "\n"
	    "events and clocks\n"
	    " vm  rate    ticks internal    send    recv pending msgs_out    clock\n"
	    "  0     1        2        0       1       1       2        1        4\n"
	    "  1     2        4        2       1       1       0        2        7\n"
	    "  2     4        8        4       2       2       0        3        8\n"
	    "all             14        6       4       4       2        6        8\n"
	    "\n"
	    "clock jumps (how much one tick raised a clock) and drift (how far a clock\n"
	    "was behind the highest one)\n"
	    "    --------------- jumps ---------------   --------- drift ----------\n"
	    " vm  over 1    mean  median    p95    max        max     mean    final\n"
	    "  0       1    2.00       1      3      3          4     2.00        4\n"
	    "  1       1    1.75       1      4      4          3     1.25        1\n"
	    "  2       0    1.00       1      1      1          0     0.00        0\n"
	    "\n"
	    "queue length (messages waiting after a tick) and message delay (send to\n"
	    "receipt)\n"
	    "    ---- queue -----   - delay (ticks) -   - delay (model s) -\n"
	    " vm     max     mean       mean      max        mean       max\n"
	    "  0       1     0.50       0.50     0.50      0.5000    0.5000\n"
	    "  1       0     0.00       0.50     0.50      0.2500    0.2500\n"
	    "  2       1     0.12       2.50     3.00      0.6250    0.7500\n"
	    "\n"
	    "links, one per direction (delays in the receiver's ticks)\n"
	    "------------- messages --------------   - delay (ticks) -\n"
	    "link           sent received  pending       mean      max\n"
	    "  0 -> 1          0        0        0          -        -\n"
	    "  0 -> 2          1        1        0       3.00     3.00\n"
	    "  1 -> 2          1        1        0       2.00     2.00\n"
	    "  1 -> 0          1        0        1          -        -\n"
	    "  2 -> 0          2        1        1       0.50     0.50\n"
	    "  2 -> 1          1        1        0       0.50     0.50\n"
	    "\n"
	    "happened-before in the space-time diagram's window (vector clocks rebuilt\n"
	    "from the messages): every pair of its 14 ticks, those of\n"
	    "0 to 2 model seconds\n"
	    "pairs of ticks                                               91  100.0%\n"
	    "  causally ordered: one could affect the other               58   63.7%\n"
	    "  concurrent: neither could affect the other                 33   36.3%\n"
	    "    yet Lamport order puts one first                         26   28.6%\n"
	    "    of equal Lamport clocks                                   7    7.7%\n"
	    "Lamport order ranks 84 of the pairs: 31.0% of those are concurrent.\n"
	    "\n"
	    "by ring distance between the two ticks' VMs (0: the same VM, always ordered)\n"
	    "distance          pairs  concurrent    Lamport-ranked ones\n"
	    "       0             35        0.0%                   0.0%\n"
	    "       1             56       58.9%                  53.1%\n"
	    "\n"
	    "findings\n"
	    "- VM 0 (rate 1) drifted most: up to 4 ticks behind the highest clock, 2.00 on\n"
	    "  average, 4 at the end; its queue reached 1.\n"
	    "- VM 2 (rate 4) ended with the highest clock, 8; the lowest was VM 0's, 4.\n"
	    "- The largest clock jump was 4, at VM 1; 2 of 14 ticks (14.3%) raised a clock\n"
	    "  by more than 1.\n"
	    "- Of 84 pairs of events Lamport order ranks (the ticks of 0 to 2 s), 31% are\n"
	    "  concurrent: neither could have affected the other.\n"
	    "- VM 0's queue was the longest: 0.50 messages on average, at most 1.\n"
	    "- Messages to VM 2 waited longest: 2.50 of its ticks on average (0.6250 model\n"
	    "  seconds), at most 3.00.\n"
	    "- 2 messages were still waiting at the end (pending), all for VM 0.\n";

START_TEST(summary_txt_without_faults_reads_as_before_format_2)
{
	char dir[256], want[sizeof runa_summary + 300], *text;

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = anarun_output(dir, "summary.txt");
	snprintf(want, sizeof want, "clockring analysis of %s\n%s", dir,
	    runa_summary);
	ck_assert_str_eq(text, want);
	free(text);
}
END_TEST

/*
 * summary.csv keeps every column where it was, so readers of older files
 * read newer ones; format 2's come after them, and format 3's after those,
 * then happened-before's, each pair at the lower VM of its two ticks (by
 * hand: vm0 has its own pair and those with vm1 and vm2, 1 + 8 + 16 = 25,
 * ordered 1 + 1 + 8, tied 3 of the 7; vm1 its 6 and those with vm2, 32,
 * ordered 6 + 14, tied 4; vm2 its 28, all ordered).
 */
START_TEST(summary_csv_adds_columns_only_at_the_end)
{
	char dir[256], *text;

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = anarun_output(dir, "summary.csv");
	ck_assert_str_eq(text, "vm,rate,ticks,internal,send,recv,pending,"
	    "msgs_out,msgs_to_next,msgs_to_prev,recv_from_prev,recv_from_next,"
	    "final_clock,jumps_over_1,jump_mean,jump_median,jump_p95,jump_max,"
	    "drift_max,drift_mean,drift_final,queue_max,queue_mean,"
	    "delay_mean_ticks,delay_max_ticks,delay_mean_s,delay_max_s,"
	    "peer_down,drop,lost_out,lost_in,dropped_in,died,alive_until_s,loss,"
	    "hb_ticks,hb_pairs,hb_ordered,hb_lamport_ranked,hb_ranked_concurrent\n"
	    "0,1,2,0,1,1,2,1,0,1,1,0,4,1,2.0000,1,3,3,4,2.0000,4,1,0.5000,"
	    "0.5000,0.5000,0.5000,0.5000,0,0,0,0,0,0,2.0000,0,2,25,10,22,12\n"
	    "1,2,4,2,1,1,0,2,1,1,0,1,7,1,1.7500,1,4,4,3,1.2500,1,0,0.0000,"
	    "0.5000,0.5000,0.2500,0.2500,0,0,0,0,0,0,2.0000,0,4,38,20,34,14\n"
	    "2,4,8,4,2,2,0,3,2,1,1,1,8,0,1.0000,1,1,1,0,0.0000,0,1,0.1250,"
	    "2.5000,3.0000,0.6250,0.7500,0,0,0,0,0,0,2.0000,0,8,28,28,28,0\n");
	free(text);
}
END_TEST

START_TEST(summary_is_printed_as_written_with_the_paths)
{
	char dir[256], want[512], *out, *err, *text;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 0);
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strncmp(out, text, strlen(text)) == 0, "stdout:\n%s", out);
	snprintf(want, sizeof want, "\nnumbers: %s/analysis/summary.txt, "
	    "summary.csv\n", dir);
	ck_assert_str_eq(out + strlen(text), want);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_nonnull(strstr(text, "seed 42: 3 VMs for 2 model seconds "
	    "at speed 1, draw_max 10\nrun complete, passes check\n"));
	free(text);
	free(out);
	free(err);
}
END_TEST

START_TEST(summary_tables_fit_an_80_column_terminal)
{
	char dir[256], *text, *line;

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = anarun_output(dir, "summary.txt");
	for (line = text; *line != '\0';) {
		size_t n = strcspn(line, "\n");
		/* The title names the run dir, which may be long itself. */
		ck_assert_msg(n <= 80 || line == text, "%zu columns: %.*s", n,
		    (int)n, line);
		line += n + (line[n] == '\n');
	}
	free(text);
}
END_TEST

START_TEST(quiet_prints_nothing)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", "--no-plots", dir,
	    (const char *)NULL), 0);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(help_prints_the_usage_and_exits_0)
{
	char *out, *err;

	ck_assert_int_eq(anarun_analyze(&out, &err, "--help",
	    (const char *)NULL), 0);
	ck_assert(strncmp(out, "usage: clockring analyze ", 25) == 0);
	ck_assert_ptr_nonnull(strstr(out, "--window T0:T1"));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(missing_run_dir_is_bad_usage)
{
	char dir[256], gone[300];

	rundir_make(dir, sizeof dir);
	snprintf(gone, sizeof gone, "%s/nothing", dir);
	expect_error(2, "--quiet", gone, "nothing': No such file or directory");
}
END_TEST

START_TEST(directory_without_run_meta_is_bad_usage)
{
	char dir[256];

	rundir_make(dir, sizeof dir);
	expect_error(2, "--quiet", dir, "no run.meta (not a run directory?)");
	expect_only(dir, NULL, 0);
}
END_TEST

START_TEST(plain_file_is_not_a_run_directory)
{
	char dir[256], file[300];

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	snprintf(file, sizeof file, "%s/vm0.csv", dir);
	expect_error(2, "--quiet", file, "vm0.csv': not a directory");
}
END_TEST

START_TEST(no_run_dir_is_bad_usage)
{
	char *out, *err;

	ck_assert_int_eq(anarun_analyze(&out, &err, "--svg",
	    (const char *)NULL), 2);
	expect_one_line(err, "no run directory given (see 'clockring analyze "
	    "--help')");
	free(out);
	free(err);
}
END_TEST

START_TEST(unknown_option_is_bad_usage_and_nothing_is_written)
{
	char dir[256];

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	expect_error(2, "--colour", dir, "unknown option '--colour'");
	expect_only(dir, run_files, NELEM(run_files));
}
END_TEST

START_TEST(bad_window_values_are_bad_usage)
{
	static const char *const bad[] = {
		"5", "2:1", "1:1", "-1:2", "a:b", ":", "1:", ":2", "nan:1",
		"0:inf", "0x1:2", " 1:2", "1:2:3", "1e999:1e1000",
	};
	char dir[256], arg[64];

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	for (size_t i = 0; i < NELEM(bad); i++) {
		snprintf(arg, sizeof arg, "--window=%s", bad[i]);
		expect_error(2, arg, dir, "--window '");
	}
	expect_only(dir, run_files, NELEM(run_files));
}
END_TEST

START_TEST(window_without_its_value_is_bad_usage)
{
	char *out, *err;

	ck_assert_int_eq(anarun_analyze(&out, &err, "--window",
	    (const char *)NULL), 2);
	expect_one_line(err, "--window: needs T0:T1");
	free(out);
	free(err);
}
END_TEST

/* VM 1's second INTERNAL raises its clock by 2: one clock-step violation. */
static const struct rundir_edit bad_step[] = {
	{ "vm1.csv", 4, "1,2,INTERNAL," W(1000000000) ",4,0,,," },
};

START_TEST(run_failing_check_is_refused_and_nothing_is_written)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), bad_step,
	    NELEM(bad_step));
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 1);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(err, "vm1.csv:4: clock-step: "));
	ck_assert_ptr_nonnull(strstr(err, "fail: "));
	ck_assert_ptr_nonnull(strstr(err, "\nclockring: analyze: "));
	ck_assert_ptr_nonnull(strstr(err, " fails check: not analyzed "
	    "(--no-check analyzes it anyway)\n"));
	expect_only(dir, run_files, NELEM(run_files));
	free(out);
	free(err);
}
END_TEST

START_TEST(no_check_analyzes_a_failing_run_and_says_so)
{
	char dir[256], *text;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), bad_step,
	    NELEM(bad_step));
	{
		char *out, *err;
		ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet",
		    "--no-plots", "--no-check", dir, (const char *)NULL), 0);
		free(out);
		free(err);
	}
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strstr(text, "\nrun complete, FAILS CHECK\n") != NULL &&
	    strstr(text, "!! THIS RUN FAILS `clockring check`: 1 violation "
	    "(clock-step).\n") != NULL, "%s", text);
	free(text);
	text = anarun_output(dir, "plotvars.gp");
	ck_assert_ptr_nonnull(strstr(text, "\ncheck_ok = 0\n"));
	free(text);
	/* The broken clock is analyzed as logged: jumps 1, 1, 2, 3. */
	anarun_expect_row(dir, 1, "jumps_over_1=2 final_clock=7 jump_max=3");
}
END_TEST

static const char truncated[] = LOGLINE_HEADER "\n"
    "1,0,INTERNAL," W(0000000000) ",1,0,,,\n"
    "1,1,SEND," W(0500000000) ",2,0,2|0,,\n"
    "1,2,INTERNAL," W(1000000000) ",3,0";

START_TEST(truncated_log_is_a_bad_run_even_with_no_check)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	rundir_write_raw(dir, "vm1.csv", truncated, sizeof truncated - 1);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "vm1.csv:4: columns: no newline"));
	free(out);
	free(err);
	expect_error(1, "--no-check", dir, "vm1.csv:4: no newline at end of "
	    "file (truncated?)");
	expect_only(dir, run_files, NELEM(run_files));
}
END_TEST

/*
 * The statistics stop at vm1's torn line, but check reads on: its report
 * still names vm2's broken clock, further on in the stream.
 */
START_TEST(check_report_is_whole_past_a_torn_log)
{
	static const struct rundir_edit e[] = {
		{ "vm2.csv", 8, "2,6,INTERNAL," W(1500000000) ",9,0,,," },
	};
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), e, NELEM(e));
	rundir_write_raw(dir, "vm1.csv", truncated, sizeof truncated - 1);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "vm1.csv:4: columns: no newline"));
	ck_assert_ptr_nonnull(strstr(err, "vm2.csv:8: clock-step: INTERNAL "
	    "takes lamport from 6 to 9, expected 7"));
	ck_assert_ptr_nonnull(strstr(err, " fails check: not analyzed "));
	free(out);
	free(err);
	expect_only(dir, run_files, NELEM(run_files));
}
END_TEST

START_TEST(missing_log_is_a_bad_run_even_with_no_check)
{
	char dir[256], path[300], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	snprintf(path, sizeof path, "%s/vm2.csv", dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", dir,
	    (const char *)NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "vm2.csv: files: missing"));
	free(out);
	free(err);
	expect_error(1, "--no-check", dir, "vm2.csv: No such file or directory");
	expect_only(dir, run_files, NELEM(run_files) - 1);
}
END_TEST

/*
 * An older analysis/: a summary.csv of its own, which tells whether it
 * was replaced, and a file analyze does not write, which must stay.
 */
static void
old_analysis(const char *dir)
{
	static const char *const marker[] = { "old" };
	char sub[300];

	snprintf(sub, sizeof sub, "%s/analysis", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	rundir_write(sub, "marker", marker, 1);
	rundir_write(sub, "summary.csv", marker, 1);
}

static int
old_summary(const char *dir)
{
	char *csv = anarun_output(dir, "summary.csv");
	int old = strcmp(csv, "old\n") == 0;

	free(csv);
	return old;
}

static int
has_marker(const char *dir)
{
	char path[300];
	struct stat st;

	snprintf(path, sizeof path, "%s/analysis/marker", dir);
	return stat(path, &st) == 0;
}

static const char *const with_analysis[] = { "run.meta", "vm0.csv",
	"vm1.csv", "vm2.csv", "analysis" };

START_TEST(earlier_analysis_is_replaced_only_on_success)
{
	char dir[256], *out, *err, *csv;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), bad_step,
	    NELEM(bad_step));
	old_analysis(dir);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", "--no-plots",
	    dir, (const char *)NULL), 1);
	free(out);
	free(err);
	ck_assert(has_marker(dir) && old_summary(dir));
	expect_only(dir, with_analysis, NELEM(with_analysis));
	/*
	 * Repaired, the run is analyzed: the old analysis's files are
	 * replaced, and the file analyze does not write stays.
	 */
	rundir_write(dir, "vm1.csv", runa_vm1, NELEM(runa_vm1));
	anarun_ok(dir);
	ck_assert(has_marker(dir) && !old_summary(dir));
	csv = anarun_output(dir, "summary.txt");
	free(csv);
	expect_only(dir, with_analysis, NELEM(with_analysis));
}
END_TEST

/*
 * An analysis killed half-way (pid 999999999 cannot be alive) left its
 * temporary dir in analysis/: the next analysis removes it, even when
 * drawing then fails, and leaves the older files as they were.
 */
START_TEST(leftovers_of_a_killed_analysis_are_cleared)
{
	static const char *const marker[] = { "old" };
	static const char *const left[] = { "marker", "summary.csv" };
	char dir[256], sub[300], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	old_analysis(dir);
	snprintf(sub, sizeof sub, "%s/analysis/.analysis.tmp-999999999", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	rundir_write(sub, "clock.dat", marker, 1);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/bin/false", 1), 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", dir,
	    (const char *)NULL), 1);
	ck_assert(has_marker(dir) && old_summary(dir));
	expect_only(dir, with_analysis, NELEM(with_analysis));
	snprintf(sub, sizeof sub, "%s/analysis", dir);
	expect_only(sub, left, NELEM(left));
	free(out);
	free(err);
}
END_TEST

START_TEST(without_gnuplot_the_numbers_are_written_and_it_says_so)
{
	char dir[256], *out, *err, *csv;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent/gnuplot", 1),
	    0);
	ck_assert_int_eq(anarun_analyze(&out, &err, dir, (const char *)NULL),
	    0);
	expect_one_line(err, "gnuplot");
	ck_assert_ptr_null(strstr(out, "plots:"));
	csv = anarun_output(dir, "summary.csv");
	free(csv);
	free(out);
	free(err);
}
END_TEST

START_TEST(gnuplot_failing_keeps_the_earlier_analysis)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	old_analysis(dir);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/bin/false", 1), 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", dir,
	    (const char *)NULL), 1);
	expect_one_line(err, "gnuplot");
	ck_assert(has_marker(dir) && old_summary(dir));
	expect_only(dir, with_analysis, NELEM(with_analysis));
	free(out);
	free(err);
}
END_TEST

START_TEST(bad_usage_anywhere_analyzes_no_run)
{
	char good[256], gone[300], *out, *err;

	rundir_make_run(good, sizeof good, run_a, NELEM(run_a), NULL, 0);
	snprintf(gone, sizeof gone, "%s/nothing", good);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", good, gone,
	    (const char *)NULL), 2);
	expect_one_line(err, "No such file or directory");
	expect_only(good, run_files, NELEM(run_files));
	free(out);
	free(err);
}
END_TEST

START_TEST(a_bad_run_does_not_stop_the_others)
{
	char bad[256], good[256], *out, *err, *csv;

	rundir_make_run(bad, sizeof bad, run_a, NELEM(run_a), bad_step,
	    NELEM(bad_step));
	rundir_make_run(good, sizeof good, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", "--no-plots",
	    bad, good, (const char *)NULL), 1);
	expect_only(bad, run_files, NELEM(run_files));
	csv = anarun_output(good, "summary.csv");
	free(csv);
	free(out);
	free(err);
}
END_TEST

START_TEST(run_dir_is_named_without_trailing_slashes)
{
	char dir[256], slashed[300], *out, *err, *vars;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	snprintf(slashed, sizeof slashed, "%s//", dir);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", slashed,
	    (const char *)NULL), 0);
	ck_assert_ptr_null(strstr(out, "//"));
	vars = anarun_output(dir, "plotvars.gp");
	ck_assert_ptr_null(strstr(vars, "//"));
	free(vars);
	free(out);
	free(err);
}
END_TEST

Suite *
make_analyze_suite(void)
{
	Suite *s = suite_create("analyze");
	TCase *ok = tcase_create("analysis written");
	TCase *bad = tcase_create("bad input");

	tcase_add_unchecked_fixture(ok, rundir_setup, rundir_teardown);
	tcase_add_test(ok, analyzing_twice_gives_byte_identical_files);
	tcase_add_test(ok, summary_txt_without_faults_reads_as_before_format_2);
	tcase_add_test(ok, summary_csv_adds_columns_only_at_the_end);
	tcase_add_test(ok, summary_is_printed_as_written_with_the_paths);
	tcase_add_test(ok, summary_tables_fit_an_80_column_terminal);
	tcase_add_test(ok, quiet_prints_nothing);
	tcase_add_test(ok, help_prints_the_usage_and_exits_0);
	tcase_add_test(ok, no_check_analyzes_a_failing_run_and_says_so);
	tcase_add_test(ok, earlier_analysis_is_replaced_only_on_success);
	tcase_add_test(ok, without_gnuplot_the_numbers_are_written_and_it_says_so);
	tcase_add_test(ok, a_bad_run_does_not_stop_the_others);
	tcase_add_test(ok, run_dir_is_named_without_trailing_slashes);
	suite_add_tcase(s, ok);

	tcase_add_unchecked_fixture(bad, rundir_setup, rundir_teardown);
	tcase_add_test(bad, missing_run_dir_is_bad_usage);
	tcase_add_test(bad, directory_without_run_meta_is_bad_usage);
	tcase_add_test(bad, plain_file_is_not_a_run_directory);
	tcase_add_test(bad, no_run_dir_is_bad_usage);
	tcase_add_test(bad, unknown_option_is_bad_usage_and_nothing_is_written);
	tcase_add_test(bad, bad_window_values_are_bad_usage);
	tcase_add_test(bad, window_without_its_value_is_bad_usage);
	tcase_add_test(bad, run_failing_check_is_refused_and_nothing_is_written);
	tcase_add_test(bad, truncated_log_is_a_bad_run_even_with_no_check);
	tcase_add_test(bad, check_report_is_whole_past_a_torn_log);
	tcase_add_test(bad, missing_log_is_a_bad_run_even_with_no_check);
	tcase_add_test(bad, gnuplot_failing_keeps_the_earlier_analysis);
	tcase_add_test(bad, leftovers_of_a_killed_analysis_are_cleared);
	tcase_add_test(bad, bad_usage_anywhere_analyzes_no_run);
	suite_add_tcase(s, bad);
	return s;
}

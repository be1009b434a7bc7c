/* tests/check_stats.c -- the statistics of hand-made runs, worked out by hand */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/stats/hist.h"
#include "analysis/stats/summary.h"
#include "tests/anarun.h"
#include "tests/suites.h"

/*
 * Run A (tests/anarun.h), worked out by hand. Model time = wall offset,
 * in quarters of a second q0 = [0, .25), q1 = [.25, .5), ... q7 = [1.75, 2].
 *
 * Clocks after each tick (L: lamport; jump: rise over the previous line):
 *   VM 0 (rate 1): t0 SEND L1 (jump 1); t1 RECV mA max(1, 3) + 1 = L4 (3)
 *   VM 1 (rate 2): t0 L1, t.5 L2, t1 L3, t1.5 RECV mC max(3, 6) + 1 = L7 (4)
 *   VM 2 (rate 4): L1, 2, ... 8, one per quarter: every jump 1 (its RECVs
 *                  take mI with L1 and mD with L2 while its clock is higher)
 *
 *   quarter   q0 q1 q2 q3 q4 q5 q6 q7
 *   L0         1  1  1  1  4  4  4  4
 *   L1         1  1  2  2  3  3  7  7
 *   L2 = M     1  2  3  4  5  6  7  8   (VM 2 is always highest)
 *   drift0     0  1  2  3  1  2  3  4   sum 16: mean 16 * .25 / 2 = 2.0
 *   drift1     0  1  1  2  2  3  0  1   sum 10: mean 10 * .25 / 2 = 1.25
 *   drift2     0  0  0  0  0  0  0  0
 *
 * drift0: max 4, final 4. drift1: max 3, reached in q5, just before its
 * RECV at 1.5; final 1. drift2 stays 0 although at t = 0 VM 0's first tick
 * raises M to 1 before VM 1's and VM 2's ticks of the same instant: a
 * value held for no time is no drift.
 *
 * Jumps: VM 0 {1, 3}: 1 over 1, mean 2, median (rank 1 of 2) 1, p95 (rank
 * 2) 3, max 3. VM 1 {1, 1, 1, 4}: 1 over 1, mean 1.75, median (rank 2) 1,
 * p95 (rank 4) 4, max 4. VM 2: eight 1s.
 *
 * Queues after ticks: VM 0 0 then 1 at t1 (mG waits): 1 over [1, 2], mean
 * 1 * 1 / 2 = 0.5. VM 2: 1 after its RECV at .75 (mD waits) until 1.0:
 * mean 1 * .25 / 2 = 0.125. VM 1: always 0.
 *
 * Delays (RECV only): VM 0 mA .5 -> 1: 0.5 s = 0.5 ticks at rate 1.
 * VM 1 mC 1.25 -> 1.5: 0.25 s = 0.5 ticks at rate 2. VM 2 mI 0 -> .75:
 * 0.75 s = 3 ticks at rate 4, mD .5 -> 1: 0.5 s = 2 ticks; mean 0.625 s
 * = 2.5 ticks, max 0.75 s = 3 ticks.
 */

START_TEST(run_a_counts_events_and_messages_per_link)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	/* VM 0 sends mI to its prev (2), takes mA from prev, mG (from next,
	 * 1) and mB stay pending: received counts RECV lines only. */
	anarun_expect_row(dir, 0, "rate=1 ticks=2 internal=0 send=1 recv=1 "
	    "pending=2 msgs_out=1 msgs_to_next=0 msgs_to_prev=1 "
	    "recv_from_prev=1 recv_from_next=0 final_clock=4");
	/* VM 1 sends both ways at once: one SEND, two messages. */
	anarun_expect_row(dir, 1, "rate=2 ticks=4 internal=2 send=1 recv=1 "
	    "pending=0 msgs_out=2 msgs_to_next=1 msgs_to_prev=1 "
	    "recv_from_prev=0 recv_from_next=1 final_clock=7");
	anarun_expect_row(dir, 2, "rate=4 ticks=8 internal=4 send=2 recv=2 "
	    "pending=0 msgs_out=3 msgs_to_next=2 msgs_to_prev=1 "
	    "recv_from_prev=1 recv_from_next=1 final_clock=8");
}
END_TEST

START_TEST(run_a_jump_sizes_are_counted_exactly)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	anarun_expect_row(dir, 0, "jumps_over_1=1 jump_mean=2.0000 "
	    "jump_median=1 jump_p95=3 jump_max=3");
	anarun_expect_row(dir, 1, "jumps_over_1=1 jump_mean=1.7500 "
	    "jump_median=1 jump_p95=4 jump_max=4");
	anarun_expect_row(dir, 2, "jumps_over_1=0 jump_mean=1.0000 "
	    "jump_median=1 jump_p95=1 jump_max=1");
}
END_TEST

START_TEST(run_a_drift_max_mean_and_final_are_exact)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	anarun_expect_row(dir, 0, "drift_max=4 drift_mean=2.0000 drift_final=4");
	anarun_expect_row(dir, 1, "drift_max=3 drift_mean=1.2500 drift_final=1");
	anarun_expect_row(dir, 2, "drift_max=0 drift_mean=0.0000 drift_final=0");
}
END_TEST

START_TEST(run_a_queue_means_are_time_weighted)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	anarun_expect_row(dir, 0, "queue_max=1 queue_mean=0.5000");
	anarun_expect_row(dir, 1, "queue_max=0 queue_mean=0.0000");
	anarun_expect_row(dir, 2, "queue_max=1 queue_mean=0.1250");
}
END_TEST

START_TEST(run_a_delays_in_ticks_and_model_seconds_are_exact)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	anarun_expect_row(dir, 0, "delay_mean_ticks=0.5000 "
	    "delay_max_ticks=0.5000 delay_mean_s=0.5000 delay_max_s=0.5000");
	anarun_expect_row(dir, 1, "delay_mean_ticks=0.5000 "
	    "delay_max_ticks=0.5000 delay_mean_s=0.2500 delay_max_s=0.2500");
	anarun_expect_row(dir, 2, "delay_mean_ticks=2.5000 "
	    "delay_max_ticks=3.0000 delay_mean_s=0.6250 delay_max_s=0.7500");
}
END_TEST

/*
 * Run B: 2 VMs at speed 4 for 2 model seconds, rates 1 and 2. A model
 * second is 250 ms of wall time: VM 0 ticks at wall +0 and +250 ms (model
 * 0 and 1), VM 1 every 125 ms (model 0, .5, 1, 1.5). VM 0 sends m1 at 0,
 * VM 1 takes it at .5 and sends m2 at 1 and m3 at 1.5, both pending.
 * With 2 VMs next and prev are the same peer: every message counts as
 * "next". m1's delay: 0.5 model s (0.125 wall s), 1 tick at rate 2.
 *   half-second   h0 h1 h2 h3
 *   L0             1  1  2  2
 *   L1 = M         1  2  3  4
 *   drift0         0  1  1  2   mean (0 + 1 + 1 + 2) * .5 / 2 = 1.0
 */
static const char *const runb_meta[] = {
	"format=1", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=7", "vms=2", "duration_s=2", "speed=4", "draw_max=10",
	"rate_min=1", "rate_max=2", "vm0.rate=1", "vm1.rate=2",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(0500000000),
	"vm0.exit=ok", "vm1.exit=ok", "status=complete",
};

static const char *const runb_vm0[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000000000) ",1,0,1,,",
	"0,1,INTERNAL," W(0250000000) ",2,0,,,",
	"0,2,PENDING," W(0500005000) ",2,1,1,2,3",
	"0,3,PENDING," W(0500006000) ",2,0,1,3,4",
};

static const char *const runb_vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0000000000) ",1,0,,,",
	"1,1,RECV," W(0125000000) ",2,0,0,0,1",
	"1,2,SEND," W(0250000000) ",3,0,0,,",
	"1,3,SEND," W(0375000000) ",4,0,0,,",
};

static const struct rundir_file run_b[] = {
	{ "run.meta", runb_meta, NELEM(runb_meta) },
	{ "vm0.csv", runb_vm0, NELEM(runb_vm0) },
	{ "vm1.csv", runb_vm1, NELEM(runb_vm1) },
};

START_TEST(two_vm_run_counts_its_one_link_under_next_and_scales_time_by_speed)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_b, NELEM(run_b), NULL, 0);
	anarun_expect_row(dir, 0, "ticks=2 internal=1 send=1 recv=0 pending=2 "
	    "msgs_out=1 msgs_to_next=1 msgs_to_prev=0 recv_from_prev=0 "
	    "recv_from_next=0 final_clock=2 drift_max=2 drift_mean=1.0000 "
	    "drift_final=2 delay_mean_s=0.0000 delay_max_ticks=0.0000");
	anarun_expect_row(dir, 1, "ticks=4 internal=1 send=2 recv=1 pending=0 "
	    "msgs_out=2 msgs_to_next=2 msgs_to_prev=0 recv_from_prev=0 "
	    "recv_from_next=1 final_clock=4 drift_max=0 drift_mean=0.0000 "
	    "delay_mean_ticks=1.0000 delay_max_ticks=1.0000 "
	    "delay_mean_s=0.5000 delay_max_s=0.5000");
}
END_TEST

/*
 * Run A with VM 2's wall clock 0.6 s ahead (another host): its ticks are
 * logged 0.6 s late, steadily, which check accepts. VM 0 now logs taking
 * mA (1.0) before VM 2 logs sending it (0.5 + 0.6 = 1.1), and VM 1 takes
 * mC (1.5) before it was "sent" (1.25 + 0.6 = 1.85): the receipts wait
 * for their sends and still pair up in order.
 *   VM 0: mA 1.1 -> 1.0: -0.1 s, -0.1 ticks at rate 1
 *   VM 1: mC 1.85 -> 1.5: -0.35 s, -0.7 ticks at rate 2
 *   VM 2: mI 0 -> 1.35: 1.35 s = 5.4 ticks; mD 0.5 -> 1.6: 1.1 s = 4.4;
 *         mean 1.225 s = 4.9 ticks, max 1.35 s = 5.4 ticks
 */
static const struct rundir_edit skew[] = {
	{ "vm2.csv", 2, "2,0,INTERNAL," W(0600000000) ",1,0,,," },
	{ "vm2.csv", 3, "2,1,INTERNAL," W(0850000000) ",2,0,,," },
	{ "vm2.csv", 4, "2,2,SEND," W(1100000000) ",3,0,0,," },
	{ "vm2.csv", 5, "2,3,RECV," W(1350000000) ",4,1,0,0,1" },
	{ "vm2.csv", 6, "2,4,RECV," W(1600000000) ",5,0,1,1,2" },
	{ "vm2.csv", 7, "2,5,SEND," W(1850000000) ",6,0,0|1,," },
	{ "vm2.csv", 8, "2,6,INTERNAL," W(2100000000) ",7,0,,," },
	{ "vm2.csv", 9, "2,7,INTERNAL," W(2350000000) ",8,0,,," },
};

START_TEST(receipt_logged_before_its_send_by_a_skewed_clock_still_matches)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), skew, NELEM(skew));
	anarun_expect_row(dir, 0, "recv_from_prev=1 delay_mean_s=-0.1000 "
	    "delay_max_s=-0.1000 delay_mean_ticks=-0.1000");
	anarun_expect_row(dir, 1, "recv_from_next=1 delay_mean_s=-0.3500 "
	    "delay_max_ticks=-0.7000");
	anarun_expect_row(dir, 2, "delay_mean_s=1.2250 delay_max_s=1.3500 "
	    "delay_mean_ticks=4.9000 delay_max_ticks=5.4000");
}
END_TEST

/* Row k of a series file: its header is line 1, sample k line k + 2. */
static void
expect_sample(const char *dir, const char *name, unsigned k, const char *want)
{
	char *text = anarun_output(dir, name), *line = text;

	for (unsigned i = 0; i <= k; i++) {
		line = strchr(line, '\n');
		ck_assert_ptr_nonnull(line);
		line++;
	}
	ck_assert_msg(strncmp(line, want, strlen(want)) == 0 &&
	    line[strlen(want)] == '\n', "%s sample %u: '%.40s', expected "
	    "'%s'", name, k, line, want);
	free(text);
}

/*
 * 2001 samples, t_k = k * 2 / 2000 = k ms; a sample holds every step
 * function after all events at or before its time (from the table above).
 */
START_TEST(series_sample_each_step_function_after_the_events_at_that_time)
{
	char dir[256], *text;
	size_t lines = 0;

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = anarun_output(dir, "clock.dat");
	for (char *p = text; *p != '\0'; p++)
		lines += *p == '\n';
	ck_assert_uint_eq(lines, 1 + 2001);
	ck_assert(strncmp(text, "# t vm0 vm1 vm2\n", 16) == 0);
	free(text);
	expect_sample(dir, "clock.dat", 0, "0.000000 1 1 1");
	expect_sample(dir, "clock.dat", 999, "0.999000 1 2 4");
	expect_sample(dir, "clock.dat", 1000, "1.000000 4 3 5");
	expect_sample(dir, "clock.dat", 2000, "2.000000 4 7 8");
	expect_sample(dir, "drift.dat", 1499, "1.499000 2 3 0");
	expect_sample(dir, "drift.dat", 1500, "1.500000 3 0 0");
	expect_sample(dir, "queue.dat", 749, "0.749000 0 0 0");
	expect_sample(dir, "queue.dat", 750, "0.750000 0 0 1");
	expect_sample(dir, "queue.dat", 1000, "1.000000 1 0 0");
}
END_TEST

static void
expect_output(const char *dir, const char *name, const char *want)
{
	char *text = anarun_output(dir, name);

	ck_assert_msg(strcmp(text, want) == 0, "%s:\n%s\nexpected:\n%s", name,
	    text, want);
	free(text);
}

/* plotvars.gp: the run's figures (want), then the look with lines look. */
static void
expect_plotvars(const char *dir, const char *want, const char *look)
{
	char *text = anarun_output(dir, "plotvars.gp");
	const char *head = "# the look (analysis/plot/style.c)";

	ck_assert_msg(strncmp(text, want, strlen(want)) == 0 &&
	    strncmp(text + strlen(want), head, strlen(head)) == 0,
	    "plotvars.gp:\n%s\nexpected to start:\n%s%s", text, want, head);
	ck_assert_msg(strstr(text, look) != NULL,
	    "plotvars.gp:\n%s\nexpected in it:\n%s", text, look);
	free(text);
}

START_TEST(jumps_dat_has_a_row_per_size_some_vm_made)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	/* No VM jumped by 2: that size has no row. */
	expect_output(dir, "jumps.dat", "# size vm0 vm1 vm2\n"
	    "1 1 3 8\n3 1 0 0\n4 0 1 0\n");
}
END_TEST

/*
 * The default window is [0, min(duration, 10)] = [0, 2]: every message,
 * in the order the stream completes them (pending ones at the end, their
 * t_recv the end of the run), and every tick.
 */
START_TEST(messages_and_events_of_the_default_window_are_listed)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	expect_output(dir, "messages.dat", "# t_send src t_recv dst pending "
	    "lamport\n"
	    "0.000000 0 0.750000 2 0 1\n"		/* mI */
	    "0.500000 2 1.000000 0 0 3\n"		/* mA */
	    "0.500000 1 1.000000 2 0 2\n"		/* mD */
	    "1.250000 2 1.500000 1 0 6\n"		/* mC */
	    "0.500000 1 2.000000 0 1 2\n"		/* mG */
	    "1.250000 2 2.000000 0 1 6\n");	/* mB */
	expect_output(dir, "events.dat", "# t vm kind lamport\n"
	    "0.000000 0 1 1\n0.000000 1 0 1\n0.000000 2 0 1\n"
	    "0.250000 2 0 2\n0.500000 1 1 2\n0.500000 2 1 3\n"
	    "0.750000 2 2 4\n1.000000 0 2 4\n1.000000 1 0 3\n"
	    "1.000000 2 2 5\n1.250000 2 1 6\n1.500000 1 2 7\n"
	    "1.500000 2 0 7\n1.750000 2 0 8\n");
}
END_TEST

/* [0.6, 1.2]: messages sent by 1.2 and taken at or after 0.6 (mC and mB
 * are sent at 1.25); ticks from 0.6 to 1.2. */
START_TEST(window_option_keeps_what_overlaps_it)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", "--no-plots",
	    "--window", "0.6:1.2", dir, (const char *)NULL), 0);
	free(out);
	free(err);
	expect_output(dir, "messages.dat", "# t_send src t_recv dst pending "
	    "lamport\n"
	    "0.000000 0 0.750000 2 0 1\n0.500000 2 1.000000 0 0 3\n"
	    "0.500000 1 1.000000 2 0 2\n0.500000 1 2.000000 0 1 2\n");
	expect_output(dir, "events.dat", "# t vm kind lamport\n"
	    "0.750000 2 2 4\n1.000000 0 2 4\n1.000000 1 0 3\n"
	    "1.000000 2 2 5\n");
}
END_TEST

START_TEST(plotvars_gp_holds_the_run_figures)
{
	char dir[256], want[1024];

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	snprintf(want, sizeof want,
	    "# clockring analyze: the run's figures, for the plot scripts\n"
	    "N = 3\nrate0 = 1\nrate1 = 2\nrate2 = 4\nduration = 2.0\n"
	    "t_end = 2.0\nstopped = \"\"\nspeed = 1.0\nseed = \"42\"\ntitle_run = \"%s\"\nwin_t0 = 0.0\n"
	    "win_t1 = 2.0\nmax_jump = 4\n"
	    "# samples in clock.dat, drift.dat and queue.dat\ngrid = 2001\n"
	    "check_ok = 1\n"
	    "# happened-before: the ticks of hb_t0..hb_t1 (causal.dat)\n"
	    "hb_ok = 1\nhb_ticks = 14\nhb_cut = 0\nhb_t0 = 0.0\nhb_t1 = 2.0\n"
	    "hb_ranked_share = 0.309524\nhb_why = \"\"\n", dir);	/* 26 / 84 */
	/* Highest clock 8, drift 4, queue 1: steps of 1. VM 2's 8 ticks
	 * crowd the window most, clocks of one digit: 3 lanes fit two rows
	 * of 71 labels (995 / (8 + 6) pixels), and the messages'. */
	expect_plotvars(dir, want, "heat = 0\n");
	expect_plotvars(dir, want, "\nclock_tic = 1\ndrift_tic = 1\n"
	    "queue_tic = 1\nvm_tic = 1\n");
	expect_plotvars(dir, want, "\nlabel_rows = 2\nlabel_messages = 1\n"
	    "label_limit = 142\nlabel_busiest = 8\n");
}
END_TEST

START_TEST(summary_txt_names_the_vm_that_drifted_most)
{
	char dir[256], *text;

	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = anarun_output(dir, "summary.txt");
	ck_assert_msg(strstr(text, "- VM 0 (rate 1) drifted most: up to 4 "
	    "ticks behind the highest clock, 2.00 on\n  average, 4 at the end; "
	    "its queue reached 1.\n") != NULL, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "- The largest clock jump was 4, "
	    "at VM 1;"));
	free(text);
}
END_TEST

/*
 * Run F: run A's shape with a fault, 3 VMs at speed 1 for 2 model seconds,
 * rates 2, 2 and 4; VM 2 is killed at 1.2 s, after its tick at 1.0.
 *   m1 0->2 seq 0, L1: 0.00 -> 0.25    m2 2->0 seq 4, L5: 1.00 -> 1.50
 *   m3 1->2 seq 2, L3: 1.00 -> lost    m4 1->0 seq 4, L4: 1.50 -> pending
 * VM 0 and VM 1 find VM 2 down at 1.2 (PEER_DOWN); VM 1's SEND to both at
 * 1.5 carries m4 and drops its copy for VM 2 (DROP). Neither line is a
 * tick, and VM 0's PEER_DOWN (queue 1: m2 waits) is no queue length.
 *
 *   time       0  .25  .5  .75  1.0 | (1.0, 1.5)  [1.5, 2]
 *   L0         1   1    2   2    3  |    3          6
 *   L1         1   1    2   2    3  |    3          4
 *   L2         1   2    3   4    5  |  dead
 *   M          1   2    3   4   (5) |    3          6
 *   drift0     0   1    1   2    -  |    0          0    area 1: mean 0.5
 *   drift1     0   1    1   2    -  |    0          2    area 2: mean 1.0
 * Without VM 2's death M would stay 5 after 1.0. VM 2 is judged over its
 * life, [0, 1]: always the highest clock, drift 0.
 */
static const char *const runf_meta[] = {
	"format=2", "version=0.2.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=3", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=2", "rate_max=4", "vm0.rate=2", "vm1.rate=2", "vm2.rate=4",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001", "vm2.port=40002",
	"on_failure=continue", "faults=1", "fault0=kill:2@1.2",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(2000000000),
	"vm0.exit=ok", "vm1.exit=ok", "vm2.exit=killed", "status=complete",
};

static const char *const runf_vm0[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000000000) ",1,0,2,,",		/* m1 */
	"0,1,INTERNAL," W(0500000000) ",2,0,,,",
	"0,2,INTERNAL," W(1000000000) ",3,0,,,",
	"0,3,PEER_DOWN," W(1200000000) ",3,1,2,,",
	"0,4,RECV," W(1500000000) ",6,0,2,4,5",		/* m2 */
	"0,5,PENDING," W(2000005000) ",6,0,1,4,4",	/* m4 */
};

static const char *const runf_vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0000000000) ",1,0,,,",
	"1,1,INTERNAL," W(0500000000) ",2,0,,,",
	"1,2,SEND," W(1000000000) ",3,0,2,,",		/* m3 */
	"1,3,PEER_DOWN," W(1200000000) ",3,0,2,,",
	"1,4,SEND," W(1500000000) ",4,0,2|0,,",		/* dropped, m4 */
	"1,5,DROP," W(1500000000) ",4,0,2,4,4",
};

static const char *const runf_vm2[] = {
	LOGLINE_HEADER,
	"2,0,INTERNAL," W(0000000000) ",1,0,,,",
	"2,1,RECV," W(0250000000) ",2,0,0,0,1",		/* m1 */
	"2,2,INTERNAL," W(0500000000) ",3,0,,,",
	"2,3,INTERNAL," W(0750000000) ",4,0,,,",
	"2,4,SEND," W(1000000000) ",5,0,0,,",		/* m2 */
};

static const struct rundir_file run_f[] = {
	{ "run.meta", runf_meta, NELEM(runf_meta) },
	{ "vm0.csv", runf_vm0, NELEM(runf_vm0) },
	{ "vm1.csv", runf_vm1, NELEM(runf_vm1) },
	{ "vm2.csv", runf_vm2, NELEM(runf_vm2) },
};

/* Run F (with edits) analyzed without check, which refuses it for now. */
static void
faulted(char *dir, size_t len, const struct rundir_edit *edits,
    size_t nedits)
{
	char *out, *err;
	int rc;

	rundir_make_run(dir, len, run_f, NELEM(run_f), edits, nedits);
	rc = anarun_analyze(&out, &err, "--quiet", "--no-plots", "--no-check",
	    dir, (const char *)NULL);
	ck_assert_msg(rc == 0, "analyze exited %d: %s", rc, err);
	free(out);
	free(err);
}

START_TEST(peer_down_and_drop_are_counted_but_are_no_ticks)
{
	char dir[256];

	faulted(dir, sizeof dir, NULL, 0);
	anarun_expect_row(dir, 0, "ticks=4 internal=2 send=1 recv=1 pending=1 "
	    "peer_down=1 drop=0 queue_max=0");
	anarun_expect_row(dir, 1, "ticks=4 internal=2 send=2 recv=0 pending=0 "
	    "peer_down=1 drop=1 jumps_over_1=0 jump_max=1");
	anarun_expect_row(dir, 2, "ticks=5 internal=3 send=1 recv=1 pending=0 "
	    "peer_down=0 drop=0");
}
END_TEST

/* sent = received + pending + lost on each link; dropped were not sent. */
START_TEST(dropped_and_lost_messages_are_told_apart)
{
	char dir[256];

	faulted(dir, sizeof dir, NULL, 0);
	anarun_expect_row(dir, 0, "msgs_out=1 msgs_to_next=0 msgs_to_prev=1 "
	    "recv_from_prev=1 lost_out=0 lost_in=0 dropped_in=0");
	anarun_expect_row(dir, 1, "msgs_out=2 msgs_to_next=1 msgs_to_prev=1 "
	    "lost_out=1 lost_in=0 dropped_in=0");
	anarun_expect_row(dir, 2, "msgs_out=1 msgs_to_next=1 recv_from_next=1 "
	    "lost_out=0 lost_in=1 dropped_in=1");
	expect_output(dir, "messages.dat", "# t_send src t_recv dst pending "
	    "lamport\n"
	    "0.000000 0 0.250000 2 0 1\n"		/* m1 */
	    "1.000000 2 1.500000 0 0 5\n"		/* m2 */
	    "1.500000 1 2.000000 0 1 4\n"		/* m4 */
	    "1.000000 1 2.000000 2 2 3\n");	/* m3, lost */
}
END_TEST

START_TEST(a_dead_vm_leaves_the_highest_clock_when_it_dies)
{
	char dir[256];

	faulted(dir, sizeof dir, NULL, 0);
	anarun_expect_row(dir, 0, "drift_max=2 drift_mean=0.5000 drift_final=0 "
	    "final_clock=6 died=0 alive_until_s=2.0000");
	anarun_expect_row(dir, 1, "drift_max=2 drift_mean=1.0000 drift_final=2 "
	    "final_clock=4 died=0 alive_until_s=2.0000");
	anarun_expect_row(dir, 2, "drift_max=0 drift_mean=0.0000 drift_final=0 "
	    "final_clock=5 queue_mean=0.0000 died=1 alive_until_s=1.0000 "
	    "delay_mean_ticks=1.0000");
}
END_TEST

/* A sample at the instant of its last line still has it; later ones not. */
START_TEST(a_dead_vm_series_end_at_its_last_line)
{
	char dir[256];

	faulted(dir, sizeof dir, NULL, 0);
	expect_sample(dir, "clock.dat", 999, "0.999000 2 2 4");
	expect_sample(dir, "clock.dat", 1000, "1.000000 3 3 5");
	expect_sample(dir, "clock.dat", 1001, "1.001000 3 3 NaN");
	expect_sample(dir, "clock.dat", 2000, "2.000000 6 4 NaN");
	expect_sample(dir, "drift.dat", 1000, "1.000000 2 2 0");
	expect_sample(dir, "drift.dat", 1001, "1.001000 0 0 NaN");
	expect_sample(dir, "drift.dat", 1500, "1.500000 0 2 NaN");
	expect_sample(dir, "queue.dat", 1001, "1.001000 0 0 NaN");
	/* Ticks only: no PEER_DOWN at 1.2, no DROP at 1.5. */
	expect_output(dir, "events.dat", "# t vm kind lamport\n"
	    "0.000000 0 1 1\n0.000000 1 0 1\n0.000000 2 0 1\n"
	    "0.250000 2 2 2\n0.500000 0 0 2\n0.500000 1 0 2\n"
	    "0.500000 2 0 3\n0.750000 2 0 4\n1.000000 0 0 3\n"
	    "1.000000 1 1 3\n1.000000 2 1 5\n1.500000 0 2 6\n"
	    "1.500000 1 1 4\n");
}
END_TEST

/*
 * Killed before its first line, VM 2 is dead from the start (m1 to it is
 * lost; VM 0's receipt of m2, never sent, matches nothing).
 */
START_TEST(a_vm_killed_before_any_line_is_dead_from_the_start)
{
	static const struct rundir_edit silent[] = {
		{ "vm2.csv", 2, NULL }, { "vm2.csv", 3, NULL },
		{ "vm2.csv", 4, NULL }, { "vm2.csv", 5, NULL },
		{ "vm2.csv", 6, NULL },
	};
	char dir[256];

	faulted(dir, sizeof dir, silent, NELEM(silent));
	anarun_expect_row(dir, 2, "ticks=0 died=1 alive_until_s=0.0000 "
	    "lost_in=2 drift_max=0");
	expect_sample(dir, "clock.dat", 0, "0.000000 1 1 NaN");
	expect_sample(dir, "drift.dat", 0, "0.000000 0 0 NaN");
}
END_TEST

/* A VM that ended by a signal or in error died as one killed by a fault. */
static const char *const died_how[] = { "vm2.exit=signal 9", "vm2.exit=error" };

START_TEST(a_vm_ended_by_a_signal_or_an_error_dies_too)
{
	const struct rundir_edit ended[] = {
		{ "run.meta", 19, "faults=0" }, { "run.meta", 20, NULL },
		{ "run.meta", 25, died_how[_i] },
	};
	char dir[256];

	faulted(dir, sizeof dir, ended, NELEM(ended));
	anarun_expect_row(dir, 2, "died=1 alive_until_s=1.0000");
	anarun_expect_row(dir, 0, "drift_mean=0.5000");
	expect_output(dir, "faults.dat", "# t_start t_end kind label\n");
}
END_TEST

static void
expect_in(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "no '%s' in:\n%s", want,
	    text);
}

START_TEST(summary_txt_tells_of_faults_in_its_tables_and_findings)
{
	char dir[256], *text, *line;

	faulted(dir, sizeof dir, NULL, 0);
	text = anarun_output(dir, "summary.txt");
	expect_in(text, "\nfaults injected: kill:2@1.2\n");
	expect_in(text, "\n vm  rate    ticks internal    send    recv pending "
	    "msgs_out dropped    clock\n"
	    "  0     2        4        2       1       1       1        1"
	    "       0        6\n"
	    "  1     2        4        2       2       0       0        2"
	    "       1        4\n");
	expect_in(text, "\nlink           sent received  pending  dropped     "
	    "lost       mean      max\n");
	expect_in(text, "\n  1 -> 2          1        0        0        1"
	    "        1          -        -\n");
	expect_in(text, "\n- VM 2 was killed at 1.2 s; its log ends at 1.00 s. "
	    "1 message sent to it was\n  lost with it, and its neighbours "
	    "dropped 1 message to it, knowing it was\n  down.\n");
	for (line = text; *line != '\0';) {
		size_t n = strcspn(line, "\n");
		/* Check's verdict is one line, however long. */
		ck_assert_msg(n <= 80 || line == text ||
		    strncmp(line, "!! THIS RUN FAILS", 17) == 0,
		    "%zu columns: %.*s", n, (int)n, line);
		line += n + (line[n] == '\n');
	}
	free(text);
}
END_TEST

/*
 * faults.dat marks each fault of run.meta on the plots over model time:
 * its span (a kill has none), its kind and a short label.
 */
START_TEST(faults_dat_lists_each_fault_for_the_plots)
{
	static const struct rundir_edit more[] = {
		{ "run.meta", 19, "faults=5" },
		{ "run.meta", 20, "fault0=kill:2@1.2\nfault1=pause:1@0.5+0.25\n"
		    "fault2=slow:0->1@1+0.5:200ms\nfault3=pause:0@0.125+0.1\n"
		    "fault4=slow:1->2@0.2+0.3:50ms" },
	};
	char dir[256], *text;

	faulted(dir, sizeof dir, NULL, 0);
	expect_output(dir, "faults.dat", "# t_start t_end kind label\n"
	    "1.200000 1.200000 kill \"kill 2\"\n");
	faulted(dir, sizeof dir, more, NELEM(more));
	expect_output(dir, "faults.dat", "# t_start t_end kind label\n"
	    "1.200000 1.200000 kill \"kill 2\"\n"
	    "0.500000 0.750000 pause \"pause 1\"\n"
	    "1.000000 1.500000 slow \"slow 0->1\"\n"
	    "0.125000 0.225000 pause \"pause 0\"\n"
	    "0.200000 0.500000 slow \"slow 1->2\"\n");
	/* summary.txt lists them too, wrapped as the findings are. */
	text = anarun_output(dir, "summary.txt");
	expect_in(text, "\nfaults injected: kill:2@1.2, pause:1@0.5+0.25, "
	    "slow:0->1@1+0.5:200ms,\n  pause:0@0.125+0.1, "
	    "slow:1->2@0.2+0.3:50ms\n");
	free(text);
	/* Without faults: the header alone. */
	anarun_analyzed(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	expect_output(dir, "faults.dat", "# t_start t_end kind label\n");
}
END_TEST

/*
 * Run S: 2 VMs at speed 1 planned for 8 model seconds, rates 1 and 4,
 * interrupted: VM 1 ticks last at 2.25, VM 0 logs its one pending
 * message at 2.5 as it shuts down, and nothing is logged after. The
 * run's real end E is the latest line of any log: 2.5. VM 1 sends
 *   m1 seq 1, L2: .25 -> 1.0    m2 seq 2, L3: .5 -> 2.0
 *   m3 seq 5, L6: 1.25 -> pending at E
 * VM 0 takes m1 at 1 (L max(1, 2) + 1 = 3, m2 waits: queue 1) and m2 at
 * 2 (L max(3, 3) + 1 = 4, m3 waits: queue 1).
 *
 *   from     0  .25  .5  .75  1  1.25  1.5  1.75  2  2.25 to E = 2.5
 *   L0       1   1    1   1   3   3     3    3    4   4
 *   L1 = M   1   2    3   4   5   6     7    8    9  10
 *   drift0   0   1    2   3   2   3     4    5    5   6
 *   queue0   0   0    0   0   1   1     1    1    1   1
 *
 * Each step lasts .25 s: drift0's area is .25 * (0 + 1 + 2 + 3 + 2 + 3 +
 * 4 + 5 + 5 + 6) = 7.75, its mean 7.75 / 2.5 = 3.1; max and final 6.
 * queue0 is 1 over [1, 2.5]: mean 1.5 / 2.5 = 0.6. VM 1 leads: drift 0,
 * queue 0. Both lived to E: alive_until_s 2.5 (not dead: interrupted).
 * The 2001 samples fall at k * 2.5 / 2000 = k / 800 s, the last at 2.5,
 * and the default window is [0, min(E, 10)] = [0, 2.5].
 * Taken to the planned end instead, as if the run had gone on with
 * nothing happening, drift0 would have a mean of (6.25 + 5.75 * 6) / 8
 * = 5.09, queue0 7 / 8 = 0.875, and both alive_until_s 8.
 */
static const char *const runs_meta[] = {
	"format=2", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=9", "vms=2", "duration_s=8", "speed=1", "draw_max=10",
	"rate_min=1", "rate_max=4", "vm0.rate=1", "vm1.rate=4",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"on_failure=stop", "faults=0",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(8000000000),
	"vm0.exit=interrupted", "vm1.exit=interrupted", "status=interrupted",
};

static const char *const runs_vm0[] = {
	LOGLINE_HEADER,
	"0,0,INTERNAL," W(0000000000) ",1,0,,,",
	"0,1,RECV," W(1000000000) ",3,1,1,1,2",		/* m1 */
	"0,2,RECV," W(2000000000) ",4,1,1,2,3",		/* m2 */
	"0,3,PENDING," W(2500000000) ",4,0,1,5,6",	/* m3 */
};

static const char *const runs_vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0000000000) ",1,0,,,",
	"1,1,SEND," W(0250000000) ",2,0,0,,",		/* m1 */
	"1,2,SEND," W(0500000000) ",3,0,0,,",		/* m2 */
	"1,3,INTERNAL," W(0750000000) ",4,0,,,",
	"1,4,INTERNAL," W(1000000000) ",5,0,,,",
	"1,5,SEND," W(1250000000) ",6,0,0,,",		/* m3 */
	"1,6,INTERNAL," W(1500000000) ",7,0,,,",
	"1,7,INTERNAL," W(1750000000) ",8,0,,,",
	"1,8,INTERNAL," W(2000000000) ",9,0,,,",
	"1,9,INTERNAL," W(2250000000) ",10,0,,,",
};

static const struct rundir_file run_s[] = {
	{ "run.meta", runs_meta, NELEM(runs_meta) },
	{ "vm0.csv", runs_vm0, NELEM(runs_vm0) },
	{ "vm1.csv", runs_vm1, NELEM(runs_vm1) },
};

START_TEST(an_interrupted_run_is_measured_to_its_real_end)
{
	char dir[256];

	anarun_analyzed(dir, sizeof dir, run_s, NELEM(run_s), NULL, 0);
	anarun_expect_row(dir, 0, "final_clock=4 drift_max=6 "
	    "drift_mean=3.1000 drift_final=6 queue_max=1 queue_mean=0.6000 "
	    "died=0 alive_until_s=2.5000");
	anarun_expect_row(dir, 1, "final_clock=10 drift_max=0 "
	    "drift_mean=0.0000 queue_max=0 queue_mean=0.0000 died=0 "
	    "alive_until_s=2.5000");
}
END_TEST

START_TEST(an_interrupted_run_has_its_series_and_window_end_at_its_end)
{
	char dir[256], *text;
	size_t lines = 0;

	anarun_analyzed(dir, sizeof dir, run_s, NELEM(run_s), NULL, 0);
	text = anarun_output(dir, "queue.dat");
	for (char *p = text; *p != '\0'; p++)
		lines += *p == '\n';
	ck_assert_uint_eq(lines, 1 + 2001);
	free(text);
	expect_sample(dir, "clock.dat", 799, "0.998750 1 4");
	expect_sample(dir, "clock.dat", 800, "1.000000 3 5");
	expect_sample(dir, "clock.dat", 2000, "2.500000 4 10");
	expect_sample(dir, "drift.dat", 1999, "2.498750 6 0");
	expect_sample(dir, "drift.dat", 2000, "2.500000 6 0");
	expect_sample(dir, "queue.dat", 2000, "2.500000 1 0");
	/* m3 is left pending at the real end. */
	expect_output(dir, "messages.dat", "# t_send src t_recv dst pending "
	    "lamport\n"
	    "0.250000 1 1.000000 0 0 2\n0.500000 1 2.000000 0 0 3\n"
	    "1.250000 1 2.500000 0 1 6\n");
}
END_TEST

/* The plots end at t_end and say how far the run got; summary.txt too. */
START_TEST(an_interrupted_run_says_where_it_stopped)
{
	char dir[256], want[1024], *text;

	anarun_analyzed(dir, sizeof dir, run_s, NELEM(run_s), NULL, 0);
	snprintf(want, sizeof want,
	    "# clockring analyze: the run's figures, for the plot scripts\n"
	    "N = 2\nrate0 = 1\nrate1 = 4\nduration = 8.0\nt_end = 2.5\n"
	    "stopped = \"stopped at 2.5 of 8 model seconds (interrupted)\"\n"
	    "speed = 1.0\nseed = \"9\"\ntitle_run = \"%s\"\nwin_t0 = 0.0\n"
	    "win_t1 = 2.5\nmax_jump = 2\n"
	    "# samples in clock.dat, drift.dat and queue.dat\ngrid = 2001\n"
	    "check_ok = 1\n"
	    "# happened-before: the ticks of hb_t0..hb_t1 (causal.dat)\n"
	    "hb_ok = 1\nhb_ticks = 13\nhb_cut = 0\nhb_t0 = 0.0\nhb_t1 = 2.5\n"
	    "hb_ranked_share = 0.293333\nhb_why = \"\"\n", dir);
	/* VM 1's 10 ticks by 2.5 s crowd the window most. */
	expect_plotvars(dir, want, "\nlabel_busiest = 10\n");
	text = anarun_output(dir, "summary.txt");
	expect_in(text, "\nseed 9: 2 VMs for 8 model seconds at speed 1, "
	    "draw_max 10\nrun stopped at 2.5 of 8 model seconds (interrupted), "
	    "passes check\n");
	free(text);
}
END_TEST

/* A fault due after the stop never came: the list of faults says so. */
START_TEST(a_fault_due_after_the_stop_is_said_to_be)
{
	static const struct rundir_edit late[] = {
		{ "run.meta", 17, "faults=2\nfault0=pause:0@1+0.5\n"
		    "fault1=kill:1@5" },
	};
	char dir[256], *text;

	anarun_analyzed(dir, sizeof dir, run_s, NELEM(run_s), late,
	    NELEM(late));
	text = anarun_output(dir, "summary.txt");
	expect_in(text, "\nfaults injected: pause:0@1+0.5, kill:1@5 (after "
	    "the stop)\n");
	free(text);
}
END_TEST

/* summary_print's table of dir, as `clockring run` prints it. */
static char *
run_table(const char *dir)
{
	char *text = NULL, err[512] = "";
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	ck_assert_msg(summary_print(dir, out, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(fclose(out), 0);
	return text;
}

START_TEST(run_table_without_faults_is_as_before)
{
	char dir[256], *text;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	text = run_table(dir);
	ck_assert_str_eq(text,
	    "vm     rate  internal  sends msgs_out  recvs  pending   clock "
	    "maxqueue\n"
	    "0         1         0      1        1      1        2       4"
	    "        1\n"
	    "1         2         2      1        2      1        0       7"
	    "        0\n"
	    "2         4         4      2        3      2        0       8"
	    "        1\n"
	    "all                 6      4        6      4        2       8"
	    "        1\n");
	free(text);
}
END_TEST

/* msgs_out leaves the dropped message out: VM 1 sent 3, dropped 1. */
START_TEST(run_table_with_faults_counts_the_dropped)
{
	char dir[256], *text;

	rundir_make_run(dir, sizeof dir, run_f, NELEM(run_f), NULL, 0);
	text = run_table(dir);
	ck_assert_str_eq(text,
	    "vm     rate  internal  sends msgs_out  recvs  pending  dropped   "
	    "clock maxqueue\n"
	    "0         2         2      1        1      1        1        0   "
	    "    6        1\n"
	    "1         2         2      2        2      0        0        1   "
	    "    4        0\n"
	    "2         4         3      1        1      1        0        0   "
	    "    5        0\n"
	    "all                 7      4        4      2        1        1   "
	    "    6        1\n");
	free(text);
}
END_TEST

/* 20 jumps: sizes 1 x 10, 2 x 9, 7 x 1. Ranks: median 10, p95 19. */
START_TEST(percentiles_use_the_nearest_rank)
{
	struct hist h = { 0 };

	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(hist_add(&h, 1), 0);
	for (int i = 0; i < 9; i++)
		ck_assert_int_eq(hist_add(&h, 2), 0);
	ck_assert_int_eq(hist_add(&h, 7), 0);
	ck_assert_uint_eq(hist_percentile(&h, 50), 1);
	ck_assert_uint_eq(hist_percentile(&h, 95), 2);
	ck_assert_uint_eq(hist_percentile(&h, 100), 7);
	ck_assert_uint_eq(hist_count(&h, 2), 9);
	ck_assert_uint_eq(hist_count(&h, 1000), 0);
	ck_assert_uint_eq(h.sum, 10 + 18 + 7);
	hist_free(&h);
	ck_assert_uint_eq(hist_percentile(&h, 50), 0);
}
END_TEST

/* The one rank rule: ceil(pct n / 100) exactly in integers, at least 1. */
START_TEST(the_rank_rule_is_ceil_pct_n_over_100)
{
	ck_assert_uint_eq(hist_rank(20, 95), 19);
	ck_assert_uint_eq(hist_rank(20, 96), 20);
	ck_assert_uint_eq(hist_rank(3, 50), 2);
	ck_assert_uint_eq(hist_rank(10, 100), 10);
	ck_assert_uint_eq(hist_rank(10, 0), 1);
	ck_assert_uint_eq(hist_rank(1000000, 99), 990000);
	ck_assert_uint_eq(hist_rank(1000001, 99), 990001);
}
END_TEST

START_TEST(a_clock_jump_beyond_the_limit_is_refused)
{
	struct hist h = { 0 };

	ck_assert_int_eq(hist_add(&h, HIST_LIMIT + 1), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_uint_eq(h.total, 0);
	ck_assert_int_eq(hist_add(&h, 100000), 0);
	ck_assert_uint_eq(hist_count(&h, 100000), 1);
	hist_free(&h);
}
END_TEST

/* Counts are 32 bits: the one past their top is refused, never wrapped. */
START_TEST(a_count_at_its_limit_is_refused_not_wrapped)
{
	struct hist h = { 0 };

	ck_assert_int_eq(hist_add(&h, 3), 0);
	h.count[3] = UINT32_MAX - 1;	/* as after that many jumps of 3 */
	ck_assert_int_eq(hist_add(&h, 3), 0);
	ck_assert_uint_eq(hist_count(&h, 3), UINT32_MAX);
	errno = 0;
	ck_assert_int_eq(hist_add(&h, 3), -1);
	ck_assert_int_eq(errno, EOVERFLOW);
	ck_assert_uint_eq(hist_count(&h, 3), UINT32_MAX);
	ck_assert_uint_eq(h.total, 2);
	hist_free(&h);
}
END_TEST

Suite *
make_stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *run = tcase_create("hand-made runs");
	TCase *hist = tcase_create("jump histogram");

	tcase_add_unchecked_fixture(run, rundir_setup, rundir_teardown);
	tcase_add_test(run, run_a_counts_events_and_messages_per_link);
	tcase_add_test(run, run_a_jump_sizes_are_counted_exactly);
	tcase_add_test(run, run_a_drift_max_mean_and_final_are_exact);
	tcase_add_test(run, run_a_queue_means_are_time_weighted);
	tcase_add_test(run, run_a_delays_in_ticks_and_model_seconds_are_exact);
	tcase_add_test(run,
	    two_vm_run_counts_its_one_link_under_next_and_scales_time_by_speed);
	tcase_add_test(run,
	    receipt_logged_before_its_send_by_a_skewed_clock_still_matches);
	tcase_add_test(run,
	    series_sample_each_step_function_after_the_events_at_that_time);
	tcase_add_test(run, jumps_dat_has_a_row_per_size_some_vm_made);
	tcase_add_test(run, messages_and_events_of_the_default_window_are_listed);
	tcase_add_test(run, window_option_keeps_what_overlaps_it);
	tcase_add_test(run, plotvars_gp_holds_the_run_figures);
	tcase_add_test(run, summary_txt_names_the_vm_that_drifted_most);
	tcase_add_test(run, peer_down_and_drop_are_counted_but_are_no_ticks);
	tcase_add_test(run, dropped_and_lost_messages_are_told_apart);
	tcase_add_test(run, a_dead_vm_leaves_the_highest_clock_when_it_dies);
	tcase_add_test(run, a_dead_vm_series_end_at_its_last_line);
	tcase_add_test(run, a_vm_killed_before_any_line_is_dead_from_the_start);
	tcase_add_loop_test(run, a_vm_ended_by_a_signal_or_an_error_dies_too,
	    0, NELEM(died_how));
	tcase_add_test(run, summary_txt_tells_of_faults_in_its_tables_and_findings);
	tcase_add_test(run, faults_dat_lists_each_fault_for_the_plots);
	tcase_add_test(run, an_interrupted_run_is_measured_to_its_real_end);
	tcase_add_test(run,
	    an_interrupted_run_has_its_series_and_window_end_at_its_end);
	tcase_add_test(run, an_interrupted_run_says_where_it_stopped);
	tcase_add_test(run, a_fault_due_after_the_stop_is_said_to_be);
	tcase_add_test(run, run_table_without_faults_is_as_before);
	tcase_add_test(run, run_table_with_faults_counts_the_dropped);
	suite_add_tcase(s, run);

	tcase_add_test(hist, percentiles_use_the_nearest_rank);
	tcase_add_test(hist, the_rank_rule_is_ceil_pct_n_over_100);
	tcase_add_test(hist, a_clock_jump_beyond_the_limit_is_refused);
	tcase_add_test(hist, a_count_at_its_limit_is_refused_not_wrapped);
	suite_add_tcase(s, hist);
	return s;
}

/* tests/check_check.c -- unit tests of `clockring check` on hand-made run directories */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/check/check.h"
#include "analysis/rundir/logread.h"
#include "tests/checkrun.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Wall clock at model time 0 plus a 10-digit nanosecond offset. */
#define W(off)		"170000000" #off

/*
 * A correct 3-VM run: speed 1, 2 model seconds, rates 2, 2 and 3, every
 * tick 0.1 ms late. Seven messages: 0->1, 0->2, 1->0 and 1->2 received;
 * 2->0 (two) and 2->1 still pending at the end. Line k of a file is
 * element k-1 of its array; the tests below corrupt one line each.
 */
static const char *const meta3[] = {
	"format=1", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=3", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=2", "rate_max=3", "vm0.rate=2", "vm1.rate=2", "vm2.rate=3",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001", "vm2.port=40002",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(2000000000),
	"vm0.exit=ok", "vm1.exit=ok", "vm2.exit=ok", "status=complete",
};

static const char *const vm0_3[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000100000) ",1,0,1|2,,",
	"0,1,INTERNAL," W(0500100000) ",2,0,,,",
	"0,2,RECV," W(1000100000) ",4,0,1,1,3",
	"0,3,INTERNAL," W(1500100000) ",5,0,,,",
	"0,4,PENDING," W(2000005000) ",5,1,2,4,6",
	"0,5,PENDING," W(2000006000) ",5,0,2,5,7",
};

static const char *const vm1_3[] = {
	LOGLINE_HEADER,
	"1,0,RECV," W(0000100000) ",2,0,0,0,1",
	"1,1,SEND," W(0500100000) ",3,0,0,,",
	"1,2,SEND," W(1000100000) ",4,0,2,,",
	"1,3,INTERNAL," W(1500100000) ",5,0,,,",
	"1,4,PENDING," W(2000005000) ",5,0,2,4,6",
};

static const char *const vm2_3[] = {
	LOGLINE_HEADER,
	"2,0,RECV," W(0000100000) ",2,0,0,0,1",
	"2,1,INTERNAL," W(0333433333) ",3,0,,,",
	"2,2,INTERNAL," W(0666766667) ",4,1,,,",
	"2,3,RECV," W(1000100000) ",5,0,1,2,4",
	"2,4,SEND," W(1333433333) ",6,0,0|1,,",
	"2,5,SEND," W(1666766667) ",7,0,0,,",
};

/* A correct 2-VM run at speed 4: rate 2 ticks every 125 ms of real time. */
static const char *const meta2[] = {
	"format=1", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=7", "vms=2", "duration_s=2", "speed=4", "draw_max=10",
	"rate_min=2", "rate_max=2", "vm0.rate=2", "vm1.rate=2",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(0500000000),
	"vm0.exit=ok", "vm1.exit=ok", "status=complete", "a_future_key=is ignored",
};

static const char *const vm0_2[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000100000) ",1,0,1,,",
	"0,1,INTERNAL," W(0125100000) ",2,0,,,",
	"0,2,RECV," W(0250100000) ",4,0,1,1,3",
	"0,3,SEND," W(0375100000) ",5,0,1,,",
};

static const char *const vm1_2[] = {
	LOGLINE_HEADER,
	"1,0,RECV," W(0000100000) ",2,0,0,0,1",
	"1,1,SEND," W(0125100000) ",3,0,0,,",
	"1,2,INTERNAL," W(0250100000) ",4,0,,,",
	"1,3,INTERNAL," W(0375100000) ",5,0,,,",
	"1,4,PENDING," W(0500005000) ",5,0,0,3,5",
};

static const struct rundir_file run3[] = {
	{ "run.meta", meta3, NELEM(meta3) }, { "vm0.csv", vm0_3, NELEM(vm0_3) },
	{ "vm1.csv", vm1_3, NELEM(vm1_3) }, { "vm2.csv", vm2_3, NELEM(vm2_3) },
};

static const struct rundir_file run2[] = {
	{ "run.meta", meta2, NELEM(meta2) }, { "vm0.csv", vm0_2, NELEM(vm0_2) },
	{ "vm1.csv", vm1_2, NELEM(vm1_2) },
};

/*
 * The 3-VM run again in format 4, with vectors: each line of run3 and
 * the vector its VM had after it (a PENDING's: its message's).
 */
static const char *const meta3v[] = {
	"format=4", "version=0.5.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=3", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=2", "rate_max=3", "vm0.rate=2", "vm1.rate=2", "vm2.rate=3",
	"mode=real", "latency_min_ms=0", "latency_max_ms=0", "loss=0",
	"vector=1", "bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"vm2.port=40002", "on_failure=stop", "faults=0",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(2000000000),
	"vm0.exit=ok", "vm1.exit=ok", "vm2.exit=ok", "status=complete",
};

static const char *const vm0_3v[] = {
	LOGLINE_HEADER_VEC,
	"0,0,SEND," W(0000100000) ",1,0,1|2,,,1;0;0",
	"0,1,INTERNAL," W(0500100000) ",2,0,,,,2;0;0",
	"0,2,RECV," W(1000100000) ",4,0,1,1,3,3;2;0",
	"0,3,INTERNAL," W(1500100000) ",5,0,,,,4;2;0",
	"0,4,PENDING," W(2000005000) ",5,1,2,4,6,1;3;5",
	"0,5,PENDING," W(2000006000) ",5,0,2,5,7,1;3;6",
};

static const char *const vm1_3v[] = {
	LOGLINE_HEADER_VEC,
	"1,0,RECV," W(0000100000) ",2,0,0,0,1,1;1;0",
	"1,1,SEND," W(0500100000) ",3,0,0,,,1;2;0",
	"1,2,SEND," W(1000100000) ",4,0,2,,,1;3;0",
	"1,3,INTERNAL," W(1500100000) ",5,0,,,,1;4;0",
	"1,4,PENDING," W(2000005000) ",5,0,2,4,6,1;3;5",
};

static const char *const vm2_3v[] = {
	LOGLINE_HEADER_VEC,
	"2,0,RECV," W(0000100000) ",2,0,0,0,1,1;0;1",
	"2,1,INTERNAL," W(0333433333) ",3,0,,,,1;0;2",
	"2,2,INTERNAL," W(0666766667) ",4,1,,,,1;0;3",
	"2,3,RECV," W(1000100000) ",5,0,1,2,4,1;3;4",
	"2,4,SEND," W(1333433333) ",6,0,0|1,,,1;3;5",
	"2,5,SEND," W(1666766667) ",7,0,0,,,1;3;6",
};

static const struct rundir_file run3v[] = {
	{ "run.meta", meta3v, NELEM(meta3v) },
	{ "vm0.csv", vm0_3v, NELEM(vm0_3v) },
	{ "vm1.csv", vm1_3v, NELEM(vm1_3v) },
	{ "vm2.csv", vm2_3v, NELEM(vm2_3v) },
};

#define DELETE	NULL

/* The 3-VM run with edits breaks a rule: exit 1, want named, a verdict. */
static void
expect_violation3(const struct rundir_edit *edits, size_t nedits, const char *want)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), edits, nedits);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, want);
	ck_assert_ptr_nonnull(strstr(out, "fail: "));
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}

/* The run cannot be checked: exit 2, nothing on out, err holds want. */
static void
expect_unusable(const char *dir, const char *want)
{
	char *out, *err;

	ck_assert_int_eq(run_check(dir, &out, &err), 2);
	ck_assert_str_eq(out, "");
	ck_assert_msg(strncmp(err, "clockring: check: ", 18) == 0 &&
	    strstr(err, want) != NULL && strchr(err, '\n') == err + strlen(err) - 1,
	    "err '%s' lacks '%s'", err, want);
	free(out);
	free(err);
}

START_TEST(correct_run_passes_with_a_summary)
{
	char dir[256], want[1024], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	snprintf(want, sizeof want,
	    "ok: %s: 3 VMs, 17 events, 7 messages (4 received, 3 pending)\n"
	    "vm0: rate 2, 4 ticks (expected 4), spacing error 0.00%% (jitter 0.00%%), "
	    "max lateness 0.10 ms\n"
	    "vm1: rate 2, 4 ticks (expected 4), spacing error 0.00%% (jitter 0.00%%), "
	    "max lateness 0.10 ms\n"
	    "vm2: rate 3, 6 ticks (expected 6), spacing error 0.00%% (jitter 0.00%%), "
	    "max lateness 0.10 ms\n", dir);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(correct_run_with_vectors_passes)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3v, NELEM(run3v), NULL, 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	ck_assert_msg(strncmp(out, "ok: ", 4) == 0, "%s", out);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

/* The run with vectors and edits breaks a rule: exit 1, want named. */
static void
expect_violation3v(const struct rundir_edit *edits, size_t nedits,
    const char *want)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3v, NELEM(run3v), edits, nedits);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, want);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}

START_TEST(a_tampered_vector_entry_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 5,
		"1,3,INTERNAL," W(1500100000) ",5,0,,,,1;5;0" } };

	expect_violation3v(e, NELEM(e), "vm1.csv:5: vector-step: INTERNAL "
	    "takes its own vector entry 1 from 3 to 5, expected 4");
}
END_TEST

START_TEST(a_tick_moving_another_entry_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 3,
		"0,1,INTERNAL," W(0500100000) ",2,0,,,,2;0;1" } };

	expect_violation3v(e, NELEM(e), "vm0.csv:3: vector-step: INTERNAL "
	    "moves vector entry 2 from 0 to 1");
}
END_TEST

START_TEST(a_recv_with_a_wrong_max_is_reported)
{
	static const struct rundir_edit e[] = { { "vm2.csv", 5,
		"2,3,RECV," W(1000100000) ",5,0,1,2,4,1;2;4" } };

	expect_violation3v(e, NELEM(e), "vm2.csv:5: recv-vector: RECV of vm1 "
	    "seq 2 sets vector entry 1 to 2, expected max(0, 3) = 3");
}
END_TEST

START_TEST(a_pending_naming_another_vector_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6,
		"1,4,PENDING," W(2000005000) ",5,0,2,4,6,1;3;4" } };

	expect_violation3v(e, NELEM(e), "vm1.csv:6: msg-vector: PENDING of "
	    "vm2 seq 4 has vector entry 2 4, but its SEND");
}
END_TEST

/* The SEND happened before its RECV by the vectors; its clock is not less. */
START_TEST(vectors_ordering_what_lamport_does_not_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 4,
		"0,2,RECV," W(1000100000) ",3,0,1,1,3,3;2;0" } };

	expect_violation3v(e, NELEM(e), "vm0.csv:4: clocks-agree: the SEND of "
	    "vm1 seq 1 (");
}
END_TEST

START_TEST(a_vector_of_the_wrong_length_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 3,
		"0,1,INTERNAL," W(0500100000) ",2,0,,,,2;0" } };

	expect_violation3v(e, NELEM(e), "vm0.csv:3: vector-step: vector of 2 "
	    "entries, expected 3 (vms)");
}
END_TEST

START_TEST(a_vector_column_run_meta_does_not_have_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 18,
		"vector=0" } };

	expect_violation3v(e, NELEM(e), "vm0.csv:2: columns: a vector column, "
	    "but run.meta has vector=0");
}
END_TEST

START_TEST(correct_two_vm_run_at_speed_4_passes)
{
	char dir[256], want[512], *out, *err;

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	snprintf(want, sizeof want, "ok: %s: 2 VMs, 9 events, 3 messages "
	    "(2 received, 1 pending)\nvm0: rate 2, 4 ticks (expected 4), spacing "
	    "error 0.00%% (jitter 0.00%%), max lateness 0.10 ms\n", dir);
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "output:\n%s", out);
	free(out);
	free(err);
}
END_TEST

START_TEST(trailing_slash_on_the_run_dir_is_ignored)
{
	char dir[256], slashed[300], *out, *err;

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	snprintf(slashed, sizeof slashed, "%s//", dir);
	ck_assert_int_eq(run_check(slashed, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, dir));
	ck_assert_ptr_null(strstr(out, "//"));
	free(out);
	free(err);
}
END_TEST

START_TEST(wrong_header_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 1,
		"vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq" } };

	expect_violation3(e, NELEM(e), "vm1.csv:1: header: bad header");
}
END_TEST

START_TEST(line_with_missing_column_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 3,
		"1,1,SEND," W(0500100000) ",3,0,0," } };

	expect_violation3(e, NELEM(e), "vm1.csv:3: columns: 8 fields, expected 9");
}
END_TEST

START_TEST(truncated_last_line_is_reported)
{
	static const char text[] = LOGLINE_HEADER "\n"
	    "1,0,RECV," W(0000100000) ",2,0,0,0,1\n1,1,SEND," W(0500100000) ",3,0";
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	rundir_write_raw(dir, "vm1.csv", text, sizeof text - 1);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "vm1.csv:3: columns: no newline at end of file");
	free(out);
	free(err);
}
END_TEST

START_TEST(garbage_bytes_are_reported)
{
	static const char text[] = LOGLINE_HEADER "\n"
	    "1,0,RECV," W(0000100000) ",2,0,0,0,1\n\x7f" "ELF\x02\x01\x01\0\0\n";
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	rundir_write_raw(dir, "vm1.csv", text, sizeof text - 1);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "vm1.csv:3: columns: ");
	free(out);
	free(err);
}
END_TEST

START_TEST(vm_column_not_matching_the_file_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 3,
		"2,1,SEND," W(0500100000) ",3,0,0,," } };

	expect_violation3(e, NELEM(e), "vm1.csv:3: vm-id: ");
}
END_TEST

START_TEST(gap_in_seq_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6,
		"1,5,PENDING," W(2000005000) ",5,0,2,4,6" } };

	expect_violation3(e, NELEM(e), "vm1.csv:6: seq-gap: seq 5, expected 4");
}
END_TEST

START_TEST(wall_clock_going_back_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 4,
		"1,2,SEND," W(0400000000) ",4,0,2,," } };

	expect_violation3(e, NELEM(e), "vm1.csv:4: wall-order: ");
}
END_TEST

START_TEST(internal_event_not_adding_one_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 3,
		"0,1,INTERNAL," W(0500100000) ",3,0,,," } };

	expect_violation3(e, NELEM(e), "vm0.csv:3: clock-step: INTERNAL takes "
	    "lamport from 1 to 3, expected 2");
}
END_TEST

START_TEST(recv_with_wrong_clock_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 4,
		"0,2,RECV," W(1000100000) ",3,0,1,1,3" } };

	expect_violation3(e, NELEM(e), "vm0.csv:4: recv-clock: RECV sets lamport "
	    "to 3, expected max(2, 3) + 1 = 4");
}
END_TEST

START_TEST(send_while_messages_are_queued_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 2,
		"1,0,RECV," W(0000100000) ",2,1,0,0,1" } };

	expect_violation3(e, NELEM(e), "vm1.csv:3: queue-first: ");
}
END_TEST

START_TEST(send_to_a_non_neighbour_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 4,
		"1,2,SEND," W(1000100000) ",4,0,1,," } };

	expect_violation3(e, NELEM(e), "vm1.csv:4: neighbour: SEND to vm1, not a "
	    "ring neighbour of vm1");
}
END_TEST

START_TEST(send_to_both_must_name_next_first)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 2,
		"0,0,SEND," W(0000100000) ",1,0,2|1,," } };

	expect_violation3(e, NELEM(e), "vm0.csv:2: neighbour: SEND to both "
	    "neighbours lists prev first");
}
END_TEST

START_TEST(recv_from_a_non_neighbour_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 4,
		"0,2,RECV," W(1000100000) ",4,0,0,1,3" } };

	expect_violation3(e, NELEM(e), "vm0.csv:4: neighbour: RECV from vm0");
}
END_TEST

START_TEST(two_vm_send_naming_the_peer_twice_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 2,
		"0,0,SEND," W(0000100000) ",1,0,1|1,," } };
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), e, NELEM(e));
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "vm0.csv:2: neighbour: SEND names vm1 twice");
	free(out);
	free(err);
}
END_TEST

START_TEST(tick_after_pending_lines_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6,
		"1,4,PENDING," W(2000005000) ",5,0,2,4,6\n"
		"1,5,INTERNAL," W(2000007000) ",6,0,,," } };

	expect_violation3(e, NELEM(e), "vm1.csv:7: pending-last: INTERNAL after "
	    "the PENDING lines that began on line 6");
}
END_TEST

START_TEST(pending_changing_the_clock_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6,
		"1,4,PENDING," W(2000005000) ",6,0,2,4,6" } };

	expect_violation3(e, NELEM(e), "vm1.csv:6: pending-clock: ");
}
END_TEST

START_TEST(pending_queue_not_counting_down_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 6,
		"0,4,PENDING," W(2000005000) ",5,2,2,4,6" } };

	expect_violation3(e, NELEM(e), "vm0.csv:7: pending-queue: PENDING leaves "
	    "queue_len 0 after one that left 2");
}
END_TEST

START_TEST(pending_queue_not_ending_at_zero_is_reported)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6,
		"1,4,PENDING," W(2000005000) ",5,1,2,4,6" } };

	expect_violation3(e, NELEM(e), "vm1.csv:6: pending-queue: last PENDING "
	    "leaves queue_len 1, expected 0");
}
END_TEST

START_TEST(message_never_received_is_reported_as_lost)
{
	static const struct rundir_edit e[] = { { "vm1.csv", 6, DELETE } };

	expect_violation3(e, NELEM(e), "vm2.csv:6: lost: message to vm1 (seq 4, "
	    "lamport 6) never received");
}
END_TEST

START_TEST(message_received_but_never_sent_is_reported)
{
	static const struct rundir_edit e[] = { { "vm2.csv", 7,
		"2,5,INTERNAL," W(1666766667) ",7,0,,," } };

	expect_violation3(e, NELEM(e), "vm0.csv:7: unsent: message from vm2 seq "
	    "5, but vm2 logged no SEND to vm0 with that seq");
}
END_TEST

START_TEST(message_received_twice_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 7,
		"0,5,PENDING," W(2000006000) ",5,0,2,4,6" } };

	expect_violation3(e, NELEM(e), "vm0.csv:7: duplicate: message from vm2 "
	    "seq 4 already received on line 6");
}
END_TEST

START_TEST(message_with_wrong_clock_is_reported)
{
	static const struct rundir_edit e[] = { { "vm0.csv", 6,
		"0,4,PENDING," W(2000005000) ",5,1,2,4,5" } };

	expect_violation3(e, NELEM(e), "vm0.csv:6: msg-clock: message from vm2 "
	    "seq 4 carries lamport 5, but its SEND");
}
END_TEST

START_TEST(messages_out_of_order_are_reported)
{
	static const struct rundir_edit e[] = {
		{ "vm0.csv", 6, "0,4,PENDING," W(2000005000) ",5,1,2,5,7" },
		{ "vm0.csv", 7, "0,5,PENDING," W(2000006000) ",5,0,2,4,6" },
	};

	expect_violation3(e, NELEM(e), "vm0.csv:7: fifo: message from vm2 seq 4 "
	    "arrived after its later message seq 5 (line 6)");
}
END_TEST

/* vm1 ticks once more than 2 s at rate 2 allows; spacing stays right. */
static const struct rundir_edit extra_tick[] = {
	{ "vm1.csv", 5, "1,3,INTERNAL," W(1500100000) ",5,0,,,\n"
	    "1,4,INTERNAL," W(2000100000) ",6,0,,," },
	{ "vm1.csv", 6, "1,5,PENDING," W(2000105000) ",6,0,2,4,6" },
};

START_TEST(wrong_number_of_ticks_is_reported)
{
	expect_violation3(extra_tick, NELEM(extra_tick), "vm1.csv:6: tick-count: "
	    "5 ticks, expected 4 (rate 2 for 2 s)");
}
END_TEST

START_TEST(interrupted_run_may_have_any_number_of_ticks)
{
	struct rundir_edit e[NELEM(extra_tick) + 1] = {
		{ "run.meta", 23, "status=interrupted" },
	};
	char dir[256], *out, *err;

	memcpy(&e[1], extra_tick, sizeof extra_tick);
	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), e, NELEM(e));
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	ck_assert_msg(strstr(out, ": interrupted run, 3 VMs,") != NULL, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "vm1: rate 2, 5 ticks (planned 4)"));
	free(out);
	free(err);
}
END_TEST

START_TEST(interrupted_run_still_accounts_for_every_message)
{
	static const struct rundir_edit e[] = {
		{ "run.meta", 23, "status=interrupted" },
		{ "vm1.csv", 6, DELETE },
	};

	expect_violation3(e, NELEM(e), "vm2.csv:6: lost: ");
}
END_TEST

/* Interrupted while its ring was linking: no start time, no tick. */
static const char *const meta_unstarted[] = {
	"format=2", "version=0.2.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=2", "duration_s=60", "speed=1", "draw_max=10",
	"rate_min=2", "rate_max=2", "vm0.rate=2", "vm1.rate=2",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001",
	"on_failure=stop", "faults=0", "start_wall_ns=0", "end_wall_ns=0",
	"vm0.exit=interrupted", "vm1.exit=interrupted", "status=interrupted",
};

static const char *const header_only[] = { LOGLINE_HEADER };

static const struct rundir_file run_unstarted[] = {
	{ "run.meta", meta_unstarted, NELEM(meta_unstarted) },
	{ "vm0.csv", header_only, NELEM(header_only) },
	{ "vm1.csv", header_only, NELEM(header_only) },
};

START_TEST(run_interrupted_before_its_start_passes)
{
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_unstarted, NELEM(run_unstarted),
	    NULL, 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	ck_assert_msg(strstr(out, ": interrupted run, 2 VMs, 0 events") != NULL,
	    "%s", out);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
}
END_TEST

START_TEST(tick_in_a_run_that_never_started_is_reported)
{
	static const char *const vm0[] = {
		LOGLINE_HEADER, "0,0,INTERNAL," W(0000100000) ",1,0,,,",
	};
	const struct rundir_file run[] = {
		run_unstarted[0], { "vm0.csv", vm0, NELEM(vm0) }, run_unstarted[2],
	};
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run, NELEM(run), NULL, 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "vm0.csv:2: tick-count: 1 ticks, expected 0: "
	    "the run ended before its start (start_wall_ns=0)");
	free(out);
	free(err);
}
END_TEST

START_TEST(complete_run_without_a_start_is_reported)
{
	static const struct rundir_edit e[] = {
		{ "run.meta", 22, "status=complete" },
		{ "run.meta", 20, "vm0.exit=ok" }, { "run.meta", 21, "vm1.exit=ok" },
	};
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_unstarted, NELEM(run_unstarted),
	    e, NELEM(e));
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "run.meta:19: meta: end_wall_ns=0");
	free(out);
	free(err);
}
END_TEST

/* vm1 ticks every 0.6 s instead of every 0.5 s: the wrong rate. */
START_TEST(wrong_tick_spacing_is_reported)
{
	static const struct rundir_edit e[] = {
		{ "vm1.csv", 3, "1,1,SEND," W(0600100000) ",3,0,0,," },
		{ "vm1.csv", 4, "1,2,SEND," W(1200100000) ",4,0,2,," },
		{ "vm1.csv", 5, "1,3,INTERNAL," W(1800100000) ",5,0,,," },
	};

	expect_violation3(e, NELEM(e), "vm1.csv:5: tick-spacing: fitted tick "
	    "spacing 600000000 ns, expected 500000000 ns (+20.00%, jitter "
	    "allows 1.00%)");
}
END_TEST

/* Ticks late by 0 to 20 ms, to and fro, keep to the schedule: no spacing error. */
START_TEST(jitter_around_the_schedule_is_not_wrong_spacing)
{
	static const struct rundir_edit e[] = {
		{ "vm1.csv", 3, "1,1,SEND," W(0520100000) ",3,0,0,," },
		{ "vm1.csv", 4, "1,2,SEND," W(1000100000) ",4,0,2,," },
		{ "vm1.csv", 5, "1,3,INTERNAL," W(1520100000) ",5,0,,," },
	};
	char dir[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), e, NELEM(e));
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	ck_assert_msg(strstr(out, "vm1: rate 2, 4 ticks (expected 4), spacing "
	    "error 0.80% (jitter 3.39%), max lateness 20.10 ms") != NULL, "%s", out);
	free(out);
	free(err);
}
END_TEST

/*
 * vm1's wall clock runs 0.7 s behind the others' (another host): it logs
 * the receipt of vm0's first message, and a PENDING of vm2's last, before
 * their SENDs come in wall-clock order. Messages still match.
 */
static const char *const vm1_3_behind[] = {
	LOGLINE_HEADER,
	"1,0,RECV,1699999999300100000,2,0,0,0,1",
	"1,1,SEND,1699999999800100000,3,0,0,,",
	"1,2,SEND,1700000000300100000,4,0,2,,",
	"1,3,INTERNAL,1700000000800100000,5,0,,,",
	"1,4,PENDING,1700000001300005000,5,0,2,4,6",
};

/* Check the 3-VM run, with edits, and vm1 behind; the caller frees. */
static int
run_check_behind(const struct rundir_edit *edits, size_t nedits, char *dir,
    size_t len, char **out, char **err)
{
	rundir_make_run(dir, len, run3, NELEM(run3), edits, nedits);
	rundir_write(dir, "vm1.csv", vm1_3_behind, NELEM(vm1_3_behind));
	return run_check(dir, out, err);
}

START_TEST(receipts_logged_before_their_sends_still_match)
{
	char dir[256], *out, *err;

	ck_assert_int_eq(run_check_behind(NULL, 0, dir, sizeof dir, &out, &err),
	    0);
	ck_assert_msg(strstr(out, " 7 messages (4 received, 3 pending)\n") !=
	    NULL && strstr(out, "vm1: rate 2, 4 ticks (expected 4), spacing "
	    "error 0.00% (jitter 0.00%), max lateness -699.90 ms\n") != NULL,
	    "%s", out);
	free(out);
	free(err);
}
END_TEST

/* The same, with vm2's SEND of seq 4 gone: the early PENDING was unsent. */
START_TEST(early_receipt_whose_send_never_comes_is_unsent)
{
	static const struct rundir_edit e[] = { { "vm2.csv", 6,
		"2,4,SEND," W(1333433333) ",6,0,0,," } };
	char dir[256], *out, *err;

	ck_assert_int_eq(run_check_behind(e, NELEM(e), dir, sizeof dir, &out,
	    &err), 1);
	assert_names(out, dir, "vm1.csv:6: unsent: message from vm2 seq 4, "
	    "but vm2 logged no SEND to vm1 with that seq");
	ck_assert_msg(strstr(out, "fail: ") != NULL &&
	    strstr(out, " 1 violation (unsent)\n") != NULL, "%s", out);
	free(out);
	free(err);
}
END_TEST

/* check_next hands out every line once, by wall clock, files in order. */
START_TEST(stream_gives_each_line_once_in_wall_clock_order)
{
	char dir[256], why[512], *out;
	size_t outlen;
	unsigned long next_line[3] = { 2, 2, 2 };
	uint64_t wall = 0;
	const struct log_event *ev;
	struct checker *c;
	uint32_t vm;
	FILE *f;
	int rc, n = 0;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	ck_assert_ptr_nonnull(f = open_memstream(&out, &outlen));
	c = check_open(dir, f, why, sizeof why);
	ck_assert_msg(c != NULL, "%s", why);
	while ((rc = check_next(c, &ev, &vm, why, sizeof why)) == 1) {
		ck_assert_uint_lt(vm, 3);
		ck_assert_uint_eq(ev->line, next_line[vm]++);
		ck_assert_uint_ge(ev->wall_ns, wall);
		wall = ev->wall_ns;
		n++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(n, 17);
	ck_assert_int_eq(check_end(c, why, sizeof why), 0);
	check_free(c);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_msg(strncmp(out, "ok: ", 4) == 0, "%s", out);
	free(out);
}
END_TEST

/* A log that cannot be read whole is said once; the others go on. */
START_TEST(stream_goes_on_past_a_missing_log)
{
	char dir[256], path[300], why[512], *out;
	size_t outlen;
	const struct log_event *ev;
	struct checker *c;
	uint32_t vm;
	FILE *f;
	int rc, lines = 0, missing = 0;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_ptr_nonnull(f = open_memstream(&out, &outlen));
	ck_assert_ptr_nonnull(c = check_open(dir, f, why, sizeof why));
	while ((rc = check_next(c, &ev, &vm, why, sizeof why)) != 0) {
		ck_assert_int_ne(rc, -2);
		if (rc == -1) {
			ck_assert_uint_eq(vm, 1);
			ck_assert_msg(strstr(why, "vm1.csv: No such file") !=
			    NULL, "%s", why);
			missing++;
		} else
			lines++;
	}
	ck_assert_int_eq(missing, 1);
	ck_assert_int_eq(lines, 12);
	ck_assert_int_eq(check_end(c, why, sizeof why), 1);
	check_free(c);
	ck_assert_int_eq(fclose(f), 0);
	assert_names(out, dir, "vm1.csv: files: missing");
	free(out);
}
END_TEST

START_TEST(missing_meta_key_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 4, DELETE } };

	expect_violation3(e, NELEM(e), "run.meta: meta: missing key 'seed'");
}
END_TEST

/*
 * The verdict a caller takes as a struct (analyze) is the one the report
 * ends with: the count and each rule broken, in the report's words.
 */
START_TEST(the_verdict_taken_is_the_one_printed)
{
	static const struct rundir_edit e[] = { { "run.meta", 4, DELETE },
		{ "vm1.csv", 6, DELETE } };
	char dir[256], *out = NULL, why[512], text[CHECK_VERDICT_TEXT_MAX];
	char want[600];
	size_t len = 0;
	const struct log_event *ev;
	struct check_verdict v;
	struct checker *c;
	uint32_t vm;
	FILE *f = open_memstream(&out, &len);

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), e, NELEM(e));
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(c = check_open(dir, f, why, sizeof why));
	while (check_next(c, &ev, &vm, why, sizeof why) > 0)
		;
	ck_assert_int_eq(check_end(c, why, sizeof why), 1);
	check_verdict(c, &v);
	check_free(c);
	fclose(f);
	ck_assert_msg(v.violations == 2, "%s", out);
	check_verdict_text(&v, text, sizeof text);
	ck_assert_str_eq(text, "2 violations (meta, lost)");
	snprintf(want, sizeof want, "\nfail: %s: %s\n", dir, text);
	ck_assert_msg(strstr(out, want) != NULL && strlen(strstr(out, want)) ==
	    strlen(want), "%s", out);
	free(out);
}
END_TEST

START_TEST(too_few_vms_in_meta_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 5, "vms=1" } };

	expect_violation3(e, NELEM(e), "run.meta:5: meta: vms=1: not in 2..1048576");
}
END_TEST

START_TEST(rate_outside_the_drawn_range_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 12, "vm1.rate=7" } };

	expect_violation3(e, NELEM(e), "run.meta:12: meta: vm1.rate=7: not in 2..3");
}
END_TEST

START_TEST(inconsistent_end_time_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 19,
		"end_wall_ns=" W(2000002000) } };

	expect_violation3(e, NELEM(e), "run.meta:19: meta: end_wall_ns=");
}
END_TEST

/*
 * One line for the missing log, and none for the messages to and from it:
 * each of vm2's links would otherwise give a lost or unsent line apiece.
 */
START_TEST(missing_vm_log_is_reported_once)
{
	char dir[256], path[300], want[1024], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), NULL, 0);
	snprintf(path, sizeof path, "%s/vm2.csv", dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	snprintf(want, sizeof want, "%s/vm2.csv: files: missing (run.meta has "
	    "vms=3); messages to and from vm2 are not judged\n"
	    "fail: %s: 1 violation (files)\n", dir, dir);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
}
END_TEST

/* The 3-VM run, plus the files named, each holding vm2's log. */
static void
make_run3_with(char *dir, size_t len, const char *const *names, size_t n)
{
	rundir_make_run(dir, len, run3, NELEM(run3), NULL, 0);
	for (size_t i = 0; i < n; i++)
		rundir_write(dir, names[i], vm2_3, NELEM(vm2_3));
}

/* A log beyond run.meta's vms may be what makes the run whole: named. */
START_TEST(log_of_a_vm_the_run_did_not_have_is_named)
{
	static const char *const extra[] = { "vm3.csv", "vm01.csv" };
	char dir[256], *out, *err;

	make_run3_with(dir, sizeof dir, extra, NELEM(extra));
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	assert_names(out, dir, "vm01.csv: files: not a log of this run "
	    "(run.meta has vms=3: vm0.csv .. vm2.csv)\n");
	assert_names(out, dir, "vm3.csv: files: not a log of this run");
	ck_assert_ptr_nonnull(strstr(out, ": 2 violations (files)\n"));
	free(out);
	free(err);
}
END_TEST

/* Other files of the user's are none of check's business. */
START_TEST(files_not_named_like_logs_are_left_alone)
{
	static const char *const other[] = { "vm1.csv.bak", "vm.csv",
		"vm2.csv~", "notes.txt", "VM3.csv", "vm-3.csv" };
	char dir[256], *out, *err;

	make_run3_with(dir, sizeof dir, other, NELEM(other));
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "ok: "));
	free(out);
	free(err);
}
END_TEST

/* After git's autocrlf: the cause and the fix, not a bad number. */
START_TEST(crlf_line_ends_get_a_hint)
{
	static const struct rundir_edit log[] = { { "vm1.csv", 3,
		"1,1,SEND," W(0500100000) ",3,0,0,,\r" } };
	static const struct rundir_edit meta[] = { { "run.meta", 1,
		"format=1\r" } };
	char dir[256];

	expect_violation3(log, NELEM(log), "vm1.csv:3: columns: line ends in CR "
	    "(a file with Windows line ends? convert it with dos2unix)");
	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), meta, NELEM(meta));
	expect_unusable(dir, "/run.meta:1: line ends in CR (a file with Windows "
	    "line ends? convert it with dos2unix)");
}
END_TEST

START_TEST(failed_run_with_whole_logs_passes_and_says_why_it_failed)
{
	static const struct rundir_edit e[] = { { "run.meta", 23,
		"status=failed\nfailed_vm=1\nerror=vm 1: link-broken" } };
	char dir[256], want[512], *out, *err;

	rundir_make_run(dir, sizeof dir, run3, NELEM(run3), e, NELEM(e));
	ck_assert_int_eq(run_check(dir, &out, &err), 0);
	snprintf(want, sizeof want, "ok: %s: failed run (vm 1: link-broken), "
	    "3 VMs, 17 events, 7 messages (4 received, 3 pending)\n", dir);
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "output:\n%s", out);
	free(out);
	free(err);
}
END_TEST

START_TEST(failed_run_still_gets_the_per_file_rules)
{
	static const struct rundir_edit e[] = {
		{ "run.meta", 23, "status=failed\nfailed_vm=1\nerror=killed" },
		{ "vm0.csv", 3, "0,1,INTERNAL," W(0500100000) ",3,0,,," },
	};

	expect_violation3(e, NELEM(e), "vm0.csv:3: clock-step: ");
}
END_TEST

START_TEST(running_run_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 23, "status=running" } };

	expect_violation3(e, NELEM(e), "run.meta:23: run-status: status=running");
}
END_TEST

START_TEST(complete_run_with_a_vm_that_failed_is_reported)
{
	static const struct rundir_edit e[] = { { "run.meta", 21, "vm1.exit=signal 9" } };

	expect_violation3(e, NELEM(e), "run.meta:21: run-status: status=complete "
	    "but vm1.exit=signal 9");
}
END_TEST

START_TEST(only_twenty_violations_are_shown)
{
	const char *lines[41];
	char buf[40][80], dir[256], *out, *err;
	size_t nl = 0;

	/* vm0 ticks 40 times without ever moving its clock: 39 violations. */
	lines[0] = LOGLINE_HEADER;
	for (int k = 0; k < 40; k++) {
		snprintf(buf[k], sizeof buf[k], "0,%d,INTERNAL," W(0000100000)
		    ",1,0,,,", k);
		lines[k + 1] = buf[k];
	}
	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	rundir_write(dir, "vm0.csv", lines, NELEM(lines));
	ck_assert_int_eq(run_check(dir, &out, &err), 1);
	for (const char *p = out; (p = strchr(p, '\n')) != NULL; p++)
		nl++;
	ck_assert_uint_eq(nl, 22);
	ck_assert_ptr_nonnull(strstr(out, "\n... and "));
	ck_assert_ptr_nonnull(strstr(out, "\nfail: "));
	free(out);
	free(err);
}
END_TEST

START_TEST(missing_directory_is_unusable)
{
	expect_unusable("/nonexistent/run", "'/nonexistent/run': No such file");
}
END_TEST

START_TEST(plain_file_is_not_a_run_directory)
{
	char dir[256], path[300];

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	snprintf(path, sizeof path, "%s/vm0.csv", dir);
	expect_unusable(path, "': not a directory");
}
END_TEST

START_TEST(directory_without_run_meta_is_unusable)
{
	char dir[256];

	rundir_make(dir, sizeof dir);
	expect_unusable(dir, "': no run.meta (not a run directory?)");
}
END_TEST

START_TEST(unsupported_format_is_unusable)
{
	static const struct rundir_edit e[] = { { "run.meta", 1, "format=9" } };
	char dir[256], why[512];

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), e, NELEM(e));
	expect_unusable(dir, "/run.meta: unsupported format '9'");
	/* What analyze asks first, to call it bad input as check does. */
	ck_assert_int_eq(check_usable(dir, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "/run.meta: unsupported format '9'"));
	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	ck_assert_int_eq(check_usable(dir, why, sizeof why), 0);
}
END_TEST

START_TEST(malformed_run_meta_is_unusable)
{
	static const struct rundir_edit e[] = { { "run.meta", 4, "seed 42" } };
	char dir[256];

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), e, NELEM(e));
	expect_unusable(dir, "/run.meta:4: expected key=value");
}
END_TEST

START_TEST(unreadable_log_is_unusable)
{
	char dir[256], path[300];

	rundir_make_run(dir, sizeof dir, run2, NELEM(run2), NULL, 0);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkdir(path, 0755), 0);	/* opens, but cannot be read */
	expect_unusable(dir, "/vm1.csv: Is a directory");
}
END_TEST

Suite *
make_check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *ok = tcase_create("valid runs");
	TCase *rule = tcase_create("one rule broken");
	TCase *bad = tcase_create("unusable input");

	tcase_add_unchecked_fixture(ok, rundir_setup, rundir_teardown);
	tcase_add_test(ok, correct_run_passes_with_a_summary);
	tcase_add_test(ok, correct_two_vm_run_at_speed_4_passes);
	tcase_add_test(ok, correct_run_with_vectors_passes);
	tcase_add_test(ok, trailing_slash_on_the_run_dir_is_ignored);
	tcase_add_test(ok, interrupted_run_may_have_any_number_of_ticks);
	tcase_add_test(ok, receipts_logged_before_their_sends_still_match);
	tcase_add_test(ok, stream_gives_each_line_once_in_wall_clock_order);
	tcase_add_test(ok, stream_goes_on_past_a_missing_log);
	suite_add_tcase(s, ok);

	tcase_add_unchecked_fixture(rule, rundir_setup, rundir_teardown);
	tcase_add_test(rule, wrong_header_is_reported);
	tcase_add_test(rule, line_with_missing_column_is_reported);
	tcase_add_test(rule, truncated_last_line_is_reported);
	tcase_add_test(rule, garbage_bytes_are_reported);
	tcase_add_test(rule, vm_column_not_matching_the_file_is_reported);
	tcase_add_test(rule, gap_in_seq_is_reported);
	tcase_add_test(rule, wall_clock_going_back_is_reported);
	tcase_add_test(rule, internal_event_not_adding_one_is_reported);
	tcase_add_test(rule, a_tampered_vector_entry_is_reported);
	tcase_add_test(rule, a_tick_moving_another_entry_is_reported);
	tcase_add_test(rule, a_recv_with_a_wrong_max_is_reported);
	tcase_add_test(rule, a_pending_naming_another_vector_is_reported);
	tcase_add_test(rule, vectors_ordering_what_lamport_does_not_is_reported);
	tcase_add_test(rule, a_vector_of_the_wrong_length_is_reported);
	tcase_add_test(rule, a_vector_column_run_meta_does_not_have_is_reported);
	tcase_add_test(rule, recv_with_wrong_clock_is_reported);
	tcase_add_test(rule, send_while_messages_are_queued_is_reported);
	tcase_add_test(rule, send_to_a_non_neighbour_is_reported);
	tcase_add_test(rule, send_to_both_must_name_next_first);
	tcase_add_test(rule, recv_from_a_non_neighbour_is_reported);
	tcase_add_test(rule, two_vm_send_naming_the_peer_twice_is_reported);
	tcase_add_test(rule, tick_after_pending_lines_is_reported);
	tcase_add_test(rule, pending_changing_the_clock_is_reported);
	tcase_add_test(rule, pending_queue_not_counting_down_is_reported);
	tcase_add_test(rule, pending_queue_not_ending_at_zero_is_reported);
	tcase_add_test(rule, message_never_received_is_reported_as_lost);
	tcase_add_test(rule, message_received_but_never_sent_is_reported);
	tcase_add_test(rule, message_received_twice_is_reported);
	tcase_add_test(rule, message_with_wrong_clock_is_reported);
	tcase_add_test(rule, messages_out_of_order_are_reported);
	tcase_add_test(rule, early_receipt_whose_send_never_comes_is_unsent);
	tcase_add_test(rule, wrong_number_of_ticks_is_reported);
	tcase_add_test(rule, interrupted_run_still_accounts_for_every_message);
	tcase_add_test(rule, run_interrupted_before_its_start_passes);
	tcase_add_test(rule, tick_in_a_run_that_never_started_is_reported);
	tcase_add_test(rule, complete_run_without_a_start_is_reported);
	tcase_add_test(rule, wrong_tick_spacing_is_reported);
	tcase_add_test(rule, jitter_around_the_schedule_is_not_wrong_spacing);
	tcase_add_test(rule, missing_meta_key_is_reported);
	tcase_add_test(rule, the_verdict_taken_is_the_one_printed);
	tcase_add_test(rule, too_few_vms_in_meta_is_reported);
	tcase_add_test(rule, rate_outside_the_drawn_range_is_reported);
	tcase_add_test(rule, inconsistent_end_time_is_reported);
	tcase_add_test(rule, missing_vm_log_is_reported_once);
	tcase_add_test(rule, log_of_a_vm_the_run_did_not_have_is_named);
	tcase_add_test(rule, files_not_named_like_logs_are_left_alone);
	tcase_add_test(rule, crlf_line_ends_get_a_hint);
	tcase_add_test(rule, failed_run_with_whole_logs_passes_and_says_why_it_failed);
	tcase_add_test(rule, failed_run_still_gets_the_per_file_rules);
	tcase_add_test(rule, running_run_is_reported);
	tcase_add_test(rule, complete_run_with_a_vm_that_failed_is_reported);
	tcase_add_test(rule, only_twenty_violations_are_shown);
	suite_add_tcase(s, rule);

	tcase_add_unchecked_fixture(bad, rundir_setup, rundir_teardown);
	tcase_add_test(bad, missing_directory_is_unusable);
	tcase_add_test(bad, plain_file_is_not_a_run_directory);
	tcase_add_test(bad, directory_without_run_meta_is_unusable);
	tcase_add_test(bad, unsupported_format_is_unusable);
	tcase_add_test(bad, malformed_run_meta_is_unusable);
	tcase_add_test(bad, unreadable_log_is_unusable);
	suite_add_tcase(s, bad);
	return s;
}

/* tests/check_logread.c -- unit tests of the streaming log reader */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/logread.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define HEADER	LOGLINE_HEADER
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Write the lines as DIR/vm1.csv and open it; path receives its name. */
static struct logread *
open_lines(const char *const *lines, size_t n, char *path, size_t len)
{
	char dir[256], err[256];
	struct logread *lr;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "vm1.csv", lines, n);
	snprintf(path, len, "%s/vm1.csv", dir);
	lr = logread_open(path, err, sizeof err);
	ck_assert_msg(lr != NULL, "%s", err);
	return lr;
}

/*
 * Read a log whose header is fine and whose line 2 is bad: the reader
 * must fail on it with "PATH:2: " followed by a reason containing want.
 */
static void
expect_bad_line(const char *line, const char *want)
{
	const char *lines[] = { HEADER, line };
	char path[320], err[512], prefix[400];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 2, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	snprintf(prefix, sizeof prefix, "%s:2: ", path);
	ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "err '%s'", err);
	ck_assert_msg(strstr(logread_reason(lr), want) != NULL,
	    "reason '%s' lacks '%s'", logread_reason(lr), want);
	ck_assert_uint_eq(logread_line(lr), 2);
	/* The failure sticks: the reader never skips past a bad line. */
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	logread_close(lr);
}

START_TEST(reads_every_field_of_each_kind)
{
	const char *lines[] = {
		HEADER,
		"1,0,INTERNAL,1700000000000000000,1,0,,,",
		"1,1,SEND,1700000000500000000,2,0,2|0,,",
		"1,2,RECV,1700000001000000000,9,3,0,17,8",
		"1,3,PENDING,1700000002000000000,9,0,2,5,4",
		"1,4,PEER_DOWN,1700000003000000000,9,0,2,,",
		"1,5,DROP,1700000004000000000,10,0,2,4,10",
	};
	char path[320], err[256];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 7, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_INTERNAL);
	ck_assert_uint_eq(ev.vm, 1);
	ck_assert_uint_eq(ev.wall_ns, UINT64_C(1700000000000000000));
	ck_assert_uint_eq(ev.npeers, 0);
	ck_assert_uint_eq(ev.line, 2);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_SEND);
	ck_assert_uint_eq(ev.seq, 1);
	ck_assert_uint_eq(ev.lamport, 2);
	ck_assert_uint_eq(ev.npeers, 2);
	ck_assert_uint_eq(ev.peers[0], 2);
	ck_assert_uint_eq(ev.peers[1], 0);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_RECV);
	ck_assert_uint_eq(ev.queue_len, 3);
	ck_assert_uint_eq(ev.npeers, 1);
	ck_assert_uint_eq(ev.peers[0], 0);
	ck_assert_uint_eq(ev.src_seq, 17);
	ck_assert_uint_eq(ev.msg_lamport, 8);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_PENDING);
	ck_assert_uint_eq(ev.seq, 3);
	ck_assert_uint_eq(ev.line, 5);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_PEER_DOWN);
	ck_assert_uint_eq(ev.npeers, 1);
	ck_assert_uint_eq(ev.peers[0], 2);
	ck_assert_uint_eq(ev.src_seq, 0);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(ev.kind, LOG_DROP);
	ck_assert_uint_eq(ev.npeers, 1);
	ck_assert_uint_eq(ev.peers[0], 2);
	ck_assert_uint_eq(ev.src_seq, 4);
	ck_assert_uint_eq(ev.msg_lamport, 10);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 0);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 0);
	logread_close(lr);
}
END_TEST

START_TEST(largest_numbers_are_read_exactly)
{
	const char *lines[] = { HEADER, "4294967295,18446744073709551615,RECV,"
	    "18446744073709551615,18446744073709551615,18446744073709551615,"
	    "4294967295,18446744073709551615,18446744073709551615" };
	char path[320], err[256];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 2, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_uint_eq(ev.vm, UINT32_MAX);
	ck_assert_uint_eq(ev.seq, UINT64_MAX);
	ck_assert_uint_eq(ev.peers[0], UINT32_MAX);
	ck_assert_uint_eq(ev.msg_lamport, UINT64_MAX);
	logread_close(lr);
}
END_TEST

/* Leading zeros are allowed, however many digits they make. */
START_TEST(leading_zeros_are_read_as_the_number)
{
	const char *lines[] = { HEADER,
	    "001,0,SEND,000000000000000000005,02,0,0000000002|00,,",
	    "1,1,RECV,6,000000000000000000003,0,0000000000000,07,1" };
	char path[320], err[256];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 3, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_uint_eq(ev.vm, 1);
	ck_assert_uint_eq(ev.wall_ns, 5);
	ck_assert_uint_eq(ev.lamport, 2);
	ck_assert_uint_eq(ev.npeers, 2);
	ck_assert_uint_eq(ev.peers[0], 2);
	ck_assert_uint_eq(ev.peers[1], 0);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_uint_eq(ev.lamport, 3);
	ck_assert_uint_eq(ev.peers[0], 0);
	ck_assert_uint_eq(ev.src_seq, 7);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 0);
	logread_close(lr);
}
END_TEST

START_TEST(header_only_log_has_no_events)
{
	const char *lines[] = { HEADER };
	char path[320], err[256];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 1, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 0);
	logread_close(lr);
}
END_TEST

START_TEST(empty_file_is_missing_its_header)
{
	char path[320], err[512];
	struct log_event ev;
	struct logread *lr = open_lines(NULL, 0, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, ":1: empty file"));
	logread_close(lr);
}
END_TEST

START_TEST(wrong_header_names_file_and_line_1)
{
	const char *lines[] = { "vm,seq,event,wall_ns,lamport,queue_len,peers",
		"1,0,INTERNAL,5,1,0,,," };
	char path[320], err[512], want[400];
	struct log_event ev;
	struct logread *lr = open_lines(lines, 2, path, sizeof path);

	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:1: bad header", path);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "err '%s'", err);
	logread_close(lr);
}
END_TEST

START_TEST(wrong_field_count_is_rejected)
{
	expect_bad_line("1,0,INTERNAL,5,1,0,,", "8 fields, expected 9");
	expect_bad_line("1,0,INTERNAL,5,1,0,,,,", "10 fields, expected 9");
}
END_TEST

START_TEST(non_number_is_rejected)
{
	expect_bad_line("1,zero,INTERNAL,5,1,0,,,", "seq 'zero': not a number");
	expect_bad_line("1,0,INTERNAL,,1,0,,,", "wall_ns '': not a number");
	expect_bad_line("1,0,INTERNAL,+5,1,0,,,", "wall_ns '+5': not a number");
	expect_bad_line("1,0,INTERNAL, 5,1,0,,,", "wall_ns ' 5': not a number");
}
END_TEST

START_TEST(overflowing_number_is_rejected)
{
	expect_bad_line("1,18446744073709551616,INTERNAL,5,1,0,,,",
	    "seq '18446744073709551616': too large");
	expect_bad_line("4294967296,0,INTERNAL,5,1,0,,,", "vm '4294967296': too "
	    "large");
	expect_bad_line("1,0,SEND,5,1,0,4294967296,,", "too large");
}
END_TEST

START_TEST(negative_number_is_rejected)
{
	expect_bad_line("1,0,INTERNAL,5,-1,0,,,", "lamport '-1': negative");
}
END_TEST

START_TEST(unknown_event_kind_is_rejected)
{
	expect_bad_line("1,0,TICK,5,1,0,,,", "event 'TICK'");
	expect_bad_line("1,0,send,5,1,0,2,,", "event 'send'");
	expect_bad_line("1,0,PEER,5,1,0,2,,", "event 'PEER'");
	expect_bad_line("1,0,P,5,1,0,2,,", "event 'P'");
	expect_bad_line("1,0,DROPPED,5,1,0,2,3,4", "event 'DROPPED'");
}
END_TEST

START_TEST(trailing_garbage_is_rejected)
{
	expect_bad_line("1,0,INTERNAL,5,1,0x,,,", "queue_len '0x': not a number");
	expect_bad_line("1,2,RECV,5,1,0,0,3,4 ", "msg_lamport '4 '");
}
END_TEST

/* After a trip through Windows or git's autocrlf: the cause, and the fix. */
START_TEST(crlf_line_ends_are_named_with_the_fix)
{
	const char *lines[] = { HEADER "\r", "1,0,INTERNAL,5,1,0,,,\r" };
	char path[320], err[512];
	struct log_event ev;
	struct logread *lr;

	expect_bad_line("1,2,RECV,5,1,0,0,3,4\r", "line ends in CR");
	expect_bad_line("1,0,INTERNAL,5,1,0,,,\r", "convert it with dos2unix");
	lr = open_lines(lines, 2, path, sizeof path);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	ck_assert_uint_eq(logread_line(lr), 1);
	ck_assert_msg(strstr(err, ":1: line ends in CR (a file with Windows "
	    "line ends?") != NULL, "err '%s'", err);
	logread_close(lr);
}
END_TEST

START_TEST(fields_must_match_the_event_kind)
{
	expect_bad_line("1,0,INTERNAL,5,1,0,2,,", "must be empty for INTERNAL");
	expect_bad_line("1,0,INTERNAL,5,1,0,,3,", "src_seq '3': must be empty");
	expect_bad_line("1,0,SEND,5,1,0,,,", "peers: missing for SEND");
	expect_bad_line("1,0,SEND,5,1,0,2|0|2,,", "more than 2 for SEND");
	expect_bad_line("1,0,SEND,5,1,0,2|,,", "peers '': not a number");
	expect_bad_line("1,0,SEND,5,1,0,2,3,4", "must be empty for SEND");
	expect_bad_line("1,0,RECV,5,1,0,2|0,3,4", "more than 1 for RECV");
	expect_bad_line("1,0,RECV,5,1,0,2,,4", "src_seq: missing for RECV");
	expect_bad_line("1,0,PENDING,5,1,0,2,3,", "msg_lamport: missing for "
	    "PENDING");
	expect_bad_line("1,0,PEER_DOWN,5,1,0,,,", "peers: missing for PEER_DOWN");
	expect_bad_line("1,0,PEER_DOWN,5,1,0,2|0,,", "more than 1 for PEER_DOWN");
	expect_bad_line("1,0,PEER_DOWN,5,1,0,2,3,4", "must be empty for PEER_DOWN");
	expect_bad_line("1,0,DROP,5,1,0,2,,", "src_seq: missing for DROP");
	expect_bad_line("1,0,DROP,5,1,0,2|0,3,4", "more than 1 for DROP");
}
END_TEST

/*
 * Read raw bytes as a log: the first good lines parse, then the reader
 * fails with a message containing want.
 */
static void
expect_raw_error(const char *text, size_t len, int good, const char *want)
{
	char dir[256], path[300], err[512];
	struct log_event ev;
	struct logread *lr;

	rundir_make(dir, sizeof dir);
	rundir_write_raw(dir, "vm1.csv", text, len);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_ptr_nonnull(lr = logread_open(path, err, sizeof err));
	for (int i = 0; i < good; i++)
		ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), -1);
	ck_assert_msg(strstr(err, want) != NULL, "err '%s'", err);
	logread_close(lr);
}

START_TEST(truncated_last_line_is_rejected)
{
	static const char text[] = HEADER "\n1,0,INTERNAL,5,1,0,,,\n1,1,INTER";

	expect_raw_error(text, sizeof text - 1, 1, ":3: no newline at end of file");
}
END_TEST

START_TEST(nul_byte_is_rejected)
{
	static const char text[] = HEADER "\n1,0,INTER\0NAL,5,1,0,,,\n";

	expect_raw_error(text, sizeof text - 1, 0, ":2: NUL byte");
}
END_TEST

START_TEST(binary_garbage_is_rejected_and_masked)
{
	expect_bad_line("\x01\xff\xfe,0,INTERNAL,5,1,0,,,", "vm '?\?\?': not a "
	    "number");
}
END_TEST

START_TEST(overlong_line_is_rejected)
{
	char line[400];

	memset(line, '7', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	expect_bad_line(line, "line longer than");
}
END_TEST

/* A log far longer than the reader's buffer: every line, none torn. */
START_TEST(long_log_is_read_whole_across_buffer_refills)
{
	enum { N = 30000 };	/* about 1.2 MB, lines of varying length */
	size_t cap = 64 + (size_t)N * 64, len = 0;
	char *text = malloc(cap), dir[256], path[300], err[512];
	struct log_event ev;
	struct logread *lr;

	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text, cap, "%s\n", HEADER);
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len, "1,%d,RECV,"
		    "17000000%011d,%d,%d,0,%d,%d\n", i, i * 7, i + 1, i % 3,
		    i * 13, i);
	rundir_make(dir, sizeof dir);
	rundir_write_raw(dir, "vm1.csv", text, len);
	free(text);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_ptr_nonnull(lr = logread_open(path, err, sizeof err));
	for (int i = 0; i < N; i++) {
		ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 1);
		ck_assert_uint_eq(ev.seq, (uint64_t)i);
		ck_assert_uint_eq(ev.wall_ns, UINT64_C(1700000000000000000) +
		    (uint64_t)i * 7);
		ck_assert_uint_eq(ev.queue_len, (uint64_t)(i % 3));
		ck_assert_uint_eq(ev.src_seq, (uint64_t)i * 13);
		ck_assert_uint_eq(ev.msg_lamport, (uint64_t)i);
		ck_assert_uint_eq(ev.line, (unsigned long)i + 2);
	}
	ck_assert_int_eq(logread_next(lr, &ev, err, sizeof err), 0);
	logread_close(lr);
}
END_TEST

/* The last line, from the end of the file: however long the log. */
START_TEST(last_line_is_read_from_the_end)
{
	static const char *const lines[] = {
		HEADER,
		"1,0,INTERNAL,1700000000000000000,1,0,,,",
		"1,1,PEER_DOWN,1700000000500000000,1,2,2,,",
	};
	char dir[256], path[300];
	struct log_event ev;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "vm1.csv", lines, NELEM(lines));
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_int_eq(logread_last(path, &ev), 1);
	ck_assert_int_eq(ev.kind, LOG_PEER_DOWN);
	ck_assert_uint_eq(ev.seq, 1);
	ck_assert_uint_eq(ev.wall_ns, UINT64_C(1700000000500000000));
	ck_assert_uint_eq(ev.queue_len, 2);
	/* The header alone: no event line. */
	rundir_write(dir, "vm1.csv", lines, 1);
	ck_assert_int_eq(logread_last(path, &ev), 0);
}
END_TEST

START_TEST(last_line_of_a_long_log_is_found_past_the_buffer)
{
	enum { N = 5000 };
	char *text = malloc(64 + (size_t)N * 64), dir[256], path[300];
	size_t len = (size_t)sprintf(text, "%s\n", HEADER);
	struct log_event ev;

	for (int i = 0; i < N; i++)
		len += (size_t)sprintf(text + len, "1,%d,INTERNAL,"
		    "17000000%011d,%d,0,,,\n", i, i * 7, i + 1);
	rundir_make(dir, sizeof dir);
	rundir_write_raw(dir, "vm1.csv", text, len);
	free(text);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_int_eq(logread_last(path, &ev), 1);
	ck_assert_uint_eq(ev.seq, N - 1);
	ck_assert_uint_eq(ev.lamport, N);
}
END_TEST

/* Nothing to be told: a torn or bad last line, a missing or empty file. */
START_TEST(last_line_that_cannot_be_read_is_refused)
{
	static const char torn[] = HEADER "\n1,0,INTERNAL,17000000000000";
	static const char bad[] = HEADER "\n1,0,TICK,1700000000000000000,1,0,,,\n";
	char dir[256], path[300];
	struct log_event ev;

	rundir_make(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
	ck_assert_int_eq(logread_last(path, &ev), -1);
	rundir_write_raw(dir, "vm1.csv", "", 0);
	ck_assert_int_eq(logread_last(path, &ev), -1);
	rundir_write_raw(dir, "vm1.csv", torn, sizeof torn - 1);
	ck_assert_int_eq(logread_last(path, &ev), -1);
	rundir_write_raw(dir, "vm1.csv", bad, sizeof bad - 1);
	ck_assert_int_eq(logread_last(path, &ev), -1);
}
END_TEST

START_TEST(missing_file_is_reported_with_its_path)
{
	char err[256];

	errno = 0;
	ck_assert_ptr_null(logread_open("/nonexistent/vm0.csv", err, sizeof err));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_str_eq(err, "/nonexistent/vm0.csv: No such file or directory");
}
END_TEST

Suite *
make_logread_suite(void)
{
	Suite *s = suite_create("logread");
	TCase *tc = tcase_create("logread");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	tcase_add_test(tc, reads_every_field_of_each_kind);
	tcase_add_test(tc, largest_numbers_are_read_exactly);
	tcase_add_test(tc, leading_zeros_are_read_as_the_number);
	tcase_add_test(tc, header_only_log_has_no_events);
	tcase_add_test(tc, empty_file_is_missing_its_header);
	tcase_add_test(tc, wrong_header_names_file_and_line_1);
	tcase_add_test(tc, wrong_field_count_is_rejected);
	tcase_add_test(tc, non_number_is_rejected);
	tcase_add_test(tc, overflowing_number_is_rejected);
	tcase_add_test(tc, negative_number_is_rejected);
	tcase_add_test(tc, unknown_event_kind_is_rejected);
	tcase_add_test(tc, trailing_garbage_is_rejected);
	tcase_add_test(tc, crlf_line_ends_are_named_with_the_fix);
	tcase_add_test(tc, fields_must_match_the_event_kind);
	tcase_add_test(tc, truncated_last_line_is_rejected);
	tcase_add_test(tc, nul_byte_is_rejected);
	tcase_add_test(tc, binary_garbage_is_rejected_and_masked);
	tcase_add_test(tc, overlong_line_is_rejected);
	tcase_add_test(tc, long_log_is_read_whole_across_buffer_refills);
	tcase_add_test(tc, missing_file_is_reported_with_its_path);
	tcase_add_test(tc, last_line_is_read_from_the_end);
	tcase_add_test(tc, last_line_of_a_long_log_is_found_past_the_buffer);
	tcase_add_test(tc, last_line_that_cannot_be_read_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

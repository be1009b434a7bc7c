/* tests/check_logw.c -- unit tests of vm/logw: the exact CSV lines, and when they reach the file */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "tests/rundir.h"
#include "tests/suites.h"
#include "vm/logw.h"
#include "vm/core/step.h"

#define HEADER "vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport\n"

static char path[600];

static void
setup(void)
{
	char dir[512];

	rundir_make(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/vm1.csv", dir);
}

/* The whole file as it stands now, whoever still holds it open. */
static const char *
contents(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	ck_assert(!ferror(f));
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static struct logw *
open_log(void)
{
	char err[256] = "";
	struct logw *w = logw_open(path, 1, 0, err, sizeof err);

	ck_assert_msg(w != NULL, "logw_open: %s", err);
	return w;
}

static void
close_log(struct logw *w)
{
	char err[256] = "";

	ck_assert_msg(logw_close(w, err, sizeof err) == 0, "logw_close: %s", err);
}

/* The events of docs/FORMAT.md, one of each kind, as step makes them. */
START_TEST(every_kind_is_written_as_the_format_says)
{
	struct step_msg from2 = { .src = 2, .src_seq = 30, .lamport = 35 };
	struct step_vm s;
	struct step_event send = { .kind = STEP_SEND, .seq = 56, .lamport = 40,
	    .ndest = 2, .dest = { 2, 0 } };
	struct step_event ev;
	struct logw *w = open_log();

	step_init(&s, 1, 4, 10);
	s.seq = 55;
	s.lamport = 39;
	ev = (struct step_event){ .kind = STEP_INTERNAL, .seq = 55, .lamport = 39 };
	ck_assert_int_eq(logw_event(w, &ev, 1000, 0), 0);
	ck_assert_int_eq(logw_event(w, &send, 1001, 0), 0);
	s.seq = 57;
	s.lamport = 40;
	step_peer_down(&s, 2, &ev);
	ck_assert_int_eq(logw_event(w, &ev, 1002, 0), 0);
	step_drop(&s, &send, 2, &ev);
	ck_assert_int_eq(logw_event(w, &ev, 1003, 0), 0);
	ev = (struct step_event){ .kind = STEP_SEND, .seq = 59, .lamport = 41,
	    .ndest = 1, .dest = { 0 } };
	ck_assert_int_eq(logw_event(w, &ev, 1004, 1), 0);
	ev = (struct step_event){ .kind = STEP_RECV, .seq = 60, .lamport = 42,
	    .msg = from2 };
	ck_assert_int_eq(logw_event(w, &ev, 1005, 0), 0);
	s.seq = 61;
	s.lamport = 42;
	step_pending(&s, &from2, &ev);
	ck_assert_int_eq(logw_event(w, &ev, 1006, 0), 0);
	close_log(w);
	ck_assert_str_eq(contents(), HEADER
	    "1,55,INTERNAL,1000,39,0,,,\n"
	    "1,56,SEND,1001,40,0,2|0,,\n"
	    "1,57,PEER_DOWN,1002,40,0,2,,\n"
	    "1,58,DROP,1003,40,0,2,56,40\n"
	    "1,59,SEND,1004,41,1,0,,\n"
	    "1,60,RECV,1005,42,0,2,30,35\n"
	    "1,61,PENDING,1006,42,0,2,30,35\n");
}
END_TEST

/* What a VM killed with SIGKILL leaves: the header, then what it flushed. */
START_TEST(flushed_lines_are_in_the_file_before_it_is_closed)
{
	struct step_event ev = { .kind = STEP_INTERNAL, .seq = 0, .lamport = 1 };
	struct logw *w = open_log();

	ck_assert_str_eq(contents(), HEADER);
	ck_assert_int_eq(logw_event(w, &ev, 7, 0), 0);
	ck_assert_int_eq(logw_flush(w), 0);
	ck_assert_str_eq(contents(), HEADER "1,0,INTERNAL,7,1,0,,,\n");
	ev.seq = 1;
	ev.lamport = 2;
	ck_assert_int_eq(logw_event(w, &ev, 8, 0), 0);
	ck_assert_int_eq(logw_flush(w), 0);
	ck_assert_int_eq(logw_flush(w), 0);
	ck_assert_str_eq(contents(), HEADER "1,0,INTERNAL,7,1,0,,,\n"
	    "1,1,INTERNAL,8,2,0,,,\n");
	close_log(w);
}
END_TEST

START_TEST(an_existing_log_is_never_written_over)
{
	char err[256] = "";
	struct logw *w = open_log();

	close_log(w);
	ck_assert_ptr_null(logw_open(path, 1, 0, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, path));
	ck_assert_str_eq(contents(), HEADER);
}
END_TEST

Suite *
make_logw_suite(void)
{
	Suite *s = suite_create("logw");
	TCase *lines = tcase_create("lines");

	tcase_add_unchecked_fixture(lines, rundir_setup, rundir_teardown);
	tcase_add_checked_fixture(lines, setup, NULL);
	tcase_add_test(lines, every_kind_is_written_as_the_format_says);
	tcase_add_test(lines, flushed_lines_are_in_the_file_before_it_is_closed);
	tcase_add_test(lines, an_existing_log_is_never_written_over);
	suite_add_tcase(s, lines);
	return s;
}

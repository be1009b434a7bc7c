/* tests/check_export.c -- unit tests of `clockring export`: run A as ShiViz and Perfetto see it, read back and worked out by hand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/export/export.h"
#include "tests/anarun.h"
#include "tests/exportcheck.h"
#include "tests/suites.h"

/* `clockring export ARG...`, as anarun_vcall. */
static int
export_call(char **out, char **err, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int rc = anarun_vcall(export_main, out, err, arg, ap);
	va_end(ap);
	return rc;
}

/* The export of the run in dir, which must succeed (caller frees). */
static char *
exported(const char *dir, const char *fmt)
{
	char *out, *err;

	ck_assert_int_eq(export_call(&out, &err, fmt, dir, NULL), 0);
	ck_assert_str_eq(err, "");
	free(err);
	return out;
}

static void
holds_line(const char *text, const char *line)
{
	ck_assert_msg(strstr(text, line) != NULL, "no line %s", line);
}

/*
 * Run A's vectors (tests/check_vclock.c works them out) keyed by VM, the
 * zero entries left out; times are model seconds from start_wall_ns.
 */
START_TEST(run_a_as_shiviz_has_the_vectors_worked_out_by_hand)
{
	char dir[256], err[512];
	struct xc_stats st;
	char *out;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	out = exported(dir, "--shiviz");
	ck_assert_int_eq(strncmp(out, "^(?<host>", 9), 0);
	ck_assert_ptr_nonnull(strstr(out, "(?<clock>"));
	ck_assert_ptr_nonnull(strstr(out, "(?<event>"));
	ck_assert_ptr_nonnull(strstr(out, "$\n\nvm"));	/* line 2 empty */
	holds_line(out, "\nvm0 {\"vm0\":1} SEND L=1 q=0 seq=0 "
	    "t=0.000000000s: SEND to vm2 L=1\n");
	holds_line(out, "\nvm0 {\"vm0\":2,\"vm2\":3} RECV L=4 q=1 seq=1 "
	    "t=1.000000000s: RECV from vm2 seq 2 (L=3) L=4\n");
	holds_line(out, "\nvm1 {\"vm1\":2} SEND L=2 q=0 seq=1 "
	    "t=0.500000000s: SEND to vm2, vm0 L=2\n");
	holds_line(out, "\nvm2 {\"vm0\":1,\"vm1\":2,\"vm2\":6} SEND L=6 q=0 "
	    "seq=5 t=1.250000000s: SEND to vm0, vm1 L=6\n");
	holds_line(out, "\nvm1 {\"vm0\":1,\"vm1\":4,\"vm2\":6} RECV L=7 q=0 "
	    "seq=3 t=1.500000000s: RECV from vm2 seq 5 (L=6) L=7\n");
	holds_line(out, "\nvm2 {\"vm0\":1,\"vm1\":2,\"vm2\":8} INTERNAL L=8 "
	    "q=0 seq=7 t=1.750000000s: INTERNAL L=8\n");
	ck_assert_msg(xc_shiviz_check(out, &st, err, sizeof err) == 0, "%s",
	    err);
	ck_assert_uint_eq(st.events, 14);	/* PENDING lines are no ticks */
	ck_assert_uint_eq(st.hosts, 3);
	ck_assert_uint_eq(st.recvs, 4);		/* mI, mA, mD, mC */
	free(out);
}
END_TEST

static size_t
count(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * Four SENDs reached someone (mG and mB are pending at the end, but
 * their SENDs carried mD and mC too), four RECVs took them: four flows.
 */
START_TEST(run_a_as_perfetto_has_a_track_per_vm_and_an_arrow_per_message)
{
	char dir[256], err[512];
	struct xc_stats st;
	char *out;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	out = exported(dir, "--perfetto");
	ck_assert_msg(xc_perfetto_check(out, strlen(out), &st, err,
	    sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(st.events, 14);
	ck_assert_uint_eq(st.hosts, 3);
	ck_assert_uint_eq(st.flows, 4);
	ck_assert_uint_eq(count(out, "\"flow_out\":true"), 4);
	ck_assert_uint_eq(count(out, "\"flow_in\":true"), 4);
	ck_assert_uint_eq(count(out, "\"ph\":\"X\""), 14);
	ck_assert_uint_eq(count(out, "\"name\":\"Lamport\""), 14);
	holds_line(out, "\"name\":\"process_name\",\"args\":{\"name\":"
	    "\"vm1 (rate 2/s)\"}");
	/* mD: vm1 seq 1 at 0.5 s, taken by vm2 seq 4 at 1.0 s */
	holds_line(out, "{\"ph\":\"X\",\"pid\":2,\"tid\":2,\"ts\":500000.000,"
	    "\"dur\":0,\"name\":\"SEND to vm2, vm0\"");
	holds_line(out, "{\"ph\":\"X\",\"pid\":3,\"tid\":3,\"ts\":1000000.000,"
	    "\"dur\":0,\"name\":\"RECV from vm1\",\"args\":{\"from\":\"vm1\","
	    "\"msg_seq\":1,\"msg_lamport\":2,\"kind\":\"RECV\",\"seq\":4,"
	    "\"lamport\":5,\"vector\":\"[1,2,5]\",\"queue_len\":0}");
	/* vm0's queue: 1 after its RECV, on its counter track */
	holds_line(out, "{\"ph\":\"C\",\"pid\":1,\"tid\":1,\"ts\":1000000.000,"
	    "\"name\":\"queue\",\"args\":{\"length\":1}}");
	free(out);
}
END_TEST

/* The checks can fail: each file below breaks one rule. */
START_TEST(the_checks_catch_a_broken_export)
{
	char dir[256], err[512], *p;
	struct xc_stats st;
	char *sv, *pf;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	sv = exported(dir, "--shiviz");
	pf = exported(dir, "--perfetto");
	p = strstr(sv, "{\"vm0\":1,\"vm1\":4,\"vm2\":6}");
	p[7] = '9';	/* the RECV's sender entry, off */
	ck_assert_int_eq(xc_shiviz_check(sv, &st, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "is not max(previous"));
	p[7] = '1';
	p = strstr(sv, "{\"vm1\":2} SEND");
	p[7] = '3';	/* vm1 skips a tick */
	ck_assert_int_eq(xc_shiviz_check(sv, &st, err, sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "own entry goes from 1 to 3"));
	p = strstr(pf, "\"flow_in\":true");
	memcpy(p, "\"flow_no\"", 9);	/* a flow end unmarked */
	ck_assert_int_eq(xc_perfetto_check(pf, strlen(pf), &st, err,
	    sizeof err), -1);
	memcpy(p, "\"flow_in\"", 9);
	p = strrchr(pf, ']');
	p[-1] = ',';	/* a trailing comma: not JSON */
	ck_assert_int_eq(xc_perfetto_check(pf, strlen(pf), &st, err,
	    sizeof err), -1);
	free(sv);
	free(pf);
}
END_TEST

/* A run at --speed 2 lived two model seconds in each wall second. */
START_TEST(times_are_model_time)
{
	static const struct rundir_edit twice[] = {
		{ "run.meta", 7, "speed=2" },
	};
	char dir[256], *out;

	ck_assert_str_eq(runa_meta[6], "speed=1");
	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), twice, 1);
	out = exported(dir, "--shiviz");
	holds_line(out, " seq=3 t=3.000000000s: RECV from vm2 seq 5");
	free(out);
	out = exported(dir, "--perfetto");
	holds_line(out, "\"pid\":2,\"tid\":2,\"ts\":3000000.000,");
	free(out);
}
END_TEST

/*
 * Without vm0's log, vm2's RECV of mI names a SEND no log has: its line
 * says whom it came from, its clock counts only vm2's own ticks, and it
 * gets no arrow. Both files stay what their viewers take.
 */
START_TEST(a_recv_whose_send_no_log_has_gets_no_arrow)
{
	char dir[256], path[300], err[512], *out;
	struct xc_stats st;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	snprintf(path, sizeof path, "%s/vm0.csv", dir);
	ck_assert_int_eq(unlink(path), 0);
	out = exported(dir, "--shiviz");
	holds_line(out, "\nvm2 {\"vm2\":4} RECV L=4 q=1 seq=3 "
	    "t=0.750000000s: RECV from vm0 seq 0 (L=1) L=4\n");
	ck_assert_int_eq(xc_shiviz_check(out, &st, err, sizeof err), 0);
	ck_assert_uint_eq(st.recvs, 2);		/* mD, mC */
	free(out);
	out = exported(dir, "--perfetto");
	ck_assert_msg(xc_perfetto_check(out, strlen(out), &st, err,
	    sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(st.flows, 2);
	free(out);
}
END_TEST

/*
 * Not a run, or a bad run.meta: bad input (2); a broken log: a bad run
 * (1). Either way one line on stderr, nothing on stdout.
 */
START_TEST(a_bad_run_is_told_in_one_line)
{
	static const struct rundir_edit torn[] = {
		{ "vm1.csv", 3, "1,1,SEND,oops,2,0,2|0,," },
	};
	static const struct rundir_edit bad_meta[] = {
		{ "run.meta", 5, "vms=x" },
	};
	char dir[256], *out, *err;

	rundir_make(dir, sizeof dir);
	ck_assert_int_eq(export_call(&out, &err, "--shiviz", dir, NULL), 2);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(err, "': no run.meta (not a run "));
	ck_assert_ptr_eq(strchr(err, '\n'), err + strlen(err) - 1);
	free(out);
	free(err);
	ck_assert_str_eq(runa_meta[4], "vms=3");
	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), bad_meta, 1);
	ck_assert_int_eq(export_call(&out, &err, "--shiviz", dir, NULL), 2);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(err, "/run.meta:5: "));
	free(out);
	free(err);
	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), torn, 1);
	ck_assert_int_eq(export_call(&out, &err, "--perfetto", dir, NULL), 1);
	ck_assert_str_eq(out, "");
	ck_assert_ptr_nonnull(strstr(err, "/vm1.csv:3: "));
	free(out);
	free(err);
}
END_TEST

Suite *
make_export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *t = tcase_create("export");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, run_a_as_shiviz_has_the_vectors_worked_out_by_hand);
	tcase_add_test(t, run_a_as_perfetto_has_a_track_per_vm_and_an_arrow_per_message);
	tcase_add_test(t, the_checks_catch_a_broken_export);
	tcase_add_test(t, times_are_model_time);
	tcase_add_test(t, a_recv_whose_send_no_log_has_gets_no_arrow);
	tcase_add_test(t, a_bad_run_is_told_in_one_line);
	suite_add_tcase(s, t);
	return s;
}

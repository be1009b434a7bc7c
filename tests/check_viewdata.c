/* tests/check_viewdata.c -- unit tests of analysis/viewer/viewdata: a run's ticks as the page's JSON, worked out by hand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/viewer/viewdata.h"
#include "tests/suites.h"

/*
 * Two VMs: vm1 receives vm0's SEND (vm0 seq 1) at its seq 2 (its seq 1
 * is a line that is no tick) and sends back, which vm0 receives last.
 */
static struct vclock_event events[] = {
	{ .vm = 0, .kind = LOG_INTERNAL, .seq = 0, .wall_ns = 500000000, .lamport = 1, .send = VCLOCK_NONE },
	{ .vm = 0, .kind = LOG_SEND, .seq = 1, .wall_ns = 1000000000, .lamport = 2, .send = VCLOCK_NONE },
	{ .vm = 1, .kind = LOG_INTERNAL, .seq = 0, .wall_ns = 200000000, .lamport = 1, .send = VCLOCK_NONE },
	{ .vm = 1, .kind = LOG_RECV, .seq = 2, .wall_ns = 1500000000, .lamport = 3, .queue_len = 1, .send = 1 },
	{ .vm = 1, .kind = LOG_SEND, .seq = 3, .wall_ns = 2000000000, .lamport = 4, .send = VCLOCK_NONE },
	{ .vm = 0, .kind = LOG_RECV, .seq = 2, .wall_ns = 2500000000, .lamport = 5, .send = 4 },
};
static uint32_t vectors[] = { 1, 0, 2, 0, 0, 1, 2, 2, 2, 3, 3, 3 };

/* The page's JSON of model seconds [t0, t1] of the run above. */
static char *
json(double t0, double t1, size_t *count)
{
	struct vclock_run r = { .n = 2, .nev = 6, .ev = events, .v = vectors };
	struct runinfo ri = { .speed = 1, .end_s = 3 };
	struct viewdata_src s = { .run = &r, .ri = &ri, .name = "a<b", .t0 = t0,
	    .t1 = t1 };
	char *text = NULL, err[64];
	size_t len;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	*count = viewdata_count(&s);
	ck_assert_int_eq(viewdata_write(&s, out, err, sizeof err), 0);
	ck_assert_int_eq(fclose(out), 0);
	return text;
}

START_TEST(whole_run_is_one_array_per_field_lanes_as_steps)
{
	size_t n;
	char *text = json(0, 3, &n);

	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(text, "{\"format\":1,\"n\":2,\"name\":\"a\\u003cb\","
	    "\"end\":3.000000,\"window\":[0.000000,3.000000],\"before\":[0,0],"
	    "\"vm\":[0,0,1,1,1,0],\"k\":[0,1,0,2,1,2],\"q\":[0,0,0,1,0,0],"
	    "\"s\":[0,1,0,2,1,1],"
	    "\"t\":[500000,500000,200000,1300000,500000,1500000],"
	    "\"l\":[1,1,1,2,1,3],\"r\":[0,0,0,2,0,1],\"m\":[2,4],"
	    "\"d\":[0,0,0,1,0,2,0,1,1,3]}");
	free(text);
}
END_TEST

/*
 * Model seconds 1 to 2: vm0's SEND, vm1's RECV and SEND. Each lane starts
 * from its clock before the window, and its first vector is given whole.
 */
START_TEST(window_keeps_its_ticks_and_each_lanes_clock_before_it)
{
	size_t n;
	char *text = json(1, 2, &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(text, "{\"format\":1,\"n\":2,\"name\":\"a\\u003cb\","
	    "\"end\":3.000000,\"window\":[1.000000,2.000000],\"before\":[1,1],"
	    "\"vm\":[0,1,1],\"k\":[1,2,1],\"q\":[0,1,0],\"s\":[1,2,1],"
	    "\"t\":[1000000,1500000,500000],\"l\":[1,2,1],\"r\":[0,1,0],"
	    "\"m\":[2],\"d\":[1,0,1,2,0,2,1,1,0]}");
	free(text);
}
END_TEST

/* A RECV whose SEND is off the page still says the clock its message carried. */
START_TEST(recv_whose_send_is_off_the_page_has_no_arrow_but_its_clock)
{
	size_t n;
	char *text = json(1.2, 3, &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_ptr_nonnull(strstr(text, "\"r\":[0,0,1],\"m\":[2,4]"));
	free(text);
}
END_TEST

Suite *
make_viewdata_suite(void)
{
	Suite *s = suite_create("viewdata");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, whole_run_is_one_array_per_field_lanes_as_steps);
	tcase_add_test(tc, window_keeps_its_ticks_and_each_lanes_clock_before_it);
	tcase_add_test(tc, recv_whose_send_is_off_the_page_has_no_arrow_but_its_clock);
	suite_add_tcase(s, tc);
	return s;
}

/* tests/check_fault.c -- unit tests of vm/core/fault: the --fault grammar and its limits */
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/fault.h"

/* Parse spec, which must be good, and spell it again. */
static struct fault
parsed(const char *spec, char *again, size_t len)
{
	struct fault f;
	char err[128] = "";

	ck_assert_msg(fault_parse(spec, &f, err, sizeof err) == 0, "%s: %s",
	    spec, err);
	fault_format(&f, again, len);
	return f;
}

/* The reason a bad spec is refused, "" if it was taken. */
static const char *
refusal(const char *spec)
{
	static char err[128];
	struct fault f;

	err[0] = '\0';
	if (fault_parse(spec, &f, err, sizeof err) == 0)
		return "";
	ck_assert_msg(err[0] != '\0', "%s: refused without a reason", spec);
	return err;
}

START_TEST(kill_names_a_vm_and_a_model_second)
{
	char again[FAULT_TEXT_MAX];
	struct fault f = parsed("kill:1@20", again, sizeof again);

	ck_assert_int_eq(f.kind, FAULT_KILL);
	ck_assert_uint_eq(f.vm, 1);
	ck_assert_double_eq(f.at_s, 20);
	ck_assert_double_eq(f.for_s, 0);
	ck_assert_str_eq(again, "kill:1@20");
}
END_TEST

START_TEST(pause_has_a_start_and_a_length)
{
	char again[FAULT_TEXT_MAX];
	struct fault f = parsed("pause:2@10.5+5", again, sizeof again);

	ck_assert_int_eq(f.kind, FAULT_PAUSE);
	ck_assert_uint_eq(f.vm, 2);
	ck_assert_double_eq(f.at_s, 10.5);
	ck_assert_double_eq(f.for_s, 5);
	ck_assert_str_eq(again, "pause:2@10.5+5");
}
END_TEST

START_TEST(slow_names_a_link_a_window_and_a_delay_with_its_unit)
{
	char again[FAULT_TEXT_MAX];
	struct fault f = parsed("slow:0->1@0+30:200ms", again, sizeof again);

	ck_assert_int_eq(f.kind, FAULT_SLOW);
	ck_assert_uint_eq(f.vm, 0);
	ck_assert_uint_eq(f.to, 1);
	ck_assert_double_eq(f.at_s, 0);
	ck_assert_double_eq(f.for_s, 30);
	ck_assert_double_eq_tol(f.delay_s, 0.2, 1e-12);
	ck_assert_str_eq(again, "slow:0->1@0+30:200ms");
	f = parsed("slow:3->2@1+2:1.5s", again, sizeof again);
	ck_assert_double_eq_tol(f.delay_s, 1.5, 1e-12);
	ck_assert_str_eq(again, "slow:3->2@1+2:1500ms");
}
END_TEST

START_TEST(the_canonical_spelling_parses_back_to_the_same_fault)
{
	static const char *const specs[] = {
		"kill:255@0.001", "pause:0@0+0.25", "slow:7->6@59.5+0.5:0.5ms",
		/* %g would spell these 1e-05 and 1e+16: not a spec. */
		"kill:1@0.00001", "pause:1@0.00001+10000000000000000",
		"slow:0->1@0+1:0.000001ms",
	};

	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		char once[FAULT_TEXT_MAX], twice[FAULT_TEXT_MAX];
		struct fault a = parsed(specs[i], once, sizeof once);
		struct fault b = parsed(once, twice, sizeof twice);
		ck_assert_str_eq(once, twice);
		ck_assert_mem_eq(&a, &b, sizeof a);
	}
}
END_TEST

START_TEST(malformed_specs_are_refused_with_the_grammar)
{
	static const char *const bad[] = {
		"", "kill", "kill:", "kill:1", "kill:1@", "kill:x@3", "kill:1@3s",
		"kill:-1@3", "kill:1@-3", "kill:1@+3", "kill:1@inf", "kill:1@nan",
		"kill:1@0x10", "kill:1@1e3", "kill:1@3.", "kill:1@.5", "kill:1@3 ",
		" kill:1@3", "KILL:1@3", "pause:1@3", "pause:1@3+", "slow:0->1@0+3",
		"slow:0->1@0+3:", "slow:0-1@0+3:2s", "slow:0->1@0+3:x",
		"slow:0->@0+3:2s", "kill:99999999999@1", "crash:1@3",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(strstr(refusal(bad[i]), "expected kill:V@T") != NULL,
		    "'%s' was not refused with the grammar", bad[i]);
}
END_TEST

/* "200" alone is the likeliest slip: it gets more than the grammar. */
START_TEST(a_delay_without_its_unit_is_told_so)
{
	static const char *const bad[][2] = {
		{ "slow:0->1@0+3:200", "DELAY '200' needs its unit" },
		{ "slow:0->1@0+3:2h", "DELAY '2h' needs its unit" },
		{ "slow:0->1@0+3:200 ms", "DELAY '200 ms' needs its unit right" },
		{ "slow:0->1@0+3:1.5", "ms or s (200ms, 1.5s)" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(strstr(refusal(bad[i][0]), bad[i][1]) != NULL,
		    "'%s': '%s' lacks '%s'", bad[i][0], refusal(bad[i][0]),
		    bad[i][1]);
}
END_TEST

START_TEST(empty_windows_and_delays_are_refused)
{
	ck_assert_str_eq(refusal("pause:1@3+0"),
	    "the duration after + must be above 0");
	ck_assert_str_eq(refusal("slow:0->1@3+0:5ms"),
	    "the duration after + must be above 0");
	ck_assert_str_eq(refusal("slow:0->1@3+1:0ms"), "the delay must be above 0");
}
END_TEST

/* Why spec does not fit a run of vms VMs and duration seconds, "" if it does. */
static const char *
misfit(const char *spec, uint32_t vms, double duration)
{
	static char err[128];
	struct fault f;

	ck_assert(fault_parse(spec, &f, err, sizeof err) == 0);
	err[0] = '\0';
	if (fault_fits(&f, vms, duration, err, sizeof err) == 0)
		return "";
	ck_assert(err[0] != '\0');
	return err;
}

START_TEST(a_fault_must_fit_the_ring_and_the_run)
{
	ck_assert_str_eq(misfit("kill:2@59.9", 3, 60), "");
	ck_assert_str_eq(misfit("pause:0@10+50", 3, 60), "");
	ck_assert_str_eq(misfit("slow:0->2@0+100:1s", 3, 60), "");
	ck_assert_str_eq(misfit("slow:1->0@0+1:1s", 2, 60), "");
	ck_assert_str_eq(misfit("kill:3@1", 3, 60), "no vm 3 in a ring of 3");
	ck_assert_str_eq(misfit("slow:0->5@1+1:1s", 3, 60), "no vm 5 in a ring of 3");
	ck_assert_str_eq(misfit("slow:0->2@1+1:1s", 5, 60),
	    "vm 0 and vm 2 are not ring neighbours");
	ck_assert_str_eq(misfit("slow:0->0@1+1:1s", 5, 60),
	    "vm 0 and vm 0 are not ring neighbours");
	ck_assert_str_eq(misfit("kill:1@60", 3, 60),
	    "starts at or after the end of the run (--duration 60)");
	ck_assert_str_eq(misfit("pause:1@50+10.5", 3, 60),
	    "the pause goes past the end of the run (--duration 60)");
}
END_TEST

START_TEST(a_partition_has_two_sides_in_one_spelling)
{
	char again[FAULT_TEXT_MAX];
	struct fault f = parsed("partition:3,1-2,0|7,5-6@10+4.5", again,
	    sizeof again);

	ck_assert_int_eq(f.kind, FAULT_PARTITION);
	ck_assert_double_eq(f.at_s, 10);
	ck_assert_double_eq(f.for_s, 4.5);
	/* Sorted, touching ranges merged: 0-3 | 5-7. */
	ck_assert_str_eq(again, "partition:0-3|5-7@10+4.5");
	ck_assert(fault_parts(&f, 0, 6) && fault_parts(&f, 7, 3));
	ck_assert(!fault_parts(&f, 0, 3) && !fault_parts(&f, 5, 7));
	ck_assert(!fault_parts(&f, 4, 5));	/* on neither side */
	parsed("partition:1|0@1+1", again, sizeof again);
	ck_assert_str_eq(again, "partition:1|0@1+1");
}
END_TEST

START_TEST(a_bad_partition_is_refused)
{
	ck_assert_ptr_nonnull(strstr(refusal("partition:0|1"), "expected"));
	ck_assert_ptr_nonnull(strstr(refusal("partition:0,|1@1+1"), "expected"));
	ck_assert_ptr_nonnull(strstr(refusal("partition:|1@1+1"), "expected"));
	ck_assert_ptr_nonnull(strstr(refusal("partition:0-1@1+1"), "expected"));
	ck_assert_str_eq(refusal("partition:3-1|0@1+1"),
	    "a range must go up, as in 2-5");
	ck_assert_str_eq(refusal("partition:0,2,4,6,8,10,12,14,16|1@1+1"),
	    "a side may list at most 8 ids or ranges");
	ck_assert_str_eq(refusal("partition:0|1@1+0"),
	    "the duration after + must be above 0");
	ck_assert_str_eq(misfit("partition:0-2|2-3@1+1", 4, 60),
	    "vm 2 is on both sides");
	ck_assert_str_eq(misfit("partition:0|4@1+1", 4, 60),
	    "no vm 4 in a ring of 4");
	ck_assert_str_eq(misfit("partition:0|3@1+100", 4, 60), "");
}
END_TEST

Suite *
make_fault_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, kill_names_a_vm_and_a_model_second);
	tcase_add_test(tc, pause_has_a_start_and_a_length);
	tcase_add_test(tc, slow_names_a_link_a_window_and_a_delay_with_its_unit);
	tcase_add_test(tc, the_canonical_spelling_parses_back_to_the_same_fault);
	tcase_add_test(tc, malformed_specs_are_refused_with_the_grammar);
	tcase_add_test(tc, a_delay_without_its_unit_is_told_so);
	tcase_add_test(tc, empty_windows_and_delays_are_refused);
	tcase_add_test(tc, a_fault_must_fit_the_ring_and_the_run);
	tcase_add_test(tc, a_partition_has_two_sides_in_one_spelling);
	tcase_add_test(tc, a_bad_partition_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

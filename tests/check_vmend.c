/* tests/check_vmend.c -- unit tests of vm/core/vmend: each VM end and policy named one way, read back */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/vmend.h"

static const struct {
	struct vmend end;
	const char *name;
	int died;
} ends[] = {
	{ { VMEND_RUNNING, 0 }, "running", 0 },
	{ { VMEND_OK, 0 }, "ok", 0 },
	{ { VMEND_INTERRUPTED, 0 }, "interrupted", 0 },
	{ { VMEND_LINK_BROKEN, 0 }, "link-broken", 0 },
	{ { VMEND_KILLED, 0 }, "killed", 1 },
	{ { VMEND_ERROR, 0 }, "error", 1 },
	{ { VMEND_EXIT, 0 }, "exit 0", 1 },
	{ { VMEND_EXIT, 7 }, "exit 7", 1 },
	{ { VMEND_SIGNAL, 9 }, "signal 9", 1 },
	{ { VMEND_SIGNAL, 2147483647 }, "signal 2147483647", 1 },
};

START_TEST(each_end_is_named_and_read_back)
{
	char buf[VMEND_TEXT_MAX];
	struct vmend back;

	vmend_format(&ends[_i].end, buf, sizeof buf);
	ck_assert_str_eq(buf, ends[_i].name);
	ck_assert_int_eq(vmend_parse(buf, &back), 0);
	ck_assert_int_eq(back.kind, ends[_i].end.kind);
	ck_assert_int_eq(back.code, ends[_i].end.code);
	ck_assert_int_eq(vmend_died(&back), ends[_i].died);
}
END_TEST

START_TEST(names_that_are_no_end_are_refused)
{
	static const char *const bad[] = { "", "OK", "ok ", " ok", "exit",
		"exit ", "exit -1", "exit 1x", "exit 0x10", "signal",
		"signal 2147483648", "killed 9", "broken" };
	struct vmend e;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(vmend_parse(bad[i], &e) == -1, "'%s' taken",
		    bad[i]);
}
END_TEST

/* The exit statuses of enum vm_exit by name; any other by number. */
START_TEST(exit_statuses_are_named_as_the_vm_means_them)
{
	char buf[VMEND_TEXT_MAX];
	struct vmend e;

	e = vmend_exited(VM_OK);
	ck_assert_int_eq(e.kind, VMEND_OK);
	e = vmend_exited(VM_ERROR);
	ck_assert_int_eq(e.kind, VMEND_ERROR);
	e = vmend_exited(VM_LINK_BROKEN);
	ck_assert_int_eq(e.kind, VMEND_LINK_BROKEN);
	e = vmend_exited(VM_INTERRUPTED);
	ck_assert_int_eq(e.kind, VMEND_INTERRUPTED);
	e = vmend_exited(2);
	vmend_format(&e, buf, sizeof buf);
	ck_assert_str_eq(buf, "exit 2");
}
END_TEST

START_TEST(killed_ends_well_only_when_the_others_go_on)
{
	struct vmend ok = { VMEND_OK, 0 }, killed = { VMEND_KILLED, 0 };
	struct vmend sig = { VMEND_SIGNAL, 9 };

	ck_assert(vmend_well(&ok, VM_ON_FAILURE_STOP));
	ck_assert(!vmend_well(&killed, VM_ON_FAILURE_STOP));
	ck_assert(vmend_well(&killed, VM_ON_FAILURE_CONTINUE));
	ck_assert(!vmend_well(&sig, VM_ON_FAILURE_CONTINUE));
}
END_TEST

START_TEST(the_policy_is_named_and_read_back)
{
	enum vm_on_failure p;

	ck_assert_str_eq(vmend_policy_name(VM_ON_FAILURE_STOP), "stop");
	ck_assert_str_eq(vmend_policy_name(VM_ON_FAILURE_CONTINUE), "continue");
	ck_assert_int_eq(vmend_policy_parse("continue", &p), 0);
	ck_assert_int_eq(p, VM_ON_FAILURE_CONTINUE);
	ck_assert_int_eq(vmend_policy_parse("stop", &p), 0);
	ck_assert_int_eq(p, VM_ON_FAILURE_STOP);
	ck_assert_int_eq(vmend_policy_parse("Stop", &p), -1);
	ck_assert_int_eq(vmend_policy_parse("", &p), -1);
}
END_TEST

Suite *
make_vmend_suite(void)
{
	Suite *s = suite_create("vmend");
	TCase *tc = tcase_create("names");

	tcase_add_loop_test(tc, each_end_is_named_and_read_back, 0,
	    (int)(sizeof ends / sizeof ends[0]));
	tcase_add_test(tc, names_that_are_no_end_are_refused);
	tcase_add_test(tc, exit_statuses_are_named_as_the_vm_means_them);
	tcase_add_test(tc, killed_ends_well_only_when_the_others_go_on);
	tcase_add_test(tc, the_policy_is_named_and_read_back);
	suite_add_tcase(s, tc);
	return s;
}

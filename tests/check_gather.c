/* tests/check_gather.c -- unit tests of sim/gather: the parts of a hand-started ring into one run.meta, and what is refused */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "sim/gather.h"
#include "tests/suites.h"

#define N	3

static struct gather_part part[N + 1];
static struct runmeta out;
static char err[1024];
static const char *const path[] = { "a/vm0.meta", "b/vm1.meta", "c/vm2.meta",
	"d/vm1.meta" };

/* Part i of a ring of N that went well, its offset measured. */
static void
fill(uint32_t k)
{
	struct runmeta *m = &part[k].m;
	uint32_t i = k < N ? k : 1;	/* the extra one: VM 1 again */

	memset(m, 0, sizeof *m);
	m->format = 3;
	snprintf(m->version, sizeof m->version, "0.3.0");
	memset(m->run_id, 0xab, sizeof m->run_id);
	m->seed = 11;
	m->vms = N;
	m->is_part = true;
	m->part_vm = (int32_t)(i);
	m->duration_s = 4;
	m->speed = 2;
	m->draw_max = 10;
	m->rate[i] = m->rate_min = m->rate_max = 2 + i;
	snprintf(m->bind, sizeof m->bind, "127.0.0.%u", (unsigned)(2 + i));
	m->port[i] = (uint16_t)(7000 + i);
	m->start_wall_ns = 1000000000 + i;	/* each its own clock */
	m->end_wall_ns = m->start_wall_ns + 2000000000;
	m->end[i] = (struct vmend){ VMEND_OK, 0 };
	m->status = RUN_COMPLETE;
	m->failed_vm = -1;
	m->measured = true;
	m->next_offset_ns[i] = 1;
	m->next_rtt_ns[i] = 100 + i;
	part[k].path = path[k];
}

static void
setup(void)
{
	for (uint32_t i = 0; i <= N; i++)
		fill(i);
}

static void
refused(uint32_t n, const char *want)
{
	ck_assert_int_eq(gather_combine(part, n, &out, err, sizeof err), -1);
	ck_assert_msg(strstr(err, want) != NULL, "'%s', wanted '%s'", err, want);
	ck_assert_ptr_null(strchr(err, '\n'));
}

START_TEST(parts_in_any_order_make_one_run_in_vm0s_clock)
{
	struct gather_part swapped = part[0];

	part[0] = part[2];
	part[2] = swapped;
	part[1].m.status = RUN_INTERRUPTED;
	part[1].m.end[1] = (struct vmend){ VMEND_INTERRUPTED, 0 };
	ck_assert_int_eq(gather_combine(part, N, &out, err, sizeof err), 0);
	ck_assert(!out.is_part && out.measured);
	ck_assert_uint_eq(out.vms, N);
	ck_assert_uint_eq(out.start_wall_ns, 1000000000);
	ck_assert_uint_eq(out.rate_min, 2);
	ck_assert_uint_eq(out.rate_max, 4);
	for (uint32_t v = 0; v < N; v++) {
		ck_assert_uint_eq(out.rate[v], 2 + v);
		ck_assert_uint_eq(out.port[v], 7000 + v);
		ck_assert_uint_eq(out.next_rtt_ns[v], 100 + v);
	}
	ck_assert_int_eq(out.end[1].kind, VMEND_INTERRUPTED);
	ck_assert_int_eq(out.status, RUN_INTERRUPTED);
	ck_assert_int_eq(out.failed_vm, -1);
}
END_TEST

START_TEST(a_failed_vm_fails_the_run_and_is_blamed)
{
	part[2].m.status = RUN_FAILED;
	part[2].m.end[2] = (struct vmend){ VMEND_LINK_BROKEN, 0 };
	snprintf(part[2].m.error, sizeof part[2].m.error, "link to vm 0 broken");
	part[1].m.status = RUN_INTERRUPTED;
	ck_assert_int_eq(gather_combine(part, N, &out, err, sizeof err), 0);
	ck_assert_int_eq(out.status, RUN_FAILED);
	ck_assert_int_eq(out.failed_vm, 2);
	ck_assert_str_eq(out.error, "vm 2: link to vm 0 broken");
}
END_TEST

START_TEST(parts_of_different_runs_are_refused)
{
	part[2].m.run_id[15] = 0;
	refused(N, "a/vm0.meta and c/vm2.meta are parts of different runs");
}
END_TEST

START_TEST(two_parts_of_one_vm_are_refused)
{
	refused(N + 1, "b/vm1.meta and d/vm1.meta are both vm 1's part");
}
END_TEST

START_TEST(a_missing_vm_is_refused)
{
	refused(N - 1, "no part of vm 2 (vm2.meta): the ring has 3 VMs");
	refused(0, "no parts");
}
END_TEST

START_TEST(each_disagreeing_setting_is_named)
{
	static const char *const name[] = { "--seed", "--duration", "--speed",
		"--draw-max", "--latency", "--loss", "--on-failure", "--fault",
		"--start-at", "--vms" };
	char want[128];

	for (size_t k = 0; k < sizeof name / sizeof name[0]; k++) {
		struct runmeta *m = &part[1].m;
		setup();
		switch (k) {
		case 0: m->seed = 12; break;
		case 1: m->duration_s = 5; break;
		case 2: m->speed = 1; break;
		case 3: m->draw_max = 11; break;
		case 4: m->latency_max_ms = 1; break;
		case 5: m->loss = 0.5; break;
		case 6: m->on_failure = VM_ON_FAILURE_CONTINUE; break;
		case 7: m->nfaults = 1; break;
		case 8: m->measured = false; break;
		case 9: m->vms = 4; break;
		}
		snprintf(want, sizeof want, "a/vm0.meta and b/vm1.meta disagree on "
		    "%s", name[k]);
		refused(N, want);
	}
}
END_TEST

Suite *
make_gather_suite(void)
{
	Suite *s = suite_create("gather");
	TCase *tc = tcase_create("combine");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, parts_in_any_order_make_one_run_in_vm0s_clock);
	tcase_add_test(tc, a_failed_vm_fails_the_run_and_is_blamed);
	tcase_add_test(tc, parts_of_different_runs_are_refused);
	tcase_add_test(tc, two_parts_of_one_vm_are_refused);
	tcase_add_test(tc, a_missing_vm_is_refused);
	tcase_add_test(tc, each_disagreeing_setting_is_named);
	suite_add_tcase(s, tc);
	return s;
}

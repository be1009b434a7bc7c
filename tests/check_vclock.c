/* tests/check_vclock.c -- unit tests of analysis/causal/vclock: vector clocks rebuilt from the logs, worked out by hand */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "analysis/causal/vclock.h"
#include "analysis/rundir/logread.h"
#include "tests/anarun.h"
#include "tests/suites.h"

/*
 * Run A's ticks (tests/anarun.h) and their vectors, worked out by hand:
 * vm2 takes mI (vm0 seq 0) at seq 3 and mD (vm1 seq 1) at seq 4, vm0
 * takes mA (vm2 seq 2) at seq 1, vm1 takes mC (vm2 seq 5) at seq 3.
 */
static const struct {
	uint32_t vm;
	uint64_t seq;
	uint32_t v[3];
} run_a_vectors[] = {
	{ 0, 0, { 1, 0, 0 } }, { 0, 1, { 2, 0, 3 } },
	{ 1, 0, { 0, 1, 0 } }, { 1, 1, { 0, 2, 0 } }, { 1, 2, { 0, 3, 0 } },
	{ 1, 3, { 1, 4, 6 } },
	{ 2, 0, { 0, 0, 1 } }, { 2, 1, { 0, 0, 2 } }, { 2, 2, { 0, 0, 3 } },
	{ 2, 3, { 1, 0, 4 } }, { 2, 4, { 1, 2, 5 } }, { 2, 5, { 1, 2, 6 } },
	{ 2, 6, { 1, 2, 7 } }, { 2, 7, { 1, 2, 8 } },
};

/* The index of tick (vm, seq) in r; it must be there. */
static size_t
find(const struct vclock_run *r, uint32_t vm, uint64_t seq)
{
	for (size_t i = 0; i < r->nev; i++)
		if (r->ev[i].vm == vm && r->ev[i].seq == seq)
			return i;
	ck_abort_msg("no tick vm%u seq %llu", (unsigned)vm,
	    (unsigned long long)seq);
	return 0;
}

/* Run A's lines of vm, parsed, into b. */
static void
add_vm(struct vclock_build *b, const char *const *lines, size_t n)
{
	char why[128];
	struct log_event ev;

	for (size_t i = 1; i < n; i++) {	/* the header first */
		ck_assert_int_eq(logline_parse(lines[i], strlen(lines[i]), &ev,
		    NULL, why, sizeof why), 0);
		ck_assert_int_eq(vclock_build_add(b, &ev), 0);
	}
}

/* r holds run A's ticks, each with its vector, in a causal order. */
static void
holds_run_a(const struct vclock_run *r)
{
	ck_assert_uint_eq(r->n, 3);
	ck_assert_uint_eq(r->nev, NELEM(run_a_vectors));
	for (size_t k = 0; k < NELEM(run_a_vectors); k++) {
		size_t i = find(r, run_a_vectors[k].vm, run_a_vectors[k].seq);
		ck_assert_mem_eq(vclock_of(r, i), run_a_vectors[k].v,
		    sizeof run_a_vectors[k].v);
	}
	for (size_t i = 0; i < r->nev; i++) {
		const struct vclock_event *e = &r->ev[i];
		if (e->kind == LOG_RECV) {
			ck_assert_uint_lt(e->send, i);	/* after its SEND */
			ck_assert_int_eq(r->ev[e->send].kind, LOG_SEND);
		}
		for (size_t j = i + 1; j < r->nev; j++)
			if (r->ev[j].vm == e->vm)	/* the log's order kept */
				ck_assert_uint_lt(e->seq, r->ev[j].seq);
	}
}

START_TEST(vectors_are_rebuilt_from_the_messages)
{
	struct vclock_build *b = vclock_build_new(3);
	struct vclock_run r;
	char err[256];

	/* vm2 first: its RECVs wait for SENDs not added yet */
	add_vm(b, runa_vm2, NELEM(runa_vm2));
	add_vm(b, runa_vm1, NELEM(runa_vm1));
	add_vm(b, runa_vm0, NELEM(runa_vm0));
	ck_assert_msg(vclock_build_end(b, &r, err, sizeof err) == 0, "%s", err);
	holds_run_a(&r);
	vclock_free(&r);
}
END_TEST

START_TEST(happened_before_and_concurrent)
{
	struct vclock_build *b = vclock_build_new(3);
	struct vclock_run r;
	char err[256];

	add_vm(b, runa_vm0, NELEM(runa_vm0));
	add_vm(b, runa_vm1, NELEM(runa_vm1));
	add_vm(b, runa_vm2, NELEM(runa_vm2));
	ck_assert_msg(vclock_build_end(b, &r, err, sizeof err) == 0, "%s", err);
	size_t send_mi = find(&r, 0, 0), vm1_recv = find(&r, 1, 3),
	    vm1_first = find(&r, 1, 0), vm1_int = find(&r, 1, 2),
	    vm2_recv_md = find(&r, 2, 4);
	/* mI reached vm2, whose SEND mC reached vm1: a chain of two */
	ck_assert(vclock_before(&r, send_mi, vm1_recv));
	ck_assert(!vclock_before(&r, vm1_recv, send_mi));
	/* no message links these: concurrent, either way round */
	ck_assert(!vclock_before(&r, vm1_first, send_mi));
	ck_assert(!vclock_before(&r, send_mi, vm1_first));
	ck_assert(!vclock_before(&r, vm1_int, vm2_recv_md));
	ck_assert(!vclock_before(&r, vm2_recv_md, vm1_int));
	ck_assert(!vclock_before(&r, send_mi, send_mi));
	/* Lamport's clocks agree with every pair the vectors order */
	for (size_t a = 0; a < r.nev; a++)
		for (size_t c = 0; c < r.nev; c++)
			if (vclock_before(&r, a, c))
				ck_assert_uint_lt(r.ev[a].lamport, r.ev[c].lamport);
	vclock_free(&r);
}
END_TEST

START_TEST(a_run_dir_is_loaded_in_its_clock)
{
	char dir[256], err[512] = "";
	struct vclock_run r;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_msg(vclock_load(dir, &r, err, sizeof err) == 0, "%s", err);
	holds_run_a(&r);
	vclock_free(&r);
}
END_TEST

/* A RECV whose SEND no log has (its sender's log is missing). */
START_TEST(a_message_from_no_log_adds_no_edge)
{
	static const char *const lines[] = {
		LOGLINE_HEADER,
		"1,0,INTERNAL,10,1,0,,,",
		"1,1,RECV,20,5,0,0,3,4",
	};
	struct vclock_build *b = vclock_build_new(2);
	struct vclock_run r;
	char err[256];

	add_vm(b, lines, NELEM(lines));
	ck_assert_msg(vclock_build_end(b, &r, err, sizeof err) == 0, "%s", err);
	ck_assert_uint_eq(r.nev, 2);
	ck_assert_uint_eq(r.ev[1].send, VCLOCK_NONE);
	ck_assert_uint_eq(vclock_of(&r, 1)[0], 0);
	ck_assert_uint_eq(vclock_of(&r, 1)[1], 2);
	vclock_free(&r);
}
END_TEST

/* Each VM takes the other's message before sending its own: no run does. */
START_TEST(receives_in_a_cycle_are_refused)
{
	static const char *const vm0[] = {
		LOGLINE_HEADER, "0,0,RECV,10,3,0,1,1,2", "0,1,SEND,20,4,0,1,,",
	};
	static const char *const vm1[] = {
		LOGLINE_HEADER, "1,0,RECV,10,5,0,0,1,4", "1,1,SEND,20,6,0,0,,",
	};
	struct vclock_build *b = vclock_build_new(2);
	struct vclock_run r;
	char err[256] = "";

	add_vm(b, vm0, NELEM(vm0));
	add_vm(b, vm1, NELEM(vm1));
	ck_assert_int_eq(vclock_build_end(b, &r, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "in a cycle") != NULL, "%s", err);
	ck_assert_ptr_null(r.ev);
}
END_TEST

START_TEST(a_line_of_no_vm_of_the_ring_is_refused)
{
	struct vclock_build *b = vclock_build_new(2);
	struct vclock_run r;
	struct log_event ev = { .vm = 2, .kind = LOG_INTERNAL };
	char err[64];

	ck_assert_int_eq(vclock_build_add(b, &ev), -1);
	ck_assert_int_eq(vclock_build_end(b, &r, err, sizeof err), 0);
	ck_assert_uint_eq(r.nev, 0);
	vclock_free(&r);
}
END_TEST

Suite *
make_vclock_suite(void)
{
	Suite *s = suite_create("vclock");
	TCase *tc = tcase_create("vclock");

	tcase_add_test(tc, vectors_are_rebuilt_from_the_messages);
	tcase_add_test(tc, happened_before_and_concurrent);
	tcase_add_test(tc, a_run_dir_is_loaded_in_its_clock);
	tcase_add_test(tc, a_message_from_no_log_adds_no_edge);
	tcase_add_test(tc, receives_in_a_cycle_are_refused);
	tcase_add_test(tc, a_line_of_no_vm_of_the_ring_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

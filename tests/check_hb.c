/* tests/check_hb.c -- unit tests of analysis/causal/hb: pairs of events counted by hand, and against every pair checked one by one */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/causal/hb.h"
#include "tests/anarun.h"
#include "tests/suites.h"
#include "vm/core/rng.h"

static void
expect_tally(const struct hb_tally *t, uint64_t pairs, uint64_t ordered,
    uint64_t ranked, uint64_t ranked_concurrent)
{
	ck_assert_uint_eq(t->pairs, pairs);
	ck_assert_uint_eq(t->ordered, ordered);
	ck_assert_uint_eq(t->ranked, ranked);
	ck_assert_uint_eq(t->ranked_concurrent, ranked_concurrent);
}

/*
 * Run A (tests/anarun.h), from the vectors of tests/check_vclock.c: of
 * its 91 pairs, the 35 within a VM are ordered, and 23 across (vm0 seq 0
 * before vm1 seq 3 and vm2 seq 3..7; vm1 seq 0 and 1 before vm2 seq
 * 4..7; vm2 seq 0..2 before vm0 seq 1 and vm1 seq 3; vm2 seq 3..5 before
 * vm1 seq 3). The clocks tie in 7 pairs, all concurrent: three of clock
 * 1, one each of 2, 3, 4 and 7.
 */
START_TEST(run_a_pairs_counted_by_hand)
{
	char dir[256], err[512] = "";
	struct vclock_run r;
	struct hb h = { 0 };

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_msg(vclock_load(dir, &r, err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(hb_count(&r, &h), 0);
	ck_assert_uint_eq(h.events, 14);
	expect_tally(&h.all, 91, 58, 84, 26);
	expect_tally(&h.dist[0], 35, 35, 35, 0);	/* within a VM */
	expect_tally(&h.dist[1], 56, 23, 49, 26);	/* neighbours */
	/* Each pair at its lower VM: vm0 has 1 + 8 + 16, ties 3 (clock 1
	 * twice, 4); vm1 6 + 32, ties 4; vm2 its own 28. */
	expect_tally(&h.vm[0], 25, 10, 22, 12);
	expect_tally(&h.vm[1], 38, 20, 34, 14);
	expect_tally(&h.vm[2], 28, 28, 28, 0);
	ck_assert_uint_eq(h.ticks[0], 2);
	ck_assert_uint_eq(h.ticks[1], 4);
	ck_assert_uint_eq(h.ticks[2], 8);
	hb_free(&h);
	vclock_free(&r);
}
END_TEST

START_TEST(ring_distance_goes_the_short_way_round)
{
	ck_assert_uint_eq(hb_distance(5, 0, 4), 1);
	ck_assert_uint_eq(hb_distance(5, 1, 3), 2);
	ck_assert_uint_eq(hb_distance(6, 0, 3), 3);
	ck_assert_uint_eq(hb_distance(2, 1, 0), 1);
	ck_assert_uint_eq(hb_distance(7, 2, 2), 0);
}
END_TEST

/* A ring's worth of messages in flight: per link, FIFO. */
struct flight {
	uint64_t seq[64], lamport[64];
	size_t head, tail;
};

/*
 * A random run of n VMs (seeded): each step one VM ticks, and takes a
 * message, sends to a neighbour or both, or ticks alone, by Lamport's
 * rules. Its lines go into b VM by VM, the last VM first.
 */
static void
random_run(struct vclock_build *b, uint32_t n, uint64_t seed, size_t steps)
{
	struct log_event *ev = calloc(steps, sizeof *ev);
	struct flight *in = calloc(n * n, sizeof *in);
	uint64_t *clock = calloc(n, sizeof *clock), *seq = calloc(n, sizeof *seq);
	struct rng g;

	ck_assert(ev != NULL && in != NULL && clock != NULL && seq != NULL);
	rng_seed(&g, seed, 0);
	for (size_t s = 0; s < steps; s++) {
		uint32_t i = (uint32_t)rng_range(&g, 0, n - 1), from = n;
		struct log_event *e = &ev[s];
		for (uint32_t k = 0; k < n && from == n; k++) {
			struct flight *f = &in[k * n + i];
			if (f->head < f->tail && rng_range(&g, 0, 1))
				from = k;
		}
		*e = (struct log_event){ .vm = i, .seq = seq[i]++,
		    .wall_ns = s, .kind = LOG_INTERNAL };
		if (from < n) {
			struct flight *f = &in[from * n + i];
			e->kind = LOG_RECV;
			e->peers[0] = from;
			e->src_seq = f->seq[f->head];
			e->msg_lamport = f->lamport[f->head++];
			if (e->msg_lamport > clock[i])
				clock[i] = e->msg_lamport;
		} else if (n > 1 && rng_range(&g, 0, 2) == 0) {
			uint32_t to = (uint32_t)(i + (rng_range(&g, 0, 1) ?
			    1 : n - 1)) % n;
			struct flight *f = &in[i * n + to];
			if (f->tail < NELEM(f->seq)) {
				e->kind = LOG_SEND;
				e->npeers = 1;
				e->peers[0] = to;
				f->seq[f->tail] = e->seq;
				f->lamport[f->tail++] = clock[i] + 1;
			}
		}
		e->lamport = ++clock[i];
	}
	for (uint32_t i = n; i > 0; i--)
		for (size_t s = 0; s < steps; s++)
			if (ev[s].vm == i - 1)
				ck_assert_int_eq(vclock_build_add(b, &ev[s]), 0);
	free(ev);
	free(in);
	free(clock);
	free(seq);
}

/* t += the pair (a, b), as every pair is checked one by one. */
static void
brute_add(struct hb_tally *t, const struct vclock_run *r, size_t a, size_t b)
{
	int ordered = vclock_before(r, a, b) || vclock_before(r, b, a);
	int ranked = r->ev[a].lamport != r->ev[b].lamport;

	t->pairs++;
	t->ordered += ordered;
	t->ranked += ranked;
	t->ranked_concurrent += ranked && !ordered;
}

/* The fast count agrees with every pair checked, in all its tallies, for rings of 2 to 8. */
START_TEST(every_pair_checked_agrees_with_the_count)
{
	uint32_t n = (uint32_t)_i + 1;
	struct vclock_build *b = vclock_build_new(n);
	struct hb_tally all = { 0 }, dist[8] = { 0 }, vm[8] = { 0 };
	struct vclock_run r;
	struct hb h = { 0 };
	char err[256];

	random_run(b, n, 1000 + (uint64_t)_i, 600);
	ck_assert_msg(vclock_build_end(b, &r, err, sizeof err) == 0, "%s", err);
	for (size_t a = 0; a < r.nev; a++)
		for (size_t c = a + 1; c < r.nev; c++) {
			uint32_t i = r.ev[a].vm, j = r.ev[c].vm;
			brute_add(&all, &r, a, c);
			brute_add(&dist[hb_distance(n, i, j)], &r, a, c);
			brute_add(&vm[i < j ? i : j], &r, a, c);
		}
	ck_assert_int_eq(hb_count(&r, &h), 0);
	ck_assert_uint_gt(all.ranked_concurrent, 0);	/* something to count */
	ck_assert_uint_gt(all.pairs - all.ranked, 0);	/* ties too */
	ck_assert_mem_eq(&h.all, &all, sizeof all);
	for (uint32_t d = 0; d <= n / 2; d++)
		ck_assert_mem_eq(&h.dist[d], &dist[d], sizeof dist[d]);
	for (uint32_t i = 0; i < n; i++)
		ck_assert_mem_eq(&h.vm[i], &vm[i], sizeof vm[i]);
	hb_free(&h);
	vclock_free(&r);
}
END_TEST

/*
 * A window of more ticks than HB_MAX_EVENTS (or, in a large ring, than
 * HB_MAX_CELLS vector entries) is counted over its first ones, and says
 * where they end.
 */
START_TEST(a_crowded_window_is_cut_and_says_where)
{
	uint32_t n = _i == 0 ? 1 : 64;
	size_t most = _i == 0 ? HB_MAX_EVENTS : HB_MAX_CELLS / 64;
	struct hb_window *w = hb_window_new(n, 1.0);
	struct hb h;
	char err[256];

	ck_assert_ptr_nonnull(w);
	for (size_t k = 0; k < most + 5; k++) {
		struct log_event ev = { .vm = (uint32_t)(k % n), .seq = k / n,
		    .kind = LOG_INTERNAL, .lamport = k / n + 1 };
		ck_assert_int_eq(hb_window_add(w, 1.0 + (double)k / 1024, &ev),
		    0);
	}
	ck_assert_msg(hb_window_end(w, 1e6, &h, err, sizeof err) == 0, "%s",
	    err);
	ck_assert_int_eq(h.cut, 1);
	ck_assert_uint_eq(h.events, most);
	ck_assert(h.t0 == 1.0);
	ck_assert(h.t1 == 1.0 + (double)(most - 1) / 1024);
	ck_assert_uint_eq(h.all.pairs, (uint64_t)most * (most - 1) / 2);
	hb_free(&h);
}
END_TEST

START_TEST(a_window_that_fits_is_whole)
{
	struct hb_window *w = hb_window_new(2, 0);
	struct log_event ev = { .vm = 1, .kind = LOG_INTERNAL, .lamport = 1 };
	struct hb h;
	char err[256];

	ck_assert_int_eq(hb_window_add(w, 0.5, &ev), 0);
	ck_assert_int_eq(hb_window_end(w, 10, &h, err, sizeof err), 0);
	ck_assert_int_eq(h.cut, 0);
	ck_assert(h.t1 == 10);
	ck_assert_uint_eq(h.events, 1);
	ck_assert_uint_eq(h.all.pairs, 0);
	hb_free(&h);
}
END_TEST

Suite *
make_hb_suite(void)
{
	Suite *s = suite_create("hb");
	TCase *tc = tcase_create("hb");

	tcase_add_test(tc, run_a_pairs_counted_by_hand);
	tcase_add_test(tc, ring_distance_goes_the_short_way_round);
	tcase_add_loop_test(tc, every_pair_checked_agrees_with_the_count, 1, 8);
	tcase_add_loop_test(tc, a_crowded_window_is_cut_and_says_where, 0, 2);
	tcase_add_test(tc, a_window_that_fits_is_whole);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

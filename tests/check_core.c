/* tests/check_core.c -- unit tests of vm/core/core and sched: VMs of the model over an in-memory network */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/core.h"
#include "vm/core/fault.h"
#include "vm/core/sched.h"

#define MS	UINT64_C(1000000)
#define SEC	UINT64_C(1000000000)

/* A core of a ring of n with draw_max 10 and no network delay. */
static void
start(struct core *c, uint32_t id, uint32_t n, uint64_t seed)
{
	struct core_conf conf = { .id = id, .n = n, .draw_max = 10,
		.seed = seed };

	ck_assert_int_eq(core_init(c, &conf), 0);
}

/* A core of a ring of n keeping vector clocks. */
static void
start_vec(struct core *c, uint32_t id, uint32_t n, uint64_t seed)
{
	struct core_conf conf = { .id = id, .n = n, .draw_max = 10,
		.seed = seed, .vector = true };

	ck_assert_int_eq(core_init(c, &conf), 0);
}

static struct step_msg
msg(uint32_t src, uint64_t src_seq, uint64_t lamport)
{
	return (struct step_msg){ .src = src, .src_seq = src_seq,
		.lamport = lamport };
}

/* Ticks of c at t, t + 1 ns, ... until one is a SEND; returns its out. */
static struct core_out
tick_until_send(struct core *c, uint64_t *t)
{
	struct core_out out;

	for (int i = 0; i < 1000; i++) {
		ck_assert_int_eq(core_tick(c, (*t)++, &out), 0);
		if (out.line[out.nline - 1].ev.kind == STEP_SEND ||
		    (out.nline > 0 && out.line[0].ev.kind == STEP_SEND))
			return out;
	}
	ck_abort_msg("no SEND in 1000 ticks");
	return out;
}

START_TEST(a_tick_takes_a_queued_message_with_max_plus_one)
{
	struct core c;
	struct core_out out;
	struct step_msg m = msg(1, 7, 41);

	start(&c, 0, 3, 1);
	ck_assert_int_eq(core_arrive(&c, 1, &m, 5 * MS), 0);
	ck_assert_int_eq(core_tick(&c, 6 * MS, &out), 0);
	ck_assert_uint_eq(out.nline, 1);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	ck_assert_uint_eq(out.line[0].ev.lamport, 42);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, 7);
	ck_assert_uint_eq(out.line[0].queue_len, 0);
	ck_assert_uint_eq(out.nto, 0);
	core_free(&c);
}
END_TEST

/* Arrival and tick at one instant: the tick comes first (docs/DESIGN.md). */
START_TEST(a_message_due_at_the_tick_waits_for_the_next_one)
{
	struct core c;
	struct core_out out;
	struct step_msg m = msg(2, 0, 9);

	start(&c, 0, 3, 1);
	ck_assert_int_eq(core_arrive(&c, 2, &m, 3 * SEC), 0);
	ck_assert_int_eq(core_tick(&c, 3 * SEC, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	ck_assert_int_eq(core_tick(&c, 3 * SEC + 1, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	core_free(&c);
}
END_TEST

START_TEST(latency_holds_a_message_until_it_has_travelled)
{
	struct core_conf conf = { .id = 1, .n = 3, .draw_max = 10, .seed = 3,
		.net = { 20 * MS, 20 * MS } };
	struct core c;
	struct core_out out;
	struct step_msg m = msg(0, 0, 5);

	ck_assert_int_eq(core_init(&c, &conf), 0);
	ck_assert_int_eq(core_arrive(&c, 0, &m, SEC), 0);
	ck_assert_int_eq(core_tick(&c, SEC + 20 * MS, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	ck_assert_int_eq(core_tick(&c, SEC + 21 * MS, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	core_free(&c);
}
END_TEST

/* Random latencies never reorder a link: each joins behind the one before. */
START_TEST(a_link_stays_fifo_whatever_the_latency)
{
	struct core_conf conf = { .id = 1, .n = 3, .draw_max = 10, .seed = 5,
		.net = { 0, 50 * MS } };
	struct core c;
	struct core_out out;

	ck_assert_int_eq(core_init(&c, &conf), 0);
	for (uint64_t i = 0; i < 200; i++) {
		struct step_msg m = msg(0, i, i + 1);
		ck_assert_int_eq(core_arrive(&c, 0, &m, i * MS), 0);
	}
	for (uint64_t i = 0; i < 200; i++) {
		ck_assert_int_eq(core_tick(&c, SEC + i, &out), 0);
		ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
		ck_assert_uint_eq(out.line[0].ev.msg.src_seq, i);
	}
	core_free(&c);
}
END_TEST

/* From both links at once: in the order they became due, then next first. */
START_TEST(messages_join_the_queue_in_the_order_they_became_due)
{
	struct core c;
	struct core_out out;
	struct step_msg from_prev = msg(2, 0, 1), from_next = msg(1, 0, 1),
	    later = msg(2, 1, 2);

	start(&c, 0, 3, 1);
	ck_assert_int_eq(core_arrive(&c, 2, &from_prev, 10), 0);
	ck_assert_int_eq(core_arrive(&c, 1, &from_next, 10), 0);
	ck_assert_int_eq(core_arrive(&c, 2, &later, 5), 0);	/* FIFO: at 10 */
	uint32_t want[] = { 1, 2, 2 };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(core_tick(&c, 100 + (uint64_t)i, &out), 0);
		ck_assert_uint_eq(out.line[0].ev.msg.src, want[i]);
		ck_assert_uint_eq(out.line[0].queue_len, 2 - (uint64_t)i);
	}
	core_free(&c);
}
END_TEST

START_TEST(a_slow_window_delays_what_arrives_in_it_and_what_follows)
{
	struct fault slow;
	char err[128];
	struct core_conf conf = { .id = 1, .n = 3, .draw_max = 10, .seed = 1,
		.faults = &slow, .nfaults = 1 };
	struct core c;
	struct core_out out;
	struct step_msg a = msg(0, 0, 1), b = msg(0, 1, 2), d = msg(0, 2, 3);

	ck_assert_int_eq(fault_parse("slow:0->1@1+1:500ms", &slow, err,
	    sizeof err), 0);
	ck_assert_int_eq(core_init(&c, &conf), 0);
	ck_assert_int_eq(core_arrive(&c, 0, &a, SEC + 900 * MS), 0);	/* 2.4 s */
	ck_assert_int_eq(core_arrive(&c, 0, &b, 2 * SEC + 100 * MS), 0);	/* behind a */
	ck_assert_int_eq(core_arrive(&c, 0, &d, 3 * SEC), 0);	/* after it: at 3 */
	ck_assert_int_eq(core_tick(&c, 2 * SEC + 400 * MS, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	ck_assert_int_eq(core_tick(&c, 2 * SEC + 401 * MS, &out), 0);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, 0);
	ck_assert_uint_eq(out.line[0].queue_len, 1);	/* b joined with a */
	ck_assert_int_eq(core_tick(&c, 2 * SEC + 402 * MS, &out), 0);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, 1);
	ck_assert_uint_eq(out.line[0].queue_len, 0);
	ck_assert_int_eq(core_tick(&c, 3 * SEC + 1, &out), 0);
	ck_assert_uint_eq(out.line[0].ev.msg.src_seq, 2);
	core_free(&c);
}
END_TEST

/* Across a partition nothing joins until it heals; then all, in order. */
START_TEST(a_partition_holds_what_crosses_it_until_it_heals)
{
	struct fault part;
	char err[128];
	struct core_conf conf = { .id = 2, .n = 4, .draw_max = 10, .seed = 1,
		.faults = &part, .nfaults = 1 };
	struct core c;
	struct core_out out;
	struct step_msg a = msg(1, 0, 1), b = msg(1, 1, 2), d = msg(3, 0, 5);

	ck_assert_int_eq(fault_parse("partition:0-1|2-3@1+2", &part, err,
	    sizeof err), 0);
	ck_assert_int_eq(core_init(&c, &conf), 0);
	ck_assert_int_eq(core_arrive(&c, 1, &a, SEC), 0);	/* crosses */
	ck_assert_int_eq(core_arrive(&c, 3, &d, SEC), 0);	/* same side */
	ck_assert_int_eq(core_arrive(&c, 1, &b, 2 * SEC), 0);
	ck_assert_int_eq(core_tick(&c, 2 * SEC + 500 * MS, &out), 0);
	ck_assert_uint_eq(out.line[0].ev.msg.src, 3);
	ck_assert_uint_eq(out.line[0].queue_len, 0);
	ck_assert_int_eq(core_tick(&c, 3 * SEC, &out), 0);	/* heals at 3 */
	ck_assert_int_ne(out.line[0].ev.kind, STEP_RECV);
	for (uint64_t i = 0; i < 2; i++) {
		ck_assert_int_eq(core_tick(&c, 3 * SEC + 1 + i, &out), 0);
		ck_assert_uint_eq(out.line[0].ev.msg.src, 1);
		ck_assert_uint_eq(out.line[0].ev.msg.src_seq, i);
	}
	core_free(&c);
}
END_TEST

/* A broken end comes behind the peer's last message, then PEER_DOWN. */
START_TEST(a_broken_link_is_logged_once_its_last_message_is_in)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 10, .seed = 1,
		.net = { 10 * MS, 10 * MS },
		.on_failure = VM_ON_FAILURE_CONTINUE };
	struct core c;
	struct core_out out;
	struct step_msg m = msg(1, 4, 8);

	ck_assert_int_eq(core_init(&c, &conf), 0);
	ck_assert_int_eq(core_arrive(&c, 1, &m, SEC), 0);	/* due 1.01 s */
	core_link_end(&c, 1, true, SEC + 1);
	ck_assert_int_eq(core_tick(&c, SEC + 5 * MS, &out), 0);
	ck_assert_uint_eq(out.nline, 1);	/* no PEER_DOWN yet */
	ck_assert_int_ne(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert_int_eq(core_tick(&c, SEC + 11 * MS, &out), 0);
	ck_assert_uint_eq(out.nline, 2);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert_uint_eq(out.line[0].ev.dest[0], 1);
	ck_assert_uint_eq(out.line[0].queue_len, 1);
	ck_assert_int_eq(out.line[1].ev.kind, STEP_RECV);
	ck_assert(!out.stop);
	ck_assert_int_eq(core_tick(&c, 2 * SEC, &out), 0);
	ck_assert_int_ne(out.line[0].ev.kind, STEP_PEER_DOWN);	/* once */
	core_free(&c);
}
END_TEST

START_TEST(under_stop_a_peer_down_ends_the_ticking)
{
	struct core c;
	struct core_out out;

	start(&c, 0, 3, 1);
	core_link_end(&c, 2, true, SEC);
	ck_assert_int_eq(core_tick(&c, SEC + 1, &out), 0);
	ck_assert_uint_eq(out.nline, 1);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert(out.stop);
	ck_assert_int_eq(core_tick(&c, SEC + 2, &out), 0);
	ck_assert_uint_eq(out.nline, 0);
	ck_assert(out.stop);
	core_free(&c);
}
END_TEST

START_TEST(a_clean_end_is_not_a_peer_down)
{
	struct core c;
	struct core_out out;

	start(&c, 0, 3, 1);
	core_link_end(&c, 2, false, SEC);
	ck_assert_int_eq(core_tick(&c, 2 * SEC, &out), 0);
	ck_assert_uint_eq(out.nline, 1);
	ck_assert(!out.stop);
	ck_assert_int_eq(core_finish(&c, &out), 0);
	ck_assert_uint_eq(out.nline, 0);
	core_free(&c);
}
END_TEST

/* Under CONTINUE, a send to a peer known down is a DROP, never sent. */
START_TEST(sends_to_a_peer_down_are_dropped)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 3, .seed = 9,
		.on_failure = VM_ON_FAILURE_CONTINUE };
	struct core c;
	struct core_out out;
	uint64_t t = 1;
	int drops = 0;

	ck_assert_int_eq(core_init(&c, &conf), 0);
	core_link_end(&c, 1, true, 0);
	for (int i = 0; i < 30; i++) {
		out = tick_until_send(&c, &t);
		for (uint32_t k = 0; k < out.nto; k++)
			ck_assert_uint_eq(out.to[k], 2);
		for (uint32_t l = 0; l < out.nline; l++) {
			const struct step_event *ev = &out.line[l].ev;
			if (ev->kind != STEP_DROP)
				continue;
			drops++;
			ck_assert_uint_eq(ev->dest[0], 1);
			ck_assert_uint_eq(ev->msg.src_seq, out.msg.src_seq);
			ck_assert_uint_eq(ev->msg.lamport, out.msg.lamport);
		}
	}
	ck_assert_int_gt(drops, 0);
	core_free(&c);
}
END_TEST

START_TEST(a_failed_send_takes_the_peer_down_and_drops_its_message)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 3, .seed = 2,
		.on_failure = VM_ON_FAILURE_CONTINUE };
	struct core c;
	struct core_out out, fail;
	uint64_t t = 1;

	ck_assert_int_eq(core_init(&c, &conf), 0);
	out = tick_until_send(&c, &t);
	const struct step_event *send = &out.line[0].ev;
	core_send_failed(&c, send, out.to[0], &fail);
	ck_assert_uint_eq(fail.nline, 2);
	ck_assert_int_eq(fail.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert_int_eq(fail.line[1].ev.kind, STEP_DROP);
	ck_assert_uint_eq(fail.line[1].ev.msg.src_seq, send->seq);
	ck_assert_uint_eq(fail.line[1].ev.seq, fail.line[0].ev.seq + 1);
	ck_assert(!fail.stop);
	core_free(&c);
}
END_TEST

/* --loss 1 loses every message; 0.3 about that share, the same each run. */
static int
losses(double loss, uint64_t seed, int *sent)
{
	struct core_conf conf = { .id = 0, .n = 3, .draw_max = 3, .seed = seed,
		.loss = loss };
	struct core c;
	struct core_out out;
	uint64_t t = 1;
	int lost = 0;

	ck_assert_int_eq(core_init(&c, &conf), 0);
	*sent = 0;
	for (int i = 0; i < 2000; i++) {
		out = tick_until_send(&c, &t);
		*sent += (int)out.nto;
		for (uint32_t l = 1; l < out.nline; l++) {
			ck_assert_int_eq(out.line[l].ev.kind, STEP_LOSS);
			lost++;
		}
	}
	core_free(&c);
	return lost;
}

START_TEST(the_network_loses_messages_as_often_as_asked)
{
	int sent, sent2;
	int lost = losses(0.3, 4, &sent);

	ck_assert_int_eq(losses(1, 4, &sent2), sent + lost);
	ck_assert_int_eq(sent2, 0);
	ck_assert_int_eq(losses(0, 4, &sent2), 0);
	/* 0.3 of about 2660 messages: 798, sd 24; 5 sd either way. */
	ck_assert_int_gt(lost * 1000, 3 * (sent + lost) * 100 - 120 * 1000);
	ck_assert_int_lt(lost * 1000, 3 * (sent + lost) * 100 + 120 * 1000);
	ck_assert_int_eq(losses(0.3, 4, &sent2), lost);	/* seeded */
}
END_TEST

START_TEST(finish_logs_a_broken_link_before_the_pending_messages)
{
	struct core_conf conf = { .id = 1, .n = 3, .draw_max = 10, .seed = 1,
		.net = { SEC, SEC }, .on_failure = VM_ON_FAILURE_CONTINUE };
	struct core c;
	struct core_out out;
	struct core_line line;
	struct step_msg a = msg(0, 0, 3), b = msg(2, 0, 4);

	ck_assert_int_eq(core_init(&c, &conf), 0);
	ck_assert_int_eq(core_arrive(&c, 0, &a, 0), 0);
	ck_assert_int_eq(core_arrive(&c, 2, &b, 0), 0);
	core_link_end(&c, 2, true, 1);
	ck_assert_int_eq(core_finish(&c, &out), 0);
	ck_assert_uint_eq(out.nline, 1);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_PEER_DOWN);
	ck_assert_uint_eq(out.line[0].queue_len, 2);
	for (uint64_t left = 2; left-- > 0;) {
		ck_assert(core_pending(&c, &line));
		ck_assert_int_eq(line.ev.kind, STEP_PENDING);
		ck_assert_uint_eq(line.ev.lamport, 0);	/* no clock change */
		ck_assert_uint_eq(line.queue_len, left);
	}
	ck_assert(!core_pending(&c, &line));
	core_free(&c);
}
END_TEST

/*
 * A ring of n cores over an in-memory network, each ticking at its own
 * rate, messages handed over at once: what a virtual driver does. Counts
 * what was sent, received and left pending.
 */
struct ring_tally {
	uint64_t sent, received, pending, lamport_sum;
};

static struct ring_tally
run_ring(uint32_t n, uint64_t seed, uint64_t ms)
{
	struct core c[4];
	struct ring_tally r = { 0 };
	struct core_out out;
	struct core_line line;

	for (uint32_t i = 0; i < n; i++)
		start(&c[i], i, n, seed);
	for (uint64_t t = 1; t <= ms; t++) {
		for (uint32_t i = 0; i < n; i++) {
			if (t % (i + 2) != 0)	/* VM i ticks every i + 2 ms */
				continue;
			ck_assert_int_eq(core_tick(&c[i], t * MS, &out), 0);
			r.received += out.line[0].ev.kind == STEP_RECV;
			r.lamport_sum += out.line[0].ev.lamport;
			for (uint32_t k = 0; k < out.nto; k++) {
				ck_assert_int_eq(core_arrive(&c[out.to[k]], i,
				    &out.msg, t * MS), 0);
				r.sent++;
			}
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		ck_assert_int_eq(core_finish(&c[i], &out), 0);
		while (core_pending(&c[i], &line))
			r.pending++;
		core_free(&c[i]);
	}
	return r;
}

/*
 * A ring of n cores keeping vectors, every 2..n+1 ms a tick, each message
 * at once: every line's vector is what the rules make of the test's own
 * reference vectors, a SEND's message carries its line's vector, and the
 * clocks agree along each edge of happened-before. Then the FIFOs that
 * hold messages and their vectors no longer grow: no allocation per event.
 */
#define VRING_MAX	4

struct vring {
	struct core c[VRING_MAX];
	uint64_t ref[VRING_MAX][VRING_MAX];	/* each VM's vector, by rule */
	uint64_t lam[VRING_MAX];		/* its last tick's clock */
	uint32_t n;
};

static void
vring_tick(struct vring *r, uint32_t i, uint64_t t)
{
	struct core_out out;
	const struct step_event *ev;

	ck_assert_int_eq(core_tick(&r->c[i], t, &out), 0);
	ev = &out.line[0].ev;
	if (ev->kind == STEP_RECV) {
		for (uint32_t k = 0; k < r->n; k++)
			if (ev->msg.v[k] > r->ref[i][k])
				r->ref[i][k] = ev->msg.v[k];
		ck_assert_uint_lt(ev->msg.lamport, ev->lamport);
	}
	r->ref[i][i]++;
	ck_assert_mem_eq(ev->v, r->ref[i], r->n * sizeof ev->v[0]);
	ck_assert_uint_lt(r->lam[i], ev->lamport);
	r->lam[i] = ev->lamport;
	if (out.nto > 0)
		ck_assert_mem_eq(out.msg.v, ev->v, r->n * sizeof ev->v[0]);
	for (uint32_t k = 0; k < out.nto; k++)
		ck_assert_int_eq(core_arrive(&r->c[out.to[k]], i, &out.msg, t), 0);
}

/* Run ms milliseconds from start_ms; true if no FIFO grew meanwhile. */
static bool
vring_run(struct vring *r, uint64_t start_ms, uint64_t ms)
{
	const char *held[VRING_MAX][3];

	for (uint32_t i = 0; i < r->n; i++) {
		held[i][0] = r->c[i].queue.a;
		held[i][1] = r->c[i].in[0].held.a;
		held[i][2] = r->c[i].in[1].held.a;
	}
	for (uint64_t t = start_ms; t < start_ms + ms; t++)
		for (uint32_t i = 0; i < r->n; i++)
			if (t % (i + 2) == 0)
				vring_tick(r, i, t * MS);
	for (uint32_t i = 0; i < r->n; i++)
		if (held[i][0] != r->c[i].queue.a ||
		    held[i][1] != r->c[i].in[0].held.a ||
		    held[i][2] != r->c[i].in[1].held.a)
			return false;
	return true;
}

START_TEST(vectors_over_a_ring_follow_the_rules_without_allocating)
{
	static const uint32_t sizes[] = { 3, 2 };

	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		struct vring r = { .n = sizes[s] };
		for (uint32_t i = 0; i < r.n; i++)
			start_vec(&r.c[i], i, r.n, 31);
		vring_run(&r, 1, 20000);	/* the FIFOs reach their size */
		ck_assert_msg(vring_run(&r, 20001, 20000), "a FIFO grew: "
		    "memory per event");
		for (uint32_t i = 0; i < r.n; i++) {
			ck_assert_uint_gt(r.ref[i][(i + 1) % r.n], 0);
			core_free(&r.c[i]);
		}
	}
}
END_TEST

START_TEST(a_ring_accounts_for_every_message_and_replays_from_its_seed)
{
	for (uint32_t n = 2; n <= 4; n++) {
		struct ring_tally a = run_ring(n, 77, 5000);
		struct ring_tally b = run_ring(n, 77, 5000);
		ck_assert_uint_gt(a.sent, 100);
		ck_assert_uint_eq(a.sent, a.received + a.pending);
		ck_assert_uint_eq(a.sent, b.sent);
		ck_assert_uint_eq(a.lamport_sum, b.lamport_sum);
		ck_assert_uint_ne(run_ring(n, 78, 5000).lamport_sum, a.lamport_sum);
	}
}
END_TEST

START_TEST(a_recv_takes_the_max_of_both_vectors_then_its_own_plus_one)
{
	struct core c;
	struct core_out out;
	struct core_line line;
	uint64_t mv[3] = { 0, 5, 2 }, pv[3] = { 0, 7, 9 };
	struct step_msg m = msg(1, 4, 8), p = msg(2, 3, 9);

	m.v = mv;
	p.v = pv;
	start_vec(&c, 0, 3, 1);
	ck_assert_int_eq(core_tick(&c, 1 * MS, &out), 0);	/* no message */
	ck_assert_uint_eq(out.line[0].ev.nv, 3);
	ck_assert_uint_eq(out.line[0].ev.v[0], 1);
	ck_assert_int_eq(core_arrive(&c, 1, &m, 2 * MS), 0);
	ck_assert_int_eq(core_arrive(&c, 2, &p, 2 * MS), 0);
	mv[1] = 99;	/* the core keeps its own copy */
	ck_assert_int_eq(core_tick(&c, 3 * MS, &out), 0);
	ck_assert_int_eq(out.line[0].ev.kind, STEP_RECV);
	const uint64_t want[3] = { 2, 5, 2 };
	ck_assert_mem_eq(out.line[0].ev.v, want, sizeof want);
	/* The message left queued ends PENDING, with its own vector. */
	ck_assert_int_eq(core_finish(&c, &out), 0);
	ck_assert(core_pending(&c, &line));
	ck_assert_int_eq(line.ev.kind, STEP_PENDING);
	ck_assert_mem_eq(line.ev.v, pv, sizeof pv);
	core_free(&c);
}
END_TEST

START_TEST(without_vectors_no_line_carries_one)
{
	struct core c;
	struct core_out out;
	uint64_t t = 0;

	start(&c, 0, 3, 1);
	out = tick_until_send(&c, &t);
	for (uint32_t i = 0; i < out.nline; i++) {
		ck_assert_uint_eq(out.line[i].ev.nv, 0);
		ck_assert_ptr_null(out.line[i].ev.v);
	}
	ck_assert_ptr_null(out.msg.v);
	core_free(&c);
}
END_TEST

START_TEST(ticks_are_due_at_k_over_rate)
{
	struct sched s;
	uint64_t t;

	sched_init(&s, 0, 4, 2, NULL, 0);
	for (uint64_t k = 0; k < 8; k++) {
		ck_assert(sched_next(&s, &t));
		ck_assert_uint_eq(t, k * 250 * MS);
	}
	ck_assert(!sched_next(&s, &t));
}
END_TEST

/* Paused at 1.1 s for 1 s: the ticks due at 1.5 and 2 s come at 2.1 s, 1 us apart. */
START_TEST(a_paused_vm_catches_up_its_ticks_back_to_back)
{
	struct fault p[2];
	char err[128];
	struct sched s;
	uint64_t t, want[] = { 0, 500 * MS, SEC, 2100 * MS,
		2100 * MS + SCHED_CATCHUP_NS, 2500 * MS, 3 * SEC };

	ck_assert_int_eq(fault_parse("pause:1@1.1+1", &p[0], err, sizeof err), 0);
	ck_assert_int_eq(fault_parse("pause:0@1.1+1", &p[1], err, sizeof err), 0);
	sched_init(&s, 1, 2, 3.5, p, 2);
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		ck_assert(sched_next(&s, &t));
		ck_assert_uint_eq(t, want[k]);
	}
}
END_TEST

Suite *
make_core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tick = tcase_create("tick");
	TCase *net = tcase_create("network");
	TCase *down = tcase_create("down");
	TCase *ring = tcase_create("ring");

	tcase_add_test(tick, a_tick_takes_a_queued_message_with_max_plus_one);
	tcase_add_test(tick, a_message_due_at_the_tick_waits_for_the_next_one);
	tcase_add_test(tick, ticks_are_due_at_k_over_rate);
	tcase_add_test(tick, a_recv_takes_the_max_of_both_vectors_then_its_own_plus_one);
	tcase_add_test(tick, without_vectors_no_line_carries_one);
	tcase_add_test(tick, a_paused_vm_catches_up_its_ticks_back_to_back);
	suite_add_tcase(s, tick);
	tcase_add_test(net, latency_holds_a_message_until_it_has_travelled);
	tcase_add_test(net, a_link_stays_fifo_whatever_the_latency);
	tcase_add_test(net, messages_join_the_queue_in_the_order_they_became_due);
	tcase_add_test(net, a_slow_window_delays_what_arrives_in_it_and_what_follows);
	tcase_add_test(net, the_network_loses_messages_as_often_as_asked);
	tcase_add_test(net, a_partition_holds_what_crosses_it_until_it_heals);
	suite_add_tcase(s, net);
	tcase_add_test(down, a_broken_link_is_logged_once_its_last_message_is_in);
	tcase_add_test(down, under_stop_a_peer_down_ends_the_ticking);
	tcase_add_test(down, a_clean_end_is_not_a_peer_down);
	tcase_add_test(down, sends_to_a_peer_down_are_dropped);
	tcase_add_test(down, a_failed_send_takes_the_peer_down_and_drops_its_message);
	tcase_add_test(down, finish_logs_a_broken_link_before_the_pending_messages);
	suite_add_tcase(s, down);
	tcase_add_test(ring, a_ring_accounts_for_every_message_and_replays_from_its_seed);
	tcase_add_test(ring, vectors_over_a_ring_follow_the_rules_without_allocating);
	suite_add_tcase(s, ring);
	return s;
}

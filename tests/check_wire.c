/* tests/check_wire.c -- unit tests of vm/core/wire: frame round trips, layout, partial and bad input */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/rng.h"
#include "vm/core/wire.h"

#define HELLO_SIZE	(4 + WIRE_HELLO_BODY)
#define MSG_SIZE	(4 + WIRE_MSG_BODY)
#define BYE_SIZE	(4 + WIRE_BYE_BODY)

/*
 * Decode len bytes from a heap copy of exactly that size, so that any read
 * past the end shows up under AddressSanitizer.
 */
static int
get_exact(const uint8_t *bytes, size_t len, struct wire_frame *f, size_t *used,
    const char **why)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);

	ck_assert_ptr_nonnull(copy);
	if (len > 0)
		memcpy(copy, bytes, len);
	int rc = wire_get(copy, len, f, used, why);
	free(copy);
	return rc;
}

/* bytes must decode to one whole frame of exactly len bytes. */
static struct wire_frame
decode_whole(const uint8_t *bytes, size_t len)
{
	struct wire_frame f;
	size_t used = 0;
	const char *why = NULL;

	ck_assert_int_eq(get_exact(bytes, len, &f, &used, &why), 1);
	ck_assert_uint_eq(used, len);
	return f;
}

/* bytes must be rejected, with a reason containing reason. */
static void
expect_bad(const uint8_t *bytes, size_t len, const char *reason)
{
	struct wire_frame f;
	size_t used = 0;
	const char *why = NULL;

	ck_assert_int_eq(get_exact(bytes, len, &f, &used, &why), -1);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, reason) != NULL, "why '%s', wanted '%s'", why,
	    reason);
}

static void
expect_more(const uint8_t *bytes, size_t len)
{
	struct wire_frame f;
	size_t used = 0;
	const char *why = NULL;

	ck_assert_int_eq(get_exact(bytes, len, &f, &used, &why), 0);
}

static struct wire_hello
sample_hello(void)
{
	struct wire_hello h = { .version = WIRE_VERSION, .id = 255, .n = 256,
		.set = { .seed = UINT64_MAX, .duration_s = 60, .speed = 2.5,
		.draw_max = 1000000, .on_failure = 1, .latency_min_ns = 1,
		.latency_max_ns = UINT64_C(60000000000), .loss = 0.125,
		.faults = UINT64_C(0x0102030405060708),
		.start_at_ns = UINT64_C(1795441461000000000), .vector = 1 } };

	for (int i = 0; i < WIRE_RUN_ID_LEN; i++)
		h.run_id[i] = (uint8_t)(0xf0 + i);
	return h;
}

START_TEST(hello_round_trips)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_hello h = sample_hello();

	ck_assert_uint_eq(wire_put_hello(buf, &h), HELLO_SIZE);
	struct wire_frame f = decode_whole(buf, HELLO_SIZE);
	ck_assert_int_eq(f.type, WIRE_HELLO);
	ck_assert_uint_eq(f.hello.version, WIRE_VERSION);
	ck_assert_uint_eq(f.hello.id, 255);
	ck_assert_uint_eq(f.hello.n, 256);
	ck_assert_mem_eq(f.hello.run_id, h.run_id, WIRE_RUN_ID_LEN);
	ck_assert_mem_eq(&f.hello.set.seed, &h.set.seed, sizeof h.set.seed);
	ck_assert_uint_eq(f.hello.set.seed, UINT64_MAX);
	ck_assert_double_eq(f.hello.set.duration_s, 60);
	ck_assert_double_eq(f.hello.set.speed, 2.5);
	ck_assert_uint_eq(f.hello.set.draw_max, 1000000);
	ck_assert_uint_eq(f.hello.set.on_failure, 1);
	ck_assert_uint_eq(f.hello.set.latency_min_ns, 1);
	ck_assert_uint_eq(f.hello.set.latency_max_ns, UINT64_C(60000000000));
	ck_assert_double_eq(f.hello.set.loss, 0.125);
	ck_assert_uint_eq(f.hello.set.faults, UINT64_C(0x0102030405060708));
	ck_assert_uint_eq(f.hello.set.start_at_ns, UINT64_C(1795441461000000000));
	ck_assert(!wire_differ(&h, &f.hello, NULL, 0));
}
END_TEST

START_TEST(barrier_frames_round_trip)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_time t = { UINT64_MAX, 1, UINT64_C(1) << 63 };
	struct wire_frame f;

	ck_assert_uint_eq(wire_put_linked(buf), 4 + WIRE_LINKED_BODY);
	ck_assert_int_eq(decode_whole(buf, 4 + WIRE_LINKED_BODY).type, WIRE_LINKED);
	ck_assert_uint_eq(wire_put_ping(buf, 77), 4 + WIRE_PING_BODY);
	f = decode_whole(buf, 4 + WIRE_PING_BODY);
	ck_assert_int_eq(f.type, WIRE_PING);
	ck_assert_uint_eq(f.time.t0, 77);
	ck_assert_uint_eq(wire_put_pong(buf, &t), 4 + WIRE_PONG_BODY);
	f = decode_whole(buf, 4 + WIRE_PONG_BODY);
	ck_assert_int_eq(f.type, WIRE_PONG);
	ck_assert_uint_eq(f.time.t0, t.t0);
	ck_assert_uint_eq(f.time.t1, t.t1);
	ck_assert_uint_eq(f.time.t2, t.t2);
	ck_assert_uint_eq(wire_put_start(buf, 12345), 4 + WIRE_START_BODY);
	f = decode_whole(buf, 4 + WIRE_START_BODY);
	ck_assert_int_eq(f.type, WIRE_START);
	ck_assert_uint_eq(f.start_ns, 12345);
}
END_TEST

/* NTP's estimate: the answerer's clock minus the asker's, and the round trip. */
START_TEST(one_ping_pong_gives_the_offset_and_round_trip)
{
	/* The answerer's clock 1000 ns ahead; 10 ns there, 10 back, 5 inside. */
	struct wire_time ahead = { .t0 = 5000, .t1 = 6010, .t2 = 6015 };
	/* 70 000 ns behind, the way there 30 ns slower than the way back. */
	struct wire_time behind = { .t0 = UINT64_C(1795441461000000000),
		.t1 = UINT64_C(1795441461000000000) - 70000 + 40,
		.t2 = UINT64_C(1795441461000000000) - 70000 + 41 };
	int64_t off, rtt;

	wire_offset(&ahead, 5025, &off, &rtt);
	ck_assert_int_eq(off, 1000);
	ck_assert_int_eq(rtt, 20);
	wire_offset(&behind, UINT64_C(1795441461000000000) + 51, &off, &rtt);
	ck_assert_int_eq(off, -70000 + 15);	/* off by half the asymmetry */
	ck_assert_int_eq(rtt, 50);
}
END_TEST

/* theirs differs from ours in one setting: the phrase names it. */
static void
expect_differ(const struct wire_hello *theirs, const char *want)
{
	struct wire_hello ours = sample_hello();
	char what[200];

	ck_assert(wire_differ(&ours, theirs, what, sizeof what));
	ck_assert_msg(strcmp(what, want) == 0, "'%s', wanted '%s'", what, want);
}

START_TEST(a_differing_setting_is_named_with_both_values)
{
	struct wire_hello h;

	h = sample_hello(); h.set.seed = 5;
	expect_differ(&h, "--seed: 5 there, 18446744073709551615 here");
	h = sample_hello(); h.set.duration_s = 30;
	expect_differ(&h, "--duration: 30 there, 60 here");
	h = sample_hello(); h.set.speed = 1;
	expect_differ(&h, "--speed: 1 there, 2.5 here");
	h = sample_hello(); h.n = 3;
	expect_differ(&h, "--vms: 3 there, 256 here");
	h = sample_hello(); h.set.draw_max = 10;
	expect_differ(&h, "--draw-max: 10 there, 1000000 here");
	h = sample_hello(); h.set.loss = 0;
	expect_differ(&h, "--loss: 0 there, 0.125 here");
	h = sample_hello(); h.set.latency_min_ns = 2000000;
	expect_differ(&h, "--latency: 2:60000 ms there, 1e-06:60000 ms here");
	h = sample_hello(); h.set.on_failure = 0;
	expect_differ(&h, "--on-failure: stop there, continue here");
	h = sample_hello(); h.set.faults = 1;
	expect_differ(&h, "--fault: another list there");
	h = sample_hello(); h.set.vector = 0;
	expect_differ(&h, "--vector: off there, on here");
	h = sample_hello(); h.run_id[15] = 0;
	expect_differ(&h, "--run-id: f0f1f2f3f4f5f6f7f8f9fafbfcfdfe00 there, "
	    "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff here");
	/* The run id comes first: a VM of another ring is named as such. */
	h.set.seed = 1;
	expect_differ(&h, "--run-id: f0f1f2f3f4f5f6f7f8f9fafbfcfdfe00 there, "
	    "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff here");
}
END_TEST

START_TEST(fault_digest_tells_lists_apart_by_order_and_split)
{
	uint64_t ab = wire_digest(wire_digest(WIRE_DIGEST_INIT, "a"), "b");
	uint64_t ba = wire_digest(wire_digest(WIRE_DIGEST_INIT, "b"), "a");

	ck_assert_uint_ne(ab, ba);
	ck_assert_uint_ne(ab, wire_digest(WIRE_DIGEST_INIT, "ab"));
	ck_assert_uint_ne(WIRE_DIGEST_INIT, wire_digest(WIRE_DIGEST_INIT, ""));
	ck_assert_uint_eq(ab, wire_digest(wire_digest(WIRE_DIGEST_INIT, "a"), "b"));
}
END_TEST

/* A HELLO whose settings no option could give is a bad frame. */
START_TEST(hello_with_impossible_settings_is_rejected)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_hello h;

	h = sample_hello(); h.set.duration_s = 0;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello(); h.set.speed = -1;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello(); h.set.loss = 1.5;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello(); h.set.on_failure = 2;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello(); h.set.latency_min_ns = h.set.latency_max_ns + 1;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello();
	memset(&h.set.duration_s, 0xff, sizeof h.set.duration_s);	/* a NaN */
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
	h = sample_hello(); h.set.vector = 2;
	expect_bad(buf, wire_put_hello(buf, &h), "impossible settings");
}
END_TEST

/* A message with its vector, of each width from 1 to 256, decodes whole. */
START_TEST(vmsg_round_trips_at_every_width)
{
	static uint8_t buf[WIRE_MAX_FRAME];
	static uint64_t v[STEP_VEC_MAX];
	struct step_msg m = { 7, UINT64_MAX, 12345, v };

	for (uint32_t n = 1; n <= STEP_VEC_MAX; n++) {
		for (uint32_t k = 0; k < n; k++)
			v[k] = k % 3 == 0 ? UINT64_MAX - k : (uint64_t)k << 40;
		size_t len = wire_put_msg(buf, &m, n);
		ck_assert_uint_eq(len, 4 + WIRE_VMSG_BODY(n));
		ck_assert_uint_le(len, WIRE_MAX_FRAME);
		struct wire_frame f = decode_whole(buf, len);
		ck_assert_int_eq(f.type, WIRE_MSG);
		ck_assert_uint_eq(f.nvec, n);
		ck_assert_uint_eq(f.msg.src_seq, UINT64_MAX);
		ck_assert_uint_eq(f.msg.lamport, 12345);
		ck_assert_mem_eq(f.vec, v, n * sizeof v[0]);
	}
}
END_TEST

START_TEST(vmsg_is_laid_out_big_endian)
{
	static const uint8_t want[] = {
		0x00, 0x00, 0x00, 0x25, 0x08,	/* body 37: VMSG */
		0x00, 0x03,			/* sender */
		0, 0, 0, 0, 0, 0, 0, 4,		/* seq */
		0, 0, 0, 0, 0, 0, 0, 5,		/* lamport */
		0x00, 0x02,			/* 2 counters */
		0, 0, 0, 0, 0, 0, 0x01, 0x02,	/* 258 */
		0, 0, 0, 0, 0, 0, 0, 9,		/* 9 */
	};
	uint64_t v[2] = { 258, 9 };
	struct step_msg m = { 3, 4, 5, v };
	uint8_t buf[WIRE_MAX_FRAME];

	ck_assert_uint_eq(wire_put_msg(buf, &m, 2), sizeof want);
	ck_assert_mem_eq(buf, want, sizeof want);
}
END_TEST

/* A VMSG whose length disagrees with itself, or holds no counter, or too many. */
START_TEST(vmsg_of_a_bad_length_is_rejected)
{
	static uint8_t buf[WIRE_MAX_FRAME];
	uint64_t v[3] = { 1, 2, 3 };
	struct step_msg m = { 3, 4, 5, v };
	size_t len = wire_put_msg(buf, &m, 3);
	static const uint8_t none[] = { 0, 0, 0, 21, WIRE_VMSG };
	static const uint8_t odd[] = { 0, 0, 0, 30, WIRE_VMSG };

	buf[4 + WIRE_MSG_BODY + 1] = 2;	/* says 2 counters in a frame of 3 */
	expect_bad(buf, len, "vector length disagrees with the frame's");
	expect_bad(none, sizeof none, "bad frame length");
	expect_bad(odd, sizeof odd, "bad frame length");
}
END_TEST

/* Encode m, check its size, decode it and compare. */
static void
msg_round_trip(struct step_msg m)
{
	uint8_t buf[WIRE_MAX_FRAME];

	ck_assert_uint_eq(wire_put_msg(buf, &m, 0), MSG_SIZE);
	struct wire_frame f = decode_whole(buf, MSG_SIZE);
	ck_assert_int_eq(f.type, WIRE_MSG);
	ck_assert_uint_eq(f.msg.src, m.src);
	ck_assert_uint_eq(f.msg.src_seq, m.src_seq);
	ck_assert_uint_eq(f.msg.lamport, m.lamport);
}

START_TEST(msg_round_trips_with_extreme_values)
{
	msg_round_trip((struct step_msg){ 0, 0, 0, NULL });
	msg_round_trip((struct step_msg){ 255, UINT64_MAX, UINT64_MAX, NULL });
	msg_round_trip((struct step_msg){ 255, 0, UINT64_MAX, NULL });
	msg_round_trip((struct step_msg){ 1, UINT64_MAX, 0, NULL });
	msg_round_trip((struct step_msg){ 128, UINT64_C(1) << 63, 1, NULL });
}
END_TEST

START_TEST(bye_round_trips)
{
	uint8_t buf[WIRE_MAX_FRAME];
	static const uint8_t want[] = { 0, 0, 0, 1, WIRE_BYE };

	ck_assert_uint_eq(wire_put_bye(buf), BYE_SIZE);
	ck_assert_mem_eq(buf, want, sizeof want);
	ck_assert_int_eq(decode_whole(buf, BYE_SIZE).type, WIRE_BYE);
}
END_TEST

START_TEST(msg_is_laid_out_big_endian)
{
	struct step_msg m = { .src = 0xab, .src_seq = UINT64_C(0x0102030405060708),
	    .lamport = UINT64_C(0x1112131415161718) };
	static const uint8_t want[MSG_SIZE] = {
		0x00, 0x00, 0x00, 0x13,		/* body length 19 */
		0x02,				/* MSG */
		0x00, 0xab,			/* src */
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* src_seq */
		0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,	/* lamport */
	};
	uint8_t buf[WIRE_MAX_FRAME];

	ck_assert_uint_eq(wire_put_msg(buf, &m, 0), sizeof want);
	ck_assert_mem_eq(buf, want, sizeof want);
}
END_TEST

START_TEST(hello_is_laid_out_big_endian)
{
	struct wire_hello h = sample_hello();
	static const uint8_t head[] = {
		0x00, 0x00, 0x00, 0x61,		/* body length 97 */
		0x01, 'C', 'L', 'K', 'R',	/* HELLO, magic */
		0x00, 0x03,			/* version */
	};
	static const uint8_t tail[] = { 0x00, 0xff, 0x01, 0x00,	/* id, N */
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,		/* seed */
		0x40, 0x4e, 0, 0, 0, 0, 0, 0,	/* duration 60.0, IEEE 754 */
		0x40, 0x04, 0, 0, 0, 0, 0, 0,	/* speed 2.5 */
		0x00, 0x0f, 0x42, 0x40,		/* draw_max */
		0x01,				/* on_failure: continue */
		0, 0, 0, 0, 0, 0, 0, 1,		/* latency min ns */
		0, 0, 0, 0x0d, 0xf8, 0x47, 0x58, 0x00,	/* latency max ns */
		0x3f, 0xc0, 0, 0, 0, 0, 0, 0,	/* loss 0.125 */
		1, 2, 3, 4, 5, 6, 7, 8,		/* fault digest */
		0x18, 0xea, 0xb0, 0x7f, 0x01, 0xe9, 0xd2, 0x00,	/* start-at ns */
		0x01,				/* vector clocks on */
	};
	uint8_t buf[WIRE_MAX_FRAME];

	ck_assert_uint_eq(wire_put_hello(buf, &h), HELLO_SIZE);
	ck_assert_mem_eq(buf, head, sizeof head);
	ck_assert_mem_eq(buf + sizeof head, h.run_id, WIRE_RUN_ID_LEN);
	ck_assert_mem_eq(buf + sizeof head + WIRE_RUN_ID_LEN, tail, sizeof tail);
}
END_TEST

/* Every proper prefix of a frame asks for more; the whole frame decodes. */
static void
byte_at_a_time(const uint8_t *frame, size_t size)
{
	for (size_t len = 0; len < size; len++)
		expect_more(frame, len);
	decode_whole(frame, size);
}

START_TEST(frames_fed_one_byte_at_a_time_need_more_until_complete)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_hello h = sample_hello();
	struct step_msg m = { 3, 4, 5, NULL };
	struct wire_time t = { 1, 2, 3 };

	byte_at_a_time(buf, wire_put_hello(buf, &h));
	byte_at_a_time(buf, wire_put_msg(buf, &m, 0));
	byte_at_a_time(buf, wire_put_bye(buf));
	byte_at_a_time(buf, wire_put_pong(buf, &t));
}
END_TEST

START_TEST(two_frames_back_to_back_decode_one_after_the_other)
{
	uint8_t buf[2 * WIRE_MAX_FRAME];
	struct step_msg m = { 9, 10, 11, NULL };
	struct wire_frame f;
	size_t used = 0, n = wire_put_msg(buf, &m, 0);
	const char *why = NULL;

	n += wire_put_bye(buf + n);
	ck_assert_int_eq(get_exact(buf, n, &f, &used, &why), 1);
	ck_assert_int_eq(f.type, WIRE_MSG);
	ck_assert_uint_eq(f.msg.src_seq, 10);
	ck_assert_uint_eq(used, MSG_SIZE);
	ck_assert_int_eq(get_exact(buf + used, n - used, &f, &used, &why), 1);
	ck_assert_int_eq(f.type, WIRE_BYE);
	ck_assert_uint_eq(used, BYE_SIZE);
}
END_TEST

START_TEST(truncated_frames_need_more)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_hello h = sample_hello();
	struct step_msg m = { 1, 2, 3, NULL };

	wire_put_msg(buf, &m, 0);
	expect_more(buf, MSG_SIZE - 1);
	expect_more(buf, 10);
	expect_more(buf, 5);
	wire_put_hello(buf, &h);
	expect_more(buf, HELLO_SIZE - 1);
	expect_more(buf, 9);
}
END_TEST

START_TEST(oversized_length_is_too_long_from_the_first_4_bytes)
{
	static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff };
	/* One past the longest VMSG, 256 counters: 2070 bytes. */
	static const uint8_t past[] = { 0x00, 0x00, (WIRE_MAX_BODY + 1) >> 8,
		(WIRE_MAX_BODY + 1) & 0xff };
	static const uint8_t len65536[] = { 0x00, 0x01, 0x00, 0x00, WIRE_VMSG };

	expect_bad(huge, sizeof huge, "frame too long");
	expect_bad(past, sizeof past, "frame too long");
	expect_bad(len65536, sizeof len65536, "frame too long");
}
END_TEST

START_TEST(zero_length_is_rejected)
{
	static const uint8_t zero[] = { 0, 0, 0, 0 };
	static const uint8_t zero_then_msg[] = { 0, 0, 0, 0, WIRE_MSG, 1, 2 };

	expect_bad(zero, sizeof zero, "empty");
	expect_bad(zero_then_msg, sizeof zero_then_msg, "empty");
}
END_TEST

START_TEST(unknown_type_is_rejected)
{
	static const uint8_t type0[] = { 0, 0, 0, 1, 0 };
	static const uint8_t type9[] = { 0, 0, 0, 19, 9 };
	static const uint8_t type255[] = { 0, 0, 0, 27, 0xff };

	expect_bad(type0, sizeof type0, "unknown frame type");
	expect_bad(type9, sizeof type9, "unknown frame type");
	expect_bad(type255, sizeof type255, "unknown frame type");
}
END_TEST

START_TEST(known_type_with_the_wrong_length_is_rejected)
{
	static const uint8_t msg27[] = { 0, 0, 0, 27, WIRE_MSG };
	static const uint8_t msg18[] = { 0, 0, 0, 18, WIRE_MSG };
	static const uint8_t hello19[] = { 0, 0, 0, 19, WIRE_HELLO };
	static const uint8_t hello27[] = { 0, 0, 0, 27, WIRE_HELLO };	/* v1 */
	static const uint8_t ping1[] = { 0, 0, 0, 1, WIRE_PING };
	static const uint8_t bye2[] = { 0, 0, 0, 2, WIRE_BYE };

	expect_bad(msg27, sizeof msg27, "bad frame length");
	expect_bad(msg18, sizeof msg18, "bad frame length");
	expect_bad(hello19, sizeof hello19, "bad frame length");
	expect_bad(hello27, sizeof hello27, "bad frame length");
	expect_bad(ping1, sizeof ping1, "bad frame length");
	expect_bad(bye2, sizeof bye2, "bad frame length");
}
END_TEST

START_TEST(hello_with_bad_magic_is_rejected)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_hello h = sample_hello();

	wire_put_hello(buf, &h);
	buf[5] = 'c';
	expect_bad(buf, HELLO_SIZE, "bad magic");
	wire_put_hello(buf, &h);
	buf[8] = 0;
	expect_bad(buf, HELLO_SIZE, "bad magic");
}
END_TEST

/* The body length a type must have, or 0 for no such type. */
static size_t
type_body(uint8_t type)
{
	static const size_t body[] = { 0, WIRE_HELLO_BODY, WIRE_MSG_BODY,
		WIRE_BYE_BODY, WIRE_LINKED_BODY, WIRE_PING_BODY, WIRE_PONG_BODY,
		WIRE_START_BODY };

	return type < sizeof body / sizeof body[0] ? body[type] : 0;
}

/*
 * Random bytes; in most buffers the length and type are steered to small
 * values so that the checks past the first four bytes are reached too.
 * Up to a HELLO and a little more: the longer VMSGs have their own tests,
 * and a byte drawn each costs much under ThreadSanitizer.
 */
static size_t
garbage(struct rng *r, uint8_t *buf)
{
	size_t len = (size_t)rng_range(r, 0, 4 + WIRE_HELLO_BODY + 8);

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)rng_next(r);
	if (len >= 4 && rng_range(r, 0, 3) != 0) {
		buf[0] = buf[1] = buf[2] = 0;
		buf[3] = (uint8_t)rng_range(r, 0, WIRE_HELLO_BODY + 1);
	}
	if (len >= 5 && rng_range(r, 0, 3) != 0)
		buf[4] = (uint8_t)rng_range(r, 0, 8);
	if (len >= 9 && rng_range(r, 0, 1) != 0)
		memcpy(buf + 5, "CLKR", 4);
	return len;
}

START_TEST(random_garbage_never_yields_a_frame_of_the_wrong_length)
{
	uint8_t buf[4 + WIRE_HELLO_BODY + 8];
	int outcomes[3] = { 0 };
	struct rng r;

	rng_seed(&r, 31337, 0);
	for (int i = 0; i < 100000; i++) {
		size_t len = garbage(&r, buf), used = 0;
		struct wire_frame f;
		const char *why = NULL;
		int rc = get_exact(buf, len, &f, &used, &why);
		ck_assert_msg(rc >= -1 && rc <= 1, "wire_get returned %d", rc);
		outcomes[rc + 1]++;
		if (rc == -1)
			ck_assert_ptr_nonnull(why);
		if (rc == 1 && buf[4] == WIRE_VMSG) {
			ck_assert_uint_eq(used, 4 + WIRE_VMSG_BODY(f.nvec));
			ck_assert_int_eq(f.type, WIRE_MSG);
		} else if (rc == 1) {
			ck_assert_uint_eq(used, 4 + type_body(buf[4]));
			ck_assert_int_eq(f.type, buf[4]);
		}
		ck_assert_uint_le(used, len);
	}
	/* The steering works: every outcome happened many times. */
	for (int i = 0; i < 3; i++)
		ck_assert_int_gt(outcomes[i], 200);
}
END_TEST

Suite *
make_wire_suite(void)
{
	Suite *s = suite_create("wire");
	TCase *good = tcase_create("good");
	TCase *bad = tcase_create("bad");

	tcase_add_test(good, hello_round_trips);
	tcase_add_test(good, msg_round_trips_with_extreme_values);
	tcase_add_test(good, bye_round_trips);
	tcase_add_test(good, barrier_frames_round_trip);
	tcase_add_test(good, one_ping_pong_gives_the_offset_and_round_trip);
	tcase_add_test(good, a_differing_setting_is_named_with_both_values);
	tcase_add_test(good, fault_digest_tells_lists_apart_by_order_and_split);
	tcase_add_test(good, msg_is_laid_out_big_endian);
	tcase_add_test(good, hello_is_laid_out_big_endian);
	tcase_add_test(good, vmsg_round_trips_at_every_width);
	tcase_add_test(good, vmsg_is_laid_out_big_endian);
	tcase_add_test(good, frames_fed_one_byte_at_a_time_need_more_until_complete);
	tcase_add_test(good, two_frames_back_to_back_decode_one_after_the_other);
	suite_add_tcase(s, good);

	tcase_add_test(bad, truncated_frames_need_more);
	tcase_add_test(bad, oversized_length_is_too_long_from_the_first_4_bytes);
	tcase_add_test(bad, zero_length_is_rejected);
	tcase_add_test(bad, unknown_type_is_rejected);
	tcase_add_test(bad, known_type_with_the_wrong_length_is_rejected);
	tcase_add_test(bad, hello_with_bad_magic_is_rejected);
	tcase_add_test(bad, hello_with_impossible_settings_is_rejected);
	tcase_add_test(bad, vmsg_of_a_bad_length_is_rejected);
	tcase_add_test(bad, random_garbage_never_yields_a_frame_of_the_wrong_length);
	suite_add_tcase(s, bad);
	return s;
}

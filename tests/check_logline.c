/* tests/check_logline.c -- unit tests of vm/core/logline: every line written reads back as it was */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/logline.h"
#include "vm/core/rng.h"
#include "vm/core/step.h"

/* Format ev, check the line's shape, parse it back: the event read. */
static struct log_event
round_trip(const struct log_event *ev, char *line)
{
	struct log_event back;
	char why[256] = "";
	size_t n = logline_format(line, ev);

	ck_assert_uint_ge(n, 1);
	ck_assert_uint_le(n - 1, LOGLINE_MAX);
	ck_assert_int_eq(line[n - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', n - 1));
	memset(&back, 0xa5, sizeof back);
	ck_assert_msg(logline_parse(line, n - 1, &back, NULL, why, sizeof why) == 0,
	    "'%.*s': %s", (int)(n - 1), line, why);
	line[n] = '\0';
	return back;
}

static void
assert_same(const struct log_event *a, const struct log_event *b,
    const char *line)
{
	ck_assert_msg(a->vm == b->vm && a->seq == b->seq &&
	    a->kind == b->kind && a->wall_ns == b->wall_ns &&
	    a->lamport == b->lamport && a->queue_len == b->queue_len &&
	    a->npeers == b->npeers && a->src_seq == b->src_seq &&
	    a->msg_lamport == b->msg_lamport, "differs after '%s'", line);
	for (uint32_t i = 0; i < a->npeers; i++)
		ck_assert_uint_eq(a->peers[i], b->peers[i]);
}

/* One event of kind k, its empty fields 0, every number at v (peers pv). */
static struct log_event
event(enum log_kind k, uint64_t v, uint32_t pv)
{
	struct log_event ev = { .vm = pv, .seq = v, .kind = k, .wall_ns = v,
		.lamport = v, .queue_len = v };

	if (k == LOG_SEND) {
		ev.npeers = 2;
		ev.peers[0] = pv;
		ev.peers[1] = pv / 2;
	} else if (k != LOG_INTERNAL) {
		ev.npeers = 1;
		ev.peers[0] = pv;
	}
	if (k == LOG_RECV || k == LOG_PENDING || k == LOG_DROP)
		ev.src_seq = ev.msg_lamport = v;
	return ev;
}

/* 0, the largest the fast path reads (19 digits), and the largest of all. */
START_TEST(every_kind_round_trips_at_the_extremes)
{
	static const uint64_t value[] = { 0, 1, UINT64_C(9999999999999999999),
		UINT64_C(10000000000000000000), UINT64_MAX };
	static const uint32_t peer[] = { 0, 1, 999999999, 1000000000,
		UINT32_MAX };
	char line[LOGLINE_MAX + 2];

	for (int k = LOG_INTERNAL; k < LOG_KINDS; k++) {
		for (size_t i = 0; i < sizeof value / sizeof value[0]; i++) {
			struct log_event ev = event((enum log_kind)k, value[i],
			    peer[i]);
			struct log_event back = round_trip(&ev, line);
			assert_same(&ev, &back, line);
		}
	}
}
END_TEST

/* Random numbers of every length, so both parsers see each field. */
START_TEST(random_events_round_trip)
{
	char line[LOGLINE_MAX + 2];
	struct rng r;

	rng_seed(&r, 11, 0);
	for (int i = 0; i < 20000; i++) {
		enum log_kind k = (enum log_kind)rng_range(&r, 0, LOG_KINDS - 1);
		uint64_t v = rng_next(&r) >> rng_range(&r, 0, 63);
		struct log_event ev = event(k, v, (uint32_t)(rng_next(&r) >>
		    rng_range(&r, 32, 63)));
		ev.wall_ns = rng_next(&r);
		ev.queue_len = rng_range(&r, 0, 5);
		if (k == LOG_SEND && rng_range(&r, 0, 1))
			ev.npeers = 1;
		struct log_event back = round_trip(&ev, line);
		assert_same(&ev, &back, line);
	}
}
END_TEST

START_TEST(the_longest_line_is_written_whole)
{
	struct log_event ev = event(LOG_DROP, UINT64_MAX, UINT32_MAX);
	char line[LOGLINE_MAX + 2];

	round_trip(&ev, line);
	ck_assert_str_eq(line, "4294967295,18446744073709551615,DROP,"
	    "18446744073709551615,18446744073709551615,18446744073709551615,"
	    "4294967295,18446744073709551615,18446744073709551615\n");
	ev = event(LOG_SEND, UINT64_MAX, UINT32_MAX);
	round_trip(&ev, line);
	ck_assert_str_eq(line, "4294967295,18446744073709551615,SEND,"
	    "18446744073709551615,18446744073709551615,18446744073709551615,"
	    "4294967295|2147483647,,\n");
}
END_TEST

/* A kind's empty columns stay empty, whatever its struct holds there. */
START_TEST(fields_a_kind_leaves_empty_are_not_written)
{
	struct log_event ev = event(LOG_RECV, 7, 3);
	char line[LOGLINE_MAX + 2];

	ev.kind = LOG_INTERNAL;
	round_trip(&ev, line);
	ck_assert_str_eq(line, "3,7,INTERNAL,7,7,7,,,\n");
	ev.kind = LOG_PEER_DOWN;
	round_trip(&ev, line);
	ck_assert_str_eq(line, "3,7,PEER_DOWN,7,7,7,3,,\n");
	ev.kind = LOG_SEND;
	round_trip(&ev, line);
	ck_assert_str_eq(line, "3,7,SEND,7,7,7,3,,\n");
}
END_TEST

/* What a VM logs for each step event reads back as the model made it. */
START_TEST(step_events_are_logged_as_the_model_made_them)
{
	struct step_msg m = { .src = 2, .src_seq = 30, .lamport = 35 };
	struct step_event send = { .kind = STEP_SEND, .seq = 56, .lamport = 40,
		.ndest = 2, .dest = { 2, 0 } };
	struct step_event drop = { .kind = STEP_DROP, .seq = 57, .lamport = 40,
		.ndest = 1, .dest = { 2 }, .msg = { 1, 56, 40 } };
	struct step_event recv = { .kind = STEP_RECV, .seq = 58, .lamport = 42,
		.msg = m };
	char line[LOGLINE_MAX + 2];
	struct log_event ev, back;

	logline_of_step(&ev, 1, &send, 1001, 3);
	back = round_trip(&ev, line);
	ck_assert_str_eq(line, "1,56,SEND,1001,40,3,2|0,,\n");
	ck_assert_uint_eq(back.npeers, 2);
	logline_of_step(&ev, 1, &drop, 1002, 0);
	back = round_trip(&ev, line);
	ck_assert_str_eq(line, "1,57,DROP,1002,40,0,2,56,40\n");
	ck_assert(back.kind == LOG_DROP && back.peers[0] == 2);
	logline_of_step(&ev, 1, &recv, 1003, 0);
	back = round_trip(&ev, line);
	ck_assert_str_eq(line, "1,58,RECV,1003,42,0,2,30,35\n");
	ck_assert(back.src_seq == 30 && back.msg_lamport == 35);
}
END_TEST

/* Format ev with its vector, parse it back with room for one. */
static struct log_event
vec_round_trip(const struct log_event *ev, char *line, uint64_t *vec)
{
	struct log_event back;
	char why[256] = "";
	size_t n = logline_format(line, ev);

	ck_assert_uint_le(n - 1, LOGLINE_MAX_VEC(ev->nvec));
	ck_assert_int_eq(line[n - 1], '\n');
	ck_assert_ptr_null(memchr(line, '\n', n - 1));
	memset(&back, 0xa5, sizeof back);
	ck_assert_msg(logline_parse(line, n - 1, &back, vec, why,
	    sizeof why) == 0, "'%.*s': %s", (int)(n - 1), line, why);
	line[n] = '\0';
	ck_assert(back.vcol);
	ck_assert_uint_eq(back.nvec, ev->nvec);
	ck_assert_ptr_eq(back.vec, vec);
	for (uint32_t k = 0; k < ev->nvec; k++)
		ck_assert_uint_eq(back.vec[k], ev->vec[k]);
	return back;
}

/* Every width 1..256, every kind, counters of every length up to 20 digits. */
START_TEST(vectors_round_trip_at_every_width)
{
	static char line[LOGLINE_MAX_ANY + 2];
	static uint64_t v[LOGLINE_VEC_MAX], back_v[LOGLINE_VEC_MAX];
	struct rng r;

	rng_seed(&r, 12, 0);
	for (uint32_t n = 1; n <= LOGLINE_VEC_MAX; n++) {
		for (int k = LOG_INTERNAL; k < LOG_KINDS; k++) {
			struct log_event ev = event((enum log_kind)k,
			    rng_next(&r) >> 40, n - 1);
			for (uint32_t i = 0; i < n; i++)
				v[i] = rng_next(&r) >> rng_range(&r, 0, 63);
			v[n - 1] = k == LOG_SEND ? UINT64_MAX : v[n - 1];
			ev.vcol = true;
			ev.nvec = k == LOG_PEER_DOWN ? 0 : n;
			ev.vec = v;
			struct log_event back = vec_round_trip(&ev, line, back_v);
			assert_same(&ev, &back, line);
		}
	}
}
END_TEST

START_TEST(the_longest_vector_line_fits)
{
	static char line[LOGLINE_MAX_ANY + 2];
	static uint64_t v[LOGLINE_VEC_MAX], back_v[LOGLINE_VEC_MAX];
	struct log_event ev = event(LOG_DROP, UINT64_MAX, UINT32_MAX);

	for (int i = 0; i < LOGLINE_VEC_MAX; i++)
		v[i] = UINT64_MAX;
	ev.vcol = true;
	ev.nvec = LOGLINE_VEC_MAX;
	ev.vec = v;
	vec_round_trip(&ev, line, back_v);
	ck_assert_uint_le(strlen(line) - 1, LOGLINE_MAX_ANY);
}
END_TEST

/* The column as a step event makes it: "3;0;7", empty for PEER_DOWN. */
START_TEST(a_step_events_vector_is_its_last_column)
{
	static const uint64_t v[3] = { 3, 0, 7 };
	struct step_event tick = { .kind = STEP_INTERNAL, .seq = 9,
		.lamport = 12, .nv = 3, .v = v };
	struct step_event down = { .kind = STEP_PEER_DOWN, .seq = 10,
		.lamport = 12, .ndest = 1, .dest = { 2 }, .nv = 3 };
	char line[LOGLINE_MAX_VEC(3) + 2];
	uint64_t back_v[3];
	struct log_event ev;

	logline_of_step(&ev, 1, &tick, 1001, 0);
	vec_round_trip(&ev, line, back_v);
	ck_assert_str_eq(line, "1,9,INTERNAL,1001,12,0,,,,3;0;7\n");
	logline_of_step(&ev, 1, &down, 1002, 0);
	vec_round_trip(&ev, line, back_v);
	ck_assert_str_eq(line, "1,10,PEER_DOWN,1002,12,0,2,,,\n");
}
END_TEST

/* Each bad vector column is refused, naming what is wrong. */
START_TEST(bad_vector_columns_are_refused_with_a_reason)
{
	static const struct {
		const char *line, *why;
	} bad[] = {
		{ "0,1,INTERNAL,5,2,0,,,", "9 fields, expected 10" },
		{ "0,1,INTERNAL,5,2,0,,,,", "vector: missing for INTERNAL" },
		{ "0,1,PEER_DOWN,5,2,0,1,,,1;2", "vector '1;2': must be empty "
		  "for PEER_DOWN" },
		{ "0,1,SEND,5,2,0,1,,,1;;2", "vector '': not a number" },
		{ "0,1,SEND,5,2,0,1,,,1;x", "vector 'x': not a number" },
		{ "0,1,SEND,5,2,0,1,,,1;-2", "vector '-2': negative" },
		{ "0,1,SEND,5,2,0,1,,,18446744073709551616", "vector "
		  "'18446744073709551616': too large" },
		{ "0,1,SEND,5,2,0,1,,,1;2,3", "11 fields, expected 10" },
	};
	static uint64_t v[LOGLINE_VEC_MAX];
	struct log_event ev;
	char why[256], buf[64];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n = strlen(bad[i].line);
		memcpy(buf, bad[i].line, n);
		buf[n] = '\n';
		ck_assert_int_eq(logline_parse(buf, n, &ev, v, why, sizeof why),
		    -1);
		ck_assert_str_eq(why, bad[i].why);
	}
	/* A vector line where none is expected: a column too many. */
	ck_assert_int_eq(logline_parse("0,1,SEND,5,2,0,1,,,1;2\n", 22, &ev, NULL,
	    why, sizeof why), -1);
	ck_assert_str_eq(why, "10 fields, expected 9");
}
END_TEST

START_TEST(more_than_256_entries_are_refused)
{
	static char line[LOGLINE_MAX_ANY + 64];
	static uint64_t v[LOGLINE_VEC_MAX];
	struct log_event ev;
	char why[256];
	int n = snprintf(line, sizeof line, "0,1,INTERNAL,5,2,0,,,,1");

	for (int i = 1; i <= LOGLINE_VEC_MAX; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, ";1");
	line[n] = '\n';
	ck_assert_int_eq(logline_parse(line, (size_t)n, &ev, v, why,
	    sizeof why), -1);
	ck_assert_str_eq(why, "vector: more than 256 entries");
}
END_TEST

/*
 * A writer's cache gives the bytes formatting gives: vectors that move a
 * little each line (an entry up by 1, a max taken, digits gained), and
 * now and then another one (a PENDING's) or none (a PEER_DOWN).
 */
START_TEST(the_cached_vector_column_is_the_same_bytes)
{
	static char a[LOGLINE_MAX_ANY + 2], b[LOGLINE_MAX_ANY + 2];
	static struct logline_vcache c;
	static uint64_t v[LOGLINE_VEC_MAX], other[LOGLINE_VEC_MAX];
	static const uint32_t widths[] = { 1, 2, 3, 16, 64, 256 };
	struct rng r;

	rng_seed(&r, 13, 0);
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		uint32_t n = widths[w];
		memset(v, 0, sizeof v);
		for (int i = 0; i < 5000; i++) {
			struct log_event ev = event(LOG_INTERNAL, (uint64_t)i, 1);
			uint64_t how = rng_range(&r, 0, 9);
			v[rng_range(&r, 0, n - 1)] += how < 7 ? 1 : rng_next(&r) >> 60;
			if (how == 9)
				v[rng_range(&r, 0, n - 1)] = UINT64_MAX - how;
			for (uint32_t k = 0; k < n; k++)
				other[k] = rng_next(&r) >> rng_range(&r, 0, 63);
			ev.vcol = true;
			ev.nvec = how == 8 ? 0 : n;
			ev.vec = how == 7 ? other : v;
			size_t la = logline_format(a, &ev);
			size_t lb = logline_format_cached(b, &ev, &c);
			ck_assert_uint_eq(la, lb);
			ck_assert_msg(memcmp(a, b, la) == 0, "width %u, line %d: "
			    "'%.*s' cached as '%.*s'", (unsigned)n, i, (int)la, a,
			    (int)lb, b);
		}
	}
}
END_TEST

Suite *
make_logline_suite(void)
{
	Suite *s = suite_create("logline");
	TCase *tc = tcase_create("round trip");

	tcase_add_test(tc, every_kind_round_trips_at_the_extremes);
	tcase_add_test(tc, random_events_round_trip);
	tcase_add_test(tc, the_longest_line_is_written_whole);
	tcase_add_test(tc, fields_a_kind_leaves_empty_are_not_written);
	tcase_add_test(tc, step_events_are_logged_as_the_model_made_them);
	tcase_add_test(tc, vectors_round_trip_at_every_width);
	tcase_add_test(tc, the_longest_vector_line_fits);
	tcase_add_test(tc, a_step_events_vector_is_its_last_column);
	tcase_add_test(tc, bad_vector_columns_are_refused_with_a_reason);
	tcase_add_test(tc, more_than_256_entries_are_refused);
	tcase_add_test(tc, the_cached_vector_column_is_the_same_bytes);
	suite_add_tcase(s, tc);
	return s;
}

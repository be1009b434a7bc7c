/* tests/fuzz/fuzz_wire.c -- fuzz vm/core/wire's decoder: whole buffers and every two-piece split */
#ifndef TESTS_FUZZ_FUZZ_WIRE_C
#define TESTS_FUZZ_FUZZ_WIRE_C

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "vm/core/wire.h"

/* Inputs are cut here: the split loop costs the square of the length
 * (room for a VMSG of a few dozen counters). */
#define WIRE_FUZZ_MAX	1024

/* What decoding a byte stream frame by frame came to. */
struct wire_outcome {
	size_t nframes;		/* frames decoded before the end or an error */
	size_t consumed;	/* their bytes */
	int last;		/* 0: stopped at a partial frame; -1: bad frame */
	uint32_t hash;		/* of the decoded frames' fields, in order */
};

static uint32_t
fw_mix(uint32_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		h = (h ^ (uint8_t)(v >> (8 * i))) * 16777619u;
	return h;
}

static uint32_t
fw_real(uint32_t h, double d)
{
	uint64_t v;

	memcpy(&v, &d, sizeof v);
	return fw_mix(h, v);
}

/* The settings a HELLO decoded to: only ones no option refuses. */
static uint32_t
fw_settings(uint32_t h, const struct wire_settings *s)
{
	FUZZ_ASSERT(s->duration_s > 0 && s->speed > 0);
	FUZZ_ASSERT(s->loss >= 0 && s->loss <= 1 && s->on_failure <= 1);
	FUZZ_ASSERT(s->vector <= 1);
	FUZZ_ASSERT(s->latency_min_ns <= s->latency_max_ns);
	h = fw_mix(fw_mix(h, s->seed), s->draw_max);
	h = fw_real(fw_real(fw_real(h, s->duration_s), s->speed), s->loss);
	h = fw_mix(fw_mix(h, s->latency_min_ns), s->latency_max_ns);
	h = fw_mix(fw_mix(h, s->on_failure), s->faults);
	return fw_mix(fw_mix(h, s->start_at_ns), s->vector);
}

/* The frame must encode back to exactly the bytes it came from. */
static uint32_t
fw_check_frame(const struct wire_frame *f, const uint8_t *bytes, size_t used,
    uint32_t h)
{
	uint8_t out[WIRE_MAX_FRAME];
	size_t n = 0;

	switch (f->type) {
	case WIRE_HELLO:
		n = wire_put_hello(out, &f->hello);
		h = fw_mix(h, f->hello.version);
		h = fw_mix(h, f->hello.id);
		h = fw_mix(h, f->hello.n);
		for (int i = 0; i < WIRE_RUN_ID_LEN; i++)
			h = fw_mix(h, f->hello.run_id[i]);
		h = fw_settings(h, &f->hello.set);
		break;
	case WIRE_LINKED:
		n = wire_put_linked(out);
		break;
	case WIRE_PING:
		n = wire_put_ping(out, f->time.t0);
		h = fw_mix(h, f->time.t0);
		break;
	case WIRE_PONG:
		n = wire_put_pong(out, &f->time);
		h = fw_mix(fw_mix(fw_mix(h, f->time.t0), f->time.t1), f->time.t2);
		break;
	case WIRE_START:
		n = wire_put_start(out, f->start_ns);
		h = fw_mix(h, f->start_ns);
		break;
	case WIRE_MSG:
		/* With a vector: 1 to STEP_VEC_MAX counters, msg.v on them. */
		FUZZ_ASSERT(f->nvec <= STEP_VEC_MAX);
		FUZZ_ASSERT(f->nvec == 0 ? f->msg.v == NULL : f->msg.v == f->vec);
		n = wire_put_msg(out, &f->msg, f->nvec);
		h = fw_mix(h, f->msg.src);
		h = fw_mix(h, f->msg.src_seq);
		h = fw_mix(h, f->msg.lamport);
		for (uint32_t k = 0; k < f->nvec; k++)
			h = fw_mix(h, f->vec[k]);
		break;
	case WIRE_BYE:
		n = wire_put_bye(out);
		break;
	default:
		FUZZ_ASSERT(!"decoded an unknown frame type");
	}
	FUZZ_ASSERT(n == used);
	FUZZ_ASSERT(memcmp(out, bytes, used) == 0);
	return fw_mix(h, f->type);
}

/*
 * Decode one frame from an exact-size heap copy of buf[0..len), so that a
 * read past the end shows up under AddressSanitizer.
 */
static int
fw_get_exact(const uint8_t *buf, size_t len, struct wire_frame *f, size_t *used)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);
	const char *why = NULL;

	FUZZ_ASSERT(copy != NULL);
	if (len > 0)
		memcpy(copy, buf, len);
	*used = 0;
	int rc = wire_get(copy, len, f, used, &why);
	FUZZ_ASSERT(rc == 1 || rc == 0 || rc == -1);
	if (rc == -1)
		FUZZ_ASSERT(why != NULL && *why != '\0');
	if (rc == 1) {
		FUZZ_ASSERT(*used >= 4 + WIRE_BYE_BODY && *used <= len);
		FUZZ_ASSERT(*used <= WIRE_MAX_FRAME);
	}
	free(copy);
	return rc;
}

/* Decode frames from buf[*pos..len) until a partial or bad one. */
static void
fw_drain(const uint8_t *buf, size_t len, size_t *pos, struct wire_outcome *o)
{
	struct wire_frame f;
	size_t used;
	int rc;

	while ((rc = fw_get_exact(buf + *pos, len - *pos, &f, &used)) == 1) {
		o->hash = fw_check_frame(&f, buf + *pos, used, o->hash);
		o->nframes++;
		*pos += used;
		o->consumed = *pos;
	}
	o->last = rc;
}

/*
 * A reader receiving the stream in two reads, the first of k bytes: it
 * decodes what it can after each read and keeps the rest buffered.
 */
static struct wire_outcome
fw_stream_split(const uint8_t *data, size_t size, size_t k)
{
	struct wire_outcome o = { 0, 0, 0, 2166136261u };
	size_t pos = 0;

	fw_drain(data, k, &pos, &o);
	if (o.last == -1)
		return o;
	fw_drain(data, size, &pos, &o);
	return o;
}

int
fuzz_wire(const uint8_t *data, size_t size)
{
	struct wire_outcome whole = { 0, 0, 0, 2166136261u };
	size_t pos = 0;

	if (size > WIRE_FUZZ_MAX)
		size = WIRE_FUZZ_MAX;
	fw_drain(data, size, &pos, &whole);
	FUZZ_ASSERT(whole.consumed <= size);
	for (size_t k = 0; k <= size; k++) {
		struct wire_outcome s = fw_stream_split(data, size, k);
		FUZZ_ASSERT(s.nframes == whole.nframes);
		FUZZ_ASSERT(s.consumed == whole.consumed);
		FUZZ_ASSERT(s.last == whole.last);
		FUZZ_ASSERT(s.hash == whole.hash);
	}
	return 0;
}

#ifdef FUZZ_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_wire(data, size);
}
#endif

#endif

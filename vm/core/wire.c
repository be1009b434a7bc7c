/* vm/core/wire.c -- the frame codec of the VM-to-VM protocol (pure, no sockets) */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vm/core/wire.h"

/*
 * Frame: u32 body length | u8 type | payload, all integers big-endian,
 * doubles as their IEEE 754 bits in a u64.
 *   HELLO  "CLKR" u16 version, 16-byte run id, u16 sender id, u16 N, then
 *          the settings: u64 seed, f64 duration, f64 speed, u32 draw_max,
 *          u8 on_failure, u64 latency min ns, u64 latency max ns, f64 loss,
 *          u64 fault-list digest, u64 start-at ns
 *          u8 vector
 *   MSG    u16 sender id, u64 sender event seq, u64 Lamport clock
 *   VMSG   as MSG, then u16 n (1..256) and n u64 counters: its vector
 *   BYE    (no payload): the sender is done and will half-close next
 *   LINKED (no payload): the start barrier's first round (vm/start.c)
 *   PING   u64 t0;  PONG  u64 t0, t1, t2: one clock-offset exchange
 *   START  u64 CLOCK_REALTIME of tick 0, in the receiver's clock
 * Every type but VMSG has one fixed length, so any other length is an
 * error; VMSG's says n, which must then agree with the n inside.
 */
static const uint8_t magic[4] = { 'C', 'L', 'K', 'R' };

static uint8_t *
put(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--)
		*p++ = (uint8_t)(v >> (8 * i));
	return p;
}

static uint64_t
get(const uint8_t **p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | *(*p)++;
	return v;
}

static uint8_t *
put_real(uint8_t *p, double d)
{
	uint64_t v;

	memcpy(&v, &d, sizeof v);
	return put(p, v, 8);
}

static double
get_real(const uint8_t **p)
{
	uint64_t v = get(p, 8);
	double d;

	memcpy(&d, &v, sizeof d);
	return d;
}

/* The length and type every frame starts with. */
static uint8_t *
head(uint8_t *buf, size_t body, enum wire_type type)
{
	return put(put(buf, body, 4), type, 1);
}

size_t
wire_put_hello(uint8_t *buf, const struct wire_hello *h)
{
	const struct wire_settings *s = &h->set;
	uint8_t *p = head(buf, WIRE_HELLO_BODY, WIRE_HELLO);

	memcpy(p, magic, sizeof magic);
	p = put(p + sizeof magic, h->version, 2);
	memcpy(p, h->run_id, WIRE_RUN_ID_LEN);
	p = put(p + WIRE_RUN_ID_LEN, h->id, 2);
	p = put(p, h->n, 2);
	p = put(p, s->seed, 8);
	p = put_real(p, s->duration_s);
	p = put_real(p, s->speed);
	p = put(p, s->draw_max, 4);
	p = put(p, s->on_failure, 1);
	p = put(p, s->latency_min_ns, 8);
	p = put(p, s->latency_max_ns, 8);
	p = put_real(p, s->loss);
	p = put(p, s->faults, 8);
	p = put(p, s->start_at_ns, 8);
	p = put(p, s->vector, 1);
	return (size_t)(p - buf);
}

size_t
wire_put_msg(uint8_t *buf, const struct step_msg *m, uint32_t nv)
{
	uint8_t *p = nv > 0 ? head(buf, WIRE_VMSG_BODY(nv), WIRE_VMSG) :
	    head(buf, WIRE_MSG_BODY, WIRE_MSG);

	assert(nv <= STEP_VEC_MAX);
	p = put(p, m->src, 2);
	p = put(p, m->src_seq, 8);
	p = put(p, m->lamport, 8);
	if (nv > 0) {
		p = put(p, nv, 2);
		for (uint32_t k = 0; k < nv; k++)
			p = put(p, m->v[k], 8);
	}
	return (size_t)(p - buf);
}

size_t
wire_put_bye(uint8_t *buf)
{
	return (size_t)(head(buf, WIRE_BYE_BODY, WIRE_BYE) - buf);
}

size_t
wire_put_linked(uint8_t *buf)
{
	return (size_t)(head(buf, WIRE_LINKED_BODY, WIRE_LINKED) - buf);
}

size_t
wire_put_ping(uint8_t *buf, uint64_t t0)
{
	return (size_t)(put(head(buf, WIRE_PING_BODY, WIRE_PING), t0, 8) - buf);
}

size_t
wire_put_pong(uint8_t *buf, const struct wire_time *t)
{
	uint8_t *p = head(buf, WIRE_PONG_BODY, WIRE_PONG);

	p = put(p, t->t0, 8);
	p = put(p, t->t1, 8);
	p = put(p, t->t2, 8);
	return (size_t)(p - buf);
}

size_t
wire_put_start(uint8_t *buf, uint64_t start_ns)
{
	return (size_t)(put(head(buf, WIRE_START_BODY, WIRE_START), start_ns, 8) -
	    buf);
}

/* A VMSG body of any vector length allowed, judged before it arrives. */
static bool
vmsg_len_ok(uint64_t body)
{
	return body >= WIRE_VMSG_BODY(1) && body <= WIRE_MAX_BODY &&
	    (body - WIRE_VMSG_BODY(0)) % 8 == 0;
}

static size_t
body_len(int type)
{
	switch (type) {
	case WIRE_HELLO: return WIRE_HELLO_BODY;
	case WIRE_MSG: return WIRE_MSG_BODY;
	case WIRE_BYE: return WIRE_BYE_BODY;
	case WIRE_LINKED: return WIRE_LINKED_BODY;
	case WIRE_PING: return WIRE_PING_BODY;
	case WIRE_PONG: return WIRE_PONG_BODY;
	case WIRE_START: return WIRE_START_BODY;
	default: return 0;
	}
}

const char *
wire_type_name(enum wire_type t)
{
	static const char *const name[] = { "?", "HELLO", "MSG", "BYE", "LINKED",
		"PING", "PONG", "START", "VMSG" };

	return (unsigned)t < sizeof name / sizeof name[0] ? name[t] : "?";
}

/* Settings no option can give are refused here, so no VM must judge them. */
static int
get_settings(const uint8_t *p, struct wire_settings *s, const char **why)
{
	s->seed = get(&p, 8);
	s->duration_s = get_real(&p);
	s->speed = get_real(&p);
	s->draw_max = (uint32_t)get(&p, 4);
	s->on_failure = (uint8_t)get(&p, 1);
	s->latency_min_ns = get(&p, 8);
	s->latency_max_ns = get(&p, 8);
	s->loss = get_real(&p);
	s->faults = get(&p, 8);
	s->start_at_ns = get(&p, 8);
	s->vector = (uint8_t)get(&p, 1);
	/* Written as !(ok) so that a NaN fails too. */
	if (!(s->duration_s > 0 && s->duration_s <= 1e7) ||
	    !(s->speed > 0 && s->speed <= 1e6) || !(s->loss >= 0 && s->loss <= 1) ||
	    s->on_failure > 1 || s->vector > 1 ||
	    s->latency_min_ns > s->latency_max_ns) {
		*why = "HELLO with impossible settings";
		return -1;
	}
	return 1;
}

static int
get_hello(const uint8_t *p, struct wire_hello *h, const char **why)
{
	if (memcmp(p, magic, sizeof magic) != 0) {
		*why = "bad magic";
		return -1;
	}
	p += sizeof magic;
	h->version = (uint16_t)get(&p, 2);
	memcpy(h->run_id, p, WIRE_RUN_ID_LEN);
	p += WIRE_RUN_ID_LEN;
	h->id = (uint32_t)get(&p, 2);
	h->n = (uint32_t)get(&p, 2);
	return get_settings(p, &h->set, why);
}

/* A VMSG's vector: as many counters as its length said, 1 at least. */
static int
get_vec(const uint8_t *p, size_t body, struct wire_frame *f, const char **why)
{
	f->nvec = (uint32_t)get(&p, 2);
	if (body != WIRE_VMSG_BODY(f->nvec)) {
		*why = "vector length disagrees with the frame's";
		return -1;
	}
	for (uint32_t k = 0; k < f->nvec; k++)
		f->vec[k] = get(&p, 8);
	f->msg.v = f->vec;
	return 1;
}

static int
get_body(const uint8_t *p, size_t body, struct wire_frame *f,
    const char **why)
{
	f->type = (enum wire_type)get(&p, 1);
	switch (f->type) {
	case WIRE_HELLO:
		return get_hello(p, &f->hello, why);
	case WIRE_MSG:
	case WIRE_VMSG:
		f->msg.src = (uint32_t)get(&p, 2);
		f->msg.src_seq = get(&p, 8);
		f->msg.lamport = get(&p, 8);
		if (f->type == WIRE_MSG)
			break;
		f->type = WIRE_MSG;
		return get_vec(p, body, f, why);
	case WIRE_PONG:
		f->time.t0 = get(&p, 8);
		f->time.t1 = get(&p, 8);
		f->time.t2 = get(&p, 8);
		break;
	case WIRE_PING:
		f->time.t0 = get(&p, 8);
		break;
	case WIRE_START:
		f->start_ns = get(&p, 8);
		break;
	case WIRE_BYE:
	case WIRE_LINKED:
		break;
	}
	return 1;
}

/*
 * Decode the frame at the start of buf: 1 and *used = its size, 0 if buf
 * holds only part of it, -1 with *why if it can never be valid. The length
 * is judged as soon as it arrives, so a huge length costs no buffering.
 */
int
wire_get(const uint8_t *buf, size_t len, struct wire_frame *f, size_t *used,
    const char **why)
{
	if (len < 4)
		return 0;
	const uint8_t *p = buf;
	uint64_t body = get(&p, 4);
	if (body == 0 || body > WIRE_MAX_BODY) {
		*why = body == 0 ? "empty frame" : "frame too long";
		return -1;
	}
	if (len < 5)
		return 0;
	if (buf[4] == WIRE_VMSG ? !vmsg_len_ok(body) : body_len(buf[4]) != body) {
		*why = buf[4] != WIRE_VMSG && body_len(buf[4]) == 0 ?
		    "unknown frame type" : "bad frame length";
		return -1;
	}
	if (len < 4 + body)
		return 0;
	/* The vector is filled as far as it is long: clearing all is waste. */
	memset(f, 0, offsetof(struct wire_frame, vec));
	*used = 4 + body;
	return get_body(buf + 4, (size_t)body, f, why);
}

uint64_t
wire_digest(uint64_t h, const char *text)
{
	for (const char *c = text; *c != '\0'; c++)
		h = (h ^ (uint8_t)*c) * UINT64_C(0x100000001b3);
	return (h ^ '\n') * UINT64_C(0x100000001b3);	/* ends each spelling */
}

static void
hex_id(const uint8_t *id, char *out)
{
	for (int i = 0; i < WIRE_RUN_ID_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
}

static bool
differ_u(char *buf, size_t len, const char *opt, uint64_t ours, uint64_t theirs)
{
	if (ours == theirs)
		return false;
	snprintf(buf, len, "%s: %llu there, %llu here", opt,
	    (unsigned long long)theirs, (unsigned long long)ours);
	return true;
}

static bool
differ_r(char *buf, size_t len, const char *opt, double ours, double theirs)
{
	if (memcmp(&ours, &theirs, sizeof ours) == 0)
		return false;
	snprintf(buf, len, "%s: %.15g there, %.15g here", opt, theirs, ours);
	return true;
}

static bool
differ_latency(char *buf, size_t len, const struct wire_settings *o,
    const struct wire_settings *t)
{
	if (o->latency_min_ns == t->latency_min_ns &&
	    o->latency_max_ns == t->latency_max_ns)
		return false;
	snprintf(buf, len, "--latency: %g:%g ms there, %g:%g ms here",
	    t->latency_min_ns / 1e6, t->latency_max_ns / 1e6,
	    o->latency_min_ns / 1e6, o->latency_max_ns / 1e6);
	return true;
}

static bool
differ_run_id(char *buf, size_t len, const uint8_t *ours, const uint8_t *theirs)
{
	char a[2 * WIRE_RUN_ID_LEN + 1], b[2 * WIRE_RUN_ID_LEN + 1];

	if (memcmp(ours, theirs, WIRE_RUN_ID_LEN) == 0)
		return false;
	hex_id(ours, a);
	hex_id(theirs, b);
	snprintf(buf, len, "--run-id: %s there, %s here", b, a);
	return true;
}

bool
wire_differ(const struct wire_hello *ours, const struct wire_hello *theirs,
    char *buf, size_t len)
{
	const struct wire_settings *o = &ours->set, *t = &theirs->set;

	if (differ_run_id(buf, len, ours->run_id, theirs->run_id) ||
	    differ_u(buf, len, "--vms", ours->n, theirs->n) ||
	    differ_u(buf, len, "--seed", o->seed, t->seed) ||
	    differ_r(buf, len, "--duration", o->duration_s, t->duration_s) ||
	    differ_r(buf, len, "--speed", o->speed, t->speed) ||
	    differ_u(buf, len, "--draw-max", o->draw_max, t->draw_max) ||
	    differ_latency(buf, len, o, t) ||
	    differ_r(buf, len, "--loss", o->loss, t->loss))
		return true;
	if (o->on_failure != t->on_failure) {
		snprintf(buf, len, "--on-failure: %s there, %s here",
		    t->on_failure ? "continue" : "stop",
		    o->on_failure ? "continue" : "stop");
		return true;
	}
	if (o->faults != t->faults) {
		snprintf(buf, len, "--fault: another list there");
		return true;
	}
	if (o->vector != t->vector) {
		snprintf(buf, len, "--vector: %s there, %s here",
		    t->vector ? "on" : "off", o->vector ? "on" : "off");
		return true;
	}
	if (o->start_at_ns != t->start_at_ns) {
		snprintf(buf, len, "--start-at: %.3f there, %.3f here",
		    t->start_at_ns / 1e9, o->start_at_ns / 1e9);
		return true;
	}
	return false;
}

/*
 * One PING/PONG exchange, NTP's way: the answerer's clock minus the
 * asker's, assuming the way there takes as long as the way back, and the
 * round trip without the answerer's own time; the offset is off by at
 * most half the round trip. t3 is when the PONG came, by the asker's clock.
 */
void
wire_offset(const struct wire_time *t, uint64_t t3, int64_t *offset,
    int64_t *rtt)
{
	int64_t there = (int64_t)(t->t1 - t->t0), back = (int64_t)(t->t2 - t3);

	*offset = there / 2 + back / 2 + (there % 2 + back % 2) / 2;
	*rtt = (int64_t)(t3 - t->t0) - (int64_t)(t->t2 - t->t1);
}

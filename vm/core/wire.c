/* vm/core/wire.c -- the frame codec of the VM-to-VM protocol (pure, no sockets) */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vm/core/wire.h"

/*
 * Frame: u32 body length | u8 type | payload, all integers big-endian.
 *   HELLO  "CLKR" u16 version, 16-byte run id, u16 sender id, u16 N
 *   MSG    u16 sender id, u64 sender event seq, u64 Lamport clock
 *   BYE    (no payload): the sender is done and will half-close next
 * Every type has one fixed length, so any other length is an error.
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

size_t
wire_put_hello(uint8_t *buf, const struct wire_hello *h)
{
	uint8_t *p = put(buf, WIRE_HELLO_BODY, 4);
	p = put(p, WIRE_HELLO, 1);
	memcpy(p, magic, sizeof magic);
	p = put(p + sizeof magic, h->version, 2);
	memcpy(p, h->run_id, WIRE_RUN_ID_LEN);
	p = put(p + WIRE_RUN_ID_LEN, h->id, 2);
	p = put(p, h->n, 2);
	return (size_t)(p - buf);
}

size_t
wire_put_msg(uint8_t *buf, const struct step_msg *m)
{
	uint8_t *p = put(buf, WIRE_MSG_BODY, 4);
	p = put(p, WIRE_MSG, 1);
	p = put(p, m->src, 2);
	p = put(p, m->src_seq, 8);
	p = put(p, m->lamport, 8);
	return (size_t)(p - buf);
}

size_t
wire_put_bye(uint8_t *buf)
{
	uint8_t *p = put(buf, WIRE_BYE_BODY, 4);
	p = put(p, WIRE_BYE, 1);
	return (size_t)(p - buf);
}

static size_t
body_len(int type)
{
	switch (type) {
	case WIRE_HELLO: return WIRE_HELLO_BODY;
	case WIRE_MSG: return WIRE_MSG_BODY;
	case WIRE_BYE: return WIRE_BYE_BODY;
	default: return 0;
	}
}

static int
get_body(const uint8_t *p, struct wire_frame *f, const char **why)
{
	f->type = (enum wire_type)get(&p, 1);
	switch (f->type) {
	case WIRE_HELLO:
		if (memcmp(p, magic, sizeof magic) != 0) {
			*why = "bad magic";
			return -1;
		}
		p += sizeof magic;
		f->hello.version = (uint16_t)get(&p, 2);
		memcpy(f->hello.run_id, p, WIRE_RUN_ID_LEN);
		p += WIRE_RUN_ID_LEN;
		f->hello.id = (uint32_t)get(&p, 2);
		f->hello.n = (uint32_t)get(&p, 2);
		break;
	case WIRE_MSG:
		f->msg.src = (uint32_t)get(&p, 2);
		f->msg.src_seq = get(&p, 8);
		f->msg.lamport = get(&p, 8);
		break;
	case WIRE_BYE:
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
	if (body == 0 || body > WIRE_HELLO_BODY) {
		*why = body == 0 ? "empty frame" : "frame too long";
		return -1;
	}
	if (len < 5)
		return 0;
	if (body_len(buf[4]) != body) {
		*why = body_len(buf[4]) == 0 ? "unknown frame type" : "bad frame length";
		return -1;
	}
	if (len < 4 + body)
		return 0;
	memset(f, 0, sizeof *f);
	*used = 4 + body;
	return get_body(buf + 4, f, why);
}

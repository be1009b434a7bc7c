/* vm/core/wire.h -- the frame codec of the VM-to-VM protocol (pure, no sockets) */
#ifndef VM_CORE_WIRE_H
#define VM_CORE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/step.h"

#define WIRE_VERSION	3	/* 2: HELLO carries the settings; the start
				 * barrier's frames; 3: vector clocks */
#define WIRE_RUN_ID_LEN	16
/* u32 length, then a body of u8 type + payload. */
#define WIRE_HELLO_BODY	97
#define WIRE_MSG_BODY	19
/* A message with its vector of n counters (1 <= n <= STEP_VEC_MAX). */
#define WIRE_VMSG_BODY(n)	(WIRE_MSG_BODY + 2 + 8 * (n))
#define WIRE_BYE_BODY	1
#define WIRE_LINKED_BODY	1
#define WIRE_PING_BODY	9
#define WIRE_PONG_BODY	25
#define WIRE_START_BODY	9
#define WIRE_MAX_BODY	WIRE_VMSG_BODY(STEP_VEC_MAX)
#define WIRE_MAX_FRAME	(4 + WIRE_MAX_BODY)

/* VMSG decodes as a WIRE_MSG whose wire_frame has nvec > 0. */
enum wire_type { WIRE_HELLO = 1, WIRE_MSG = 2, WIRE_BYE = 3, WIRE_LINKED = 4,
	WIRE_PING = 5, WIRE_PONG = 6, WIRE_START = 7, WIRE_VMSG = 8 };

/*
 * What every VM of one ring must agree on besides its run id and size,
 * each carried whole so that a VM that disagrees can be told which one.
 */
struct wire_settings {
	uint64_t seed;
	double duration_s, speed;	/* positive */
	uint32_t draw_max;
	uint8_t on_failure;		/* enum vm_on_failure: 0 or 1 */
	uint64_t latency_min_ns, latency_max_ns;	/* min <= max */
	double loss;			/* 0..1 */
	uint64_t faults;		/* wire_faults_digest of the list */
	uint64_t start_at_ns;		/* --start-at; 0: the token barrier */
	uint8_t vector;			/* vector clocks on: 0 or 1 */
};

struct wire_hello {
	uint16_t version;
	uint8_t run_id[WIRE_RUN_ID_LEN];
	uint32_t id;		/* the sender's VM id */
	uint32_t n;		/* the sender's ring size */
	struct wire_settings set;
};

/* PING t0 and PONG t0 t1 t2: one NTP-style exchange (vm/start.c). */
struct wire_time {
	uint64_t t0;		/* CLOCK_REALTIME of the asker, sent */
	uint64_t t1, t2;	/* of the answerer: PING in, PONG out */
};

struct wire_frame {
	enum wire_type type;
	struct wire_hello hello;	/* HELLO */
	struct step_msg msg;		/* MSG; msg.v points at vec */
	struct wire_time time;		/* PING (t0), PONG */
	uint64_t start_ns;		/* START */
	uint32_t nvec;			/* MSG: counters in vec, 0 for none */
	uint64_t vec[STEP_VEC_MAX];	/* last: not cleared when unused */
};

size_t wire_put_hello(uint8_t *buf, const struct wire_hello *h);
/* m as MSG, or with its vector of nv counters (nv > 0) as VMSG. */
size_t wire_put_msg(uint8_t *buf, const struct step_msg *m, uint32_t nv);
size_t wire_put_bye(uint8_t *buf);
size_t wire_put_linked(uint8_t *buf);
size_t wire_put_ping(uint8_t *buf, uint64_t t0);
size_t wire_put_pong(uint8_t *buf, const struct wire_time *t);
size_t wire_put_start(uint8_t *buf, uint64_t start_ns);
int wire_get(const uint8_t *buf, size_t len, struct wire_frame *f,
    size_t *used, const char **why);
/* "HELLO", "MSG", ... for messages. */
const char *wire_type_name(enum wire_type t);

/*
 * The first setting in which theirs differs from ours (the run id and ring
 * size first), as one phrase naming the option and both values into buf:
 * "--seed: 5 there, 9 here". false if they agree on all.
 */
bool wire_differ(const struct wire_hello *ours, const struct wire_hello *theirs,
    char *buf, size_t len);
/* The answerer's clock offset and the round trip of one PING/PONG (ns). */
void wire_offset(const struct wire_time *t, uint64_t t3, int64_t *offset,
    int64_t *rtt);
/* A digest of the canonical spellings of a fault list (FNV-1a, 64 bits). */
uint64_t wire_digest(uint64_t h, const char *text);
#define WIRE_DIGEST_INIT	UINT64_C(0xcbf29ce484222325)

#endif

/* vm/core/logline.h -- one line of a vmI.csv, written and read in this one place */
#ifndef VM_CORE_LOGLINE_H
#define VM_CORE_LOGLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/step.h"

/* The header every vmI.csv starts with (docs/FORMAT.md), newline excluded. */
#define LOGLINE_HEADER \
	"vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport"

/* Format 4 with vectors on: the vector column last (docs/FORMAT.md). */
#define LOGLINE_HEADER_VEC	LOGLINE_HEADER ",vector"

/* The longest line a log may have, newline excluded (at most 168 are used). */
#define LOGLINE_MAX	254
/*
 * The longest with a vector column of n counters: each at most 20 digits
 * and its separator, after the column's comma. LOGLINE_MAX_ANY: any n.
 */
#define LOGLINE_VEC_MAX		STEP_VEC_MAX
#define LOGLINE_MAX_VEC(n)	(LOGLINE_MAX + 1 + 21 * (n))
#define LOGLINE_MAX_ANY		LOGLINE_MAX_VEC(LOGLINE_VEC_MAX)

/*
 * PEER_DOWN and DROP come with format 2: a peer found dead, a send not
 * made. LOSS comes with format 3: a message the network lost (--loss).
 */
enum log_kind { LOG_INTERNAL, LOG_SEND, LOG_RECV, LOG_PENDING, LOG_PEER_DOWN,
	LOG_DROP, LOG_LOSS, LOG_KINDS };

/*
 * One line of a log. Fields a kind leaves empty are 0: INTERNAL has no
 * peers, SEND has 1 or 2 destinations and no message fields, RECV and
 * PENDING have exactly one peer (the source) and both message fields,
 * PEER_DOWN one peer and no message fields, DROP and LOSS one peer (the
 * destination) and both message fields (its SEND's seq and clock).
 */
struct log_event {
	uint32_t vm;		/* the vm column */
	uint64_t seq;
	enum log_kind kind;
	uint64_t wall_ns;
	uint64_t lamport;	/* clock after the event */
	uint64_t queue_len;	/* messages left queued after the event */
	uint32_t npeers;	/* 0 (INTERNAL), 1, or 2 (SEND to both) */
	uint32_t peers[2];	/* SEND: destinations in order; DROP: the
				 * destination; PEER_DOWN: the peer; else source */
	uint64_t src_seq;	/* RECV, PENDING, DROP: the sender's SEND seq */
	uint64_t msg_lamport;	/* RECV, PENDING, DROP: clock the message carried */
	bool vcol;		/* the line has the vector column */
	uint32_t nvec;		/* its counters: 0 for PEER_DOWN, else 1 or more */
	const uint64_t *vec;	/* them, in the writer's or the parser's storage */
	unsigned long line;	/* where a reader found it (the header is line
				 * 1); not part of the line itself */
};

/* "INTERNAL", "SEND", ...: the event column. */
const char *logline_kind_name(enum log_kind kind);

/* The line VM vm logs for the step event s, at wall_ns with queue_len left. */
void logline_of_step(struct log_event *ev, uint32_t vm,
    const struct step_event *s, uint64_t wall_ns, uint64_t queue_len);

/*
 * ev as its line, '\n' included, into buf (LOGLINE_MAX_VEC(ev->nvec) + 1
 * bytes at least); returns its length. No NUL is added. The fields ev's kind
 * leaves empty are not written, whatever they hold.
 */
size_t logline_format(char *buf, const struct log_event *ev);

/*
 * The vector column a writer wrote last. A tick moves one entry of its
 * VM's vector, a RECV a few: the next column is mostly the same bytes,
 * copied from here rather than formatted again. Zeroed: empty.
 */
struct logline_vcache {
	uint32_t n;				/* entries; 0: none yet */
	uint64_t v[LOGLINE_VEC_MAX];
	uint32_t off[LOGLINE_VEC_MAX + 1];	/* entry k's text at off[k],
						 * its separator included */
	char text[LOGLINE_VEC_MAX * 21];
};

/* As logline_format, the vector column by way of c (the same bytes). */
size_t logline_format_cached(char *buf, const struct log_event *ev,
    struct logline_vcache *c);

/*
 * Parse the n bytes at s, n <= LOGLINE_MAX_ANY, which the caller
 * guarantees are followed by the line's '\n' (the fast path stops on it).
 * vec NULL: a line of 9 columns (formats 1 to 4 without vectors); else
 * one with the vector column, its counters read into vec (LOGLINE_VEC_MAX
 * of them at most). Returns 0 with *ev filled but for ev->line, or -1
 * with the reason in why: the first thing wrong with the line, naming
 * the field.
 */
int logline_parse(const char *s, size_t n, struct log_event *ev,
    uint64_t *vec, char *why, size_t whylen);

#endif

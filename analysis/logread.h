/* analysis/logread.h -- streaming reader of one VM's event log (vmI.csv) */
#ifndef ANALYSIS_LOGREAD_H
#define ANALYSIS_LOGREAD_H

#include <stddef.h>
#include <stdint.h>

/* The header every vmI.csv starts with (docs/FORMAT.md, format 1). */
#define LOGREAD_HEADER \
	"vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport"

/* PEER_DOWN and DROP come with format 2: a peer found dead, a send not made. */
enum log_kind { LOG_INTERNAL, LOG_SEND, LOG_RECV, LOG_PENDING, LOG_PEER_DOWN,
	LOG_DROP, LOG_KINDS };

/*
 * One line of a log. Fields a kind leaves empty are 0: INTERNAL has no
 * peers, SEND has 1 or 2 destinations and no message fields, RECV and
 * PENDING have exactly one peer (the source) and both message fields,
 * PEER_DOWN one peer and no message fields, DROP one peer (the
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
	unsigned long line;	/* line number in the file, the header is 1 */
};

struct logread;

/* NULL with "PATH: reason" in err on failure, errno kept (ENOENT: missing). */
struct logread *logread_open(const char *path, char *err, size_t errlen);
/*
 * Returns 1 with *ev filled, 0 at the end of the file, -1 for a malformed
 * line (the header included) and -2 for a read error. err then holds
 * "PATH:LINE: reason" (-1) or "PATH: reason" (-2), and logread_reason()
 * the reason alone; the reader stays in that state.
 */
int logread_next(struct logread *lr, struct log_event *ev, char *err,
    size_t errlen);
unsigned long logread_line(const struct logread *lr);
const char *logread_reason(const struct logread *lr);
void logread_close(struct logread *lr);

/*
 * The last line of the log at path, read from the end of the file: 1 with
 * *ev (ev->line 0: not counted), 0 when the log has its header alone, -1
 * when it cannot be told (missing, unreadable, ending in a torn or bad
 * line: logread_next says what is wrong).
 */
int logread_last(const char *path, struct log_event *ev);

const char *logread_kind_name(enum log_kind kind);

#endif

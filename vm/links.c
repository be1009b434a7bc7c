/* vm/links.c -- a VM's links to its ring neighbours: readers, sends, which are down */
#include <sys/socket.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/links.h"
#include "vm/queue.h"
#include "vm/reader.h"
#include "vm/ring.h"
#include "vm/sig.h"
#include "vm/core/wire.h"

/* Before ring_join fills in the sockets: none yet, no reader. */
void
links_init(struct links *l, uint32_t id, uint32_t n)
{
	memset(l, 0, sizeof *l);
	l->id = id;
	l->ring.fd[RING_NEXT] = l->ring.fd[RING_PREV] = -1;
	l->peer[RING_NEXT] = (id + 1) % n;
	l->peer[RING_PREV] = (id + n - 1) % n;
}

/* The faults that slow what peer sends us: its reader applies them. */
static uint32_t
slow_from(const struct links *l, uint32_t peer, const struct fault *faults,
    uint32_t nfaults, struct fault *slow)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < nfaults && n < FAULT_MAX; i++)
		if (faults[i].kind == FAULT_SLOW && faults[i].vm == peer &&
		    faults[i].to == l->id)
			slow[n++] = faults[i];
	return n;
}

/*
 * One reader per socket, given the run's faults. Readers run with SIGINT
 * and SIGTERM blocked, so signals reach the tick loop. -1 with errno if a
 * thread could not start; those started run on, and links_drain ends them.
 */
int
links_start(struct links *l, struct queue *q, const struct fault *faults,
    uint32_t nfaults)
{
	int fds = l->peer[RING_NEXT] == l->peer[RING_PREV] ? 1 : 2;
	struct fault slow[FAULT_MAX];

	sig_block(1);
	for (int i = 0; i < fds; i++) {
		uint32_t nslow = slow_from(l, l->peer[i], faults, nfaults, slow);
		if (reader_start(&l->readers[i], l->ring.fd[i], l->peer[i], q,
		    slow, nslow) == -1)
			break;
		l->n++;
	}
	int saved = errno;
	sig_block(0);
	errno = saved;
	return l->n < fds ? -1 : 0;
}

/* Model time has begun: slow links start counting from it. */
void
links_set_epoch(struct links *l, uint64_t mono_start_ns, double speed)
{
	for (int i = 0; i < l->n; i++)
		reader_set_epoch(&l->readers[i], mono_start_ns, speed);
}

/*
 * A link whose reader ended badly (EOF without BYE, a reset, a bad frame)
 * and that was not down yet: it is down now, and its index is returned for
 * the caller to log; -1 if there is none. Safe while the readers run. A
 * peer that only stops answering (SIGSTOP) is never down: it may come back.
 */
int
links_next_down(struct links *l)
{
	for (int i = 0; i < l->n; i++) {
		if (!l->down[i] && reader_failed(&l->readers[i])) {
			l->down[i] = true;
			return i;
		}
	}
	return -1;
}

static int
link_of(const struct links *l, uint32_t peer)
{
	bool one = l->peer[RING_NEXT] == l->peer[RING_PREV];	/* N = 2 */

	return one || peer == l->peer[RING_NEXT] ? RING_NEXT : RING_PREV;
}

enum links_sent
links_send(struct links *l, uint32_t peer, const uint8_t *buf, size_t len)
{
	int i = link_of(l, peer);

	if (l->down[i])
		return LINKS_DOWN;
	if (ring_send(l->ring.fd[i], buf, len) == 0)
		return LINKS_SENT;
	l->down[i] = true;
	return LINKS_BROKE;
}

/*
 * Say BYE and half-close every live link, so each peer's reader sees EOF
 * right after our last message. A down link is left alone: nobody is
 * listening, and our reader there has ended or will.
 */
void
links_bye(struct links *l)
{
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_bye(buf);

	for (int i = 0; i < l->n; i++) {
		if (l->down[i])
			continue;
		ring_send(l->ring.fd[i], buf, len);
		shutdown(l->ring.fd[i], SHUT_WR);
	}
}

/*
 * Wait until every reader has reached EOF (CLOCK_MONOTONIC deadline), then
 * join them. -1 if one had not by the deadline: its socket is shut for
 * reading, which ends it.
 */
int
links_drain(struct links *l, struct queue *q, uint64_t deadline_ns)
{
	struct timespec deadline = clock_ts(deadline_ns);
	int rc = queue_wait_producers(q, &deadline);

	if (rc == -1)
		for (int i = 0; i < l->n; i++)
			shutdown(l->ring.fd[i], SHUT_RD);
	for (int i = 0; i < l->n; i++)
		reader_join(&l->readers[i]);
	return rc;
}

/* Close the sockets; the readers are joined already. */
void
links_close(struct links *l)
{
	int *fd = l->ring.fd;

	if (fd[RING_NEXT] != -1)
		close(fd[RING_NEXT]);
	if (fd[RING_PREV] != -1 && fd[RING_PREV] != fd[RING_NEXT])
		close(fd[RING_PREV]);
	fd[RING_NEXT] = fd[RING_PREV] = -1;
}

/* vm/links.c -- a VM's links to its ring neighbours: readers, sends, BYE and the drain */
#include <sys/socket.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "vm/core/wire.h"
#include "vm/links.h"
#include "vm/reader.h"
#include "vm/ring.h"
#include "vm/shared.h"
#include "vm/sig.h"

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

/*
 * One reader per socket, feeding s. Readers run with SIGINT and SIGTERM
 * blocked, so signals reach the tick loop. -1 with errno if a thread could
 * not start; those started run on, and links_drain ends them.
 */
int
links_start(struct links *l, struct shared *s)
{
	int fds = l->peer[RING_NEXT] == l->peer[RING_PREV] ? 1 : 2;

	sig_block(1);
	for (int i = 0; i < fds; i++) {
		if (reader_start(&l->readers[i], l->ring.fd[i], l->peer[i], s) == -1)
			break;
		l->n++;
	}
	int saved = errno;
	sig_block(0);
	errno = saved;
	return l->n < fds ? -1 : 0;
}

static int
link_of(const struct links *l, uint32_t peer)
{
	bool one = l->peer[RING_NEXT] == l->peer[RING_PREV];	/* N = 2 */

	return one || peer == l->peer[RING_NEXT] ? RING_NEXT : RING_PREV;
}

/* Send a whole frame to peer: 0, or -1 with errno (EPIPE, ECONNRESET...). */
int
links_send(struct links *l, uint32_t peer, const uint8_t *buf, size_t len)
{
	return ring_send(l->ring.fd[link_of(l, peer)], buf, len);
}

/*
 * Why the link from peer broke, as its reader saw it; "" if it has not.
 * Read it once the core said so (PEER_DOWN from a tick or the finish):
 * the reader wrote it before telling the core, under the core's lock.
 */
const char *
links_why(const struct links *l, uint32_t peer)
{
	return l->readers[link_of(l, peer)].why;
}

/*
 * Say BYE and half-close every link whose peer is not down, so each
 * peer's reader sees EOF right after our last message. A down link is
 * left alone: nobody is listening, and our reader there has ended.
 */
void
links_bye(struct links *l, struct shared *s)
{
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_bye(buf);

	for (int i = 0; i < l->n; i++) {
		if (shared_down(s, l->peer[i]))
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
links_drain(struct links *l, struct shared *s, uint64_t deadline_ns)
{
	int rc = shared_wait_ends(s, l->n, deadline_ns);

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

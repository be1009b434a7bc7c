/* vm/ring.c -- a VM's place in the ring: listen, connect with retry, handshake */
#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/ring.h"
#include "vm/core/wire.h"

#define RETRY_NS	100000000u	/* wait between connect attempts */
#define HELLO_NS	1000000000u	/* a client has this long to say HELLO */
#define MAX_NOTES	5		/* dropped clients reported, then counted */

static int
resolve(const char *host, uint16_t port, int flags, struct addrinfo **ai,
    char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM, .ai_flags = flags | AI_NUMERICSERV };
	char service[8];

	snprintf(service, sizeof service, "%u", (unsigned)port);
	int rc = getaddrinfo(host, service, &hints, ai);
	if (rc != 0) {
		snprintf(err, errlen, "'%s': %s", host, gai_strerror(rc));
		return -1;
	}
	return 0;
}

/* Listen on host:port (port 0: the kernel picks one); *bound is the port. */
int
ring_listen(const char *host, uint16_t port, int *fd, uint16_t *bound,
    char *err, size_t errlen)
{
	struct addrinfo *ai;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int one = 1;

	*fd = -1;
	if (resolve(host, port, AI_PASSIVE, &ai, err, errlen) == -1)
		return -1;
	*fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (*fd == -1)
		goto fail;
	/* Reuse ports left in TIME_WAIT by an earlier run; a live listener
	 * still makes bind fail with EADDRINUSE. */
	setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(*fd, ai->ai_addr, ai->ai_addrlen) == -1 ||
	    listen(*fd, 64) == -1 ||
	    getsockname(*fd, (struct sockaddr *)&ss, &len) == -1)
		goto fail;
	*bound = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	freeaddrinfo(ai);
	return 0;
fail:
	snprintf(err, errlen, "%s port %u: %s", host, (unsigned)port,
	    strerror(errno));
	if (*fd != -1)
		close(*fd);
	*fd = -1;
	freeaddrinfo(ai);
	return -1;
}

/* Send all of buf; MSG_NOSIGNAL turns a dead peer into EPIPE, not a signal. */
int
ring_send(int fd, const uint8_t *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
remaining_ms(uint64_t deadline)
{
	uint64_t now = clock_mono_ns();

	if (now >= deadline)
		return 0;
	/* Wake at least every 100 ms to notice a stop request. */
	uint64_t ms = (deadline - now + 999999) / 1000000;
	return ms > 100 ? 100 : (int)ms;
}

/* Wait until fd is ready for events, the deadline passes or a stop comes. */
static int
wait_fd(const struct ring_conf *c, int fd, short events, uint64_t deadline,
    const char **why)
{
	for (;;) {
		if (*c->stop) {
			*why = "interrupted";
			return -1;
		}
		int ms = remaining_ms(deadline);
		if (ms == 0) {
			*why = "timed out";
			return -1;
		}
		struct pollfd p = { .fd = fd, .events = events };
		int rc = poll(&p, 1, ms);
		if (rc > 0)
			return 0;
		if (rc == -1 && errno != EINTR) {
			*why = strerror(errno);
			return -1;
		}
	}
}

static int
recv_exact(const struct ring_conf *c, int fd, uint8_t *buf, size_t n,
    uint64_t deadline, const char **why)
{
	while (n > 0) {
		if (wait_fd(c, fd, POLLIN, deadline, why) == -1)
			return -1;
		ssize_t got = read(fd, buf, n);
		if (got == 0 || (got == -1 && errno != EINTR)) {
			*why = got == 0 ? "closed before HELLO" : strerror(errno);
			return -1;
		}
		if (got > 0) {
			buf += got;
			n -= (size_t)got;
		}
	}
	return 0;
}

/*
 * Read one HELLO and nothing after it: the bytes that follow belong to the
 * reader thread. The length is checked as soon as it arrives, so a stray
 * client announcing a huge frame is dropped without waiting for it.
 */
static int
read_hello(const struct ring_conf *c, int fd, uint64_t deadline,
    struct wire_hello *h, const char **why)
{
	uint8_t buf[WIRE_MAX_FRAME];
	struct wire_frame f;
	size_t used;

	if (recv_exact(c, fd, buf, 5, deadline, why) == -1 ||
	    wire_get(buf, 5, &f, &used, why) == -1)
		return -1;
	size_t need = 4 + (size_t)WIRE_HELLO_BODY;
	if (buf[4] != WIRE_HELLO) {
		*why = "first frame is not HELLO";
		return -1;
	}
	if (recv_exact(c, fd, buf + 5, need - 5, deadline, why) == -1 ||
	    wire_get(buf, need, &f, &used, why) != 1)
		return -1;
	*h = f.hello;
	return 0;
}

static int
check_hello(const struct ring_conf *c, const struct wire_hello *h,
    uint32_t want_id, const char **why)
{
	if (h->version != WIRE_VERSION)
		*why = "wrong protocol version";
	else if (memcmp(h->run_id, c->run_id, WIRE_RUN_ID_LEN) != 0)
		*why = "wrong run id";
	else if (h->n != c->n)
		*why = "wrong ring size";
	else if (h->id != want_id)
		*why = "wrong VM id";
	else
		return 0;
	return -1;
}

static int
send_hello(const struct ring_conf *c, int fd)
{
	struct wire_hello h = { .version = WIRE_VERSION, .id = c->id, .n = c->n };
	uint8_t buf[WIRE_MAX_FRAME];

	memcpy(h.run_id, c->run_id, WIRE_RUN_ID_LEN);
	return ring_send(fd, buf, wire_put_hello(buf, &h));
}

static void
note_drop(const struct ring_conf *c, int *drops, const char *who,
    const char *why)
{
	if (c->notes != NULL && ++*drops <= MAX_NOTES)
		fprintf(c->notes, "clockring: vm %u: dropped %s: %s%s\n",
		    (unsigned)c->id, who, why,
		    *drops == MAX_NOTES ? " (further drops not reported)" : "");
}

static void
no_delay(int fd)
{
	int one = 1;

	/* A message is one small frame: send it now, not with the next one. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int
set_blocking(int fd, bool blocking)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1)
		return -1;
	return fcntl(fd, F_SETFL, blocking ? fl & ~O_NONBLOCK : fl | O_NONBLOCK);
}

/*
 * Clients that connected but have not said HELLO yet. They are heard all
 * at once, each with its own second to speak, so a crowd of silent or slow
 * strangers cannot keep the predecessor waiting behind them.
 */
#define MAX_WAITING	64

struct waiting {
	int fd;
	uint64_t deadline;	/* CLOCK_MONOTONIC: dropped if still silent */
	uint8_t buf[WIRE_MAX_FRAME];
	size_t got;
};

static void
drop_waiting(const struct ring_conf *c, struct waiting *w, int *nw, int i,
    int *drops, const char *why)
{
	note_drop(c, drops, "a client", why);
	close(w[i].fd);
	w[i] = w[--*nw];
}

/*
 * Read what client i has sent, never past its HELLO (what follows belongs
 * to the reader thread): 1 a valid HELLO from want_id, 0 not yet, -1 with
 * *why if it can never be one.
 */
static int
hear(const struct ring_conf *c, struct waiting *w, uint32_t want_id,
    const char **why)
{
	size_t need = w->got < 5 ? 5 : 4 + (size_t)WIRE_HELLO_BODY, used;
	struct wire_frame f;
	ssize_t n = read(w->fd, w->buf + w->got, need - w->got);

	if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR)) {
		*why = n == 0 ? "closed before HELLO" : strerror(errno);
		return -1;
	}
	w->got += n > 0 ? (size_t)n : 0;
	if (w->got < 5)
		return 0;
	if (wire_get(w->buf, w->got, &f, &used, why) == -1)
		return -1;
	if (w->buf[4] != WIRE_HELLO) {
		*why = "first frame is not HELLO";
		return -1;
	}
	if (w->got < 4 + (size_t)WIRE_HELLO_BODY)
		return 0;
	if (wire_get(w->buf, w->got, &f, &used, why) != 1 ||
	    check_hello(c, &f.hello, want_id, why) == -1)
		return -1;
	return 1;
}

static void
admit(const struct ring_conf *c, struct waiting *w, int *nw, int *drops)
{
	int fd = accept(c->listen_fd, NULL, NULL);

	if (fd == -1)
		return;
	if (*nw == MAX_WAITING || set_blocking(fd, false) == -1) {
		note_drop(c, drops, "a client", "too many clients at once");
		close(fd);
		return;
	}
	w[(*nw)++] = (struct waiting){ .fd = fd,
	    .deadline = clock_mono_ns() + HELLO_NS };
}

/* Accept until the predecessor says a valid HELLO; drop anyone else. */
static int
accept_prev(const struct ring_conf *c, int *drops, char *err, size_t errlen)
{
	uint32_t prev = (c->id + c->n - 1) % c->n;
	struct waiting w[MAX_WAITING];
	struct pollfd p[MAX_WAITING + 1];
	const char *why = "timed out";
	int nw = 0, fd = -1;

	while (fd == -1 && !*c->stop && clock_mono_ns() < c->deadline_ns) {
		p[0] = (struct pollfd){ .fd = c->listen_fd, .events = POLLIN };
		for (int i = 0; i < nw; i++)
			p[i + 1] = (struct pollfd){ .fd = w[i].fd, .events = POLLIN };
		if (poll(p, (nfds_t)nw + 1, 100) == -1 && errno != EINTR)
			break;
		uint64_t now = clock_mono_ns();
		for (int i = nw - 1; i >= 0 && fd == -1; i--) {
			int heard = p[i + 1].revents ? hear(c, &w[i], prev, &why) : 0;
			if (heard == 0 && now > w[i].deadline) {
				why = "timed out";
				heard = -1;
			}
			if (heard == -1)
				drop_waiting(c, w, &nw, i, drops, why);
			else if (heard == 1 && (set_blocking(w[i].fd, true) == -1 ||
			    send_hello(c, w[i].fd) == -1))
				drop_waiting(c, w, &nw, i, drops, strerror(errno));
			else if (heard == 1) {
				fd = w[i].fd;
				w[i] = w[--nw];
			}
		}
		if (fd == -1 && p[0].revents)
			admit(c, w, &nw, drops);
	}
	while (nw > 0)
		close(w[--nw].fd);
	if (fd == -1)
		snprintf(err, errlen, "waiting for vm %u: %s", (unsigned)prev,
		    *c->stop ? "interrupted" : "timed out");
	else
		no_delay(fd);
	return fd;
}

/* One non-blocking connect, so a silent host cannot outlast the deadline. */
static int
dial_once(const struct ring_conf *c, const struct addrinfo *ai, const char **why)
{
	int err = 0;
	socklen_t len = sizeof err;
	int fd = socket(ai->ai_family, SOCK_STREAM, 0);

	if (fd == -1 || set_blocking(fd, false) == -1)
		goto fail;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1 && errno != EINPROGRESS)
		goto fail;
	if (wait_fd(c, fd, POLLOUT, c->deadline_ns, why) == -1)
		goto out;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 || err != 0) {
		errno = err ? err : errno;
		goto fail;
	}
	if (set_blocking(fd, true) == -1)
		goto fail;
	return fd;
fail:
	*why = strerror(errno);
out:
	if (fd != -1)
		close(fd);
	return -1;
}

/* Connect to the successor, retrying every 100 ms: it may not listen yet. */
static int
dial_next(const struct ring_conf *c, const struct addrinfo *ai, char *err,
    size_t errlen)
{
	const char *why = "timed out";

	for (;;) {
		int fd = dial_once(c, ai, &why);
		if (fd != -1 && send_hello(c, fd) == 0)
			return fd;
		if (fd != -1)
			close(fd);
		if (*c->stop || clock_mono_ns() + RETRY_NS > c->deadline_ns)
			break;
		clock_sleep_until(clock_mono_ns() + RETRY_NS);
	}
	snprintf(err, errlen, "connecting to vm %u at %s:%u: %s",
	    (unsigned)((c->id + 1) % c->n), c->next_host,
	    (unsigned)c->next_port, *c->stop ? "interrupted" : why);
	return -1;
}

/*
 * Join the ring. Every VM first connects to its successor and sends HELLO,
 * then accepts its predecessor and answers it, and only then waits for the
 * successor's answer: were the answer awaited before accepting, every VM
 * would wait on the next one, all around the ring. With N = 2, VM 0
 * connects and VM 1 accepts, so the pair shares one connection.
 */
int
ring_join(const struct ring_conf *c, struct ring_links *l, char *err,
    size_t errlen)
{
	bool dials = !(c->n == 2 && c->id == 1);
	bool accepts = !(c->n == 2 && c->id == 0);
	uint32_t next = (c->id + 1) % c->n;
	struct addrinfo *ai = NULL;
	int drops = 0, next_fd = -1, prev_fd = -1;
	const char *why;

	if (dials && resolve(c->next_host, c->next_port, 0, &ai, err, errlen) == -1)
		return -1;
	while (dials) {
		struct wire_hello h;
		if ((next_fd = dial_next(c, ai, err, errlen)) == -1)
			goto fail;
		if (accepts && prev_fd == -1 &&
		    (prev_fd = accept_prev(c, &drops, err, errlen)) == -1)
			goto fail;
		if (read_hello(c, next_fd, c->deadline_ns, &h, &why) == 0 &&
		    check_hello(c, &h, next, &why) == 0)
			break;
		note_drop(c, &drops, "the answer from the successor", why);
		close(next_fd);
		next_fd = -1;
		if (*c->stop)
			goto fail;
	}
	if (!dials && (prev_fd = accept_prev(c, &drops, err, errlen)) == -1)
		goto fail;
	if (next_fd != -1)
		no_delay(next_fd);
	l->fd[RING_NEXT] = dials ? next_fd : prev_fd;
	l->fd[RING_PREV] = accepts ? prev_fd : next_fd;
	if (ai != NULL)
		freeaddrinfo(ai);
	return 0;
fail:
	if (next_fd != -1)
		close(next_fd);
	if (prev_fd != -1)
		close(prev_fd);
	if (ai != NULL)
		freeaddrinfo(ai);
	return -1;
}

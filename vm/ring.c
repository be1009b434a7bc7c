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
#include <stdlib.h>
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
			*why = got == 0 ? "closed" : strerror(errno);
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
 * Read one frame and nothing after it: the bytes that follow belong to the
 * reader thread. The length is checked as soon as it arrives, so a peer
 * announcing a huge frame is dropped without waiting for it.
 */
int
ring_read_frame(const struct ring_conf *c, int fd, uint64_t deadline,
    struct wire_frame *f, const char **why)
{
	uint8_t buf[WIRE_MAX_FRAME];
	size_t used;

	if (recv_exact(c, fd, buf, 5, deadline, why) == -1 ||
	    wire_get(buf, 5, f, &used, why) == -1)
		return -1;
	size_t need = 4 + ((size_t)buf[0] << 24 | (size_t)buf[1] << 16 |
	    (size_t)buf[2] << 8 | buf[3]);	/* at most WIRE_MAX_FRAME: judged */
	if (recv_exact(c, fd, buf + 5, need - 5, deadline, why) == -1 ||
	    wire_get(buf, need, f, &used, why) != 1)
		return -1;
	return 0;
}

static int
read_hello(const struct ring_conf *c, int fd, uint64_t deadline,
    struct wire_hello *h, const char **why)
{
	struct wire_frame f;

	if (ring_read_frame(c, fd, deadline, &f, why) == -1)
		return -1;
	if (f.type != WIRE_HELLO) {
		*why = "first frame is not HELLO";
		return -1;
	}
	*h = f.hello;
	return 0;
}

static struct wire_hello
our_hello(const struct ring_conf *c)
{
	struct wire_hello h = { .version = WIRE_VERSION, .id = c->id, .n = c->n,
		.set = c->set };

	memcpy(h.run_id, c->run_id, WIRE_RUN_ID_LEN);
	return h;
}

/* What a HELLO from the VM that should be want_id comes to. */
enum verdict {
	V_OK,		/* the VM we wait for, of our ring, agreeing */
	V_DROP,		/* not a VM we can talk to: *why */
	V_FOREIGN,	/* a VM of another ring (its run id): told, dropped */
	V_REFUSE,	/* our ring's, disagreeing: the ring cannot run */
};

/*
 * A VM of another run is only dropped (it may be a neighbouring class's,
 * at the wrong address): it must not stop ours. One of our own run that
 * disagrees on a setting stops both, at once: the ring cannot form.
 */
static enum verdict
judge(const struct ring_conf *c, const struct wire_hello *h, uint32_t want_id,
    char *what, size_t len, const char **why)
{
	struct wire_hello ours = our_hello(c);

	if (h->version != WIRE_VERSION) {
		*why = "wrong protocol version";
		return V_DROP;
	}
	if (wire_differ(&ours, h, what, len))
		return memcmp(h->run_id, c->run_id, WIRE_RUN_ID_LEN) != 0 ?
		    V_FOREIGN : V_REFUSE;
	if (h->id != want_id) {
		*why = "wrong VM id";
		return V_DROP;
	}
	return V_OK;
}

static int
send_hello(const struct ring_conf *c, int fd)
{
	struct wire_hello h = our_hello(c);
	uint8_t buf[WIRE_MAX_FRAME];

	return ring_send(fd, buf, wire_put_hello(buf, &h));
}

/* "127.0.0.2:40123", the far end of fd, for messages. */
void
ring_peer_name(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char host[64], serv[8];	/* a numeric address and port */

	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == -1 ||
	    getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, serv,
	    sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s",
		    host, serv);
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
	struct wire_hello hello;	/* once heard */
};

/* The clients heard so far, kept while the VM dials between waits. */
struct lobby {
	struct waiting w[MAX_WAITING];
	int nw;
};

/*
 * Read what client w has sent, never past its HELLO (what follows belongs
 * to the reader thread): 1 a well-formed HELLO in w->hello, 0 not yet, -1
 * with *why if it can never be one.
 */
static int
hear(struct waiting *w, const char **why)
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
	if (wire_get(w->buf, w->got, &f, &used, why) != 1)
		return -1;
	w->hello = f.hello;
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

#define HEARD	(-3)	/* accept_prev: the successor's answer is in */

/*
 * Client w said HELLO: its fd if it is the predecessor; -1 if dropped
 * (told on the notes); -2 if it is of our ring but disagrees (err says
 * on what). Everyone who gets this far is answered with our HELLO, so a
 * VM that disagrees learns it at once and can say on what.
 */
static int
welcome(const struct ring_conf *c, struct waiting *w, int *drops, char *err,
    size_t errlen)
{
	uint32_t prev = (c->id + c->n - 1) % c->n;
	char what[160], who[200];
	const char *why = NULL;
	enum verdict v = judge(c, &w->hello, prev, what, sizeof what, &why);

	if (v == V_DROP) {
		note_drop(c, drops, "a client", why);
		return -1;
	}
	ring_peer_name(w->fd, who, sizeof who);	/* before it hangs up */
	/* One who disagrees may be gone already: refused all the same. */
	if ((set_blocking(w->fd, true) == -1 || send_hello(c, w->fd) == -1) &&
	    v != V_REFUSE) {
		note_drop(c, drops, "a client", strerror(errno));
		return -1;
	}
	if (v == V_OK)
		return w->fd;
	if (v == V_REFUSE) {
		snprintf(err, errlen, "refused vm %u from %s, which disagrees: %s",
		    (unsigned)w->hello.id, who, what);
		return -2;
	}
	snprintf(who + strlen(who), sizeof who - strlen(who),
	    " (vm %u of another ring)", (unsigned)w->hello.id);
	note_drop(c, drops, who, what);
	return -1;
}

/*
 * Hear every waiting client p shows ready, drop the silent ones: the
 * predecessor's fd once it has said HELLO, -1 not yet, -2 refused.
 */
static int
hear_all(const struct ring_conf *c, struct waiting *w, int *nw,
    const struct pollfd *p, int *drops, char *err, size_t errlen)
{
	uint64_t now = clock_mono_ns();
	const char *why;

	for (int i = *nw - 1; i >= 0; i--) {
		int heard = p[i].revents ? hear(&w[i], &why) : 0, fd = -1;
		if (heard == 0 && now > w[i].deadline) {
			why = "timed out";
			heard = -1;
		}
		if (heard == -1)
			note_drop(c, drops, "a client", why);
		else if (heard == 1)
			fd = welcome(c, &w[i], drops, err, errlen);
		if (heard == 0)
			continue;
		if (fd < 0)
			close(w[i].fd);
		w[i] = w[--*nw];
		if (fd != -1)
			return fd;
	}
	return -1;
}

#define WAITED	(-4)	/* accept_prev: until came, nobody yet */

/*
 * Accept until the predecessor says a valid HELLO; drop anyone else. The
 * fd, -1 failed, -2 refused (err says why), HEARD when watch (the link to
 * the successor, or -1) has its answer to read (a successor that
 * disagrees is then told at once, not after the predecessor came), or
 * WAITED when until (before the deadline) came first. Clients still
 * speaking stay in the lobby for the next call.
 */
static int
accept_prev(const struct ring_conf *c, struct lobby *lb, int watch,
    uint64_t until, int *drops, char *err, size_t errlen)
{
	struct pollfd p[MAX_WAITING + 2];
	int fd = -1;
	uint64_t now;

	while (fd == -1 && !*c->stop && (now = clock_mono_ns()) < until &&
	    now < c->deadline_ns) {
		int ms = (int)((until - now + 999999) / 1000000);
		p[0] = (struct pollfd){ .fd = c->listen_fd, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = watch, .events = POLLIN };
		for (int i = 0; i < lb->nw; i++)
			p[i + 2] = (struct pollfd){ .fd = lb->w[i].fd, .events = POLLIN };
		if (poll(p, (nfds_t)lb->nw + 2, ms < 100 ? ms : 100) == -1 &&
		    errno != EINTR)
			break;
		fd = hear_all(c, lb->w, &lb->nw, p + 2, drops, err, errlen);
		if (fd == -1 && p[1].revents)
			fd = HEARD;
		if (fd == -1 && p[0].revents)
			admit(c, lb->w, &lb->nw, drops);
	}
	if (fd == -1 && !*c->stop && until < c->deadline_ns &&
	    clock_mono_ns() < c->deadline_ns)
		return WAITED;
	if (fd == -1)
		snprintf(err, errlen, "waiting for vm %u: %s",
		    (unsigned)((c->id + c->n - 1) % c->n),
		    *c->stop ? "interrupted" : "timed out");
	else if (fd >= 0)
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

/*
 * Connect to the successor, retrying every 100 ms: it may not listen yet.
 * Meanwhile a VM that accepts (lobby not NULL) hears its predecessor, so
 * that one that disagrees is refused at once, whoever else is missing.
 * The fd, -1 failed, -2 refused; *prev_fd the predecessor if it came.
 */
static int
dial_next(const struct ring_conf *c, const struct addrinfo *ai,
    struct lobby *lb, int *prev_fd, int *drops, char *err, size_t errlen)
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
		if (lb == NULL || *prev_fd != -1) {
			clock_sleep_until(clock_mono_ns() + RETRY_NS);
			continue;
		}
		fd = accept_prev(c, lb, -1, clock_mono_ns() + RETRY_NS, drops, err,
		    errlen);
		if (fd >= 0)
			*prev_fd = fd;
		else if (fd != WAITED)
			return fd;
	}
	snprintf(err, errlen, "connecting to vm %u at %s:%u: %s",
	    (unsigned)((c->id + 1) % c->n), c->next_host,
	    (unsigned)c->next_port, *c->stop ? "interrupted" : why);
	return -1;
}

/*
 * Read the successor's answer to our HELLO: 1 it is the successor and
 * agrees; 0 it is not (told on the notes: dial again); -2 it is of another
 * ring or disagrees (err names the setting): the ring cannot form.
 */
static int
answer(const struct ring_conf *c, int fd, int *drops, char *err, size_t errlen)
{
	char what[160], who[200];
	const char *why = NULL;
	struct wire_hello h;

	if (read_hello(c, fd, c->deadline_ns, &h, &why) == 0) {
		enum verdict v = judge(c, &h, (c->id + 1) % c->n, what, sizeof what,
		    &why);
		if (v == V_OK)
			return 1;
		if (v != V_DROP) {
			ring_peer_name(fd, who, sizeof who);
			snprintf(err, errlen, "refused by vm %u at %s%s: %s",
			    (unsigned)h.id, who, v == V_FOREIGN ?
			    ", of another ring" : ", which disagrees", what);
			return -2;
		}
	}
	note_drop(c, drops, "the answer from the successor", why);
	return 0;
}

/*
 * Until the predecessor is linked, or the successor's answer comes first:
 * 1 and *prev_fd, or the answer's verdict (see answer) in *heard.
 */
static int
wait_prev(const struct ring_conf *c, struct lobby *lb, int next_fd, int *heard,
    int *prev_fd, int *drops, char *err, size_t errlen)
{
	while (*prev_fd == -1 && *heard != 0) {
		int fd = accept_prev(c, lb, *heard == 1 ? -1 : next_fd,
		    c->deadline_ns, drops, err, errlen);
		if (fd == HEARD && (*heard = answer(c, next_fd, drops, err,
		    errlen)) == -2)
			return -2;
		else if (fd != HEARD && fd < 0)
			return fd;
		else if (fd >= 0)
			*prev_fd = fd;
	}
	return 0;
}

/*
 * Join the ring. Every VM first connects to its successor and sends HELLO,
 * then accepts its predecessor and answers it, and only then waits for the
 * successor's answer: were the answer awaited before accepting, every VM
 * would wait on the next one, all around the ring. It hears its
 * predecessor while it dials too, and reads an answer that comes while it
 * waits for the predecessor at once, so that a ring that disagrees stops
 * at once. With N = 2, VM 0 connects and VM 1 accepts, so the pair shares
 * one connection. 0, -1 failed, -2 refused.
 */
int
ring_join(const struct ring_conf *c, struct ring_links *l, char *err,
    size_t errlen)
{
	bool dials = !(c->n == 2 && c->id == 1);
	bool accepts = !(c->n == 2 && c->id == 0);
	struct addrinfo *ai = NULL;
	struct lobby *lb = calloc(1, sizeof *lb);
	int drops = 0, next_fd = -1, prev_fd = -1, rc = -1;

	if (lb == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (dials && resolve(c->next_host, c->next_port, 0, &ai, err, errlen) == -1)
		goto fail;
	while (dials) {
		int heard = -3;		/* not yet */
		if ((rc = next_fd = dial_next(c, ai, accepts ? lb : NULL, &prev_fd,
		    &drops, err, errlen)) < 0) {
			next_fd = -1;
			goto fail;
		}
		if (accepts && (rc = wait_prev(c, lb, next_fd, &heard, &prev_fd,
		    &drops, err, errlen)) < 0)
			goto fail;
		if (heard == -3 && (heard = rc = answer(c, next_fd, &drops, err,
		    errlen)) == -2)
			goto fail;
		if (heard == 1)
			break;
		close(next_fd);
		next_fd = -1;
		rc = -1;
		if (*c->stop)
			goto fail;
	}
	if (!dials && (rc = prev_fd = accept_prev(c, lb, -1, c->deadline_ns,
	    &drops, err, errlen)) < 0) {
		prev_fd = -1;
		goto fail;
	}
	if (next_fd != -1)
		no_delay(next_fd);
	l->fd[RING_NEXT] = dials ? next_fd : prev_fd;
	l->fd[RING_PREV] = accepts ? prev_fd : next_fd;
	rc = 0;
	goto out;
fail:
	if (next_fd != -1)
		close(next_fd);
	if (prev_fd != -1)
		close(prev_fd);
	rc = rc < 0 ? rc : -1;
out:
	while (lb->nw > 0)
		close(lb->w[--lb->nw].fd);
	free(lb);
	if (ai != NULL)
		freeaddrinfo(ai);
	return rc;
}

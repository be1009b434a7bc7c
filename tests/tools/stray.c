/* tests/tools/stray.c -- hostile clients in a burst: every kind of bad greeting at VM ports */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vm/core/rng.h"
#include "vm/core/wire.h"

#define USAGE "usage: stray [--burst N] [--hold SECONDS] [--seed S] PORT..."
#define MAX_CONNS	4096	/* open at once, over every port */

/*
 * What a stray says when it gets in, in turn: random bytes, a frame
 * announcing 4 GiB, half a HELLO, a HELLO with a wrong magic, version or
 * run id, one claiming an id the ring does not have, a MSG before any
 * HELLO, and nothing at all. Whatever it is, a VM must drop it and go on.
 */
enum { NOISE, HUGE, HALF, MAGIC, VERSION, RUN_ID, BAD_ID, EARLY_MSG, SILENT,
	KINDS };

static size_t
greeting(int kind, struct rng *g, uint8_t *buf)
{
	struct wire_hello h = { .version = WIRE_VERSION, .id = 7, .n = 3,
		.set = { .duration_s = 10, .speed = 10 } };
	struct step_msg m = { .src = 0, .src_seq = 1, .lamport = 1 };
	size_t len;

	for (size_t i = 0; i < WIRE_RUN_ID_LEN; i++)
		h.run_id[i] = (uint8_t)rng_next(g);
	switch (kind) {
	case NOISE:
		for (len = 0; len < 48; len++)
			buf[len] = (uint8_t)rng_next(g);
		return len;
	case HUGE:
		memcpy(buf, "\xff\xff\xff\xff\x01", 5);
		return 5;
	case EARLY_MSG:
		return wire_put_msg(buf, &m, 0);
	case SILENT:
		return 0;
	case VERSION:
		h.version = WIRE_VERSION + 8;
		break;
	case BAD_ID:
		h.id = 60000;
		break;
	}
	len = wire_put_hello(buf, &h);
	if (kind == MAGIC)
		buf[5] ^= 0x20;		/* "CLKR" becomes "cLKR" */
	return kind == HALF ? len / 2 : len;
}

/* Connect without waiting: the fd, or -1 if it could not even start. */
static int
dial(uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof a) == -1 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Connected: say the greeting; 1 if it got in, 0 if refused. */
static int
greet(int fd, int kind, struct rng *g)
{
	uint8_t buf[WIRE_MAX_FRAME];
	int err = 0;
	socklen_t elen = sizeof err;
	size_t len;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1 || err != 0)
		return 0;
	if ((len = greeting(kind, g, buf)) > 0)
		(void)!send(fd, buf, len, MSG_NOSIGNAL);
	return 1;
}

/*
 * Dial n connections to port at once, then greet each that is through
 * within a second (a full backlog leaves the rest hanging): how many got in.
 */
static unsigned long
burst_at(uint16_t port, unsigned long n, struct rng *g, int *fd, int *nfd)
{
	static struct pollfd p[MAX_CONNS];
	int first = *nfd, k;
	unsigned long in = 0;

	for (unsigned long i = 0; i < n && *nfd < MAX_CONNS; i++)
		if ((fd[*nfd] = dial(port)) != -1)
			(*nfd)++;
	for (k = first; k < *nfd; k++)
		p[k - first] = (struct pollfd){ .fd = fd[k], .events = POLLOUT };
	if (poll(p, (nfds_t)(*nfd - first), 1000) <= 0)
		return 0;
	for (k = first; k < *nfd; k++)
		if (p[k - first].revents != 0)
			in += (unsigned long)greet(fd[k], (k - first) % KINDS, g);
	return in;
}

static unsigned long
number(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v > max) {
		fprintf(stderr, "stray: '%s': not a number up to %lu\n%s\n", s,
		    max, USAGE);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	unsigned long burst = 100, hold_s = 1, seed = 1;
	static int fd[MAX_CONNS];
	int nfd = 0, i = 1;
	struct rng g;

	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--burst") == 0)
			burst = number(argv[i + 1], MAX_CONNS);
		else if (strcmp(argv[i], "--hold") == 0)
			hold_s = number(argv[i + 1], 3600);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = number(argv[i + 1], ULONG_MAX);
		else
			break;
	}
	if (i == argc || strncmp(argv[i], "--", 2) == 0) {
		fprintf(stderr, "%s\n", USAGE);
		return 2;
	}
	rng_seed(&g, seed, 0);
	for (; i < argc; i++) {
		uint16_t port = (uint16_t)number(argv[i], 65535);
		unsigned long in = burst_at(port, burst, &g, fd, &nfd);
		printf("stray: port %u: %lu of %lu got in\n", (unsigned)port, in,
		    burst);
	}
	fflush(stdout);
	sleep((unsigned)hold_s);
	while (nfd > 0)
		close(fd[--nfd]);
	return 0;
}

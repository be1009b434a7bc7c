/* tests/tools/ringup.c -- the reference for ring start-up: bare fork, listen and connect of a ring of processes */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * What a real run does to link its ring, and nothing more: listen on a
 * loopback port for each of N processes before forking, fork them, each
 * connects to the next one's port and accepts the previous one, then
 * writes one byte on its pipe. When all N have, the ring is linked:
 * prints CLOCK_REALTIME in ns then, so the caller times it from before
 * it started this program, as it times `clockring run`.
 *
 * usage: ringup N
 */

#define N_MAX	1024

static int lfd[N_MAX];
static uint16_t port[N_MAX];

/* Child i: link to the next, be linked by the previous, say so. */
static void
link_up(uint32_t i, uint32_t n, int ready)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		.sin_port = htons(port[(i + 1) % n]) };
	int c = socket(AF_INET, SOCK_STREAM, 0);

	if (c == -1 || connect(c, (struct sockaddr *)&a, sizeof a) == -1 ||
	    accept(lfd[i], NULL, NULL) == -1 || write(ready, "R", 1) != 1)
		_exit(1);
	pause();	/* until the parent ends the ring */
	_exit(0);
}

static int
listen_all(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct sockaddr_in a = { .sin_family = AF_INET,
			.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		socklen_t len = sizeof a;
		if ((lfd[i] = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
		    bind(lfd[i], (struct sockaddr *)&a, sizeof a) == -1 ||
		    listen(lfd[i], 4) == -1 ||
		    getsockname(lfd[i], (struct sockaddr *)&a, &len) == -1)
			return -1;
		port[i] = ntohs(a.sin_port);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	uint32_t n = argc == 2 ? (uint32_t)strtoul(argv[1], NULL, 10) : 0;
	pid_t pid[N_MAX];
	int p[2];
	char c;

	if (n < 2 || n > N_MAX) {
		fprintf(stderr, "usage: ringup N   (2..%d)\n", N_MAX);
		return 2;
	}
	if (listen_all(n) == -1 || pipe(p) == -1) {
		perror("ringup: listen");
		return 1;
	}
	for (uint32_t i = 0; i < n; i++) {
		switch (pid[i] = fork()) {
		case -1:
			perror("ringup: fork");
			return 1;
		case 0:
			link_up(i, n, p[1]);
		}
		close(lfd[i]);
	}
	for (uint32_t i = 0; i < n; i++)
		if (read(p[0], &c, 1) != 1)
			return 1;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	printf("%" PRIu64 "\n", (uint64_t)t.tv_sec * 1000000000u +
	    (uint64_t)t.tv_nsec);
	for (uint32_t i = 0; i < n; i++) {
		kill(pid[i], SIGTERM);
		waitpid(pid[i], NULL, 0);
	}
	return 0;
}

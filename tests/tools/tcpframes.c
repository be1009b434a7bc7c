/* tests/tools/tcpframes.c -- the reference for real-time messaging: loopback TCP frames per second, one writer, one reader */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vm/core/wire.h"

/*
 * A writer process sends frames the size of a clockring message (a u32
 * length and a MSG body), one write(2) each with TCP_NODELAY as a VM
 * sends them, to a reader process over 127.0.0.1 for SECONDS; the reader
 * reads in blocks and counts whole frames. Prints frames a second: the
 * most messages one link of a ring could carry on this machine.
 *
 * usage: tcpframes SECONDS
 */

#define FRAME	(4 + WIRE_MSG_BODY)

static double
now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Frames until the writer closes; prints frames/s. */
static int
reader(int fd)
{
	char buf[1 << 16];
	uint64_t bytes = 0;
	ssize_t n;
	double t0 = now_s();

	while ((n = read(fd, buf, sizeof buf)) > 0)
		bytes += (uint64_t)n;
	printf("%.0f\n", (double)(bytes / FRAME) / (now_s() - t0));
	return n == 0 ? 0 : 1;
}

static void
writer(int fd, double seconds)
{
	char frame[FRAME] = { 0, 0, 0, WIRE_MSG_BODY, WIRE_MSG };
	int one = 1;
	double end = now_s() + seconds;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	while (now_s() < end)
		for (int i = 0; i < 1000; i++)
			if (write(fd, frame, FRAME) != FRAME)
				_exit(1);
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	int l, c, st, rc;
	pid_t pid;

	if (argc != 2 || atof(argv[1]) <= 0) {
		fprintf(stderr, "usage: tcpframes SECONDS\n");
		return 2;
	}
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&a, sizeof a) == -1 || listen(l, 1) == -1 ||
	    getsockname(l, (struct sockaddr *)&a, &len) == -1) {
		perror("tcpframes: listen");
		return 1;
	}
	switch (pid = fork()) {
	case -1:
		perror("tcpframes: fork");
		return 1;
	case 0:
		close(l);
		if ((c = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
		    connect(c, (struct sockaddr *)&a, sizeof a) == -1)
			_exit(1);
		writer(c, atof(argv[1]));
	}
	if ((c = accept(l, NULL, NULL)) == -1) {
		perror("tcpframes: accept");
		return 1;
	}
	rc = reader(c);
	waitpid(pid, &st, 0);
	return rc || !WIFEXITED(st) || WEXITSTATUS(st) != 0;
}

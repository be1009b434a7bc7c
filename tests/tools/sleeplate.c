/* tests/tools/sleeplate.c -- the reference for tick lateness: bare clock_nanosleep to absolute deadlines */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/*
 * Sleeps to the deadlines start + k / RATE, as a VM's tick loop does, and
 * prints each tick's lateness (the clock read on waking minus the
 * deadline) in ns, one a line; nothing else happens between the ticks.
 * What the machine alone costs a tick's timing, so `make bench` can put a
 * run's lateness beside it.
 *
 * usage: sleeplate RATE TICKS   (ticks a second, ticks in all)
 */

static uint64_t
now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int
main(int argc, char **argv)
{
	if (argc != 3 || atof(argv[1]) <= 0) {
		fprintf(stderr, "usage: sleeplate RATE TICKS\n");
		return 2;
	}
	double period = 1e9 / atof(argv[1]);
	uint64_t ticks = strtoull(argv[2], NULL, 10);
	uint64_t start = now_ns() + 10000000u;	/* 10 ms to settle */

	for (uint64_t k = 0; k < ticks; k++) {
		uint64_t due = start + (uint64_t)((double)k * period);
		struct timespec t = { .tv_sec = (time_t)(due / 1000000000u),
			.tv_nsec = (long)(due % 1000000000u) };
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t,
		    NULL) == EINTR)
			;
		printf("%" PRId64 "\n", (int64_t)(now_ns() - due));
	}
	return 0;
}

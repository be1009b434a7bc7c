/* vm/clock.c -- nanosecond clocks and sleeping on absolute deadlines */
#include <errno.h>
#include <stdint.h>
#include <time.h>

#include "vm/clock.h"

static uint64_t
now(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CLOCK_MONOTONIC paces ticks and timeouts: it never jumps. */
uint64_t
clock_mono_ns(void)
{
	return now(CLOCK_MONOTONIC);
}

/* CLOCK_REALTIME stamps events: comparable across the VMs of a run. */
uint64_t
clock_real_ns(void)
{
	return now(CLOCK_REALTIME);
}

struct timespec
clock_ts(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u),
	};
	return ts;
}

/*
 * Sleep until the absolute monotonic time: the deadline, not the work done
 * since the last tick, decides when we wake, so rates do not drift. Returns
 * -1 with errno EINTR when a signal handler ran, so callers can stop.
 */
int
clock_sleep_until(uint64_t mono_ns)
{
	struct timespec ts = clock_ts(mono_ns);
	int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);

	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return 0;
}

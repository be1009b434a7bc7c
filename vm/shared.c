/* vm/shared.c -- the VM's core under its one lock: reader threads feed it, the tick loop runs it */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/shared.h"

/*
 * The only lock in a VM. The core (vm/core/core.h) keeps the queue, the
 * messages a link still holds and who is down; this file only serialises
 * the threads that talk to it and tells it the model time of each call.
 * Readers hold the lock for one arrival, the tick loop for one tick: what
 * takes time (logging, sending) happens outside it. The condition
 * variable is for the end of a run, when the tick loop waits for every
 * link to end.
 */
struct shared {
	pthread_mutex_t lock;
	pthread_cond_t ended;	/* signalled when a link ends */
	struct core core;
	uint64_t mono_start;	/* CLOCK_MONOTONIC of model time 0; 0 unknown */
	double speed;		/* model seconds per real second */
	int ends;		/* links ended so far */
};

struct shared *
shared_new(const struct core_conf *conf)
{
	struct shared *s = calloc(1, sizeof *s);
	pthread_condattr_t attr;

	if (s == NULL || core_init(&s->core, conf) == -1) {
		free(s);
		return NULL;
	}
	pthread_mutex_init(&s->lock, NULL);
	/* Deadlines are on CLOCK_MONOTONIC like the ticks: immune to clock steps. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&s->ended, &attr);
	pthread_condattr_destroy(&attr);
	s->speed = 1;
	return s;
}

void
shared_free(struct shared *s)
{
	if (s == NULL)
		return;
	pthread_cond_destroy(&s->ended);
	pthread_mutex_destroy(&s->lock);
	core_free(&s->core);
	free(s);
}

/* Model time 0 is at mono_start_ns, and runs speed times faster than real time. */
void
shared_set_epoch(struct shared *s, uint64_t mono_start_ns, double speed)
{
	pthread_mutex_lock(&s->lock);
	s->mono_start = mono_start_ns;
	s->speed = speed;
	pthread_mutex_unlock(&s->lock);
}

/*
 * Model ns now, under the lock: 0 before the start is known or reached.
 * Read under the lock, so that the core sees its events in time order.
 */
static uint64_t
now(const struct shared *s)
{
	uint64_t mono = clock_mono_ns();

	if (s->mono_start == 0 || mono <= s->mono_start)
		return 0;
	double t = (double)(mono - s->mono_start) * s->speed;
	return t < 1e18 ? (uint64_t)t : (uint64_t)1e18;	/* no overflow */
}

/* A message from neighbour `from` has just been read: 0, or -1 (ENOMEM). */
uint32_t
shared_nv(struct shared *s)
{
	return core_nv(&s->core);
}

int
shared_arrive(struct shared *s, uint32_t from, const struct step_msg *m)
{
	pthread_mutex_lock(&s->lock);
	int rc = core_arrive(&s->core, from, m, now(s));
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* The link from `from` has just ended: cleanly (BYE, then EOF) or broken. */
void
shared_link_end(struct shared *s, uint32_t from, bool broken)
{
	pthread_mutex_lock(&s->lock);
	core_link_end(&s->core, from, broken, now(s));
	s->ends++;
	pthread_cond_broadcast(&s->ended);
	pthread_mutex_unlock(&s->lock);
}

/*
 * Wait until `links` links have ended, or the CLOCK_MONOTONIC deadline:
 * 0, or -1 if it passed first.
 */
int
shared_wait_ends(struct shared *s, int links, uint64_t deadline_ns)
{
	struct timespec deadline = clock_ts(deadline_ns);
	int rc = 0;

	pthread_mutex_lock(&s->lock);
	while (s->ends < links && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&s->ended, &s->lock, &deadline);
	rc = s->ends < links ? -1 : 0;
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* A tick now (core_tick): 0, or -1 (ENOMEM). */
int
shared_tick(struct shared *s, struct core_out *out)
{
	pthread_mutex_lock(&s->lock);
	int rc = core_tick(&s->core, now(s), out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

void
shared_send_failed(struct shared *s, const struct step_event *send,
    uint32_t to, struct core_out *out)
{
	pthread_mutex_lock(&s->lock);
	core_send_failed(&s->core, send, to, out);
	pthread_mutex_unlock(&s->lock);
}

/* Has the core logged PEER_DOWN for neighbour peer? */
bool
shared_down(struct shared *s, uint32_t peer)
{
	bool down = false;

	pthread_mutex_lock(&s->lock);
	for (uint32_t i = 0; i < s->core.nin; i++)
		if (s->core.in[i].src == peer)
			down = s->core.down[i];
	pthread_mutex_unlock(&s->lock);
	return down;
}

/* The run is over (core_finish): 0, or -1 (ENOMEM). */
int
shared_finish(struct shared *s, struct core_out *out)
{
	pthread_mutex_lock(&s->lock);
	int rc = core_finish(&s->core, out);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

bool
shared_pending(struct shared *s, struct core_line *line)
{
	pthread_mutex_lock(&s->lock);
	bool got = core_pending(&s->core, line);
	pthread_mutex_unlock(&s->lock);
	return got;
}

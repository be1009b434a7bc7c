/* sim/live.c -- `run --live`: what the VMs feed, drawn on the terminal about 20 times a second, and its keys */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/live.h"
#include "sim/run.h"
#include "sim/recent.h"
#include "view/state.h"
#include "view/view.h"
#include "vm/clock.h"
#include "vm/core/num.h"
#include "vm/feed.h"

/*
 * The VMs never wait for us: each frame takes what their feeds hold now,
 * the newest PER_FRAME lines of each at most (what was put over or passed
 * by is counted, not drawn), and the exact figures beside them, so the
 * clocks shown are the logged ones whatever the strip missed. Everything
 * runs in the caller's thread, between its own waits.
 */

#define FRAME_NS	50000000u	/* 20 frames a second */
#define STRIP_MAX	8192		/* events held for the strip */
#define PER_FRAME	1024		/* lines taken from a VM per frame */
#define END_KEY_MS	200		/* the end screen's redraws */

struct live {
	const struct run *r;
	volatile sig_atomic_t *stop;
	struct feed *feed;
	struct view *view;
	struct view_state st;		/* the figures shown */
	struct recent *recent;
	struct log_event *batch;	/* one frame's lines of every VM */
	size_t per;			/* lines of a VM a frame takes */
	uint64_t *next;			/* each VM's next line to take */
	uint64_t lost;			/* lines not drawn */
	uint64_t mono0;			/* CLOCK_MONOTONIC of model time 0 */
	bool started, paused;
	uint64_t next_frame;		/* CLOCK_MONOTONIC */
};

static void
free_live(struct live *l)
{
	feed_free(l->feed);
	recent_free(l->recent);
	view_state_free(&l->st);
	free(l->batch);
	free(l->next);
	free(l);
}

static int
alloc_live(struct live *l, uint32_t n)
{
	/* OPT_MAX_VMS of them still take 32 lines each a frame. */
	l->per = STRIP_MAX / n < PER_FRAME ? STRIP_MAX / n : PER_FRAME;
	return (l->feed = feed_new(n)) == NULL ||
	    (l->recent = recent_new(STRIP_MAX)) == NULL ||
	    view_state_init(&l->st, n) == -1 ||
	    (l->batch = calloc(n * l->per, sizeof *l->batch)) == NULL ||
	    (l->next = calloc(n, sizeof *l->next)) == NULL ? -1 : 0;
}

struct live *
live_open(const struct run *r, volatile sig_atomic_t *stop)
{
	const struct run_opts *o = r->o;
	struct view_conf c = { .mode = VIEW_LIVE, .title = r->dir, .n = o->vms,
		.rates = r->rates, .duration_ns = (uint64_t)(o->duration_s * 1e9),
		.faults = o->faults.f, .nfaults = o->faults.n };
	struct live *l;
	char err[256];

	if (!o->live)
		return NULL;
	if ((l = calloc(1, sizeof *l)) == NULL || alloc_live(l, o->vms) == -1) {
		fprintf(stderr, "clockring: --live: out of memory; running "
		    "without the view\n");
		goto fail;
	}
	/* Before the view takes the terminal: the line must be seen. */
	fflush(stdout);
	if ((l->view = view_open(&c, err, sizeof err)) == NULL) {
		fprintf(stderr, "clockring: --live: no terminal (%s); running "
		    "without the view\n", err);
		goto fail;
	}
	l->r = r;
	l->stop = stop;
	return l;
fail:
	if (l != NULL)
		free_live(l);
	return NULL;
}

struct feed *
live_feed(const struct live *l)
{
	return l == NULL ? NULL : l->feed;
}

void
live_start(struct live *l, uint64_t mono_ns)
{
	if (l == NULL)
		return;
	l->mono0 = mono_ns;
	l->started = true;
}

int
live_wait_ms(const struct live *l, int ms)
{
	uint64_t now = clock_mono_ns();

	if (l == NULL || now + (uint64_t)ms * 1000000u <= l->next_frame)
		return ms;
	return now >= l->next_frame ? 0 :
	    (int)((l->next_frame - now + 999999) / 1000000);
}

/* A log's wall_ns as model ns: virtual runs log model time already. */
static uint64_t
model_of_wall(const struct live *l, uint64_t wall_ns)
{
	uint64_t w0 = l->r->start_wall_ns;

	return wall_ns <= w0 ? 0 : (uint64_t)((wall_ns - w0) * l->r->o->speed);
}

static uint64_t
model_now(const struct live *l)
{
	uint64_t mono = clock_mono_ns();

	if (!l->started || mono <= l->mono0)
		return 0;
	return (uint64_t)((mono - l->mono0) * l->r->o->pace);
}

/* What the feeds hold now: new lines into the strip, every figure. */
static void
take(struct live *l)
{
	struct view_state *s = &l->st;
	struct feed_figures fig;
	size_t nb = 0;

	s->events = 0;
	for (uint32_t i = 0; i < s->n; i++) {
		size_t got = feed_read(l->feed, i, &l->next[i], l->batch + nb,
		    l->per, &l->lost);
		for (size_t k = nb; k < nb + got; k++)
			l->batch[k].wall_ns = model_of_wall(l, l->batch[k].wall_ns);
		nb += got;
		feed_figures(l->feed, i, &fig);
		s->vm[i].lamport = fig.lamport;
		s->vm[i].queue_len = fig.queue_len;
		s->vm[i].last_ns = fig.lines ? model_of_wall(l, fig.wall_ns) : 0;
		memcpy(s->vm[i].count, fig.count, sizeof fig.count);
		s->events += fig.lines;
	}
	recent_add(l->recent, l->batch, nb);
}

/* The strip ends at now_ns, or at the newest event if a clock ran ahead. */
static void
draw(struct live *l, const char *status)
{
	const struct log_event *ev;
	uint64_t span = view_strip_ns(l->view);
	size_t n = recent_since(l->recent, 0, &ev);

	if (n > 0 && ev[n - 1].wall_ns > l->st.now_ns)
		l->st.now_ns = ev[n - 1].wall_ns;
	n = recent_since(l->recent, l->st.now_ns > span ? l->st.now_ns - span : 0,
	    &ev);
	view_draw(l->view, &l->st, ev, n, status);
}

static void
keys(struct live *l)
{
	double arg;

	for (int i = 0; i < 16; i++) {
		enum view_cmd c = view_key(l->view, 0, &arg);
		if (c == VIEW_NONE)
			break;
		if (c == VIEW_QUIT)
			*l->stop = SIGINT;
		else if (c == VIEW_PAUSE)
			l->paused = !l->paused;
	}
}

void
live_frame(struct live *l)
{
	char pace[NUM_TEXT_MAX], status[NUM_TEXT_MAX + 64];
	uint64_t now = clock_mono_ns();

	if (l == NULL || now < l->next_frame)
		return;
	l->next_frame = now + FRAME_NS;
	keys(l);
	/* Paused, the frame stays as it was; the feeds go on without us. */
	if (!l->paused) {
		take(l);
		l->st.now_ns = model_now(l);
	}
	num_format(pace, sizeof pace, l->r->o->pace);
	if (l->paused)
		snprintf(status, sizeof status, "paused (space goes on)");
	else if (l->lost > 0)
		snprintf(status, sizeof status, "x%s, %llu events not drawn", pace,
		    (unsigned long long)l->lost);
	else
		snprintf(status, sizeof status, "x%s", pace);
	draw(l, status);
}

int
live_until(struct live *l, uint64_t t)
{
	uint64_t due = l->mono0 + (uint64_t)(t / l->r->o->pace);

	for (;;) {
		live_frame(l);
		if (*l->stop)
			return -1;
		uint64_t now = clock_mono_ns();
		if (now >= due)
			return 0;
		clock_sleep_until(due < l->next_frame ? due : l->next_frame);
	}
}

void
live_end(struct live *l, const char *how)
{
	char status[96];
	double arg;

	if (l == NULL)
		return;
	take(l);
	l->st.now_ns = 0;
	for (uint32_t i = 0; i < l->st.n; i++)
		if (l->st.vm[i].last_ns > l->st.now_ns)
			l->st.now_ns = l->st.vm[i].last_ns;
	snprintf(status, sizeof status, "%s: q leaves", how);
	/* The run's end is on record: a q or a signal now only leaves. */
	*l->stop = 0;
	do
		draw(l, status);
	while (!*l->stop && view_key(l->view, END_KEY_MS, &arg) != VIEW_QUIT);
	view_close(l->view);
	free_live(l);
}

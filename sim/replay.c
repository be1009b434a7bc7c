/* sim/replay.c -- clockring replay: a run's logs read once into memory and shown in the view, paced, paused and stepped */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/rundir/logread.h"
#include "analysis/rundir/merge.h"
#include "sim/options.h"
#include "sim/replay.h"
#include "view/view.h"
#include "vm/core/num.h"

#define FRAME_MS	50	/* 20 frames a second */
#define STRIP_MAX	4096	/* events handed to the strip at most */
#define SPEED_MIN	0.001
#define SPEED_MAX	1e6

static const char usage_replay[] =
"usage: clockring replay [options] RUN_DIR\n"
"\n"
"Shows a run (real or virtual, finished or stopped) in the terminal view,\n"
"event by event: a row per VM (clock, how far behind, queue, events), a\n"
"space-time strip with every Lamport value, and the faults.\n"
"\n"
"  --speed X             model seconds shown per real second, > 0 [1]\n"
"  --at S                start at model second S [0]\n"
"  --paused              start paused\n"
"\n"
"keys: q leave, space pause/play (at the end: again from the start),\n"
"right or n one event forward, left or p one event back, + and - twice\n"
"and half the pace, g jump to a model second, ? the keys\n"
"\n"
"exit status: 0 left with q, 2 bad input or no terminal, 130/143 SIGINT/SIGTERM\n";

/* Model ns of a line of the run: wall clock to model time, in the run. */
static uint64_t
model_ns(const struct runinfo *ri, uint64_t wall, uint64_t end)
{
	double ns;

	if (wall <= ri->start_wall_ns)
		return 0;
	ns = round((double)(wall - ri->start_wall_ns) * ri->speed);
	return ns >= (double)end ? end : (uint64_t)ns;
}

static void
close_logs(struct logread **lr, uint32_t n)
{
	for (uint32_t i = 0; lr != NULL && i < n; i++)
		logread_close(lr[i]);
	free(lr);
}

/* Each VM's log, NULL for one that is not there. */
static struct logread **
open_logs(const struct runinfo *ri, char *err, size_t errlen)
{
	struct logread **lr = calloc(ri->nvms, sizeof *lr);
	char path[4096];

	if (lr == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (uint32_t i = 0; i < ri->nvms; i++) {
		snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", ri->dir, i);
		if ((lr[i] = logread_open(path, err, errlen)) == NULL &&
		    errno != ENOENT) {
			close_logs(lr, ri->nvms);
			return NULL;
		}
		if (lr[i] != NULL)
			logread_in_run_clock(lr[i], ri->meta, i);
	}
	return lr;
}

/* Every line of the merged logs into t. */
static int
fill(const struct runinfo *ri, struct merge *m, struct timeline *t,
    char *err, size_t errlen)
{
	uint64_t end = (uint64_t)llround(ri->duration_s * 1e9);
	const struct log_event *ev;
	struct log_event e;
	uint32_t vm;
	int rc;

	while ((rc = merge_next(m, &ev, &vm, err, errlen)) == 1) {
		e = *ev;
		e.wall_ns = model_ns(ri, ev->wall_ns, end);
		if (e.vm != vm) {
			snprintf(err, errlen, "%s/vm%" PRIu32 ".csv:%lu: a line of "
			    "vm %" PRIu32, ri->dir, vm, ev->line, e.vm);
			return -1;
		}
		if (timeline_add(t, &e) == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	return rc;
}

int
replay_load(const struct runinfo *ri, struct timeline **tl, char *err,
    size_t errlen)
{
	struct logread **lr = open_logs(ri, err, errlen);
	struct merge *m = NULL;
	int rc = -1;

	*tl = NULL;
	if (lr == NULL)
		return -1;
	if ((m = merge_new(lr, ri->nvms, 0)) == NULL ||
	    (*tl = timeline_new(ri->nvms, REPLAY_EVERY)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	rc = fill(ri, m, *tl, err, errlen);
done:
	merge_close(m);
	close_logs(lr, ri->nvms);
	if (rc != 0) {
		timeline_free(*tl);
		*tl = NULL;
		return -1;
	}
	return 0;
}

/* The replay as the teacher drives it. */
struct replay {
	struct runinfo ri;
	struct timeline *tl;
	struct view *v;
	struct view_state s;	/* the ring after the first k events */
	size_t k;
	uint64_t clock;		/* model ns shown */
	uint64_t end;		/* the run's end, model ns */
	double speed;		/* model seconds per real second */
	bool paused;
	struct log_event *strip;	/* STRIP_MAX, the strip's events */
};

static volatile sig_atomic_t stop_sig;

static void
on_signal(int sig)
{
	stop_sig = sig;
}

/* SIGINT and SIGTERM end the replay as q does, the terminal given back. */
static void
catch_stops(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Show the ring after its first k events, at model time clock. */
static void
seek(struct replay *r, size_t k, uint64_t clock)
{
	timeline_seek(r->tl, k, &r->s);
	r->k = k;
	r->clock = clock;
	r->s.now_ns = clock;
}

/* Move the shown time on to clock, applying each event up to it. */
static void
advance(struct replay *r, uint64_t clock)
{
	struct log_event ev;

	while (r->k < timeline_len(r->tl) && timeline_ns(r->tl, r->k) <= clock) {
		timeline_event(r->tl, r->k++, &ev);
		view_state_apply(&r->s, &ev);
	}
	r->clock = clock;
	r->s.now_ns = clock;
}

/* One event forward or back: the time shown is that of the last event. */
static void
step(struct replay *r, bool forward)
{
	struct log_event ev;

	r->paused = true;
	if (forward && r->k < timeline_len(r->tl)) {
		/* this event alone: others at its time wait for their step */
		timeline_event(r->tl, r->k++, &ev);
		view_state_apply(&r->s, &ev);
	} else if (!forward && r->k > 0) {
		timeline_seek(r->tl, r->k - 1, &r->s);
		r->k--;
	} else {
		return;
	}
	r->clock = r->k > 0 ? timeline_ns(r->tl, r->k - 1) : 0;
	r->s.now_ns = r->clock;
}

static void
jump(struct replay *r, double second)
{
	uint64_t to = second * 1e9 >= (double)r->end ? r->end :
	    (uint64_t)llround(second * 1e9);

	seek(r, timeline_count_at(r->tl, to), to);
}

static void
draw(struct replay *r)
{
	uint64_t span = view_strip_ns(r->v);
	uint64_t from = r->clock > span ? r->clock - span : 0;
	size_t lo = r->clock > span ? timeline_count_at(r->tl, from) : 0;
	char status[96];

	if (r->k - lo > STRIP_MAX)
		lo = r->k - STRIP_MAX;
	for (size_t i = lo; i < r->k; i++)
		timeline_event(r->tl, i, &r->strip[i - lo]);
	snprintf(status, sizeof status, "%s x%g  event %zu/%zu",
	    r->clock >= r->end && r->paused ? "end" :
	    r->paused ? "paused" : "playing", r->speed, r->k,
	    timeline_len(r->tl));
	view_draw(r->v, &r->s, r->strip, r->k - lo, status);
}

static void
command(struct replay *r, enum view_cmd cmd, double arg)
{
	switch (cmd) {
	case VIEW_PAUSE:
		if (r->paused && r->clock >= r->end)
			jump(r, 0);	/* played out: again from the start */
		r->paused = !r->paused;
		break;
	case VIEW_FORWARD:
	case VIEW_BACK:
		step(r, cmd == VIEW_FORWARD);
		break;
	case VIEW_FASTER:
		r->speed = fmin(r->speed * 2, SPEED_MAX);
		break;
	case VIEW_SLOWER:
		r->speed = fmax(r->speed / 2, SPEED_MIN);
		break;
	case VIEW_JUMP:
		jump(r, arg);
		break;
	default:
		break;
	}
}

/* Frames until q or a signal; time moves on while playing. */
static void
play(struct replay *r)
{
	uint64_t last = now_ns();
	enum view_cmd cmd = VIEW_NONE;
	double arg = 0;

	while (cmd != VIEW_QUIT && stop_sig == 0) {
		draw(r);
		cmd = view_key(r->v, FRAME_MS, &arg);
		uint64_t t = now_ns();
		if (!r->paused) {
			double to = (double)r->clock + (double)(t - last) * r->speed;

			advance(r, to >= (double)r->end ? r->end : (uint64_t)to);
			r->paused = r->clock >= r->end;
		}
		last = t;
		command(r, cmd, arg);
	}
}

static int
fail(const char *err)
{
	fprintf(stderr, "clockring: replay: %s\n", err);
	return 2;
}

/* The view of the run in r->ri, its terminal taken: 0, or -1 with err. */
static int
open_view(struct replay *r, char *err, size_t errlen)
{
	const struct runmeta *m = r->ri.meta;
	struct view_conf c = {
		.mode = VIEW_REPLAY, .title = r->ri.dir, .n = r->ri.nvms,
		.rates = m->rate, .duration_ns = (uint64_t)llround(m->duration_s * 1e9),
		.faults = m->fault, .nfaults = m->nfaults,
	};

	r->v = view_open(&c, err, errlen);
	return r->v == NULL ? -1 : 0;
}

/* The run read whole, shown from model second at_s. */
static int
start(struct replay *r, const struct replay_opts *o, char *err, size_t errlen)
{
	uint64_t last;

	if (replay_load(&r->ri, &r->tl, err, errlen) == -1)
		return -1;
	if (view_state_init(&r->s, r->ri.nvms) == -1 ||
	    (r->strip = calloc(STRIP_MAX, sizeof *r->strip)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	last = timeline_len(r->tl) > 0 ?
	    timeline_ns(r->tl, timeline_len(r->tl) - 1) : 0;
	r->end = (uint64_t)llround(r->ri.end_s * 1e9);
	r->end = last > r->end ? last : r->end;
	r->speed = o->speed;
	r->paused = o->paused;
	jump(r, o->at_s);
	return 0;
}

static void
finish(struct replay *r)
{
	view_close(r->v);
	view_state_free(&r->s);
	timeline_free(r->tl);
	free(r->strip);
	runinfo_free(&r->ri);
}

int
replay_main(int argc, char **argv)
{
	struct replay_opts o;
	struct replay r = { 0 };
	char err[4400];
	int rc = options_replay(argc, argv, &o, err, sizeof err);

	if (rc == 1) {
		fputs(usage_replay, stdout);
		return 0;
	}
	if (rc == -1) {
		fprintf(stderr, "clockring: %s (see 'clockring replay --help')\n", err);
		return 2;
	}
	if (runinfo_load(&r.ri, o.dir, err, sizeof err) == -1)
		return fail(err);
	if (o.at_s > r.ri.duration_s) {
		char at[NUM_TEXT_MAX], end[NUM_TEXT_MAX];

		num_format(at, sizeof at, o.at_s);
		num_format(end, sizeof end, r.ri.duration_s);
		snprintf(err, sizeof err, "--at '%s': after the run's end (%s s)",
		    at, end);
		rc = fail(err);
	} else if (open_view(&r, err, sizeof err) == -1 ||
	    start(&r, &o, err, sizeof err) == -1) {
		view_close(r.v);
		r.v = NULL;
		rc = fail(err);
	} else {
		catch_stops();
		play(&r);
		rc = stop_sig != 0 ? 128 + stop_sig : 0;
	}
	finish(&r);
	return rc;
}

/* sim/stale.c -- was a finished run made with the settings the suite would use now? */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rundir/expfile.h"
#include "analysis/rundir/meta.h"
#include "lib/errmsg.h"
#include "sim/exprun.h"
#include "sim/metafile.h"
#include "sim/options.h"
#include "sim/stale.h"
#include "vm/core/fault.h"
#include "vm/core/runmeta.h"
#include "vm/core/vmend.h"

/*
 * A run is what its own run.meta says it was. The suite keeps a finished
 * run only when that record matches what it would run now, read by the
 * same option parser and rate draw that `clockring run` uses, so the two
 * cannot disagree on a default or a spelling. Every setting that changes a
 * result is compared, and so is the log level: a summary run has no logs
 * to look at or check line by line, and its analysis is another. Where the
 * VMs listen (bind, ports) and how long they wait to link are not, nor
 * vector clocks: they change no event, only whether the logs spell out a
 * vector the analysis can rebuild anyway.
 */

enum { K_SEED, K_VMS, K_DURATION, K_SPEED, K_DRAW_MAX, K_RATE_MIN,
    K_RATE_MAX, K_RATES, K_ON_FAILURE, K_FAULTS, K_MODE, K_LATENCY_MIN,
    K_LATENCY_MAX, K_LOSS, K_LOG };

/* run.meta's names; "rates" stands for vmI.rate, "faults" for faultI. */
static const char *const keys[STALE_KEYS] = {
	"seed", "vms", "duration_s", "speed", "draw_max", "rate_min",
	"rate_max", "rates", "on_failure", "faults", "mode", "latency_min_ms",
	"latency_max_ms", "loss", "log",
};

/* Every setting as text, in one spelling for both sides: then one
 * comparison serves all, and the message shows what was compared. */
struct view {
	char v[STALE_KEYS][STALE_TEXT];
};

/* Append to one value, cut at its end. */
static void __attribute__((format(printf, 2, 3)))
put(char *val, const char *fmt, ...)
{
	size_t at = strlen(val);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val + at, STALE_TEXT - at, fmt, ap);
	va_end(ap);
}

/* Every setting of m as the view says it; was, if given, tells what of
 * a run's run.meta was missing or bad. */
static void
view_of(const struct runmeta *m, const struct stale_was *was, struct view *v)
{
	char spec[FAULT_TEXT_MAX];
	char (*t)[STALE_TEXT] = v->v;

	put(t[K_SEED], "%" PRIu64, m->seed);
	put(t[K_VMS], "%u", (unsigned)m->vms);
	put(t[K_DURATION], "%.15g", m->duration_s);
	put(t[K_SPEED], "%.15g", m->speed);
	put(t[K_DRAW_MAX], "%u", (unsigned)m->draw_max);
	put(t[K_RATE_MIN], "%u", (unsigned)m->rate_min);
	put(t[K_RATE_MAX], "%u", (unsigned)m->rate_max);
	/* A big ring lists no rates: the seed and range say them. */
	if (!runmeta_per_vm(m))
		put(t[K_RATES], "drawn");
	for (uint32_t i = 0; i < m->vms && runmeta_per_vm(m); i++) {
		/* 0: missing or bad */
		put(t[K_RATES], "%s", i ? "," : "");
		if (m->rate[i] != 0)
			put(t[K_RATES], "%u", (unsigned)m->rate[i]);
		else
			put(t[K_RATES], "?");
	}
	put(t[K_ON_FAILURE], "%s", vmend_policy_name(m->on_failure));
	for (uint32_t i = 0; i < m->nfaults; i++) {
		fault_format(&m->fault[i], spec, sizeof spec);
		put(t[K_FAULTS], "%s%s", i ? " " : "", was != NULL &&
		    was->bad_faults & UINT32_C(1) << i ? "?" : spec);
	}
	if (m->nfaults == 0)
		put(t[K_FAULTS], "none");
	/* A run before format 3 was real, on the bare network: read so. */
	put(t[K_MODE], "%s", m->virtual ? "virtual" : "real");
	put(t[K_LATENCY_MIN], "%.15g", m->latency_min_ms);
	put(t[K_LATENCY_MAX], "%.15g", m->latency_max_ms);
	put(t[K_LOSS], "%.15g", m->loss);
	put(t[K_LOG], "%s", runmeta_log_name(m->log));
	for (int k = 0; was != NULL && k < STALE_KEYS; k++)
		if (was->shown[k][0] != '\0')
			memcpy(t[k], was->shown[k], STALE_TEXT);
}

/* The setting a key of run.meta is part of, or -1. */
static int
setting(enum runmeta_key key)
{
	static const enum runmeta_key of[STALE_KEYS] = {
		[K_SEED] = RUNMETA_KEY_SEED, [K_VMS] = RUNMETA_KEY_VMS,
		[K_DURATION] = RUNMETA_KEY_DURATION,
		[K_SPEED] = RUNMETA_KEY_SPEED,
		[K_DRAW_MAX] = RUNMETA_KEY_DRAW_MAX,
		[K_RATE_MIN] = RUNMETA_KEY_RATE_MIN,
		[K_RATE_MAX] = RUNMETA_KEY_RATE_MAX, [K_RATES] = RUNMETA_KEY_RATE,
		[K_ON_FAILURE] = RUNMETA_KEY_ON_FAILURE,
		[K_FAULTS] = RUNMETA_KEY_FAULTS, [K_MODE] = RUNMETA_KEY_MODE,
		[K_LATENCY_MIN] = RUNMETA_KEY_LATENCY_MIN,
		[K_LATENCY_MAX] = RUNMETA_KEY_LATENCY_MAX,
		[K_LOSS] = RUNMETA_KEY_LOSS, [K_LOG] = RUNMETA_KEY_LOG,
	};

	for (int k = 0; k < STALE_KEYS; k++)
		if (of[k] == key)
			return k;
	return -1;
}

/* A key missing or bad: shown as "(none)" or as written, "'ten'". */
static void
told(void *ctx, const struct runmeta_problem *p)
{
	struct stale_was *was = ctx;
	int k = setting(p->key);

	if (p->key == RUNMETA_KEY_FAULT)
		was->bad_faults |= UINT32_C(1) << p->index;
	if (k == -1 || k == K_RATES)	/* a bad rate reads 0: shown '?' */
		return;
	if (p->value == NULL)
		snprintf(was->shown[k], STALE_TEXT, "(none)");
	else
		snprintf(was->shown[k], STALE_TEXT, "'%.*s'", STALE_TEXT - 3,
		    p->value);
}

int
stale_read(const char *dir, struct stale_was *was, char *err, size_t errlen)
{
	memset(was, 0, sizeof *was);
	return meta_read(dir, &was->m, NULL, told, was, err, errlen) == -1 ?
	    -1 : 0;
}

static bool
differs(const struct view *was, const struct view *now, int k)
{
	return strcmp(was->v[k], now->v[k]) != 0;
}

/*
 * Is a difference in k one that follows from another, which says more?
 * Drawn rates follow from the seed, the ring and the range; with --rates,
 * the range follows from the rates given.
 */
static bool
explained(const struct view *was, const struct view *now, int k, bool given)
{
	if (k == K_RATES && !given)
		return differs(was, now, K_SEED) || differs(was, now, K_VMS) ||
		    differs(was, now, K_RATE_MIN) || differs(was, now, K_RATE_MAX);
	if ((k == K_RATE_MIN || k == K_RATE_MAX) && given)
		return differs(was, now, K_RATES);
	return false;
}

/* The first run to differ in a setting gives the values said. */
static void
note(struct stale *st, int k, const struct view *was, const struct view *now)
{
	for (uint32_t i = 0; i < st->ndiffs; i++)
		if (st->diff[i].key == keys[k])
			return;
	struct stale_diff *d = &st->diff[st->ndiffs++];
	d->key = keys[k];
	d->source = k == K_SPEED ? "--speed" : "the file";
	memcpy(d->was, was->v[k], STALE_TEXT);
	memcpy(d->now, now->v[k], STALE_TEXT);
}

int
stale_judge(const struct stale_was *w, const struct experiment *e,
    uint32_t repeat, double speed, struct stale *st, char *err,
    size_t errlen)
{
	struct view was = { 0 }, now = { 0 };
	struct runmeta *m = malloc(sizeof *m);
	struct exprun_args a;
	struct run_opts o;
	char why[256];
	bool stale = false;

	if (m == NULL)
		return errmsg_set(err, errlen, "out of memory");
	exprun_args(e, repeat, speed, ".", &a);
	if (options_run(a.argc - 2, a.argv + 2, &o, why, sizeof why) != 0) {
		free(m);
		return errmsg_set(err, errlen, "%s: %s", e->name, why);
	}
	if (metafile_settings(&o, o.seed, m) == -1) {
		free(m);
		return errmsg_set(err, errlen, "out of memory");
	}
	view_of(m, NULL, &now);
	view_of(&w->m, w, &was);
	free(m);
	for (int k = 0; k < STALE_KEYS; k++) {
		if (!differs(&was, &now, k))
			continue;
		stale = true;
		if (!explained(&was, &now, k, o.nrates > 0))
			note(st, k, &was, &now);
	}
	st->runs += stale;
	return stale;
}

void
stale_say(const struct stale *st, FILE *f)
{
	fprintf(f, "%u finished run%s made with ", (unsigned)st->runs,
	    st->runs == 1 ? " was" : "s were");
	for (uint32_t i = 0; i < st->ndiffs; i++) {
		const struct stale_diff *d = &st->diff[i];
		fprintf(f, "%s%s %s, %s now says %s", i ? ", and with " : "",
		    d->key, d->was, d->source, d->now);
	}
}

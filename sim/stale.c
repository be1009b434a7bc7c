/* sim/stale.c -- was a finished run made with the settings the suite would use now? */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analysis/errmsg.h"
#include "analysis/meta.h"
#include "sim/expfile.h"
#include "sim/options.h"
#include "sim/orch.h"
#include "sim/stale.h"
#include "vm/core/fault.h"

/*
 * A run is what its own run.meta says it was. The suite keeps a finished
 * run only when that record matches what it would run now, read by the
 * same option parser and rate draw that `clockring run` uses, so the two
 * cannot disagree on a default or a spelling. Every setting that changes a
 * result is compared; where the VMs listen (bind, ports) and how long they
 * wait to link are not.
 */

enum { K_SEED, K_VMS, K_DURATION, K_SPEED, K_DRAW_MAX, K_RATE_MIN,
    K_RATE_MAX, K_RATES, K_ON_FAILURE, K_FAULTS };

/* run.meta's names; "rates" stands for vmI.rate, "faults" for faultI. */
static const char *const keys[STALE_KEYS] = {
	"seed", "vms", "duration_s", "speed", "draw_max", "rate_min",
	"rate_max", "rates", "on_failure", "faults",
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

static void
view_now(const struct run_opts *o, struct view *now)
{
	uint32_t rates[OPT_MAX_VMS], lo, hi;
	char spec[FAULT_TEXT_MAX];
	char (*v)[STALE_TEXT] = now->v;

	orch_rates(o, o->seed, rates, &lo, &hi);
	put(v[K_SEED], "%" PRIu64, o->seed);
	put(v[K_VMS], "%u", (unsigned)o->vms);
	put(v[K_DURATION], "%.15g", o->duration_s);
	put(v[K_SPEED], "%.15g", o->speed);
	put(v[K_DRAW_MAX], "%u", (unsigned)o->draw_max);
	put(v[K_RATE_MIN], "%u", (unsigned)lo);
	put(v[K_RATE_MAX], "%u", (unsigned)hi);
	for (uint32_t i = 0; i < o->vms; i++)
		put(v[K_RATES], "%s%u", i ? "," : "", (unsigned)rates[i]);
	put(v[K_ON_FAILURE], "%s", vmend_policy_name(o->on_failure));
	for (uint32_t i = 0; i < o->faults.n; i++) {
		fault_format(&o->faults.f[i], spec, sizeof spec);
		put(v[K_FAULTS], "%s%s", i ? " " : "", spec);
	}
	if (o->faults.n == 0)
		put(v[K_FAULTS], "none");
}

/* A whole number of run.meta, or how it is missing or wrong. */
static void
was_u64(const struct meta *m, const char *key, char *val)
{
	char why[128];
	uint64_t n;

	if (meta_u64(m, key, &n, why, sizeof why) == 0)
		put(val, "%" PRIu64, n);
	else if (meta_get(m, key) == NULL)
		put(val, "(none)");
	else
		put(val, "'%s'", meta_get(m, key));
}

static void
was_double(const struct meta *m, const char *key, char *val)
{
	char why[128];
	double d;

	if (meta_double(m, key, &d, why, sizeof why) == 0)
		put(val, "%.15g", d);
	else
		was_u64(m, key, val);	/* says what is missing or wrong */
}

/* Each VM's rate, as many as run.meta's vms says. */
static void
was_rates(const struct meta *m, char *val)
{
	char key[32], why[128];
	uint64_t vms, rate;

	if (meta_u64(m, "vms", &vms, why, sizeof why) == -1)
		vms = 0;
	for (uint64_t i = 0; i < vms && i < OPT_MAX_VMS; i++) {
		snprintf(key, sizeof key, "vm%" PRIu64 ".rate", i);
		if (meta_u64(m, key, &rate, why, sizeof why) == 0)
			put(val, "%s%" PRIu64, i ? "," : "", rate);
		else
			put(val, "%s?", i ? "," : "");
	}
}

/* Each fault in its one spelling; a run of format 1 had none. */
static void
was_faults(const struct meta *m, bool v1, char *val)
{
	char key[32], why[128], spec[FAULT_TEXT_MAX];
	const char *text;
	struct fault f;
	uint64_t n;

	if (v1 && meta_get(m, "faults") == NULL)
		n = 0;
	else if (meta_u64(m, "faults", &n, why, sizeof why) == -1) {
		was_u64(m, "faults", val);
		return;
	}
	for (uint64_t i = 0; i < n && i < FAULT_MAX; i++) {
		snprintf(key, sizeof key, "fault%" PRIu64, i);
		text = meta_get(m, key);
		if (text != NULL && fault_parse(text, &f, why, sizeof why) == 0)
			fault_format(&f, spec, sizeof spec);
		else
			snprintf(spec, sizeof spec, "%s", text ? text : "?");
		put(val, "%s%s", i ? " " : "", spec);
	}
	if (n == 0)
		put(val, "none");
}

static void
view_was(const struct meta *m, struct view *was)
{
	const char *format = meta_get(m, "format");
	bool v1 = format != NULL && strcmp(format, "1") == 0;
	const char *policy = meta_get(m, "on_failure");
	char (*v)[STALE_TEXT] = was->v;

	was_u64(m, "seed", v[K_SEED]);
	was_u64(m, "vms", v[K_VMS]);
	was_double(m, "duration_s", v[K_DURATION]);
	was_double(m, "speed", v[K_SPEED]);
	was_u64(m, "draw_max", v[K_DRAW_MAX]);
	was_u64(m, "rate_min", v[K_RATE_MIN]);
	was_u64(m, "rate_max", v[K_RATE_MAX]);
	was_rates(m, v[K_RATES]);
	put(v[K_ON_FAILURE], "%s", policy ? policy : v1 ? "stop" : "(none)");
	was_faults(m, v1, v[K_FAULTS]);
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
stale_judge(const struct meta *m, const struct experiment *e,
    uint32_t repeat, double speed, struct stale *st, char *err,
    size_t errlen)
{
	struct view was = { 0 }, now = { 0 };
	struct exp_args a;
	struct run_opts o;
	char why[256];
	bool stale = false;

	expfile_args(e, repeat, speed, ".", &a);
	if (options_run(a.argc - 2, a.argv + 2, &o, why, sizeof why) != 0)
		return errmsg_set(err, errlen, "%s: %s", e->name, why);
	view_now(&o, &now);
	view_was(m, &was);
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

/* analysis/compare/compare_set.c -- what each run was run with, from its own run.meta: gathered per experiment and told in words */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare/compare_set.h"
#include "analysis/rundir/runinfo.h"
#include "lib/errmsg.h"
#include "vm/core/fault.h"
#include "vm/core/vmend.h"

/*
 * An experiment file may be edited after its runs were made, so every
 * setting the comparison and the report tell comes from the runs' own
 * run.meta files; where the repeats of one experiment disagree, each
 * value is told with its repeats rather than one picked.
 */

/* How each setting reads in a list: "%s" is its value. */
static const struct {
	const char *name;	/* "clock rates" */
	const char *phrase;	/* "clock rates %s ticks/s" */
} info[SET_N] = {
	[SET_RATES] = { "clock rates", "clock rates %s ticks/s" },
	[SET_DRAW] = { "idle draws", "idle draws %s" },
	[SET_VMS] = { "number of VMs", "%s VMs" },
	[SET_DURATION] = { "model seconds", "%s model seconds" },
	[SET_SPEED] = { "speed", "speed %s" },
	[SET_FAULTS] = { "faults", "faults %s" },
	[SET_FAILURE] = { "failure policy", "on failure %s" },
};

/* The order of a description: the ring first, then how it ran. */
static const int reading[SET_N] = { SET_VMS, SET_RATES, SET_DRAW,
	SET_DURATION, SET_SPEED, SET_FAULTS, SET_FAILURE };

/* "kill:2@20, pause:1@5+3": the faults in their one spelling. */
static char *
faults_text(const struct runmeta *m)
{
	char spec[FAULT_TEXT_MAX], *text = NULL;
	size_t n;
	FILE *f = open_memstream(&text, &n);

	if (f == NULL)
		return NULL;
	for (uint32_t i = 0; i < m->nfaults; i++) {
		fault_format(&m->fault[i], spec, sizeof spec);
		fprintf(f, "%s%s", i ? ", " : "", spec);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int
compare_set_load(struct compare_set *s, const struct runinfo *ri,
    char *why, size_t len)
{
	static const enum runmeta_key used[] = { RUNMETA_KEY_RATE_MIN,
		RUNMETA_KEY_RATE_MAX, RUNMETA_KEY_ON_FAILURE };
	const struct runmeta *m = ri->meta;

	memset(s, 0, sizeof *s);
	if (runinfo_need(ri, used, sizeof used / sizeof used[0], why,
	    len) == -1)
		return -1;
	s->rate_min = m->rate_min;
	s->rate_max = m->rate_max;
	s->draw_max = m->draw_max;
	s->vms = ri->nvms;
	s->duration_s = ri->duration_s;
	s->speed = ri->speed;
	s->on_failure = m->on_failure;	/* format 1, from before
					 * --on-failure, always stopped */
	if ((s->faults = faults_text(m)) == NULL)
		return errmsg_set(why, len, "out of memory");
	return 0;
}

void
compare_set_free(struct compare_set *s)
{
	free(s->faults);
	memset(s, 0, sizeof *s);
}

static int
same(const struct compare_set *a, const struct compare_set *b, int k)
{
	switch (k) {
	case SET_RATES:
		return a->rate_min == b->rate_min && a->rate_max == b->rate_max;
	case SET_DRAW:
		return a->draw_max == b->draw_max;
	case SET_VMS:
		return a->vms == b->vms;
	case SET_DURATION:
		return a->duration_s == b->duration_s;
	case SET_SPEED:
		return a->speed == b->speed;
	case SET_FAULTS:
		return strcmp(a->faults, b->faults) == 0;
	default:
		return a->on_failure == b->on_failure;
	}
}

unsigned
compare_set_mixed(const struct compare_exp *e)
{
	unsigned mixed = 0;

	for (int k = 0; k < SET_N; k++)
		for (uint32_t r = 1; r < e->repeat; r++)
			if (!same(&e->runs[r].set, &e->runs[0].set, k))
				mixed |= 1u << k;
	return mixed;
}

/* One run's setting k, a bare value. */
static void
value(FILE *f, const struct compare_set *s, int k)
{
	switch (k) {
	case SET_RATES:
		if (s->rate_min == s->rate_max)
			fprintf(f, "%" PRIu32, s->rate_min);
		else
			fprintf(f, "%" PRIu32 "-%" PRIu32, s->rate_min,
			    s->rate_max);
		break;
	case SET_DRAW:
		fprintf(f, "1-%" PRIu32, s->draw_max);
		break;
	case SET_VMS:
		fprintf(f, "%" PRIu32, s->vms);
		break;
	case SET_DURATION:	/* as run.meta writes them, exactly */
		fprintf(f, "%.15g", s->duration_s);
		break;
	case SET_SPEED:
		fprintf(f, "%.15g", s->speed);
		break;
	case SET_FAULTS:
		fputs(*s->faults ? s->faults : "none", f);
		break;
	default:
		fputs(vmend_policy_name(s->on_failure), f);
	}
}

/* ", " between items of a list of n, " and " (or last) before the last. */
static void
join(FILE *f, size_t i, size_t n, const char *last)
{
	fputs(i == 0 ? "" : i + 1 == n ? last : ", ", f);
}

/* Did a repeat before r have the setting k of repeat r? */
static int
seen(const struct compare_exp *e, uint32_t r, int k)
{
	for (uint32_t q = 0; q < r; q++)
		if (same(&e->runs[q].set, &e->runs[r].set, k))
			return 1;
	return 0;
}

/* "(repeats 1 and 2)": the repeats sharing repeat r's setting k. */
static void
repeats_like(FILE *f, const struct compare_exp *e, uint32_t r, int k)
{
	size_t n = 0, i = 0;

	for (uint32_t q = r; q < e->repeat; q++)
		n += same(&e->runs[q].set, &e->runs[r].set, k);
	fprintf(f, " (repeat%s ", n > 1 ? "s" : "");
	for (uint32_t q = r; q < e->repeat; q++)
		if (same(&e->runs[q].set, &e->runs[r].set, k)) {
			join(f, i++, n, " and ");
			fprintf(f, "%" PRIu32, e->runs[q].repeat);
		}
	fputc(')', f);
}

/* Setting k of e: its value, or each of its values with their repeats. */
static void
put(FILE *f, const struct compare_exp *e, unsigned k)
{
	size_t n = 0, i = 0;

	if (!(e->mixed & 1u << k)) {
		value(f, e->set, (int)k);
		return;
	}
	for (uint32_t r = 0; r < e->repeat; r++)
		n += !seen(e, r, (int)k);
	for (uint32_t r = 0; r < e->repeat; r++) {
		if (seen(e, r, (int)k))
			continue;
		join(f, i++, n, " or ");
		value(f, &e->runs[r].set, (int)k);
		repeats_like(f, e, r, (int)k);
	}
}

/* How many of the SET_N bits of which are set. */
static size_t
count(unsigned which)
{
	size_t n = 0;

	for (int k = 0; k < SET_N; k++)
		n += (which >> k) & 1;
	return n;
}

/* The settings in which, each with its name as info[].phrase has it. */
static void
describe(FILE *f, const struct compare_exp *e, unsigned which)
{
	size_t i = 0;

	for (int j = 0; j < SET_N; j++) {
		int k = reading[j];
		if (!(which & 1u << k))
			continue;
		const char *p = info[k].phrase, *at = strstr(p, "%s");
		fputs(i++ ? "; " : "", f);
		if (k == SET_FAULTS && !(e->mixed & 1u << k) &&
		    *e->set->faults == '\0') {
			fputs("no faults", f);
			continue;
		}
		fprintf(f, "%.*s", (int)(at - p), p);
		put(f, e, (unsigned)k);
		fputs(at + 2, f);
	}
}

static void
names(FILE *f, const struct compare_exp *e, unsigned which)
{
	size_t n = count(which), i = 0;

	(void)e;
	for (int j = 0; j < SET_N; j++)
		if (which & 1u << reading[j]) {
			join(f, i++, n, " and ");
			fputs(info[reading[j]].name, f);
		}
}

typedef void put_fn(FILE *f, const struct compare_exp *e, unsigned arg);

/* What fn writes, into buf; cut short where it does not fit. */
static void
into(char *buf, size_t len, put_fn *fn, const struct compare_exp *e,
    unsigned arg)
{
	FILE *f = fmemopen(buf, len, "w");

	buf[0] = '\0';
	if (f == NULL)
		return;
	fn(f, e, arg);
	fclose(f);
}

void
compare_set_text(char *buf, size_t len, const struct compare_exp *e, int k)
{
	into(buf, len, put, e, (unsigned)k);
}

void
compare_set_describe(char *buf, size_t len, const struct compare_exp *e,
    unsigned which)
{
	into(buf, len, describe, e, which);
}

void
compare_set_names(char *buf, size_t len, unsigned which)
{
	into(buf, len, names, NULL, which);
}

bool
compare_set_differ(const struct compare_exp *a, const struct compare_exp *b,
    int k)
{
	char ta[COMPARE_SET_TEXT], tb[COMPARE_SET_TEXT];

	if (!(a->mixed & 1u << k) && !(b->mixed & 1u << k))
		return !same(a->set, b->set, k);
	compare_set_text(ta, sizeof ta, a, k);
	compare_set_text(tb, sizeof tb, b, k);
	return strcmp(ta, tb) != 0;
}

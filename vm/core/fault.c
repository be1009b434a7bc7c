/* vm/core/fault.c -- faults injected on purpose: their spec text and what it means */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "vm/core/fault.h"
#include "vm/core/num.h"

/*
 * The grammar, one spelling per kind (times in model seconds):
 *
 *	kill:V@T	pause:V@T+D	slow:A->B@T+D:DELAY
 *	partition:SIDE|SIDE@T+D		SIDE: ids and ranges, 0-3,7
 *
 * DELAY carries its unit, ms or s, because "200" alone reads as either.
 * Numbers are plain decimals: no signs, exponents, hex, inf or nan, so a
 * spec means the same to every reader of run.meta.
 */

#define SYNTAX "expected kill:V@T, pause:V@T+D, slow:A->B@T+D:DELAY or " \
    "partition:A,B|C-D@T+D"

/* A plain decimal at *s (vm/num.h). Advances *s. */
static bool
number(const char **s, double *v)
{
	size_t n = num_scan(*s, v);

	*s += n;
	return n > 0;
}

/* A VM id at *s: digits only, below 2^32. Advances *s. */
static bool
vm_id(const char **s, uint32_t *id)
{
	uint64_t v;
	size_t n = num_scan_uint(*s, &v);

	if (n == 0 || v > UINT32_MAX)
		return false;
	*id = (uint32_t)v;
	*s += n;
	return true;
}

static bool
skip(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

static int
bad(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	return -1;
}

/* DELAY, the rest of the spec: a number and its unit, ms or s. */
static int
delay(const char *s, double *v, char *err, size_t errlen)
{
	size_t n = num_scan(s, v);

	if (n == 0)
		return bad(err, errlen, SYNTAX);
	if (strcmp(s + n, "ms") == 0)
		*v /= 1000;
	else if (strcmp(s + n, "s") != 0) {
		/* "200" alone, the commonest slip, gets more than the grammar. */
		snprintf(err, errlen, "DELAY '%.32s' needs its unit right after "
		    "the number, ms or s (200ms, 1.5s)", s);
		return -1;
	}
	return 0;
}

/* slow:A->B@T+D:DELAY, from A on. */
static int
parse_slow(const char *s, struct fault *f, char *err, size_t errlen)
{
	if (!vm_id(&s, &f->vm) || !skip(&s, "->") || !vm_id(&s, &f->to) ||
	    !skip(&s, "@") || !number(&s, &f->at_s) || !skip(&s, "+") ||
	    !number(&s, &f->for_s) || !skip(&s, ":"))
		return bad(err, errlen, SYNTAX);
	return delay(s, &f->delay_s, err, errlen);
}

/* Keep ranges sorted and apart: one spelling, however they were given. */
static void
add_range(struct fault_range *r, uint32_t *n, uint32_t lo, uint32_t hi)
{
	uint32_t i = 0, j;

	while (i < *n && r[i].hi + 1 < lo)
		i++;
	for (j = i; j < *n && r[j].lo <= hi + 1; j++) {
		lo = r[j].lo < lo ? r[j].lo : lo;
		hi = r[j].hi > hi ? r[j].hi : hi;
	}
	memmove(&r[i + 1], &r[j], (*n - j) * sizeof *r);
	*n -= j - i - 1;
	r[i] = (struct fault_range){ lo, hi };
}

/* One side of a partition, up to the character stop: ids and ranges. */
static int
parse_side(const char **s, char stop, struct fault *f, int k, char *err,
    size_t errlen)
{
	uint32_t lo, hi;

	do {
		if (!vm_id(s, &lo))
			return bad(err, errlen, SYNTAX);
		hi = lo;
		if (skip(s, "-") && !vm_id(s, &hi))
			return bad(err, errlen, SYNTAX);
		if (hi < lo)
			return bad(err, errlen, "a range must go up, as in 2-5");
		if (f->nside[k] == FAULT_RANGES)
			return bad(err, errlen, "a side may list at most 8 ids "
			    "or ranges");
		add_range(f->side[k], &f->nside[k], lo, hi);
	} while (skip(s, ","));
	return **s == stop ? 0 : bad(err, errlen, SYNTAX);
}

/* partition:SIDE|SIDE@T+D, from the first side on. */
static int
parse_partition(const char *s, struct fault *f, char *err, size_t errlen)
{
	if (parse_side(&s, '|', f, 0, err, errlen) == -1 || !skip(&s, "|") ||
	    parse_side(&s, '@', f, 1, err, errlen) == -1 || !skip(&s, "@"))
		return -1;	/* parse_side said why; the rest cannot fail */
	if (!number(&s, &f->at_s) || !skip(&s, "+") ||
	    !number(&s, &f->for_s) || *s != '\0')
		return bad(err, errlen, SYNTAX);
	return 0;
}

/* What the grammar allows but a fault cannot be. */
static int
nonempty(const struct fault *f, char *err, size_t errlen)
{
	if (f->kind != FAULT_KILL && f->for_s <= 0)
		return bad(err, errlen, "the duration after + must be above 0");
	if (f->kind == FAULT_SLOW && f->delay_s <= 0)
		return bad(err, errlen, "the delay must be above 0");
	return 0;
}

int
fault_parse(const char *spec, struct fault *f, char *err, size_t errlen)
{
	const char *s = spec;
	bool ok;

	memset(f, 0, sizeof *f);
	if (skip(&s, "kill:")) {
		f->kind = FAULT_KILL;
		ok = vm_id(&s, &f->vm) && skip(&s, "@") && number(&s, &f->at_s);
	} else if (skip(&s, "pause:")) {
		f->kind = FAULT_PAUSE;
		ok = vm_id(&s, &f->vm) && skip(&s, "@") && number(&s, &f->at_s) &&
		    skip(&s, "+") && number(&s, &f->for_s);
	} else if (skip(&s, "slow:")) {
		f->kind = FAULT_SLOW;
		if (parse_slow(s, f, err, errlen) == -1)
			return -1;
		return nonempty(f, err, errlen);
	} else if (skip(&s, "partition:")) {
		f->kind = FAULT_PARTITION;
		if (parse_partition(s, f, err, errlen) == -1)
			return -1;
		return nonempty(f, err, errlen);
	} else {
		return bad(err, errlen, SYNTAX);
	}
	if (!ok || *s != '\0')
		return bad(err, errlen, SYNTAX);
	return nonempty(f, err, errlen);
}

/* A side's ranges, "0-3,7", at the end of buf. */
static void
put_side(char *buf, size_t len, const struct fault *f, int k)
{
	for (uint32_t i = 0; i < f->nside[k]; i++) {
		size_t at = strlen(buf);
		const struct fault_range *r = &f->side[k][i];
		if (r->lo == r->hi)
			snprintf(buf + at, len - at, "%s%u", i ? "," : "",
			    (unsigned)r->lo);
		else
			snprintf(buf + at, len - at, "%s%u-%u", i ? "," : "",
			    (unsigned)r->lo, (unsigned)r->hi);
	}
}

/* Numbers as num_format writes them: %g would write 1e-05, which no
 * reader of run.meta takes back. */
void
fault_format(const struct fault *f, char *buf, size_t len)
{
	char at[NUM_TEXT_MAX], dur[NUM_TEXT_MAX], ms[NUM_TEXT_MAX];

	num_format(at, sizeof at, f->at_s);
	num_format(dur, sizeof dur, f->for_s);
	num_format(ms, sizeof ms, f->delay_s * 1000);
	switch (f->kind) {
	case FAULT_KILL:
		snprintf(buf, len, "kill:%u@%s", (unsigned)f->vm, at);
		break;
	case FAULT_PAUSE:
		snprintf(buf, len, "pause:%u@%s+%s", (unsigned)f->vm, at, dur);
		break;
	case FAULT_SLOW:
		snprintf(buf, len, "slow:%u->%u@%s+%s:%sms", (unsigned)f->vm,
		    (unsigned)f->to, at, dur, ms);
		break;
	case FAULT_PARTITION:
		snprintf(buf, len, "partition:");
		put_side(buf, len, f, 0);
		snprintf(buf + strlen(buf), len - strlen(buf), "|");
		put_side(buf, len, f, 1);
		snprintf(buf + strlen(buf), len - strlen(buf), "@%s+%s", at, dur);
		break;
	}
}

static bool
on_side(const struct fault *f, int k, uint32_t vm)
{
	for (uint32_t i = 0; i < f->nside[k]; i++)
		if (vm >= f->side[k][i].lo && vm <= f->side[k][i].hi)
			return true;
	return false;
}

bool
fault_parts(const struct fault *f, uint32_t a, uint32_t b)
{
	return f->kind == FAULT_PARTITION && ((on_side(f, 0, a) &&
	    on_side(f, 1, b)) || (on_side(f, 1, a) && on_side(f, 0, b)));
}

/* Both sides within the ring, and no VM on both. */
static int
sides_fit(const struct fault *f, uint32_t vms, char *err, size_t errlen)
{
	for (int k = 0; k < 2; k++) {
		uint32_t top = f->side[k][f->nside[k] - 1].hi;
		if (top >= vms) {
			snprintf(err, errlen, "no vm %u in a ring of %u",
			    (unsigned)top, (unsigned)vms);
			return -1;
		}
	}
	for (uint32_t i = 0; i < f->nside[0]; i++)
		for (uint32_t v = f->side[0][i].lo; v <= f->side[0][i].hi; v++)
			if (on_side(f, 1, v)) {
				snprintf(err, errlen, "vm %u is on both sides",
				    (unsigned)v);
				return -1;
			}
	return 0;
}

int
fault_fits(const struct fault *f, uint32_t vms, double duration_s,
    char *err, size_t errlen)
{
	uint32_t next = (f->vm + 1) % vms, prev = (f->vm + vms - 1) % vms;

	if (f->kind == FAULT_PARTITION && sides_fit(f, vms, err, errlen) == -1)
		return -1;
	if (f->vm >= vms || (f->kind == FAULT_SLOW && f->to >= vms)) {
		snprintf(err, errlen, "no vm %u in a ring of %u",
		    (unsigned)(f->vm >= vms ? f->vm : f->to), (unsigned)vms);
		return -1;
	}
	if (f->kind == FAULT_SLOW && f->to != next && f->to != prev) {
		snprintf(err, errlen, "vm %u and vm %u are not ring neighbours",
		    (unsigned)f->vm, (unsigned)f->to);
		return -1;
	}
	if (f->at_s >= duration_s) {
		snprintf(err, errlen, "starts at or after the end of the run "
		    "(--duration %g)", duration_s);
		return -1;
	}
	/* A VM still stopped at the end could not say goodbye to its peers. */
	if (f->kind == FAULT_PAUSE && f->at_s + f->for_s > duration_s) {
		snprintf(err, errlen, "the pause goes past the end of the run "
		    "(--duration %g)", duration_s);
		return -1;
	}
	return 0;
}

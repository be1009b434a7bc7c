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
 *
 * DELAY carries its unit, ms or s, because "200" alone reads as either.
 * Numbers are plain decimals: no signs, exponents, hex, inf or nan, so a
 * spec means the same to every reader of run.meta.
 */

#define SYNTAX "expected kill:V@T, pause:V@T+D or slow:A->B@T+D:DELAY"

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
	} else {
		return bad(err, errlen, SYNTAX);
	}
	if (!ok || *s != '\0')
		return bad(err, errlen, SYNTAX);
	return nonempty(f, err, errlen);
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
	}
}

int
fault_fits(const struct fault *f, uint32_t vms, double duration_s,
    char *err, size_t errlen)
{
	uint32_t next = (f->vm + 1) % vms, prev = (f->vm + vms - 1) % vms;

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

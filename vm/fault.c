/* vm/fault.c -- faults injected on purpose: their spec text and what it means */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/fault.h"

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

/* A plain decimal at *s: digits, an optional fraction. Advances *s. */
static bool
number(const char **s, double *v)
{
	const char *p = *s;
	size_t n = strspn(p, "0123456789");

	if (n == 0)
		return false;
	p += n;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		if (frac == 0)
			return false;
		p += 1 + frac;
	}
	char buf[64];
	if ((size_t)(p - *s) >= sizeof buf)
		return false;
	memcpy(buf, *s, (size_t)(p - *s));
	buf[p - *s] = '\0';
	*v = strtod(buf, NULL);
	*s = p;
	return isfinite(*v);
}

/* A VM id at *s: digits only, below 2^32. Advances *s. */
static bool
vm_id(const char **s, uint32_t *id)
{
	size_t n = strspn(*s, "0123456789");
	char *end;

	if (n == 0 || n > 10)
		return false;
	errno = 0;
	unsigned long long v = strtoull(*s, &end, 10);
	if (errno != 0 || v > UINT32_MAX)
		return false;
	*id = (uint32_t)v;
	*s = end;
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

/* DELAY: a number and its unit. */
static bool
delay(const char **s, double *v)
{
	if (!number(s, v))
		return false;
	if (skip(s, "ms"))
		*v /= 1000;
	else if (!skip(s, "s"))
		return false;
	return true;
}

static int
bad(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	return -1;
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
		ok = vm_id(&s, &f->vm) && skip(&s, "->") && vm_id(&s, &f->to) &&
		    skip(&s, "@") && number(&s, &f->at_s) && skip(&s, "+") &&
		    number(&s, &f->for_s) && skip(&s, ":") && delay(&s, &f->delay_s);
	} else {
		return bad(err, errlen, SYNTAX);
	}
	if (!ok || *s != '\0')
		return bad(err, errlen, SYNTAX);
	if (f->kind != FAULT_KILL && f->for_s <= 0)
		return bad(err, errlen, "the duration after + must be above 0");
	if (f->kind == FAULT_SLOW && f->delay_s <= 0)
		return bad(err, errlen, "the delay must be above 0");
	return 0;
}

void
fault_format(const struct fault *f, char *buf, size_t len)
{
	switch (f->kind) {
	case FAULT_KILL:
		snprintf(buf, len, "kill:%u@%.15g", (unsigned)f->vm, f->at_s);
		break;
	case FAULT_PAUSE:
		snprintf(buf, len, "pause:%u@%.15g+%.15g", (unsigned)f->vm,
		    f->at_s, f->for_s);
		break;
	case FAULT_SLOW:
		snprintf(buf, len, "slow:%u->%u@%.15g+%.15g:%.15gms",
		    (unsigned)f->vm, (unsigned)f->to, f->at_s, f->for_s,
		    f->delay_s * 1000);
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

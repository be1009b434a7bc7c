/* tests/exportcheck.h -- reads clockring's ShiViz and Perfetto exports back and checks them, knowing nothing of how they were made */
#ifndef TESTS_EXPORTCHECK_H
#define TESTS_EXPORTCHECK_H

#include <ctype.h>
#include <inttypes.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Shared by the unit tests (tests/check_export.c) and the e2e tests'
 * tool (tests/tools/exportcheck.c). A strict JSON reader (RFC 8259: no
 * trailing comma, no bare word, nothing after the value), then the rules
 * each viewer holds the file to, recomputed from the file alone:
 *  - ShiViz: every line after the first two matches the expression of
 *    line 1 (its named groups dropped: a POSIX ERE); each host's own
 *    entry starts at 1 and rises by exactly 1; each clock is the
 *    element-wise max of the host's previous clock and, for a RECV, the
 *    clock of the SEND its text names, then its own entry + 1.
 *  - Perfetto: valid JSON, {"traceEvents": [...]}; every pid named by a
 *    process_name event; every slice has the args lamport, vector,
 *    queue_len, kind, seq; every flow has one start and at least one end,
 *    the end no earlier than the start; the vectors and Lamport clocks
 *    follow their rules along each track and each arrow; the counters
 *    repeat the slices' Lamport clock and queue length.
 */

#define XC_MAXVM	256

struct xc_stats {
	size_t events;		/* ticks */
	size_t hosts;		/* VMs with a tick (ShiViz) or named (Perfetto) */
	size_t recvs;		/* RECVs matched with their SEND */
	size_t flows;		/* Perfetto: flow ends */
};

__attribute__((format(printf, 3, 4))) static inline int
xc_fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- a strict JSON reader ---- */

struct xc_json {
	const char *p, *end, *start;
	char why[160];
};

static inline void
xc_ws(struct xc_json *j)
{
	while (j->p < j->end && strchr(" \t\r\n", *j->p) != NULL)
		j->p++;
}

static inline int
xc_bad(struct xc_json *j, const char *what)
{
	if (j->why[0] == '\0')
		snprintf(j->why, sizeof j->why, "byte %ld: %s",
		    (long)(j->p - j->start), what);
	return -1;
}

/* A string into out (escapes kept as read, cut to len - 1). */
static inline int
xc_string(struct xc_json *j, char *out, size_t len)
{
	size_t n = 0;

	xc_ws(j);
	if (j->p == j->end || *j->p != '"')
		return xc_bad(j, "a string expected");
	for (j->p++; j->p < j->end && *j->p != '"'; j->p++) {
		unsigned char c = (unsigned char)*j->p;
		if (c < 0x20)
			return xc_bad(j, "a control character in a string");
		if (c == '\\') {
			if (++j->p == j->end || strchr("\"\\/bfnrtu", *j->p) == NULL)
				return xc_bad(j, "a bad escape");
			if (*j->p == 'u')
				for (int k = 0; k < 4; k++)
					if (++j->p == j->end || !isxdigit((unsigned char)*j->p))
						return xc_bad(j, "a bad \\u escape");
		}
		if (out != NULL && n + 1 < len)
			out[n++] = (char)c;
	}
	if (j->p == j->end)
		return xc_bad(j, "a string not closed");
	j->p++;
	if (out != NULL)
		out[n] = '\0';
	return 0;
}

static inline int
xc_digits(struct xc_json *j)
{
	const char *s = j->p;

	while (j->p < j->end && isdigit((unsigned char)*j->p))
		j->p++;
	return j->p > s ? 0 : xc_bad(j, "digits expected");
}

/* A number as JSON has it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static inline int
xc_number(struct xc_json *j, double *v)
{
	const char *s;

	xc_ws(j);
	s = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (xc_digits(j) == -1)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (xc_digits(j) == -1)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (xc_digits(j) == -1)
			return -1;
	}
	if (v != NULL) {
		char buf[64];
		size_t n = (size_t)(j->p - s);
		if (n >= sizeof buf)
			return xc_bad(j, "a number too long");
		memcpy(buf, s, n);
		buf[n] = '\0';
		*v = strtod(buf, NULL);
	}
	return 0;
}

static inline int
xc_word(struct xc_json *j, const char *w)
{
	size_t n = strlen(w);

	xc_ws(j);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return xc_bad(j, "a value expected");
	j->p += n;
	return 0;
}

/* true or false into *b. */
static inline int
xc_bool(struct xc_json *j, int *b)
{
	xc_ws(j);
	*b = j->p < j->end && *j->p == 't';
	return xc_word(j, *b ? "true" : "false");
}

typedef int xc_member_fn(struct xc_json *j, const char *key, void *ctx);

static inline int xc_value(struct xc_json *j, int depth);

/* An object, each member's value read by fn (or skipped, fn NULL). */
static inline int
xc_object(struct xc_json *j, xc_member_fn *fn, void *ctx, int depth)
{
	char key[64];

	xc_ws(j);
	if (j->p == j->end || *j->p != '{')
		return xc_bad(j, "an object expected");
	j->p++;
	xc_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		if (xc_string(j, key, sizeof key) == -1)
			return -1;
		xc_ws(j);
		if (j->p == j->end || *j->p != ':')
			return xc_bad(j, "':' expected");
		j->p++;
		if ((fn != NULL ? fn(j, key, ctx) : xc_value(j, depth + 1)) == -1)
			return -1;
		xc_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		return xc_bad(j, "',' or '}' expected");
	}
}

typedef int xc_element_fn(struct xc_json *j, void *ctx);

static inline int
xc_array(struct xc_json *j, xc_element_fn *fn, void *ctx, int depth)
{
	xc_ws(j);
	if (j->p == j->end || *j->p != '[')
		return xc_bad(j, "an array expected");
	j->p++;
	xc_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		if ((fn != NULL ? fn(j, ctx) : xc_value(j, depth + 1)) == -1)
			return -1;
		xc_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		return xc_bad(j, "',' or ']' expected");
	}
}

static inline int
xc_value(struct xc_json *j, int depth)
{
	int b;

	if (depth > 64)
		return xc_bad(j, "nested too deep");
	xc_ws(j);
	if (j->p == j->end)
		return xc_bad(j, "a value expected, the end found");
	switch (*j->p) {
	case '{': return xc_object(j, NULL, NULL, depth);
	case '[': return xc_array(j, NULL, NULL, depth);
	case '"': return xc_string(j, NULL, 0);
	case 't': case 'f': return xc_bool(j, &b);
	case 'n': return xc_word(j, "null");
	default: return xc_number(j, NULL);
	}
}

/* Nothing but blanks may follow the value. */
static inline int
xc_end(struct xc_json *j)
{
	xc_ws(j);
	return j->p == j->end ? 0 : xc_bad(j, "text after the JSON value");
}

/* ---- vector clocks, recomputed ---- */

/* "vmK" as K, or -1. */
static inline int
xc_vm(const char *s)
{
	char *e;
	long k;

	if (strncmp(s, "vm", 2) != 0 || !isdigit((unsigned char)s[2]))
		return -1;
	k = strtol(s + 2, &e, 10);
	return *e == '\0' && k < XC_MAXVM ? (int)k : -1;
}

/*
 * What the clock of a tick of host h must be: its previous clock (prev,
 * zeros before its first), merged with the SEND's (send, or NULL), then
 * h's own entry + 1.
 */
static inline void
xc_expect(uint32_t *want, const uint32_t *prev, const uint32_t *send,
    size_t n, size_t h)
{
	for (size_t k = 0; k < n; k++)
		want[k] = send != NULL && send[k] > prev[k] ? send[k] : prev[k];
	want[h]++;
}

/*
 * The SENDs seen so far, found by (host, seq): each one's clock (n
 * entries) and Lamport value, for the RECVs that name it.
 */
struct xc_sends {
	size_t n, len, cap;	/* cap: a power of 2, twice len at least */
	uint64_t *key;		/* cap slots: (host << 48 | seq) + 1, 0 free */
	size_t *at;		/* cap slots: the SEND's index */
	uint32_t *v;		/* len clocks */
	uint64_t *lamport;	/* len */
	double *t;		/* len: Perfetto, the end of its slice */
	uint32_t *ends;		/* len: Perfetto, flow ends seen */
};

static inline size_t
xc_slot(const struct xc_sends *s, uint64_t key)
{
	size_t i = (size_t)(key * 0x9e3779b97f4a7c15u) & (s->cap - 1);

	while (s->key[i] != 0 && s->key[i] != key)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static inline int
xc_sends_grow(struct xc_sends *s)
{
	struct xc_sends t = *s;
	size_t cap = s->cap ? 2 * s->cap : 1024;

	t.cap = cap;
	t.key = calloc(cap, sizeof *t.key);
	t.at = malloc(cap * sizeof *t.at);
	t.v = realloc(s->v, cap / 2 * s->n * sizeof *t.v);
	if (t.v != NULL)
		s->v = t.v;
	t.lamport = realloc(s->lamport, cap / 2 * sizeof *t.lamport);
	if (t.lamport != NULL)
		s->lamport = t.lamport;
	t.t = realloc(s->t, cap / 2 * sizeof *t.t);
	if (t.t != NULL)
		s->t = t.t;
	t.ends = realloc(s->ends, cap / 2 * sizeof *t.ends);
	if (t.ends != NULL)
		s->ends = t.ends;
	if (t.key == NULL || t.at == NULL || t.v == NULL || t.lamport == NULL ||
	    t.t == NULL || t.ends == NULL) {
		free(t.key);
		free(t.at);
		return -1;
	}
	for (size_t i = 0; i < s->cap; i++)
		if (s->key[i] != 0) {
			size_t k = xc_slot(&t, s->key[i]);
			t.key[k] = s->key[i];
			t.at[k] = s->at[i];
		}
	free(s->key);
	free(s->at);
	*s = t;
	return 0;
}

static inline int
xc_sends_add(struct xc_sends *s, uint32_t host, uint64_t seq,
    const uint32_t *v, uint64_t lamport)
{
	uint64_t key = ((uint64_t)host << 48 | seq) + 1;
	size_t i;

	if (2 * (s->len + 1) > s->cap && xc_sends_grow(s) == -1)
		return -1;
	i = xc_slot(s, key);
	s->key[i] = key;
	s->at[i] = s->len;
	memcpy(s->v + s->len * s->n, v, s->n * sizeof *v);
	s->t[s->len] = 0;
	s->ends[s->len] = 0;
	s->lamport[s->len++] = lamport;
	return 0;
}

/* The index of SEND (host, seq), or SIZE_MAX. */
static inline size_t
xc_sends_find(const struct xc_sends *s, uint32_t host, uint64_t seq)
{
	size_t i;

	if (s->cap == 0)
		return SIZE_MAX;
	i = xc_slot(s, ((uint64_t)host << 48 | seq) + 1);
	return s->key[i] != 0 ? s->at[i] : SIZE_MAX;
}

static inline void
xc_sends_free(struct xc_sends *s)
{
	free(s->key);
	free(s->at);
	free(s->v);
	free(s->lamport);
	free(s->t);
	free(s->ends);
	memset(s, 0, sizeof *s);
}

#include "tests/exportcheck_shiviz.h"
#include "tests/exportcheck_perfetto.h"

#endif

/* analysis/viewer/viewdata.c -- the ticks of a run as the compact JSON the viewer's page reads */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/viewer/viewdata.h"
#include "lib/errmsg.h"

/*
 * One array per field rather than an object per tick: a million ticks
 * must stay tens of megabytes. Within a VM's lane the seq, the model time
 * (in microseconds) and the Lamport clock grow, so each is written as the
 * step from the lane's previous tick on the page: mostly one or two
 * digits. A vector is written as what differs from the lane's previous
 * one with its own entry one up (nothing, for an INTERNAL or a SEND).
 */

struct pass {
	const struct viewdata_src *s;
	size_t *at;		/* per run tick: its index on the page, or SIZE_MAX */
	FILE *out;
	bool first;		/* no number in the array yet */
};

static bool
shown(const struct viewdata_src *s, size_t i, double *t)
{
	*t = runinfo_model_time(s->ri, s->run->ev[i].wall_ns);
	return *t >= s->t0 && *t <= s->t1;
}

size_t
viewdata_count(const struct viewdata_src *s)
{
	size_t n = 0;
	double t;

	for (size_t i = 0; i < s->run->nev; i++)
		n += shown(s, i, &t);
	return n;
}

static void
put(struct pass *p, int64_t v)
{
	char buf[24], *e = buf + sizeof buf, *c = e;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do
		*--c = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--c = '-';
	if (!p->first)
		putc(',', p->out);
	p->first = false;
	fwrite(c, 1, (size_t)(e - c), p->out);
}

static void
open_array(struct pass *p, const char *key)
{
	fprintf(p->out, ",\"%s\":[", key);
	p->first = true;
}

/* The fields that are the tick's own: vm, kind, queue. */
static void
put_plain(struct pass *p, const char *key, int field)
{
	const struct vclock_run *r = p->s->run;

	open_array(p, key);
	for (size_t i = 0; i < r->nev; i++) {
		if (p->at[i] == SIZE_MAX)
			continue;
		const struct vclock_event *e = &r->ev[i];
		put(p, field == 0 ? (int64_t)e->vm : field == 1 ?
		    (int64_t)e->kind : (int64_t)e->queue_len);
	}
	fputs("]", p->out);
}

static int64_t
micros(const struct pass *p, size_t i)
{
	return llround(runinfo_model_time(p->s->ri, p->s->run->ev[i].wall_ns) *
	    1e6);
}

/* seq, model time or Lamport clock: each tick's step from its lane's last. */
static int
put_steps(struct pass *p, const char *key, int field, const int64_t *base,
    char *err, size_t errlen)
{
	const struct vclock_run *r = p->s->run;
	int64_t *last = malloc(r->n * sizeof *last);

	if (last == NULL)
		return errmsg_set(err, errlen, "out of memory");
	for (uint32_t v = 0; v < r->n; v++)
		last[v] = base == NULL ? 0 : base[v];
	open_array(p, key);
	for (size_t i = 0; i < r->nev; i++) {
		if (p->at[i] == SIZE_MAX)
			continue;
		const struct vclock_event *e = &r->ev[i];
		int64_t now = field == 0 ? (int64_t)e->seq : field == 1 ?
		    micros(p, i) : (int64_t)e->lamport;
		put(p, now - last[e->vm]);
		last[e->vm] = now;
	}
	fputs("]", p->out);
	free(last);
	return 0;
}

/*
 * Each tick: how far back on the page its RECV's SEND is (0: not a RECV,
 * or its SEND is not on the page); then, per RECV, the clock its message
 * carried (-1: no log has its SEND).
 */
static void
put_messages(struct pass *p)
{
	const struct vclock_run *r = p->s->run;

	open_array(p, "r");
	for (size_t i = 0; i < r->nev; i++) {
		if (p->at[i] == SIZE_MAX)
			continue;
		size_t s = r->ev[i].send;
		bool on = r->ev[i].kind == LOG_RECV && s != VCLOCK_NONE &&
		    p->at[s] != SIZE_MAX;
		put(p, on ? (int64_t)(p->at[i] - p->at[s]) : 0);
	}
	fputs("]", p->out);
	open_array(p, "m");
	for (size_t i = 0; i < r->nev; i++) {
		if (p->at[i] == SIZE_MAX || r->ev[i].kind != LOG_RECV)
			continue;
		size_t s = r->ev[i].send;
		put(p, s == VCLOCK_NONE ? -1 : (int64_t)r->ev[s].lamport);
	}
	fputs("]", p->out);
}

/* Each tick: the count of entries that differ, then (entry, step) pairs. */
static int
put_vectors(struct pass *p, char *err, size_t errlen)
{
	const struct vclock_run *r = p->s->run;
	uint32_t n = r->n, *last = calloc((size_t)n * n, sizeof *last);

	if (last == NULL)
		return errmsg_set(err, errlen, "out of memory");
	open_array(p, "d");
	for (size_t i = 0; i < r->nev; i++) {
		if (p->at[i] == SIZE_MAX)
			continue;
		uint32_t vm = r->ev[i].vm, *base = last + (size_t)vm * n, c = 0;
		const uint32_t *v = vclock_of(r, i);

		base[vm]++;
		for (uint32_t k = 0; k < n; k++)
			c += v[k] != base[k];
		put(p, c);
		for (uint32_t k = 0; k < n; k++)
			if (v[k] != base[k]) {
				put(p, k);
				put(p, (int64_t)v[k] - (int64_t)base[k]);
			}
		memcpy(base, v, n * sizeof *v);
	}
	fputs("]", p->out);
	free(last);
	return 0;
}

/* A JSON string that is safe inside a <script> element too. */
static void
put_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' ||
		    c == '&')
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

/*
 * Page indices, and each lane's clock before the window (the base of its
 * first step, and the "previous clock" of its first tick in the quiz).
 */
static void
place(struct pass *p, int64_t *before)
{
	const struct viewdata_src *s = p->s;
	size_t k = 0;
	double t;

	for (size_t i = 0; i < s->run->nev; i++) {
		bool on = shown(s, i, &t);
		p->at[i] = on ? k++ : SIZE_MAX;
		if (t < s->t0)
			before[s->run->ev[i].vm] = (int64_t)s->run->ev[i].lamport;
	}
}

int
viewdata_write(const struct viewdata_src *s, FILE *out, char *err,
    size_t errlen)
{
	const struct vclock_run *r = s->run;
	struct pass p = { .s = s, .out = out };
	int64_t *before = calloc(r->n, sizeof *before);
	int rc = -1;

	p.at = malloc((r->nev > 0 ? r->nev : 1) * sizeof *p.at);
	if (before == NULL || p.at == NULL) {
		errmsg_set(err, errlen, "out of memory");
		goto fail;
	}
	place(&p, before);
	fprintf(out, "{\"format\":1,\"n\":%" PRIu32 ",\"name\":", r->n);
	put_string(out, s->name);
	fprintf(out, ",\"end\":%.6f,\"window\":[%.6f,%.6f]", s->ri->end_s,
	    s->t0, s->t1);
	open_array(&p, "before");
	for (uint32_t v = 0; v < r->n; v++)
		put(&p, before[v]);
	fputs("]", out);
	put_plain(&p, "vm", 0);
	put_plain(&p, "k", 1);
	put_plain(&p, "q", 2);
	if (put_steps(&p, "s", 0, NULL, err, errlen) == -1 ||
	    put_steps(&p, "t", 1, NULL, err, errlen) == -1 ||
	    put_steps(&p, "l", 2, before, err, errlen) == -1)
		goto fail;
	put_messages(&p);
	if (put_vectors(&p, err, errlen) == -1)
		goto fail;
	fputs("}", out);
	rc = 0;
fail:
	free(before);
	free(p.at);
	return rc;
}

/* analysis/export/shiviz.c -- a run as a ShiViz log: its parsing regex, then one line per tick with its vector clock */
#include <inttypes.h>
#include <stdio.h>

#include "analysis/export/shiviz.h"

/*
 * ShiViz reads a log file as: line 1 the regular expression that parses
 * an event, line 2 the one that splits executions (empty: one run), then
 * the log. The expression needs the named groups host, clock (JSON, keyed
 * by host) and event; ShiViz shows the other groups beside an event and
 * searches them. Only [...] classes and named groups are used, so the
 * same text is a JavaScript, PCRE and (names dropped) POSIX expression,
 * and no unnamed group is there for ShiViz to turn into a non-capturing
 * one. An event is one line: ShiViz matches with the m flag.
 */
static const char regex[] =
    "^(?<host>vm[0-9]+) (?<clock>[{][^}]*[}]) (?<kind>INTERNAL|SEND|RECV) "
    "L=(?<lamport>[0-9]+) q=(?<queue>[0-9]+) seq=(?<seq>[0-9]+) "
    "t=(?<time>[0-9]+[.][0-9]+)s: (?<event>.*)$";

/*
 * The vector clock as ShiViz wants it: the entries above 0 only (ShiViz
 * drops zeros itself), the tick's own among them (it counts the tick).
 */
static void
put_clock(const struct exportrun *r, size_t i, FILE *f)
{
	const uint32_t *v = vclock_of(&r->vc, i);
	const char *sep = "";

	putc('{', f);
	for (uint32_t k = 0; k < r->vc.n; k++)
		if (v[k] > 0) {
			fprintf(f, "%s\"vm%" PRIu32 "\":%" PRIu32, sep, k, v[k]);
			sep = ",";
		}
	putc('}', f);
}

/* What ShiViz labels the event with: what happened, and the clock after. */
static void
put_text(const struct exportrun *r, size_t i, FILE *f)
{
	const struct vclock_event *e = &r->vc.ev[i];
	char peers[32];

	exportrun_peers(r, i, peers, sizeof peers);
	if (e->kind == LOG_SEND)
		fprintf(f, "SEND to %s", peers);
	else if (e->kind == LOG_RECV)
		fprintf(f, "RECV from %s seq %" PRIu64 " (L=%" PRIu64 ")",
		    peers, r->line[i].src_seq, r->line[i].msg_lamport);
	else
		fputs("INTERNAL", f);
	fprintf(f, " L=%" PRIu64 "\n", e->lamport);
}

static void
put_event(const struct exportrun *r, size_t i, FILE *f)
{
	const struct vclock_event *e = &r->vc.ev[i];
	uint64_t ns = exportrun_model_ns(r, i);

	fprintf(f, "vm%" PRIu32 " ", e->vm);
	put_clock(r, i, f);
	fprintf(f, " %s L=%" PRIu64 " q=%" PRIu64 " seq=%" PRIu64 " t=%" PRIu64
	    ".%09" PRIu64 "s: ", logline_kind_name(e->kind), e->lamport,
	    e->queue_len, e->seq, ns / 1000000000, ns % 1000000000);
	put_text(r, i, f);
}

/* Each VM's ticks come in its own order, as ShiViz needs: vc's is causal. */
void
shiviz_write(const struct exportrun *r, FILE *f)
{
	fprintf(f, "%s\n\n", regex);
	for (size_t i = 0; i < r->vc.nev; i++)
		put_event(r, i, f);
}

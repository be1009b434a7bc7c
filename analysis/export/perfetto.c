/* analysis/export/perfetto.c -- a run as a Chrome/Perfetto trace: a track per VM, a slice per tick, message arrows, clock and queue counters */
#include <inttypes.h>
#include <stdio.h>

#include "analysis/export/perfetto.h"

/*
 * The Trace Event Format's JSON, {"traceEvents": [...]}, one event a
 * line. VM k is process k + 1 (pid 0 means the idle task to Perfetto),
 * with one thread of the same id, named by "M" events.
 *
 * A tick is an "X" slice of duration 0: an instant, as ticks are in the
 * model, which ui.perfetto.dev draws as a marker one can click for its
 * args. Only slices (not "i" instants) carry flows. A message is a
 * version 2 flow: the SEND's slice has flow_out and the RECV's flow_in,
 * with the same bind_id. Version 1 flows ("s"/"f" events) bind to
 * whatever slice encloses their timestamp, which a zero-length slice
 * does not; bind_id names the slice itself. Perfetto draws the arrow
 * from the end of the SEND's slice to the start of the RECV's, and its
 * flow table gives the delay between them: with zero-length slices that
 * is the message's time from its send to its receipt. A SEND that
 * reached no one (pending at the end, lost) gets no flow, so that every
 * arrow has both ends; one SEND to both neighbours has two.
 *
 * Timestamps are model microseconds since the run's start, to the
 * nanosecond.
 */

static void
put_ts(uint64_t ns, FILE *f)
{
	fprintf(f, "\"ts\":%" PRIu64 ".%03" PRIu64, ns / 1000, ns % 1000);
}

/* Each VM's process and thread names ("vm0 (rate 3/s)"): the first events. */
static void
put_names(const struct exportrun *r, FILE *f)
{
	for (uint32_t k = 0; k < r->vc.n; k++) {
		fprintf(f, "%s{\"ph\":\"M\",\"pid\":%" PRIu32 ",\"tid\":%"
		    PRIu32 ",\"name\":\"process_name\",\"args\":{\"name\":"
		    "\"vm%" PRIu32 " (rate %" PRIu32 "/s)\"}}", k ? ",\n" : "",
		    k + 1, k + 1, k, r->ri.meta->rate[k]);
		fprintf(f, ",\n{\"ph\":\"M\",\"pid\":%" PRIu32 ",\"tid\":%"
		    PRIu32 ",\"name\":\"thread_name\",\"args\":{\"name\":"
		    "\"vm%" PRIu32 " ticks\"}}", k + 1, k + 1, k);
	}
}

static void
put_vector(const struct exportrun *r, size_t i, FILE *f)
{
	const uint32_t *v = vclock_of(&r->vc, i);

	fputs("\"vector\":\"[", f);
	for (uint32_t k = 0; k < r->vc.n; k++)
		fprintf(f, "%s%" PRIu32, k ? "," : "", v[k]);
	fputs("]\"", f);
}

/*
 * The slice's name, its kind and peer (few names, so that Perfetto's
 * colours, one per name, tell the kinds apart), and its args.
 */
static void
put_args(const struct exportrun *r, size_t i, FILE *f)
{
	const struct vclock_event *e = &r->vc.ev[i];
	char peers[32];

	exportrun_peers(r, i, peers, sizeof peers);
	if (e->kind == LOG_SEND)
		fprintf(f, "\"name\":\"SEND to %s\",\"args\":{\"to\":\"%s\",",
		    peers, peers);
	else if (e->kind == LOG_RECV)
		fprintf(f, "\"name\":\"RECV from %s\",\"args\":{\"from\":\"%s\","
		    "\"msg_seq\":%" PRIu64 ",\"msg_lamport\":%" PRIu64 ",",
		    peers, peers, r->line[i].src_seq, r->line[i].msg_lamport);
	else
		fputs("\"name\":\"INTERNAL\",\"args\":{", f);
	fprintf(f, "\"kind\":\"%s\",\"seq\":%" PRIu64 ",\"lamport\":%" PRIu64
	    ",", logline_kind_name(e->kind), e->seq, e->lamport);
	put_vector(r, i, f);
	fprintf(f, ",\"queue_len\":%" PRIu64 "}", e->queue_len);
}

/* A message's flow is named by its SEND: index + 1 in vc. */
static void
put_flow(const struct exportrun *r, size_t i, FILE *f)
{
	const struct vclock_event *e = &r->vc.ev[i];

	if (e->kind == LOG_SEND && r->taken[i])
		fprintf(f, ",\"bind_id\":%zu,\"flow_out\":true", i + 1);
	else if (e->kind == LOG_RECV && e->send != VCLOCK_NONE)
		fprintf(f, ",\"bind_id\":%zu,\"flow_in\":true", e->send + 1);
}

static void
put_counter(uint32_t pid, uint64_t ns, const char *name, const char *key,
    uint64_t value, FILE *f)
{
	fprintf(f, ",\n{\"ph\":\"C\",\"pid\":%" PRIu32 ",\"tid\":%" PRIu32 ",",
	    pid, pid);
	put_ts(ns, f);
	fprintf(f, ",\"name\":\"%s\",\"args\":{\"%s\":%" PRIu64 "}}", name, key,
	    value);
}

/*
 * Tick i's slice, and its VM's counters: the Lamport clock at every
 * tick, the queue length when it changed (last: each VM's, or -1).
 */
static void
put_tick(const struct exportrun *r, size_t i, uint64_t *last, FILE *f)
{
	const struct vclock_event *e = &r->vc.ev[i];
	uint64_t ns = exportrun_model_ns(r, i);
	uint32_t pid = e->vm + 1;

	fprintf(f, ",\n{\"ph\":\"X\",\"pid\":%" PRIu32 ",\"tid\":%" PRIu32
	    ",", pid, pid);
	put_ts(ns, f);
	fputs(",\"dur\":0,", f);
	put_args(r, i, f);
	put_flow(r, i, f);
	putc('}', f);
	put_counter(pid, ns, "Lamport", "clock", e->lamport, f);
	if (last[e->vm] != e->queue_len)
		put_counter(pid, ns, "queue", "length", e->queue_len, f);
	last[e->vm] = e->queue_len;
}

void
perfetto_write(const struct exportrun *r, FILE *f)
{
	uint64_t last[RUNMETA_MAX_VMS];

	for (uint32_t k = 0; k < RUNMETA_MAX_VMS; k++)
		last[k] = UINT64_MAX;
	fputs("{\"traceEvents\":[\n", f);
	put_names(r, f);
	for (size_t i = 0; i < r->vc.nev; i++)
		put_tick(r, i, last, f);
	fputs("\n]}\n", f);
}

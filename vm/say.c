/* vm/say.c -- what a VM started by hand tells its user on stderr: linking, progress, how it ended */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/say.h"
#include "vm/core/vmend.h"

#define REDRAW_NS	1000000000u	/* a terminal's line, once a second */

static void tell(const struct say *s, bool redraw, const char *end,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * One line in one write; redraw: over the progress line a terminal shows
 * (end "" leaves it open to be redrawn, "\n" closes it).
 */
static void
tell(const struct say *s, bool redraw, const char *end, const char *fmt, ...)
{
	char line[600];
	va_list ap;
	int n = snprintf(line, sizeof line, "%sclockring: vm %u: ",
	    redraw ? "\r" : "", (unsigned)s->c->id);

	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	snprintf(line + strlen(line), sizeof line - strlen(line), "%s", end);
	(void)!write(STDERR_FILENO, line, strlen(line));
}

void
say_init(struct say *s, const struct vm_conf *c)
{
	*s = (struct say){ .c = c, .on = c->part_path != NULL,
		.tty = isatty(STDERR_FILENO) == 1 };
}

void
say_linking(const struct say *s)
{
	const struct vm_conf *c = s->c;

	if (s->on)
		tell(s, false, "\n", "listening on %s:%u, linking to vm %u at %s:%u ...",
		    c->listen_host, (unsigned)c->listen_port,
		    (unsigned)((c->id + 1) % c->n), c->next_host,
		    (unsigned)c->next_port);
}

void
say_linked(const struct say *s, const struct ring_links *l)
{
	const struct vm_conf *c = s->c;
	const char *waiting = c->start_wall_ns ? "" : "; waiting for the whole ring";
	char next[200], prev[200];

	if (!s->on)
		return;
	ring_peer_name(l->fd[RING_NEXT], next, sizeof next);
	ring_peer_name(l->fd[RING_PREV], prev, sizeof prev);
	if (c->n == 2)	/* one link, dialed by VM 0 */
		tell(s, false, "\n", "linked: vm%u, both neighbours, on one link %s %s%s",
		    (unsigned)(1 - c->id), c->id == 0 ? "to" : "from", next,
		    waiting);
	else
		tell(s, false, "\n", "linked: next vm%u at %s, prev vm%u from %s%s",
		    (unsigned)((c->id + 1) % c->n), next,
		    (unsigned)((c->id + c->n - 1) % c->n), prev, waiting);
}

void
say_start(const struct say *s, uint64_t start_wall,
    const struct start_result *r)
{
	uint64_t now = clock_real_ns();
	double in_s = start_wall > now ? (double)(start_wall - now) / 1e9 : 0;

	if (!s->on)
		return;
	if (r == NULL)
		tell(s, false, "\n", "tick 0 in %.1f s (--start-at)", in_s);
	else if (s->c->id != 0)
		tell(s, false, "\n", "the whole ring is linked; tick 0 in %.1f s; vm%u's "
		    "clock is %+.3f ms from this one's (+/- %.3f ms)", in_s,
		    (unsigned)((s->c->id + 1) % s->c->n),
		    (double)r->next_offset_ns / 1e6, (double)r->next_rtt_ns / 2e6);
	else	/* VM 0 saw tick 0 come back: the offsets' error round the ring */
		tell(s, false, "\n", "the whole ring is linked; tick 0 in %.1f s; vm1's "
		    "clock is %+.3f ms from this one's (+/- %.3f ms); the offsets "
		    "add up to %+.3f ms round the ring", in_s,
		    (double)r->next_offset_ns / 1e6, (double)r->next_rtt_ns / 2e6,
		    (double)r->closure_ns / 1e6);
}

void
say_event(struct say *s, const struct step_event *ev, uint64_t queue_len)
{
	s->events++;
	s->sent += ev->kind == STEP_SEND ? ev->ndest : 0;
	s->received += ev->kind == STEP_RECV;
	s->clock = ev->lamport;
	s->queue = queue_len;
}

/* On a terminal, a line redrawn each second; else one each tenth. */
void
say_tick(struct say *s, uint64_t k, uint64_t ticks)
{
	double model = s->c->duration_s * (double)(k + 1) / (double)ticks;
	uint32_t tenths = (uint32_t)((k + 1) * 10 / ticks);
	uint64_t now;

	if (!s->on)
		return;
	if (s->tty && ((now = clock_mono_ns()) >= s->next_ns || k + 1 == ticks)) {
		s->next_ns = now + REDRAW_NS;
		s->open = k + 1 != ticks;
		tell(s, true, k + 1 == ticks ? "\n" : "", "model time %.1f of %g s, "
		    "tick %" PRIu64 " of %" PRIu64 ", clock %" PRIu64 ", queue %"
		    PRIu64 "   ", model, s->c->duration_s, k + 1, ticks, s->clock,
		    s->queue);
	} else if (!s->tty && tenths > s->tenths) {
		s->tenths = tenths;
		tell(s, false, "\n", "%u%%: model time %.1f of %g s, clock %" PRIu64
		    ", queue %" PRIu64, (unsigned)tenths * 10, model,
		    s->c->duration_s, s->clock, s->queue);
	}
}

void
say_end(struct say *s, int status)
{
	char how[VMEND_TEXT_MAX];
	struct vmend e = vmend_exited(status);

	if (!s->on || status == VM_REFUSED)
		return;
	vmend_format(&e, how, sizeof how);
	if (s->open)	/* ended before its last tick: close the line */
		(void)!write(STDERR_FILENO, "\n", 1);
	tell(s, false, "\n", "ended %s: %" PRIu64 " events, %" PRIu64 " messages sent, %"
	    PRIu64 " received, final clock %" PRIu64, how, s->events, s->sent,
	    s->received, s->clock);
	tell(s, false, "\n", "log %s, part %s; to check the ring, gather the directory "
	    "of every VM: clockring merge DIR... --out RUN_DIR && clockring "
	    "check RUN_DIR", s->c->log_path, s->c->part_path);
}

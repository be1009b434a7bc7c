/* vm/vm.c -- one virtual machine: join the ring, tick, log, shut down exactly */
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/core/core.h"
#include "vm/core/step.h"
#include "vm/core/wire.h"
#include "vm/links.h"
#include "vm/logw.h"
#include "vm/part.h"
#include "vm/ring.h"
#include "vm/say.h"
#include "vm/shared.h"
#include "vm/sig.h"
#include "vm/start.h"
#include "vm/vm.h"

#define DRAIN_NS 2000000000u	/* how long peers get to half-close at the end */

static volatile sig_atomic_t stop;

struct vm {
	const struct vm_conf *c;
	struct shared *s;	/* the core, under the VM's one lock */
	struct logw *log;
	struct links links;
	struct ring_conf rc;	/* how it joined the ring */
	struct start_result start;	/* of the start barrier, if it ran one */
	struct say say;		/* what it tells its user, by hand */
	uint64_t mono_start;	/* CLOCK_MONOTONIC of model time 0 */
	uint64_t start_wall;	/* CLOCK_REALTIME of model time 0, or 0 */
	int status;		/* enum vm_exit so far */
	char error[256];	/* what the first failure said */
};

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* The orchestrator forks with SIGINT and SIGTERM held, so that one sent
 * meanwhile waits for our handler; it is delivered here. */
static void
catch_signals(void)
{
	sig_catch(on_signal);
	sig_block(0);
}

static void fail(struct vm *v, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Report one failure on stderr; the first one decides the exit status.
 * The line goes out in one write, so that VMs failing together do not
 * run their lines into each other.
 */
static void
fail(struct vm *v, int status, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n = snprintf(line, sizeof line - 1, "clockring: vm %u: ",
	    (unsigned)v->c->id);

	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - 1 - (size_t)n, fmt, ap);
	va_end(ap);
	if (v->status == VM_OK)
		snprintf(v->error, sizeof v->error, "%s", line + n);
	strcat(line, "\n");
	(void)!write(STDERR_FILENO, line, strlen(line));
	if (v->status == VM_OK)
		v->status = status;
}

/*
 * The log cannot be written (a full disk): stop, silently for now. The
 * writer keeps the first error, and close_all says it once, with the
 * file and the reason.
 */
static void
log_failed(struct vm *v)
{
	if (v->status == VM_OK)
		v->status = VM_ERROR;
}

/* What every VM of the ring must have the same of (vm/core/wire.h). */
static struct wire_settings
settings(const struct vm_conf *c)
{
	struct wire_settings s = { .seed = c->seed, .duration_s = c->duration_s,
		.speed = c->speed, .draw_max = c->draw_max,
		.on_failure = (uint8_t)c->on_failure,
		.latency_min_ns = c->net.latency_min_ns,
		.latency_max_ns = c->net.latency_max_ns,
		.loss = c->loss, .faults = WIRE_DIGEST_INIT,
		.start_at_ns = c->start_wall_ns, .vector = c->vector };
	char spec[FAULT_TEXT_MAX];

	for (uint32_t i = 0; i < c->nfaults; i++) {
		fault_format(&c->faults[i], spec, sizeof spec);
		s.faults = wire_digest(s.faults, spec);
	}
	return s;
}

static int
join(struct vm *v)
{
	const struct vm_conf *c = v->c;
	char err[256];

	v->rc = (struct ring_conf){
		.id = c->id, .n = c->n, .listen_fd = c->listen_fd,
		.set = settings(c),
		.next_host = c->next_host, .next_port = c->next_port,
		.deadline_ns = clock_mono_ns() +
		    (uint64_t)(c->connect_timeout_s * 1e9),
		.stop = &stop, .notes = stderr,
	};
	memcpy(v->rc.run_id, c->run_id, sizeof v->rc.run_id);
	say_linking(&v->say);
	int rcode = ring_join(&v->rc, &v->links.ring, err, sizeof err);
	if (rcode == 0)
		say_linked(&v->say, &v->links.ring);
	if (c->listen_fd != -1)
		close(c->listen_fd);	/* nobody else may join a formed ring */
	if (rcode == -1 && stop)
		v->status = VM_INTERRUPTED;
	else if (rcode == -2)
		fail(v, VM_REFUSED, "%s", err);
	else if (rcode == -1)
		fail(v, VM_ERROR, "%s", err);
	return rcode;
}

static int
start_readers(struct vm *v)
{
	if (links_start(&v->links, v->s) == -1) {
		fail(v, VM_ERROR, "reader thread: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Tell the orchestrator we are linked; it answers with the start time. */
static int
barrier(struct vm *v, uint64_t *start_wall)
{
	const struct vm_conf *c = v->c;
	uint8_t buf[8];
	size_t got = 0;

	if (write(c->ctl_fd, "R", 1) != 1)
		goto broken;
	while (got < sizeof buf) {
		ssize_t n = read(c->ctl_fd, buf + got, sizeof buf - got);
		if (n == -1 && errno == EINTR && !stop)
			continue;
		if (n <= 0)
			goto broken;
		got += (size_t)n;
	}
	memcpy(start_wall, buf, sizeof *start_wall);
	return 0;
broken:
	if (stop)
		v->status = VM_INTERRUPTED;
	else
		fail(v, VM_ERROR, "orchestrator went away");
	return -1;
}

/*
 * Tick 0 by this VM's clock, and readers on the links: under `run` the
 * orchestrator says when; by hand, --start-at or else the ring's own
 * barrier, which reads its frames off the links before the readers do.
 */
static int
await_start(struct vm *v, uint64_t *start_wall)
{
	const struct vm_conf *c = v->c;
	char err[256];

	if (c->ctl_fd != -1)
		return start_readers(v) == 0 ? barrier(v, start_wall) : -1;
	*start_wall = c->start_wall_ns;
	if (c->start_wall_ns == 0 && start_ring(&v->rc, &v->links.ring,
	    &v->start, err, sizeof err) == -1) {
		if (stop)
			v->status = VM_INTERRUPTED;
		else
			fail(v, VM_ERROR, "%s", err);
		return -1;
	}
	if (c->start_wall_ns == 0)
		*start_wall = v->start.start_wall_ns;
	say_start(&v->say, *start_wall, c->start_wall_ns ? NULL : &v->start);
	return start_readers(v);
}

/*
 * One line of the log, stamped now; it reaches the file at the next flush.
 * A live view hears of it at once, from the one thread that logs.
 */
static int
log_line(struct vm *v, const struct core_line *line)
{
	uint64_t now = clock_real_ns();

	say_event(&v->say, &line->ev, line->queue_len);
	if (logw_event(v->log, &line->ev, now, line->queue_len) == -1) {
		log_failed(v);
		return -1;
	}
	if (v->c->feed != NULL)
		feed_put(v->c->feed, v->c->id, &line->ev, now, line->queue_len);
	return 0;
}

static int
flush_log(struct vm *v)
{
	if (logw_flush(v->log) == 0)
		return 0;
	log_failed(v);
	return -1;
}

/*
 * A PEER_DOWN was logged. Under STOP the first one ends the run (the core
 * ticks no more); under CONTINUE the VM goes on without that peer,
 * silently: the log says it all. send_errno: a send to it failed with
 * that, else its reader saw the link break.
 */
static void
peer_down(struct vm *v, uint32_t peer, int send_errno)
{
	if (v->c->on_failure != VM_ON_FAILURE_STOP || v->status != VM_OK)
		return;
	if (send_errno != 0)
		fail(v, VM_LINK_BROKEN, "sending to vm %u: %s", (unsigned)peer,
		    strerror(send_errno));
	else
		fail(v, VM_LINK_BROKEN, "link to vm %u broken: %s", (unsigned)peer,
		    links_why(&v->links, peer));
}

/* Log what the core answered, in its order: 0, or -1 if the log failed. */
static int
log_out(struct vm *v, const struct core_out *out, int send_errno)
{
	for (uint32_t i = 0; i < out->nline; i++) {
		const struct step_event *ev = &out->line[i].ev;
		if (log_line(v, &out->line[i]) == -1)
			return -1;
		if (ev->kind == STEP_PEER_DOWN)
			peer_down(v, ev->dest[0], send_errno);
	}
	return 0;
}

/*
 * Send the tick's message where the core says, its SEND already in the
 * file. A send that fails takes the peer down (the core logs PEER_DOWN and
 * a DROP for the message); the other destination still gets its copy.
 */
static void
send_out(struct vm *v, const struct core_out *out)
{
	uint8_t buf[WIRE_MAX_FRAME];
	const struct step_event *send = NULL;
	struct core_out failed;

	for (uint32_t i = 0; i < out->nline; i++)
		if (out->line[i].ev.kind == STEP_SEND)
			send = &out->line[i].ev;
	assert(send != NULL);	/* the core sends only on a SEND */
	size_t len = wire_put_msg(buf, &out->msg, send->nv);
	for (uint32_t k = 0; k < out->nto; k++) {
		if (links_send(&v->links, out->to[k], buf, len) == 0)
			continue;
		int e = errno;
		shared_send_failed(v->s, send, out->to[k], &failed);
		if (log_out(v, &failed, e) == -1)
			return;
	}
}

/*
 * One tick at the model time now: the core takes a queued message or
 * draws (and logs the links it found broken first). Log, then send: the
 * lines are handed to the kernel before any frame goes out, so a VM
 * killed at any moment has logged every message it sent.
 */
static void
tick(struct vm *v)
{
	struct core_out out;

	if (shared_tick(v->s, &out) == -1) {
		fail(v, VM_ERROR, "%s", "out of memory");
		return;
	}
	if (log_out(v, &out, 0) == -1 || flush_log(v) == -1)
		return;		/* nothing is sent that the log does not show */
	/* The core stops on a PEER_DOWN under STOP, which failed the VM. */
	assert(!out.stop || v->status != VM_OK);
	if (out.nto > 0) {
		send_out(v, &out);
		flush_log(v);	/* PEER_DOWN, DROP */
	}
}

static void
run_ticks(struct vm *v)
{
	const struct vm_conf *c = v->c;
	uint64_t ticks = step_ticks(c->duration_s, c->rate);

	for (uint64_t k = 0; k < ticks && v->status == VM_OK; k++) {
		uint64_t due = v->mono_start + step_due_ns(k, c->rate, c->speed);
		while (!stop && clock_sleep_until(due) == -1)
			;
		if (stop)
			break;
		tick(v);
		say_tick(&v->say, k, ticks);
	}
	/* Stay in the ring until the common end, so all stop at one model time. */
	uint64_t end = v->mono_start + (uint64_t)(c->duration_s / c->speed * 1e9);
	while (!stop && v->status == VM_OK && clock_sleep_until(end) == -1)
		;
	/* The orchestrator reports an interrupted run once, for every VM. */
	if (stop && v->status == VM_OK)
		v->status = VM_INTERRUPTED;
}

/*
 * The exact end: say BYE and half-close every live link, so each peer's
 * reader sees EOF right after our last message; then wait for our readers
 * to see the same from every peer. The core then takes in everything on
 * its way, and logs PEER_DOWN for each link that broke meanwhile, before
 * the PENDING lines, so that each live neighbour of a VM that died logs it
 * exactly once. What is queued then was sent but never taken: it is
 * logged as PENDING, so every message sent is accounted for.
 */
static void
shut_down(struct vm *v)
{
	/* Without a log there is nothing to account for: no waiting for
	 * peers that go on until the orchestrator stops them. */
	uint64_t deadline = v->status == VM_ERROR ? 0 : clock_mono_ns() + DRAIN_NS;
	struct core_out out;

	links_bye(&v->links, v->s);
	if (links_drain(&v->links, v->s, deadline) == -1 && v->status != VM_ERROR)
		fail(v, VM_LINK_BROKEN, "a peer did not finish in time");
	if (shared_finish(v->s, &out) == -1)
		fail(v, VM_ERROR, "%s", "out of memory");
	else if (log_out(v, &out, 0) == 0)
		flush_log(v);
}

static void
log_pending(struct vm *v)
{
	struct core_line line;

	while (shared_pending(v->s, &line))
		if (log_line(v, &line) == -1)
			break;
}

static void
close_all(struct vm *v)
{
	char err[256];

	if (logw_close(v->log, err, sizeof err) == -1)
		fail(v, VM_ERROR, "%s", err);
	links_close(&v->links);
	shared_free(v->s);
}

static void
write_part(struct vm *v)
{
	const struct vm_conf *c = v->c;
	struct part_end e = { .status = v->status, .error = v->error,
		.start_wall_ns = v->start_wall,
		.start = c->start_wall_ns == 0 && v->start.start_wall_ns != 0 ?
		    &v->start : NULL };
	char err[512];

	if (part_write(c, &e, err, sizeof err) == -1)
		fail(v, VM_ERROR, "%s", err);
}

int
vm_run(const struct vm_conf *c)
{
	struct vm v = { .c = c };
	struct core_conf core_conf = { .id = c->id, .n = c->n,
		.draw_max = c->draw_max, .seed = c->seed,
		.on_failure = c->on_failure, .net = c->net, .loss = c->loss,
		.vector = c->vector,
		.faults = c->faults, .nfaults = c->nfaults };
	char err[256];

	catch_signals();
#ifdef __linux__
	/* Linux may wake a sleeper up to 50 us late to batch timers; at high
	 * --speed that is a good part of a tick. Ask for 1 us. */
	prctl(PR_SET_TIMERSLACK, 1000UL);
#endif
	links_init(&v.links, c->id, c->n);
	say_init(&v.say, c);
	if ((v.s = shared_new(&core_conf)) == NULL) {
		fail(&v, VM_ERROR, "%s", "out of memory");
		return v.status;
	}
	if ((v.log = logw_open(c->log_path, c->id, c->vector ? c->n : 0, err,
	    sizeof err)) == NULL)
		fail(&v, VM_ERROR, "%s", err);
	if (v.status == VM_OK && join(&v) == 0) {
		if (await_start(&v, &v.start_wall) == 0) {
			v.mono_start = clock_mono_ns() + (v.start_wall - clock_real_ns());
			shared_set_epoch(v.s, v.mono_start, c->speed);
			run_ticks(&v);
		}
		shut_down(&v);
		log_pending(&v);
	}
	close_all(&v);
	/* A ring that never formed ran nothing: its log was ours to take. */
	if (v.status == VM_REFUSED)
		unlink(c->log_path);
	else if (c->part_path != NULL)
		write_part(&v);
	say_end(&v.say, v.status);
	return v.status;
}

/* vm/vm.c -- one virtual machine: join the ring, tick, log, shut down exactly */
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/clock.h"
#include "vm/links.h"
#include "vm/logw.h"
#include "vm/queue.h"
#include "vm/ring.h"
#include "vm/core/rng.h"
#include "vm/sig.h"
#include "vm/core/step.h"
#include "vm/vm.h"
#include "vm/core/wire.h"

#define DRAIN_NS 2000000000u	/* how long peers get to half-close at the end */

static volatile sig_atomic_t stop;

struct vm {
	const struct vm_conf *c;
	struct step_vm step;
	struct rng rng;
	struct queue *q;
	struct logw *log;
	struct links links;
	uint64_t mono_start;	/* CLOCK_MONOTONIC of model time 0 */
	int status;		/* enum vm_exit so far */
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

static int
join(struct vm *v)
{
	const struct vm_conf *c = v->c;
	struct ring_conf rc = {
		.id = c->id, .n = c->n, .listen_fd = c->listen_fd,
		.next_host = c->next_host, .next_port = c->next_port,
		.deadline_ns = clock_mono_ns() +
		    (uint64_t)(c->connect_timeout_s * 1e9),
		.stop = &stop, .notes = stderr,
	};
	char err[256];

	memcpy(rc.run_id, c->run_id, sizeof rc.run_id);
	int rcode = ring_join(&rc, &v->links.ring, err, sizeof err);
	if (c->listen_fd != -1)
		close(c->listen_fd);	/* nobody else may join a formed ring */
	if (rcode == -1 && stop)
		v->status = VM_INTERRUPTED;
	else if (rcode == -1)
		fail(v, VM_ERROR, "%s", err);
	return rcode;
}

static int
start_readers(struct vm *v)
{
	if (links_start(&v->links, v->q, v->c->faults, v->c->nfaults) == -1) {
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

	if (c->ctl_fd == -1) {
		*start_wall = c->start_wall_ns ? c->start_wall_ns : clock_real_ns();
		return 0;
	}
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

/* One line of the log, stamped now; it reaches the file at the next flush. */
static void
log_event(struct vm *v, const struct step_event *ev, size_t queue_len)
{
	if (logw_event(v->log, ev, clock_real_ns(), queue_len) == -1)
		log_failed(v);
}

static void
flush_log(struct vm *v)
{
	if (logw_flush(v->log) == -1)
		log_failed(v);
}

static bool
stops_on_failure(const struct vm *v)
{
	return v->c->on_failure == VM_ON_FAILURE_STOP && v->status == VM_OK;
}

static void
log_peer_down(struct vm *v, uint32_t peer)
{
	struct step_event ev;

	step_peer_down(&v->step, peer, &ev);
	log_event(v, &ev, queue_len(v->q));
}

/*
 * Log PEER_DOWN for every link whose reader ended badly since we last
 * looked. Under STOP the first one ends the run (as a failed send does);
 * under CONTINUE the VM ticks on without that peer.
 */
static void
notice_down(struct vm *v)
{
	bool any = false;
	int i;

	while ((i = links_next_down(&v->links)) != -1) {
		uint32_t peer = v->links.peer[i];
		log_peer_down(v, peer);
		any = true;
		if (stops_on_failure(v))
			fail(v, VM_LINK_BROKEN, "link to vm %u broken: %s",
			    (unsigned)peer, v->links.readers[i].why);
	}
	if (any)
		flush_log(v);
}

/* A send to peer failed with errno e: the peer is down from now on. */
static void
send_failed(struct vm *v, uint32_t peer, int e)
{
	log_peer_down(v, peer);
	if (stops_on_failure(v))
		fail(v, VM_LINK_BROKEN, "sending to vm %u: %s", (unsigned)peer,
		    strerror(e));
}

/*
 * Carry out a SEND, whose line is in the file already. A message to a peer
 * that is down is not sent but logged as DROP, with the SEND's queue_len;
 * a send that fails takes its peer down first.
 */
static void
send_msgs(struct vm *v, const struct step_event *ev, size_t left)
{
	struct step_msg m = { .src = v->c->id, .src_seq = ev->seq,
	    .lamport = ev->lamport };
	struct step_event drop;
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_msg(buf, &m);

	for (uint32_t i = 0; i < ev->ndest; i++) {
		uint32_t to = ev->dest[i];
		enum links_sent sent = links_send(&v->links, to, buf, len);
		if (sent == LINKS_SENT)
			continue;
		if (sent == LINKS_BROKE)
			send_failed(v, to, errno);
		step_drop(&v->step, ev, to, &drop);
		log_event(v, &drop, left);
	}
}

/*
 * One tick, one event: take a queued message if there is one, else draw.
 * Log, then send: the line is handed to the kernel before any frame goes
 * out, so a VM killed at any moment has logged every message it sent.
 */
static void
tick(struct vm *v)
{
	struct step_msg m;
	struct step_event ev;
	size_t left;
	bool got = queue_pop(v->q, &m, &left);

	step_tick(&v->step, got ? &m : NULL, &v->rng, &ev);
	uint64_t wall = clock_real_ns();
	if (logw_event(v->log, &ev, wall, left) == -1 ||
	    logw_flush(v->log) == -1) {
		log_failed(v);
		return;		/* nothing is sent that the log does not show */
	}
	if (ev.kind == STEP_SEND) {
		send_msgs(v, &ev, left);
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
		notice_down(v);
		if (v->status != VM_OK)
			break;
		tick(v);
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
 * to see the same from every peer. A reader that ended badly meanwhile
 * gets its PEER_DOWN now, before the PENDING lines, so that each live
 * neighbour of a VM that died logs it exactly once. What is queued then
 * was sent but never taken: it is logged as PENDING, so every message
 * sent is accounted for.
 */
static void
shut_down(struct vm *v)
{
	/* Without a log there is nothing to account for: no waiting for
	 * peers that go on until the orchestrator stops them. */
	uint64_t deadline = v->status == VM_ERROR ? 0 : clock_mono_ns() + DRAIN_NS;

	links_bye(&v->links);
	if (links_drain(&v->links, v->q, deadline) == -1 && v->status != VM_ERROR)
		fail(v, VM_LINK_BROKEN, "a peer did not finish in time");
	notice_down(v);
}

static void
log_pending(struct vm *v)
{
	struct step_msg m;
	struct step_event ev;
	size_t left;

	while (queue_pop(v->q, &m, &left)) {
		step_pending(&v->step, &m, &ev);
		if (logw_event(v->log, &ev, clock_real_ns(), left) == -1) {
			log_failed(v);
			break;
		}
	}
}

static void
close_all(struct vm *v)
{
	char err[256];

	if (logw_close(v->log, err, sizeof err) == -1)
		fail(v, VM_ERROR, "%s", err);
	links_close(&v->links);
	queue_free(v->q);
}

int
vm_run(const struct vm_conf *c)
{
	struct vm v = { .c = c };
	char err[256];
	uint64_t start_wall;

	catch_signals();
#ifdef __linux__
	/* Linux may wake a sleeper up to 50 us late to batch timers; at high
	 * --speed that is a good part of a tick. Ask for 1 us. */
	prctl(PR_SET_TIMERSLACK, 1000UL);
#endif
	step_init(&v.step, c->id, c->n, c->draw_max);
	links_init(&v.links, c->id, c->n);
	rng_seed(&v.rng, c->seed, c->id);
	if ((v.q = queue_new()) == NULL) {
		fail(&v, VM_ERROR, "%s", "out of memory");
		return v.status;
	}
	if ((v.log = logw_open(c->log_path, c->id, err, sizeof err)) == NULL)
		fail(&v, VM_ERROR, "%s", err);
	if (v.status == VM_OK && join(&v) == 0) {
		if (start_readers(&v) == 0 && barrier(&v, &start_wall) == 0) {
			v.mono_start = clock_mono_ns() + (start_wall - clock_real_ns());
			links_set_epoch(&v.links, v.mono_start, c->speed);
			run_ticks(&v);
		}
		shut_down(&v);
		log_pending(&v);
	}
	close_all(&v);
	return v.status;
}

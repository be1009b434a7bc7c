/* vm/vm.c -- one virtual machine: join the ring, tick, log, shut down exactly */
#include <sys/socket.h>
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
#include "vm/logw.h"
#include "vm/queue.h"
#include "vm/reader.h"
#include "vm/ring.h"
#include "vm/rng.h"
#include "vm/sig.h"
#include "vm/step.h"
#include "vm/vm.h"
#include "vm/wire.h"

#define DRAIN_NS 2000000000u	/* how long peers get to half-close at the end */

static volatile sig_atomic_t stop;

struct vm {
	const struct vm_conf *c;
	struct step_vm step;
	struct rng rng;
	struct queue *q;
	struct logw *log;
	struct ring_links links;
	struct reader readers[2];
	int nreaders;
	uint64_t mono_start;	/* CLOCK_MONOTONIC of model time 0 */
	int status;		/* enum vm_exit so far */
};

const char *
vm_exit_name(int status)
{
	switch (status) {
	case VM_OK: return "ok";
	case VM_ERROR: return "error";
	case VM_LINK_BROKEN: return "link-broken";
	case VM_INTERRUPTED: return "interrupted";
	default: return NULL;
	}
}

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

/* Report one failure on stderr; the first one decides the exit status. */
static void
fail(struct vm *v, int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "clockring: vm %u: ", (unsigned)v->c->id);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (v->status == VM_OK)
		v->status = status;
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
	int rcode = ring_join(&rc, &v->links, err, sizeof err);
	if (c->listen_fd != -1)
		close(c->listen_fd);	/* nobody else may join a formed ring */
	if (rcode == -1 && stop)
		v->status = VM_INTERRUPTED;
	else if (rcode == -1)
		fail(v, VM_ERROR, "%s", err);
	return rcode;
}

/* Readers run with SIGINT and SIGTERM blocked, so signals reach the tick loop. */
static int
start_readers(struct vm *v)
{
	int fds = v->c->n == 2 ? 1 : 2;

	sig_block(1);
	for (int i = 0; i < fds; i++) {
		uint32_t peer = i == RING_NEXT ? step_next(&v->step) : step_prev(&v->step);
		if (reader_start(&v->readers[i], v->links.fd[i], peer, v->q) == -1)
			break;
		v->nreaders++;
	}
	sig_block(0);
	if (v->nreaders < fds) {
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

static bool
links_failed(struct vm *v)
{
	for (int i = 0; i < v->nreaders; i++) {
		if (reader_failed(&v->readers[i])) {
			if (v->status == VM_OK)
				fail(v, VM_LINK_BROKEN, "link to vm %u broken: %s",
				    (unsigned)v->readers[i].peer, v->readers[i].why);
			return true;
		}
	}
	return false;
}

static void
send_msgs(struct vm *v, const struct step_event *ev)
{
	struct step_msg m = { .src = v->c->id, .src_seq = ev->seq,
	    .lamport = ev->lamport };
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_msg(buf, &m);

	for (uint32_t i = 0; i < ev->ndest; i++) {
		int link = ev->dest[i] == step_next(&v->step) ? RING_NEXT : RING_PREV;
		if (ring_send(v->links.fd[link], buf, len) == -1)
			fail(v, VM_LINK_BROKEN, "sending to vm %u: %s",
			    (unsigned)ev->dest[i], strerror(errno));
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
		fail(v, VM_ERROR, "writing the log failed");
		return;
	}
	if (ev.kind == STEP_SEND)
		send_msgs(v, &ev);
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
		if (stop || links_failed(v))
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
 * The exact end: say BYE and half-close every link, so each peer's reader
 * sees EOF right after our last message; then wait for our readers to see
 * the same from every peer. What is queued then was sent but never taken:
 * it is logged as PENDING, so every message sent is accounted for.
 */
static void
shut_down(struct vm *v)
{
	uint8_t buf[WIRE_MAX_FRAME];
	size_t len = wire_put_bye(buf);

	for (int i = 0; i < v->nreaders; i++) {
		ring_send(v->links.fd[i], buf, len);
		shutdown(v->links.fd[i], SHUT_WR);
	}
	struct timespec deadline = clock_ts(clock_mono_ns() + DRAIN_NS);
	if (queue_wait_producers(v->q, &deadline) == -1) {
		fail(v, VM_LINK_BROKEN, "a peer did not finish in time");
		for (int i = 0; i < v->nreaders; i++)
			shutdown(v->links.fd[i], SHUT_RD);
	}
	for (int i = 0; i < v->nreaders; i++)
		reader_join(&v->readers[i]);
	links_failed(v);
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
			fail(v, VM_ERROR, "writing the log failed");
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
	for (int i = 0; i < 2; i++)
		if (v->links.fd[i] != -1 && (i == 0 || v->links.fd[1] != v->links.fd[0]))
			close(v->links.fd[i]);
	queue_free(v->q);
}

int
vm_run(const struct vm_conf *c)
{
	struct vm v = { .c = c, .links = { { -1, -1 } } };
	char err[256];
	uint64_t start_wall;

	catch_signals();
#ifdef __linux__
	/* Linux may wake a sleeper up to 50 us late to batch timers; at high
	 * --speed that is a good part of a tick. Ask for 1 us. */
	prctl(PR_SET_TIMERSLACK, 1000UL);
#endif
	step_init(&v.step, c->id, c->n, c->draw_max);
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
			run_ticks(&v);
		}
		shut_down(&v);
		log_pending(&v);
	}
	close_all(&v);
	return v.status;
}

/* sim/inject.c -- the fault timetable: kill and pause VMs at their model times */
#include <sys/types.h>

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/inject.h"
#include "sim/run.h"
#include "vm/core/fault.h"

/*
 * The orchestrator carries out kill and pause faults with signals, at real
 * CLOCK_MONOTONIC instants: model second T is start + T / speed. A kill is
 * one action (SIGKILL), a pause two (SIGSTOP, then SIGCONT); a slow link
 * or a partition is none of our business, the VM that receives the
 * messages applies it.
 * A fault whose VM has ended by then is passed over.
 */

static uint8_t
actions(const struct fault *f)
{
	switch (f->kind) {
	case FAULT_KILL: return 1;
	case FAULT_PAUSE: return 2;
	case FAULT_SLOW:
	case FAULT_PARTITION: break;
	}
	return 0;
}

/* When action k of fault f is due (k = 1: the end of a pause). */
static uint64_t
due_ns(const struct run *r, const struct fault *f, uint8_t k)
{
	double model_s = f->at_s + (k == 1 ? f->for_s : 0);

	return r->start_mono_ns + (uint64_t)(model_s / r->o->speed * 1e9);
}

/* Model time 0 is at start_mono_ns: from now on, faults come due. */
void
inject_start(struct run *r, uint64_t start_mono_ns)
{
	r->start_mono_ns = start_mono_ns;
	r->injecting = true;
}

/* CLOCK_MONOTONIC of the next action, or UINT64_MAX if none is to come. */
uint64_t
inject_next_ns(const struct run *r)
{
	const struct opt_faults *fl = &r->o->faults;
	uint64_t next = UINT64_MAX;

	for (uint32_t i = 0; r->injecting && i < fl->n; i++)
		if (r->fault_step[i] < actions(&fl->f[i])) {
			uint64_t t = due_ns(r, &fl->f[i], r->fault_step[i]);
			next = t < next ? t : next;
		}
	return next;
}

/*
 * Pauses of one VM may overlap: it stops at the first to begin and goes on
 * at the last to end. A paused VM can still be killed (SIGKILL needs no
 * cooperation), and the end of its pause is then passed over.
 */
static void
act(struct run *r, uint32_t i, uint8_t k)
{
	const struct fault *f = &r->o->faults.f[i];
	pid_t pid = r->pid[f->vm];

	if (pid <= 0)
		return;		/* it has ended (and been reaped) already */
	if (f->kind == FAULT_KILL) {
		r->killed_by[f->vm] = (int)i;
		kill(pid, SIGKILL);
	} else if (k == 0) {
		if (r->paused[f->vm]++ == 0)
			kill(pid, SIGSTOP);
	} else if (r->paused[f->vm] > 0 && --r->paused[f->vm] == 0) {
		kill(pid, SIGCONT);
	}
}

/* Carry out every action due by now, each fault's in its order. */
void
inject_due(struct run *r, uint64_t now_mono_ns)
{
	const struct opt_faults *fl = &r->o->faults;

	for (uint32_t i = 0; r->injecting && i < fl->n; i++)
		while (r->fault_step[i] < actions(&fl->f[i]) &&
		    due_ns(r, &fl->f[i], r->fault_step[i]) <= now_mono_ns)
			act(r, i, r->fault_step[i]++);
}

/*
 * The run is ending: no fault is carried out from now on, and every paused
 * VM goes on, as a stopped process cannot act on the SIGTERM it was sent.
 */
void
inject_stop(struct run *r)
{
	r->injecting = false;
	for (uint32_t v = 0; v < r->o->vms; v++) {
		if (r->paused[v] > 0 && r->pid[v] > 0)
			kill(r->pid[v], SIGCONT);
		r->paused[v] = 0;
	}
}

/* sim/verdict.c -- how a run ended: each VM's end by name, and the VM to blame */
#include <sys/wait.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "sim/run.h"
#include "sim/verdict.h"
#include "vm/core/fault.h"
#include "vm/core/vmend.h"

/* A VM that died of the SIGKILL its kill fault sent is `killed`. */
void
verdict_name_exit(struct run *r, uint32_t i, int st)
{
	if (r->killed_by[i] >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
		r->end[i] = (struct vmend){ VMEND_KILLED, 0 };
	else if (WIFEXITED(st))
		r->end[i] = vmend_exited(WEXITSTATUS(st));
	else
		r->end[i] = (struct vmend){ VMEND_SIGNAL, WTERMSIG(st) };
}

bool
verdict_ended_well(const struct run *r, uint32_t i)
{
	return vmend_well(&r->end[i], r->o->on_failure);
}

static void
blame(struct run *r, uint32_t i)
{
	char spec[FAULT_TEXT_MAX], how[VMEND_TEXT_MAX];

	r->failed_vm = (int)i;
	if (r->error[0] != '\0')
		return;
	if (r->end[i].kind == VMEND_KILLED) {
		fault_format(&r->o->faults.f[r->killed_by[i]], spec, sizeof spec);
		snprintf(r->error, sizeof r->error, "vm %u: killed by --fault %.200s",
		    (unsigned)i, spec);
	} else {
		vmend_format(&r->end[i], how, sizeof how);
		snprintf(r->error, sizeof r->error, "vm %u: %s", (unsigned)i, how);
	}
}

static bool
ended_as(const struct run *r, int i, enum vmend_kind kind)
{
	return r->end[i].kind == kind && !verdict_ended_well(r, (uint32_t)i);
}

/*
 * The VM that ended badly this way, if any: the first to end badly on its
 * own, if it did (on a full disk every VM ends in error, the first one for
 * that reason), else the lowest id.
 */
static int
first_of(const struct run *r, enum vmend_kind kind)
{
	if (r->first_bad >= 0 && ended_as(r, r->first_bad, kind))
		return r->first_bad;
	for (uint32_t i = 0; i < r->o->vms; i++)
		if (ended_as(r, (int)i, kind))
			return (int)i;
	return -1;
}

/*
 * Of the VMs that did not end well, the one to blame: a VM killed (on
 * purpose or not) or in error comes before its neighbours, which only saw
 * their link break. Failing that, the first to end badly, such as a VM
 * stopped on its own by a SIGTERM sent to it alone: the others were only
 * stopped after it. Under --on-failure continue a VM killed on purpose is
 * no failure.
 */
void
verdict_blame(struct run *r)
{
	static const enum vmend_kind order[] = { VMEND_KILLED, VMEND_SIGNAL,
	    VMEND_ERROR, VMEND_EXIT, VMEND_LINK_BROKEN };

	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		int i = first_of(r, order[k]);
		if (i >= 0) {
			blame(r, (uint32_t)i);
			return;
		}
	}
	if (r->first_bad >= 0)
		blame(r, (uint32_t)r->first_bad);
}

/* vm/core/vmend.c -- how a VM ends: its exit status, its name in run.meta, and the failure policy */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vm/core/num.h"
#include "vm/core/vmend.h"

/* The names of the kinds without a number. */
static const char *const word[] = {
	[VMEND_RUNNING] = "running", [VMEND_OK] = "ok",
	[VMEND_INTERRUPTED] = "interrupted", [VMEND_LINK_BROKEN] = "link-broken",
	[VMEND_KILLED] = "killed", [VMEND_ERROR] = "error",
	[VMEND_EXIT] = "exit ", [VMEND_SIGNAL] = "signal ",
};

static const char *const policy_name[] = {
	[VM_ON_FAILURE_STOP] = "stop", [VM_ON_FAILURE_CONTINUE] = "continue",
};

struct vmend
vmend_exited(int status)
{
	switch (status) {
	case VM_OK: return (struct vmend){ VMEND_OK, 0 };
	case VM_ERROR: return (struct vmend){ VMEND_ERROR, 0 };
	case VM_LINK_BROKEN: return (struct vmend){ VMEND_LINK_BROKEN, 0 };
	case VM_INTERRUPTED: return (struct vmend){ VMEND_INTERRUPTED, 0 };
	default: return (struct vmend){ VMEND_EXIT, status };
	}
}

void
vmend_format(const struct vmend *e, char *buf, size_t len)
{
	if (e->kind == VMEND_EXIT || e->kind == VMEND_SIGNAL)
		snprintf(buf, len, "%s%d", word[e->kind], e->code);
	else
		snprintf(buf, len, "%s", word[e->kind]);
}

int
vmend_parse(const char *s, struct vmend *e)
{
	uint64_t n;

	for (int k = VMEND_RUNNING; k <= VMEND_SIGNAL; k++) {
		size_t w = strlen(word[k]);
		bool numbered = k == VMEND_EXIT || k == VMEND_SIGNAL;
		if (numbered ? strncmp(s, word[k], w) != 0 : strcmp(s, word[k]) != 0)
			continue;
		if (numbered && (num_uint(s + w, &n) != 0 || n > INT_MAX))
			return -1;
		*e = (struct vmend){ (enum vmend_kind)k, numbered ? (int)n : 0 };
		return 0;
	}
	return -1;
}

bool
vmend_died(const struct vmend *e)
{
	return e->kind >= VMEND_KILLED;
}

bool
vmend_well(const struct vmend *e, enum vm_on_failure policy)
{
	return e->kind == VMEND_OK || (e->kind == VMEND_KILLED &&
	    policy == VM_ON_FAILURE_CONTINUE);
}

const char *
vmend_policy_name(enum vm_on_failure p)
{
	return policy_name[p];
}

int
vmend_policy_parse(const char *s, enum vm_on_failure *p)
{
	for (int i = VM_ON_FAILURE_STOP; i <= VM_ON_FAILURE_CONTINUE; i++) {
		if (strcmp(s, policy_name[i]) == 0) {
			*p = (enum vm_on_failure)i;
			return 0;
		}
	}
	return -1;
}

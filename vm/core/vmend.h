/* vm/core/vmend.h -- how a VM ends: its exit status, its name in run.meta, and the failure policy */
#ifndef VM_CORE_VMEND_H
#define VM_CORE_VMEND_H

#include <stdbool.h>
#include <stddef.h>

/* A VM's exit status, read by the orchestrator. */
enum vm_exit {
	VM_OK = 0,		/* every tick done, every link drained */
	VM_ERROR = 1,		/* could not join the ring or write the log */
	VM_REFUSED = 2,		/* a VM of the ring disagrees on a setting:
				 * bad input, and no log is left */
	VM_LINK_BROKEN = 3,	/* a peer vanished or spoke nonsense */
	VM_INTERRUPTED = 4,	/* SIGINT or SIGTERM: stopped early, log complete */
};

/*
 * --on-failure and run.meta's on_failure: what happens when a VM ends
 * badly. Its neighbours log PEER_DOWN either way.
 */
enum vm_on_failure {
	VM_ON_FAILURE_STOP,	/* a neighbour stops ticking and exits
				 * VM_LINK_BROKEN; the run ends */
	VM_ON_FAILURE_CONTINUE,	/* the others tick on to the planned end;
				 * messages to the dead VM are DROPs */
};

/* How a VM ended, as run.meta's vmI.exit says it. */
enum vmend_kind {
	VMEND_RUNNING,		/* not yet: the run goes on */
	VMEND_OK, VMEND_INTERRUPTED, VMEND_LINK_BROKEN,	/* shut down */
	VMEND_KILLED,		/* by the SIGKILL of its kill fault */
	VMEND_ERROR,		/* exited VM_ERROR */
	VMEND_EXIT,		/* "exit N": another exit status */
	VMEND_SIGNAL,		/* "signal N": died of another signal */
};

struct vmend {
	enum vmend_kind kind;
	int code;		/* EXIT: the status; SIGNAL: the signal; else 0 */
};

/* Room for any name vmend_format writes, with its NUL ("signal 2147483647"). */
#define VMEND_TEXT_MAX	24

/* A VM that exited with status: named if an enum vm_exit, else "exit N". */
struct vmend vmend_exited(int status);
/* "ok", "link-broken", "exit 7", "signal 9", ... into buf. */
void vmend_format(const struct vmend *e, char *buf, size_t len);
/* The name as vmend_format writes it: 0, or -1 if s is none. */
int vmend_parse(const char *s, struct vmend *e);
/*
 * Did it die rather than shut down? ok, interrupted and link-broken said
 * goodbye and logged what was left; killed, a signal, an error or an exit
 * code may have stopped its log anywhere. running is neither.
 */
bool vmend_died(const struct vmend *e);
/* Ended ok, or killed on purpose while the others were to go on. */
bool vmend_well(const struct vmend *e, enum vm_on_failure policy);

/* "stop" or "continue". */
const char *vmend_policy_name(enum vm_on_failure p);
/* 0, or -1 if s is not "stop" or "continue". */
int vmend_policy_parse(const char *s, enum vm_on_failure *p);

#endif

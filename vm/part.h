/* vm/part.h -- vmI.meta: a VM started by hand writes its part of run.meta beside its log */
#ifndef VM_PART_H
#define VM_PART_H

#include <stddef.h>
#include <stdint.h>

#include "vm/start.h"
#include "vm/vm.h"

/* How the VM's run went, as far as it alone knows. */
struct part_end {
	int status;		/* enum vm_exit */
	const char *error;	/* its first failure, or "" */
	uint64_t start_wall_ns;	/* 0: it never started */
	const struct start_result *start;	/* the barrier's, or NULL */
};

/*
 * Create c->part_path (it must not exist) with the part of run.meta VM
 * c->id knows: the ring's settings, its own vmI keys, its status (docs/
 * FORMAT.md). 0, or -1 with "PATH: reason".
 */
int part_write(const struct vm_conf *c, const struct part_end *e, char *err,
    size_t errlen);

#endif

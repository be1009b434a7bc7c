/* sim/vlogs.h -- the full logs of a big virtual ring: a small buffer per VM, a bounded set of open files */
#ifndef SIM_VLOGS_H
#define SIM_VLOGS_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/step.h"

/* Files kept open at once: far below any open-file limit worth having. */
#define VLOGS_FILES	512
/* Bytes of buffers in all, at least a line per VM. */
#define VLOGS_BUDGET	((size_t)128 << 20)

struct vlogs;

/*
 * DIR/vmI.csv for each of n VMs (no vector column): each made with its
 * header when first written out, never over an existing file. NULL with
 * err when out of memory.
 */
struct vlogs *vlogs_open(const char *dir, uint32_t n, char *err,
    size_t errlen);
/* A line of VM vm: 0, or -1 once its log cannot be written (then always). */
int vlogs_event(struct vlogs *l, uint32_t vm, const struct step_event *ev,
    uint64_t wall_ns, size_t queue_len);
/*
 * Write out VM vm's lines and close its file: 0, or -1 with "PATH:
 * reason" of the first write of its log that failed.
 */
int vlogs_close_vm(struct vlogs *l, uint32_t vm, char *err, size_t errlen);
void vlogs_free(struct vlogs *l);

#endif

/* analysis/rundir/logread.h -- streaming reader of one VM's event log (vmI.csv) */
#ifndef ANALYSIS_RUNDIR_LOGREAD_H
#define ANALYSIS_RUNDIR_LOGREAD_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/logline.h"
#include "vm/core/runmeta.h"

struct logread;

/* NULL with "PATH: reason" in err on failure, errno kept (ENOENT: missing). */
struct logread *logread_open(const char *path, char *err, size_t errlen);
/*
 * Returns 1 with *ev filled (ev->vec, if any, valid until the next call), 0 at the end of the file, -1 for a malformed
 * line (the header included) and -2 for a read error. err then holds
 * "PATH:LINE: reason" (-1) or "PATH: reason" (-2), and logread_reason()
 * the reason alone; the reader stays in that state.
 */
int logread_next(struct logread *lr, struct log_event *ev, char *err,
    size_t errlen);
/*
 * The log's clock runs offset_ns ahead of the run's (VM 0's, in a ring
 * across machines: runmeta_offset): every wall_ns read from now on is
 * given in the run's clock, offset_ns less than the file says.
 */
void logread_shift(struct logread *lr, int64_t offset_ns);
/*
 * lr is VM vm's log of the run m describes: read it in the run's clock,
 * shifted by the offset m records for it (a ring across machines), if any.
 */
void logread_in_run_clock(struct logread *lr, const struct runmeta *m,
    uint32_t vm);
/* The file's size when it was opened (0 if unknown). */
uint64_t logread_size(const struct logread *lr);
unsigned long logread_line(const struct logread *lr);
const char *logread_reason(const struct logread *lr);
void logread_close(struct logread *lr);

/*
 * The last line of the log at path, read from the end of the file: 1 with
 * *ev (ev->line 0: not counted; no vector given), 0 when the log has its header alone, -1
 * when it cannot be told (missing, unreadable, ending in a torn or bad
 * line: logread_next says what is wrong).
 */
int logread_last(const char *path, struct log_event *ev);

#endif

/* analysis/rundir/merge.h -- the N logs of a run read as one stream in wall-clock order */
#ifndef ANALYSIS_RUNDIR_MERGE_H
#define ANALYSIS_RUNDIR_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/logread.h"

struct merge;

/*
 * Merge n logs the caller opened and keeps (it closes them after
 * merge_close); a NULL entry is a log that is not there. threads > 0:
 * that many threads parse the logs ahead (logpar.h), and the logs are
 * theirs until merge_close; 0: they are read in the caller's thread.
 * Either way the stream is the same. NULL when out of memory.
 */
struct merge *merge_new(struct logread *const *lr, uint32_t n,
    unsigned threads);
/*
 * The next line of all logs, lowest wall_ns first (ties: lowest index,
 * then file order): 1 with *ev (valid until the next call) and the index
 * of its log in *vm, 0 when every log is done. A log that fails gives -1
 * (a malformed line) or -2 (a read error) with its index in *vm and the
 * reason in err, as logread_next says it; it is left out from then on
 * and the others go on.
 */
int merge_next(struct merge *m, const struct log_event **ev, uint32_t *vm,
    char *err, size_t errlen);
void merge_close(struct merge *m);

#endif

/* analysis/merge.h -- the N logs of a run read as one stream in wall-clock order */
#ifndef ANALYSIS_MERGE_H
#define ANALYSIS_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/logread.h"

struct merge;

/* Open DIR/vm0.csv .. vm(N-1).csv; NULL with "PATH[:LINE]: reason" in err. */
struct merge *merge_open(const char *dir, uint32_t nvms, char *err,
    size_t errlen);
/*
 * The next line of all logs, lowest wall_ns first (ties: lowest VM id,
 * then file order): 1 with *ev (valid until the next call) and the index
 * of its file in *vm, 0 when every log is done, -1 with the reason in err.
 */
int merge_next(struct merge *m, const struct log_event **ev, uint32_t *vm,
    char *err, size_t errlen);
void merge_close(struct merge *m);

#endif

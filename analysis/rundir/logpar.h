/* analysis/rundir/logpar.h -- a run's logs parsed ahead by a pool of threads, handed over in blocks */
#ifndef ANALYSIS_RUNDIR_LOGPAR_H
#define ANALYSIS_RUNDIR_LOGPAR_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/logread.h"

struct logpar;

/*
 * Parse the n logs the caller opened (and closes after logpar_close; a
 * NULL entry is a log that is not there) in `threads` threads of their
 * own, as many as there are logs at most. NULL when out of memory or no
 * thread could start (errno): the caller then reads the logs itself.
 */
struct logpar *logpar_new(struct logread *const *lr, uint32_t n,
    unsigned threads);
/*
 * The next lines of log i, a block of them: 1 with *ev the first of *n
 * (n >= 1) in file order, valid until the next call for log i; then as
 * logread_next at the end: 0, or -1 / -2 with err the same. Log i's entry
 * must not be NULL.
 */
int logpar_next(struct logpar *p, uint32_t i, const struct log_event **ev,
    uint32_t *n, char *err, size_t errlen);
/* Stop the threads, wherever they are in the logs, and free all. */
void logpar_close(struct logpar *p);

/*
 * How many threads parse logs of `bytes` bytes in all besides the
 * caller's: CLOCKRING_THREADS less one, if set; else one per core, or
 * none for logs under LOGPAR_SMALL bytes, where starting threads costs
 * more than they save. -1 with "CLOCKRING_THREADS 'x': reason" in why if
 * that is not a count.
 */
#define LOGPAR_SMALL	(4u << 20)
int logpar_threads(uint64_t bytes, unsigned *threads, char *why, size_t len);

#endif

/* analysis/meta.h -- reader of a run's run.meta (key=value lines) */
#ifndef ANALYSIS_META_H
#define ANALYSIS_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct meta;

/* Load DIR/run.meta; NULL with "PATH[:LINE]: reason" in err on failure. */
struct meta *meta_load(const char *dir, char *err, size_t errlen);
void meta_free(struct meta *m);

/* The raw value of key, NULL if absent; the line it is on, 0 if absent. */
const char *meta_get(const struct meta *m, const char *key);
unsigned long meta_line(const struct meta *m, const char *key);

/*
 * Typed getters: 0, or -1 with the reason in err ("missing key 'seed'",
 * "speed 'fast': not a number"); the caller adds the location.
 */
int meta_str(const struct meta *m, const char *key, const char **val,
    char *err, size_t errlen);
int meta_u64(const struct meta *m, const char *key, uint64_t *val,
    char *err, size_t errlen);
int meta_double(const struct meta *m, const char *key, double *val,
    char *err, size_t errlen);

/*
 * Did a VM that ended this way (a vmI.exit value) die rather than shut
 * down? ok, interrupted and link-broken said goodbye and logged what was
 * left; killed, a signal, an error or an exit code may have stopped its
 * log anywhere. running is neither: the run has not ended.
 */
bool meta_exit_died(const char *exit);

#endif

/* analysis/stage.h -- build RUN_DIR/analysis in a temporary directory, then swap it in */
#ifndef ANALYSIS_STAGE_H
#define ANALYSIS_STAGE_H

#include <stddef.h>

#define STAGE_PATH_MAX	4096

/*
 * Make RUN_DIR/.analysis.tmp-PID, after clearing what analyses killed
 * half-way left there (their pids are dead): 0, or -1 with err.
 */
int stage_create(const char *run_dir, char tmp[STAGE_PATH_MAX], char *err,
    size_t errlen);
/*
 * Put tmp in place as RUN_DIR/analysis, replacing an older one only now:
 * 0, or -1 with err, the older analysis kept and tmp left to discard.
 */
int stage_commit(const char *tmp, const char *run_dir, char *err,
    size_t errlen);
/* Remove a directory tree, e.g. a temporary one on failure; quiet. */
void stage_discard(const char *path);

#endif

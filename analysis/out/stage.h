/* analysis/out/stage.h -- build output in a temporary directory, then move it into place file by file */
#ifndef ANALYSIS_OUT_STAGE_H
#define ANALYSIS_OUT_STAGE_H

#include <stddef.h>

#define STAGE_PATH_MAX	4096

/*
 * Make DIR/.NAME.tmp-PID (tmp receives it), after clearing what stages of
 * NAME killed half-way left in DIR (their pids are dead): 0, or -1 with
 * err naming DIR, and tmp "".
 */
int stage_create(const char *dir, const char *name, char tmp[STAGE_PATH_MAX],
    char *err, size_t errlen);
/*
 * Move every file of tmp into dir (tmp is in dir, or on its file system),
 * replacing files of the same names, then remove tmp: 0, or -1 with err.
 * Files of dir that tmp does not hold are left alone.
 */
int stage_publish(const char *tmp, const char *dir, char *err, size_t errlen);
/* As stage_publish, the file named last moved after all the others. */
int stage_publish_last(const char *tmp, const char *dir, const char *last,
    char *err, size_t errlen);
/* Remove a directory tree, e.g. a temporary one on failure; quiet. */
void stage_discard(const char *path);
/*
 * An error "TMP/FILE: reason" about a file still in tmp becomes
 * "FINAL/FILE: reason", naming it as the user will look for it.
 */
void stage_name_final(char *err, size_t errlen, const char *tmp,
    const char *final);

#endif

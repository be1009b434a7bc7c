/* analysis/stage.h -- build output in a temporary directory, then swap or move it into place */
#ifndef ANALYSIS_STAGE_H
#define ANALYSIS_STAGE_H

#include <stddef.h>

#define STAGE_PATH_MAX	4096

/*
 * Make DIR/.NAME.tmp-PID (tmp receives it), after clearing what stages of
 * NAME killed half-way left in DIR (their pids are dead): 0, or -1 with
 * err naming DIR/NAME, and tmp "".
 */
int stage_create(const char *dir, const char *name, char tmp[STAGE_PATH_MAX],
    char *err, size_t errlen);
/*
 * Put tmp in place as DIR/NAME, replacing an older one only now: 0, or -1
 * with err, the older one kept and tmp left to discard.
 */
int stage_commit(const char *tmp, const char *dir, const char *name,
    char *err, size_t errlen);
/*
 * Move every file of tmp into dir (tmp is in dir, or on its file system),
 * replacing files of the same names, then remove tmp: 0, or -1 with err.
 * Files of dir that tmp does not hold are left alone.
 */
int stage_publish(const char *tmp, const char *dir, char *err, size_t errlen);
/* Remove a directory tree, e.g. a temporary one on failure; quiet. */
void stage_discard(const char *path);
/*
 * An error "TMP/FILE: reason" about a file still in tmp becomes
 * "FINAL/FILE: reason", naming it as the user will look for it.
 */
void stage_name_final(char *err, size_t errlen, const char *tmp,
    const char *final);

#endif

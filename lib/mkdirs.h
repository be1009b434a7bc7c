/* lib/mkdirs.h -- mkdir -p, and its undo: only what it made goes */
#ifndef LIB_MKDIRS_H
#define LIB_MKDIRS_H

#include <stddef.h>

/*
 * Make path and every parent it lacks: 0, or -1 with errno. *made is the
 * length of the shortest prefix of path that was created, 0 if none.
 */
int mkdirs_make(const char *path, size_t *made);
/* Remove what mkdirs_make made of path, deepest first; only empty ones go. */
void mkdirs_undo(const char *path, size_t made);

#endif

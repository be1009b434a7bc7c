/* analysis/report/relpath.h -- the path of a file relative to a directory, for links between files */
#ifndef ANALYSIS_REPORT_RELPATH_H
#define ANALYSIS_REPORT_RELPATH_H

#include <stddef.h>

/*
 * The path from directory dir to file (both must exist) as a relative
 * link, "../b/c.png", into buf: 0, or -1 (errno set) when either cannot
 * be resolved or buf is too small.
 */
int relpath_make(const char *dir, const char *file, char *buf, size_t len);

#endif

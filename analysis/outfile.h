/* analysis/outfile.h -- create and close the files of an analysis, errors named */
#ifndef ANALYSIS_OUTFILE_H
#define ANALYSIS_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#define OUTFILE_PATH_MAX	4096

/* Create DIR/NAME (path receives it): the file, or NULL with err. */
FILE *outfile_open(const char *dir, const char *name,
    char path[OUTFILE_PATH_MAX], char *err, size_t errlen);
/* Flush and close: 0, or -1 with "PATH: reason" if any write failed. */
int outfile_close(FILE *f, const char *path, char *err, size_t errlen);

#endif

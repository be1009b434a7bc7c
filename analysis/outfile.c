/* analysis/outfile.c -- create and close the files of an analysis, errors named */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "analysis/outfile.h"

FILE *
outfile_open(const char *dir, const char *name, char path[OUTFILE_PATH_MAX],
    char *err, size_t errlen)
{
	FILE *f;

	if ((size_t)snprintf(path, OUTFILE_PATH_MAX, "%s/%s", dir, name) >=
	    OUTFILE_PATH_MAX) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return NULL;
	}
	if ((f = fopen(path, "w")) == NULL)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return f;
}

/*
 * stdio reports a failed write only through ferror, without its errno; the
 * flush tells us the reason for whatever was still buffered (a full disk).
 */
int
outfile_close(FILE *f, const char *path, char *err, size_t errlen)
{
	int rc = 0;

	if (fflush(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	} else if (ferror(f)) {
		snprintf(err, errlen, "%s: write error", path);
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	return rc;
}

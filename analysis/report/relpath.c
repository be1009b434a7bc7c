/* analysis/report/relpath.c -- the path of a file relative to a directory, for links between files */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report/relpath.h"

/* Both resolved first, so "a/../b" and symbolic links are no trouble. */
int
relpath_make(const char *dir, const char *file, char *buf, size_t len)
{
	char *from = realpath(dir, NULL), *to = realpath(file, NULL);
	size_t common = 0, used = 0;
	int rc = -1;

	if (from == NULL || to == NULL)
		goto done;
	/* The longest leading run of whole components they share. */
	for (size_t i = 0; from[i] != '\0' && from[i] == to[i]; i++)
		if (to[i + 1] == '/' && (from[i + 1] == '\0' ||
		    from[i + 1] == '/'))
			common = i + 1;
	/* One ".." for each component of dir past the common part. */
	const char *rest = strcmp(from, "/") == 0 ? "" : from + common;
	for (const char *p = rest; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		int n = snprintf(buf + used, len - used, "../");
		if (n < 0 || (size_t)n >= len - used)
			goto toolong;
		used += (size_t)n;
	}
	int n = snprintf(buf + used, len - used, "%s", to + common + 1);
	if (n < 0 || (size_t)n >= len - used)
		goto toolong;
	rc = 0;
	goto done;
toolong:
	errno = ENAMETOOLONG;
done:
	free(from);
	free(to);
	return rc;
}

/* lib/mkdirs.c -- mkdir -p, and its undo: only what it made goes */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/mkdirs.h"

int
mkdirs_make(const char *path, size_t *made)
{
	char buf[PATH_MAX];

	*made = 0;
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) == 0) {
			if (*made == 0)
				*made = (size_t)(p - buf);
		} else if (errno != EEXIST)
			return -1;
		if ((*p = c) == '\0')
			return 0;
	}
}

void
mkdirs_undo(const char *path, size_t made)
{
	char buf[PATH_MAX];
	size_t n;

	if (made == 0 || snprintf(buf, sizeof buf, "%s", path) >=
	    (int)sizeof buf)
		return;
	for (n = strlen(buf); n >= made && rmdir(buf) == 0; buf[n] = '\0') {
		while (n > 1 && buf[n - 1] == '/')	/* "a/b/" is "a/b" */
			n--;
		while (n > 0 && buf[n - 1] != '/')
			n--;
		while (n > 1 && buf[n - 1] == '/')
			n--;
	}
}

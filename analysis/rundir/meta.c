/* analysis/rundir/meta.c -- a run's run.meta read from its directory (the format: vm/core/runmeta) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rundir/meta.h"

/* The whole file, NUL after it, malloc'd: NULL with errno on failure. */
static char *
slurp(const char *path, size_t *len)
{
	char *text = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "r");
	int saved;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - *len < 4096) {
			char *more = realloc(text, cap = cap * 2 + 8192);
			if (more == NULL)
				goto fail;
			text = more;
		}
		size_t n = fread(text + *len, 1, cap - *len - 1, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	text[*len] = '\0';
	return text;
fail:
	saved = errno;
	fclose(f);
	free(text);
	errno = saved;
	return NULL;
}

int
meta_read(const char *dir, struct runmeta *m, struct runmeta_seen *seen,
    runmeta_problem_fn *fn, void *ctx, char *err, size_t errlen)
{
	char path[4096], *text;
	size_t len;
	int rc;

	if ((size_t)snprintf(path, sizeof path, "%s/run.meta", dir) >=
	    sizeof path) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return -1;
	}
	if ((text = slurp(path, &len)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = runmeta_read(path, text, len, m, seen, fn, ctx, err, errlen);
	free(text);
	return rc;
}

int
meta_load(const char *dir, struct runmeta *m, char *err, size_t errlen)
{
	return meta_read(dir, m, NULL, NULL, NULL, err, errlen) == 0 ? 0 : -1;
}

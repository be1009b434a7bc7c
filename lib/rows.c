/* lib/rows.c -- a text file of a run read a line at a time, its path and line number kept for messages */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lib/errmsg.h"
#include "lib/rows.h"

int
rows_open(struct rows *r, const char *dir, const char *name, char *why,
    size_t len)
{
	memset(r, 0, sizeof *r);
	if ((size_t)snprintf(r->path, sizeof r->path, "%s/%s", dir,
	    name) >= sizeof r->path)
		return errmsg_set(why, len, "%.64s...: path too long", dir);
	if ((r->f = fopen(r->path, "r")) == NULL)
		return errmsg_set(why, len, "%s: %s", r->path, strerror(errno));
	return 0;
}

int
rows_line(struct rows *r, char *why, size_t len)
{
	ssize_t n = getline(&r->line, &r->cap, r->f);

	if (n == -1)
		return ferror(r->f) ? errmsg_set(why, len, "%s: %s", r->path,
		    strerror(errno)) : 0;
	r->lineno++;
	if (n > 0 && r->line[n - 1] == '\n')
		r->line[--n] = '\0';
	return 1;
}

int
rows_next(struct rows *r, char *why, size_t len)
{
	int rc;

	while ((rc = rows_line(r, why, len)) == 1)
		if (r->line[0] != '\0' && r->line[0] != '#')
			return 1;
	return rc;
}

void
rows_close(struct rows *r)
{
	if (r->f != NULL)
		fclose(r->f);
	free(r->line);
}

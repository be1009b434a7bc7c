/* lib/rows.h -- a text file of a run read a line at a time, its path and line number kept for messages */
#ifndef LIB_ROWS_H
#define LIB_ROWS_H
#include <stddef.h>
#include <stdio.h>

struct rows {
	FILE *f;
	char path[4096];
	char *line;		/* the last line read, its newline cut */
	size_t cap;
	unsigned long lineno;
};

/* DIR/NAME opened: 0, or -1 with why (r closable either way). */
int rows_open(struct rows *r, const char *dir, const char *name, char *why,
    size_t len);
/* The next line into r->line: 1; 0 at the end; -1 with why. */
int rows_line(struct rows *r, char *why, size_t len);
/* The next line neither blank nor a '#' comment: as rows_line. */
int rows_next(struct rows *r, char *why, size_t len);
void rows_close(struct rows *r);
#endif

/* analysis/report/doc_be.h -- what the document writer's back ends (Markdown, HTML) implement and share */
#ifndef ANALYSIS_REPORT_DOC_BE_H
#define ANALYSIS_REPORT_DOC_BE_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/report/doc.h"

/* The back ends, in doc_md.c and doc_html.c. */
struct doc_ops {
	void (*begin)(struct doc *d, const char *title);
	void (*end)(struct doc *d);
	void (*heading)(struct doc *d, int level, const char *text);
	void (*para)(struct doc *d, int open);		/* open or close */
	void (*item)(struct doc *d, int open);		/* of a list */
	void (*list)(struct doc *d, int open);
	void (*span)(struct doc *d, int kind, const char *text);
	void (*link)(struct doc *d, const char *text, const char *link);
	void (*table)(struct doc *d, int open, size_t ncols,
	    const char *const *head, const char *align);
	void (*row)(struct doc *d, const char *const *cells);
	void (*image)(struct doc *d, const char *path, const char *link,
	    const char *caption);
};

enum doc_span { DOC_TEXT, DOC_CODE, DOC_STRONG };

extern const struct doc_ops doc_md_ops, doc_html_ops;

/* What doc.c and the back ends share: file, table shape, first error. */
struct doc {
	FILE *f;
	const struct doc_ops *ops;
	size_t ncols;		/* of the open table */
	char align[64];		/* its columns: 'l' or 'r' each */
	size_t images;		/* images written */
	char err[512];		/* the first error, "" while none */
};

/*
 * A relative link as a URL onto f: every byte but letters, digits,
 * "-._~" and '/' percent-encoded, so that a space, '#' or '?' in a file
 * name stays part of the path and no quote or '>' ends the link.
 */
void doc_put_url(FILE *f, const char *link);

#endif

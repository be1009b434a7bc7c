/* analysis/report/doc.c -- a tiny document writer: one description of the content, Markdown or HTML out */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report/doc.h"
#include "analysis/report/doc_be.h"

struct doc *
doc_open(FILE *f, enum doc_format fmt, const char *title)
{
	struct doc *d = calloc(1, sizeof *d);

	if (d == NULL)
		return NULL;
	d->f = f;
	d->ops = fmt == DOC_HTML ? &doc_html_ops : &doc_md_ops;
	d->ops->begin(d, title);
	return d;
}

int
doc_close(struct doc *d, char *err, size_t errlen)
{
	d->ops->end(d);
	int rc = d->err[0] != '\0' ? -1 : 0;
	if (rc == -1)
		snprintf(err, errlen, "%s", d->err);
	free(d);
	return rc;
}

void
doc_fail(struct doc *d, const char *fmt, ...)
{
	va_list ap;

	if (d->err[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(d->err, sizeof d->err, fmt, ap);
	va_end(ap);
}

void
doc_heading(struct doc *d, int level, const char *text)
{
	d->ops->heading(d, level, text);
}

void
doc_para_begin(struct doc *d)
{
	d->ops->para(d, 1);
}

void
doc_para_end(struct doc *d)
{
	d->ops->para(d, 0);
}

void
doc_para(struct doc *d, const char *text)
{
	doc_para_begin(d);
	doc_text(d, text);
	doc_para_end(d);
}

void
doc_list_begin(struct doc *d)
{
	d->ops->list(d, 1);
}

void
doc_list_end(struct doc *d)
{
	d->ops->list(d, 0);
}

void
doc_item_begin(struct doc *d)
{
	d->ops->item(d, 1);
}

void
doc_item_end(struct doc *d)
{
	d->ops->item(d, 0);
}

void
doc_item(struct doc *d, const char *text)
{
	doc_item_begin(d);
	doc_text(d, text);
	doc_item_end(d);
}

void
doc_text(struct doc *d, const char *text)
{
	d->ops->span(d, DOC_TEXT, text);
}

void
doc_code(struct doc *d, const char *text)
{
	d->ops->span(d, DOC_CODE, text);
}

void
doc_strong(struct doc *d, const char *text)
{
	d->ops->span(d, DOC_STRONG, text);
}

void
doc_link(struct doc *d, const char *text, const char *link)
{
	d->ops->link(d, text, link);
}

void
doc_table_begin(struct doc *d, size_t ncols, const char *const *head,
    const char *align)
{
	d->ncols = ncols < sizeof d->align ? ncols : sizeof d->align - 1;
	snprintf(d->align, sizeof d->align, "%.*s", (int)d->ncols, align);
	d->ops->table(d, 1, d->ncols, head, d->align);
}

void
doc_table_row(struct doc *d, const char *const *cells)
{
	d->ops->row(d, cells);
}

void
doc_table_end(struct doc *d)
{
	d->ops->table(d, 0, d->ncols, NULL, d->align);
	d->ncols = 0;
}

void
doc_image(struct doc *d, const char *path, const char *link,
    const char *caption)
{
	d->ops->image(d, path, link, caption);
	d->images++;
}

void
doc_put_url(FILE *f, const char *link)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-._~/";

	for (const unsigned char *p = (const unsigned char *)link; *p; p++) {
		if (strchr(safe, *p) != NULL)
			fputc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
	}
}

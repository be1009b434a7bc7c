/* analysis/report/doc.h -- a tiny document writer: one description of the content, Markdown or HTML out */
#ifndef ANALYSIS_REPORT_DOC_H
#define ANALYSIS_REPORT_DOC_H

#include <stddef.h>
#include <stdio.h>

enum doc_format { DOC_MARKDOWN, DOC_HTML };

/*
 * A document is written top to bottom, element by element, onto a FILE.
 * Text is plain: each back end escapes it. Inline spans (text, code,
 * strong, link) go inside a paragraph or a list item. Errors are sticky: the
 * first is kept and doc_close reports it.
 */
struct doc;

/* Start a document (title is its heading and, in HTML, the page title). */
struct doc *doc_open(FILE *f, enum doc_format fmt, const char *title);
/* End it and free d: 0, or -1 with the first error in err. */
int doc_close(struct doc *d, char *err, size_t errlen);
/* Record an error (the first one wins). */
void doc_fail(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void doc_heading(struct doc *d, int level, const char *text);
void doc_para_begin(struct doc *d);
void doc_para_end(struct doc *d);
/* A paragraph of one plain text. */
void doc_para(struct doc *d, const char *text);
void doc_list_begin(struct doc *d);
void doc_list_end(struct doc *d);
void doc_item_begin(struct doc *d);
void doc_item_end(struct doc *d);
/* An item of one plain text. */
void doc_item(struct doc *d, const char *text);
void doc_text(struct doc *d, const char *text);
void doc_code(struct doc *d, const char *text);
void doc_strong(struct doc *d, const char *text);
/* A link to link (relative to the document), reading text. */
void doc_link(struct doc *d, const char *text, const char *link);
/* align: one letter per column, 'l' or 'r'. */
void doc_table_begin(struct doc *d, size_t ncols, const char *const *head,
    const char *align);
void doc_table_row(struct doc *d, const char *const *cells);
void doc_table_end(struct doc *d);
/*
 * An image with its caption: HTML inlines the file at path, Markdown
 * links to link (relative to the document).
 */
void doc_image(struct doc *d, const char *path, const char *link,
    const char *caption);

#endif

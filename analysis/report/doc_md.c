/* analysis/report/doc_md.c -- the document writer's Markdown back end (CommonMark with GitHub tables) */
#include <stdio.h>
#include <string.h>

#include "analysis/report/doc_be.h"

/*
 * Text is escaped so that no character of it is read as markup: the
 * punctuation Markdown gives a meaning inside a line, and '|' for table
 * cells. ('#' and '>' mean something only at the start of a line, where
 * the notebook never puts text of the results.) Line breaks become
 * spaces: every element here is one line.
 */
static void
text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			fputc(' ', f);
			continue;
		}
		if (strchr("\\`*_[]<|~&", *s) != NULL)
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void
begin(struct doc *d, const char *title)
{
	fputs("# ", d->f);
	text(d->f, title);
	fputs("\n\n", d->f);
}

static void
end(struct doc *d)
{
	(void)d;
}

static void
heading(struct doc *d, int level, const char *s)
{
	fprintf(d->f, "%.*s ", level < 1 ? 1 : level > 6 ? 6 : level,
	    "######");
	text(d->f, s);
	fputs("\n\n", d->f);
}

static void
para(struct doc *d, int open)
{
	if (!open)
		fputs("\n\n", d->f);
}

static void
item(struct doc *d, int open)
{
	fputs(open ? "- " : "\n", d->f);
}

static void
list(struct doc *d, int open)
{
	if (!open)
		fputc('\n', d->f);
}

/* Code in a run of backticks longer than any inside it. */
static void
code(FILE *f, const char *s)
{
	size_t run = 0, longest = 0;

	for (const char *p = s; *p != '\0'; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	for (size_t i = 0; i <= longest; i++)
		fputc('`', f);
	fprintf(f, longest ? " %s " : "%s", s);
	for (size_t i = 0; i <= longest; i++)
		fputc('`', f);
}

static void
span(struct doc *d, int kind, const char *s)
{
	if (kind == DOC_CODE) {
		code(d->f, s);
		return;
	}
	if (kind == DOC_STRONG)
		fputs("**", d->f);
	text(d->f, s);
	if (kind == DOC_STRONG)
		fputs("**", d->f);
}

static void
cells(FILE *f, size_t n, const char *const *cell)
{
	for (size_t i = 0; i < n; i++) {
		fputs("| ", f);
		text(f, cell[i]);
		fputc(' ', f);
	}
	fputs("|\n", f);
}

static void
table(struct doc *d, int open, size_t ncols, const char *const *head,
    const char *align)
{
	if (!open) {
		fputc('\n', d->f);
		return;
	}
	cells(d->f, ncols, head);
	for (size_t i = 0; i < ncols; i++)
		fputs(align[i] == 'r' ? "| ---: " : "| :--- ", d->f);
	fputs("|\n", d->f);
}

static void
row(struct doc *d, const char *const *cell)
{
	cells(d->f, d->ncols, cell);
}

/* "(<link>)": in <...>, as the links have always been written here. */
static void
dest(FILE *f, const char *link)
{
	fputs("(<", f);
	doc_put_url(f, link);
	fputs(">)", f);
}

static void
link(struct doc *d, const char *s, const char *to)
{
	fputc('[', d->f);
	text(d->f, s);
	fputc(']', d->f);
	dest(d->f, to);
}

static void
image(struct doc *d, const char *path, const char *to, const char *caption)
{
	(void)path;
	fputs("![", d->f);
	text(d->f, caption);
	fputc(']', d->f);
	dest(d->f, to);
	fputs("\n\n", d->f);
	fputc('*', d->f);
	text(d->f, caption);
	fputs("*\n\n", d->f);
}

const struct doc_ops doc_md_ops = {
	begin, end, heading, para, item, list, span, link, table, row, image,
};

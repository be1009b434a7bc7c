/* analysis/report/doc_html.c -- the document writer's HTML back end: one self-contained page */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "analysis/report/doc_be.h"

/*
 * Everything the page needs is in it: the style, the images (base64
 * data: URIs) and a script that, once the page has loaded, logs on the
 * console how many images it holds and how many failed to decode, for a
 * test in a real browser. Readable on a projector (large type, wide
 * figures) and on paper (no figure split across pages).
 */
static const char style[] =
"body { font-family: sans-serif; font-size: 19px; line-height: 1.45;\n"
"  color: #111; background: #fff; max-width: 1280px; margin: 0 auto;\n"
"  padding: 0 24px 48px; }\n"
"h1 { font-size: 2em; margin-top: 0.8em; }\n"
"h2 { font-size: 1.5em; border-bottom: 2px solid #ccc; margin-top: 1.8em; }\n"
"h3 { font-size: 1.2em; margin-top: 1.4em; }\n"
"table { border-collapse: collapse; margin: 0.6em 0 1.2em;\n"
"  font-size: 0.8em; }\n"
"th, td { border: 1px solid #bbb; padding: 0.2em 0.45em;\n"
"  vertical-align: top; }\n"
"th { background: #eef1f5; }\n"
"tr:nth-child(even) td { background: #f7f7f7; }\n"
"td.r, th.r { text-align: right; white-space: nowrap; }\n"
"code { font-size: 0.92em; background: #f1f1f1; padding: 0.05em 0.3em; }\n"
"figure { margin: 1em 0 1.6em; }\n"
"figure img { display: block; width: 100%; max-width: 1280px; height: auto;\n"
"  border: 1px solid #ddd; }\n"
"figcaption { font-style: italic; color: #444; margin-top: 0.3em; }\n"
"li { margin: 0.35em 0; }\n"
"@media print {\n"
"  body { font-size: 11pt; max-width: none; padding: 0; }\n"
"  figure, table { break-inside: avoid; page-break-inside: avoid; }\n"
"  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
"}\n";

static const char check_script[] =
"<script>\n"
"window.addEventListener(\"load\", function () {\n"
"  var img = document.images, broken = 0;\n"
"  for (var i = 0; i < img.length; i++)\n"
"    if (!img[i].complete || img[i].naturalWidth === 0)\n"
"      broken++;\n"
"  console.log(\"clockring-report: \" + img.length + \" images, \" +\n"
"    broken + \" broken\");\n"
"});\n"
"</script>\n";

static void
text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void
begin(struct doc *d, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", d->f);
	text(d->f, title);
	fprintf(d->f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    style);
	text(d->f, title);
	fputs("</h1>\n", d->f);
}

static void
end(struct doc *d)
{
	fprintf(d->f, "%s</body>\n</html>\n", check_script);
}

static void
heading(struct doc *d, int level, const char *s)
{
	level = level < 1 ? 1 : level > 6 ? 6 : level;
	fprintf(d->f, "<h%d>", level);
	text(d->f, s);
	fprintf(d->f, "</h%d>\n", level);
}

static void
para(struct doc *d, int open)
{
	fputs(open ? "<p>" : "</p>\n", d->f);
}

static void
item(struct doc *d, int open)
{
	fputs(open ? "<li>" : "</li>\n", d->f);
}

static void
list(struct doc *d, int open)
{
	fputs(open ? "<ul>\n" : "</ul>\n", d->f);
}

static void
span(struct doc *d, int kind, const char *s)
{
	static const char *const tag[] = { [DOC_CODE] = "code",
		[DOC_STRONG] = "strong" };

	if (kind != DOC_TEXT)
		fprintf(d->f, "<%s>", tag[kind]);
	text(d->f, s);
	if (kind != DOC_TEXT)
		fprintf(d->f, "</%s>", tag[kind]);
}

static void
link(struct doc *d, const char *s, const char *to)
{
	fputs("<a href=\"", d->f);
	doc_put_url(d->f, to);
	fputs("\">", d->f);
	text(d->f, s);
	fputs("</a>", d->f);
}

static void
cells(struct doc *d, const char *tag, const char *const *cell,
    const char *align)
{
	fputs("<tr>", d->f);
	for (size_t i = 0; i < d->ncols; i++) {
		fprintf(d->f, "<%s%s>", tag, align != NULL && align[i] == 'r' ?
		    " class=\"r\"" : "");
		text(d->f, cell[i]);
		fprintf(d->f, "</%s>", tag);
	}
	fputs("</tr>\n", d->f);
}

static void
table(struct doc *d, int open, size_t ncols, const char *const *head,
    const char *align)
{
	if (!open) {
		fputs("</tbody>\n</table>\n", d->f);
		return;
	}
	(void)ncols;
	fputs("<table>\n<thead>\n", d->f);
	cells(d, "th", head, align);
	fputs("</thead>\n<tbody>\n", d->f);
}

static void
row(struct doc *d, const char *const *cell)
{
	cells(d, "td", cell, d->align);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Three bytes (n of them real) as four characters. */
static void
quad(FILE *f, const unsigned char *in, size_t n)
{
	unsigned v = (unsigned)in[0] << 16 |
	    (n > 1 ? (unsigned)in[1] << 8 : 0) | (n > 2 ? in[2] : 0);

	fputc(b64[v >> 18 & 63], f);
	fputc(b64[v >> 12 & 63], f);
	fputc(n > 1 ? b64[v >> 6 & 63] : '=', f);
	fputc(n > 2 ? b64[v & 63] : '=', f);
}

/* The file, base64-encoded, onto f: 0, or -1 with the reason on d. */
static int
base64(struct doc *d, const char *path)
{
	unsigned char buf[3 * 4096];
	FILE *in = fopen(path, "rb");
	size_t n;

	if (in == NULL) {
		doc_fail(d, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		for (size_t i = 0; i < n; i += 3)
			quad(d->f, buf + i, n - i < 3 ? n - i : 3);
	int bad = ferror(in);
	fclose(in);
	if (bad)
		doc_fail(d, "%s: read error", path);
	return bad ? -1 : 0;
}

static void
image(struct doc *d, const char *path, const char *link, const char *caption)
{
	(void)link;
	fputs("<figure>\n<img alt=\"", d->f);
	text(d->f, caption);
	fputs("\" src=\"data:image/png;base64,", d->f);
	base64(d, path);
	fputs("\">\n<figcaption>", d->f);
	text(d->f, caption);
	fputs("</figcaption>\n</figure>\n", d->f);
}

const struct doc_ops doc_html_ops = {
	begin, end, heading, para, item, list, span, link, table, row, image,
};

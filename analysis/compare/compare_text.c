/* analysis/compare/compare_text.c -- the comparison's numbers as people read them, and its table */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/compare/compare_set.h"
#include "analysis/compare/compare_text.h"
#include "analysis/stats/figures.h"

void
compare_text_value(char *buf, size_t len, int fig, double v, int decimals)
{
	const struct compare_figinfo *fi = &compare_figs[fig];

	if (isnan(v)) {	/* analyzed before the figure was */
		snprintf(buf, len, "-");
		return;
	}
	if (fi->percent)
		v *= 100;
	snprintf(buf, len, "%.*f%s", decimals, figures_round(v, decimals),
	    fi->percent ? "%" : "");
}

void
compare_text_mean(char *buf, size_t len, int fig, double v)
{
	compare_text_value(buf, len, fig, v, compare_figs[fig].decimals);
}

void
compare_text_run(char *buf, size_t len, int fig, double v)
{
	compare_text_value(buf, len, fig, v,
	    compare_figs[fig].integral ? 0 : compare_figs[fig].decimals);
}

void
compare_text_spread(char *buf, size_t len, int fig,
    const struct compare_spread *s)
{
	const struct compare_figinfo *fi = &compare_figs[fig];
	double k = fi->percent ? 100 : 1;

	if (isnan(s->mean)) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%.*f ± %.*f%s", fi->decimals,
	    figures_round(s->mean * k, fi->decimals), fi->decimals,
	    figures_round(s->sd * k, fi->decimals), fi->percent ? "%" : "");
}

void
compare_text_heading(char *buf, size_t len, int fig)
{
	const struct compare_figinfo *fi = &compare_figs[fig];

	if (fi->percent)
		snprintf(buf, len, "%s (%% of %s)", fi->label,
		    *fi->unit ? fi->unit : "ticks");
	else
		snprintf(buf, len, "%s (%s)", fi->label, fi->unit);
}

/* The figures the printed table shows; compare.csv has them all. */
static const int shown[] = { CMP_MAX_DRIFT, CMP_MEAN_JUMP, CMP_JUMP_SHARE,
	CMP_MAX_QUEUE, CMP_PENDING, CMP_SENT, CMP_ORDERED };
#define NSHOWN	(sizeof shown / sizeof shown[0])
#define CELL	16

/* Characters, not bytes: '±' is two bytes of UTF-8. */
static int
width(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
cell(FILE *f, const char *s)
{
	fprintf(f, "%*s%s", CELL - width(s), "", s);
}

void
compare_text_table(FILE *f, const struct compare *c)
{
	char buf[64], set[COMPARE_SET_TEXT];
	int w = (int)strlen("experiment");

	for (size_t i = 0; i < c->nexps; i++)
		if ((int)strlen(c->exps[i].name) > w)
			w = (int)strlen(c->exps[i].name);
	fprintf(f, "%-*s  runs", w, "experiment");
	for (size_t k = 0; k < NSHOWN; k++)
		cell(f, compare_figs[shown[k]].label);
	fputc('\n', f);
	for (size_t i = 0; i < c->nexps; i++) {
		const struct compare_exp *e = &c->exps[i];
		fprintf(f, "%-*s  %4" PRIu32, w, e->name, e->repeat);
		for (size_t k = 0; k < NSHOWN; k++) {
			compare_text_spread(buf, sizeof buf, shown[k],
			    &e->fig[shown[k]]);
			cell(f, buf);
		}
		fputc('\n', f);
	}
	fputs("(mean ± standard deviation across the runs of each "
	    "experiment)\n", f);
	for (size_t i = 0; i < c->nexps; i++) {
		if (c->exps[i].mixed == 0)
			continue;
		compare_set_describe(set, sizeof set, &c->exps[i],
		    c->exps[i].mixed);
		fprintf(f, "note: %s: its repeats were not all run alike: %s\n",
		    c->exps[i].name, set);
	}
}

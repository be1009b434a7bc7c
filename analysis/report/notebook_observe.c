/* analysis/report/notebook_observe.c -- the report's observations: every sentence computed from the measured numbers */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare/compare_set.h"
#include "analysis/compare/compare_text.h"
#include "analysis/report/notebook_observe.h"

/*
 * Nothing here is a fixed conclusion: which way a figure moved, by how
 * much, whether the runs of two experiments overlap, which experiment
 * ranks first, all of it is read off the numbers. The reference is
 * experiment 0 (the baseline).
 */

const int notebook_effect_figs[NOTEBOOK_NEFFECTS] = {
	CMP_JUMP_SHARE, CMP_MEAN_JUMP, CMP_MAX_DRIFT, CMP_MAX_QUEUE,
};

static const char *const long_name[CMP_NFIGS] = {
	[CMP_MAX_DRIFT] = "the max drift",
	[CMP_MEAN_DRIFT] = "the mean drift",
	[CMP_MEAN_JUMP] = "the mean jump",
	[CMP_JUMP_SHARE] = "the share of ticks with a jump > 1",
	[CMP_MAX_JUMP] = "the largest jump",
	[CMP_MAX_QUEUE] = "the max queue",
	[CMP_MEAN_QUEUE] = "the mean queue",
	[CMP_PENDING] = "the messages pending at the end",
	[CMP_SENT] = "the messages sent",
	[CMP_DELAY] = "the mean message delay",
	[CMP_ORDERED] = "the share of pairs of events causally ordered",
	[CMP_HIDDEN] = "the share of Lamport-ranked pairs that were concurrent",
};

/* "33.2 clock ticks", "13.6%", "0.913 s": a mean with its unit. */
static const char *
value(char *buf, size_t len, int fig, double v)
{
	char num[64];
	const char *unit = compare_figs[fig].unit;

	compare_text_mean(num, sizeof num, fig, v);
	snprintf(buf, len, "%s%s%s", num, *unit ? " " : "", unit);
	return buf;
}

static const char *
number(char *buf, size_t len, int fig, double v)
{
	compare_text_mean(buf, len, fig, v);
	return buf;
}

/* Which way x went from b, as far as the shown decimals tell: -1, 0, 1. */
static int
direction(int fig, double b, double x)
{
	char sb[64], sx[64];

	compare_text_mean(sb, sizeof sb, fig, b);
	compare_text_mean(sx, sizeof sx, fig, x);
	return strcmp(sb, sx) == 0 ? 0 : x > b ? 1 : -1;
}

/* "+25%", "−86%", "4.3 times as much"; "" when b is 0. */
static const char *
relative(char *buf, size_t len, double b, double x)
{
	if (b == 0)
		snprintf(buf, len, "%s", "");
	else if (x / b >= 2)
		snprintf(buf, len, "%.1f times as much", x / b);
	else
		snprintf(buf, len, "%s%.0f%%", x >= b ? "+" : "−",
		    fabs(x - b) / b * 100);
	return buf;
}

/* 1: every run of x above every run of b; -1 below; 0 they overlap. */
static int
separated(const struct compare_spread *b, const struct compare_spread *x)
{
	return x->min > b->max ? 1 : x->max < b->min ? -1 : 0;
}

void
notebook_effect(const struct compare *c, size_t i, int fig, char *buf,
    size_t len)
{
	const struct compare_spread *b = &c->exps[0].fig[fig];
	const struct compare_spread *x = &c->exps[i].fig[fig];
	char sb[64], sx[64], rel[64];
	int dir = direction(fig, b->mean, x->mean);

	number(sb, sizeof sb, fig, b->mean);
	number(sx, sizeof sx, fig, x->mean);
	relative(rel, sizeof rel, b->mean, x->mean);
	if (dir == 0)
		snprintf(buf, len, "= %s", sx);
	else
		snprintf(buf, len, "%s %s → %s%s%s%s%s", dir > 0 ? "▲" : "▼",
		    sb, sx, *rel ? " (" : "", rel, *rel ? ")" : "",
		    separated(b, x) ? "" : ", runs overlap");
}

/* The settings that read differently from the reference's, 1 << SET_*. */
static unsigned
changed(const struct compare_exp *r, const struct compare_exp *e)
{
	unsigned ch = 0;

	for (int k = 0; k < SET_N; k++)
		if (compare_set_differ(r, e, k))
			ch |= 1u << k;
	return ch;
}

/* Idle ticks that are internal events: draws 4..K of 1..K. */
static int
internal_pct(uint32_t draw_max)
{
	return (int)lround(100.0 * (draw_max - 3) / draw_max);
}

/* "clock rates " E " instead of " R " ticks/s": experiment, reference. */
static const char *const instead[SET_N][3] = {
	[SET_RATES] = { "clock rates ", " instead of ", " ticks/s" },
	[SET_DRAW] = { "idle draws ", " instead of ", "" },
	[SET_VMS] = { "", " VMs instead of ", "" },
	[SET_DURATION] = { "runs of ", " s instead of ", " s" },
	[SET_SPEED] = { "speed ", " instead of ", "" },
	[SET_FAULTS] = { "faults ", " instead of ", "" },
	[SET_FAILURE] = { "on failure ", " instead of ", "" },
};

/* One changed setting k of e against r, as instead[] words it. */
static void
change_text(FILE *s, const struct compare_exp *r, const struct compare_exp *e,
    int k)
{
	char a[COMPARE_SET_TEXT], b[COMPARE_SET_TEXT];

	compare_set_text(a, sizeof a, e, k);
	compare_set_text(b, sizeof b, r, k);
	fprintf(s, "%s%s%s%s%s", instead[k][0], a, instead[k][1], b,
	    instead[k][2]);
}

/* What the draws mean, when each experiment ran with one draw_max. */
static void
draw_text(FILE *s, const struct compare_exp *r, const struct compare_exp *e)
{
	int pe = internal_pct(e->set->draw_max);
	int pr = internal_pct(r->set->draw_max);

	fprintf(s, "internal events on %d%% of idle ticks instead of %d%%, so "
	    "%d%% of them send instead of %d%%", pe, pr, 100 - pe, 100 - pr);
}

void
notebook_changes(const struct compare *c, size_t i, char *buf, size_t len)
{
	const struct compare_exp *r = &c->exps[0], *e = &c->exps[i];
	unsigned ch = changed(r, e), said = 0;
	FILE *s = fmemopen(buf, len, "w");

	if (s == NULL) {
		snprintf(buf, len, "%s", "?");
		return;
	}
	for (int k = 0; k < SET_N; k++) {
		if (!(ch & 1u << k))
			continue;
		fputs(said++ ? "; " : "", s);
		if (k == SET_DRAW && !((r->mixed | e->mixed) & 1u << k))
			draw_text(s, r, e);
		else
			change_text(s, r, e, k);
	}
	if (ch == 0)
		fputs("the same settings", s);
	fclose(s);
}

/* The nouns of change_name: the first way, the other way, neither. */
static const char *const change_words[SET_N][3] = {
	[SET_RATES] = { "more clock-rate variation",
	    "less clock-rate variation", "other clock rates" },
	[SET_DRAW] = { "a lower internal-event probability",
	    "a higher internal-event probability",
	    "another internal-event probability" },
	[SET_VMS] = { "a larger ring", "a smaller ring", "another ring size" },
	[SET_DURATION] = { "longer runs", "shorter runs", "other run lengths" },
	[SET_SPEED] = { "a higher speed", "a lower speed", "another speed" },
	[SET_FAULTS] = { "faults on purpose", "no faults", "other faults" },
	[SET_FAILURE] = { NULL, NULL, "another failure policy" },
};

/* 0 x above y, 1 below, 2 neither. */
static int
order(double x, double y)
{
	return x > y ? 0 : x < y ? 1 : 2;
}

/*
 * Which of change_words[k] tells the change of setting k from r to e;
 * the third when either has repeats that differ in it.
 */
static int
word(int k, const struct compare_exp *r, const struct compare_exp *e)
{
	const struct compare_set *a = r->set, *b = e->set;

	if ((r->mixed | e->mixed) & 1u << k)
		return 2;
	switch (k) {
	case SET_RATES:
		return order(b->rate_max - (double)b->rate_min,
		    a->rate_max - (double)a->rate_min);
	case SET_DRAW:	/* fewer draws, fewer of them internal */
		return order(a->draw_max, b->draw_max);
	case SET_VMS:
		return order(b->vms, a->vms);
	case SET_DURATION:
		return order(b->duration_s, a->duration_s);
	case SET_SPEED:
		return order(b->speed, a->speed);
	case SET_FAULTS:
		return *a->faults == '\0' ? 0 : *b->faults == '\0' ? 1 : 2;
	default:
		return 2;
	}
}

/* One change of setting k, as a noun phrase. */
static const char *
change_name(int k, const struct compare_exp *r, const struct compare_exp *e)
{
	return change_words[k][word(k, r, e)];
}

/*
 * What the change is, as the subject of a sentence: "Less clock-rate
 * variation", "Less clock-rate variation and a lower internal-event
 * probability together".
 */
static void
lead(char *buf, size_t len, const struct compare_exp *r,
    const struct compare_exp *e)
{
	unsigned ch = changed(r, e), n = 0, k = 0;
	size_t used = 0;

	buf[0] = '\0';
	if (ch == 0) {
		snprintf(buf, len, "The same settings again");
		return;
	}
	for (int bit = 0; bit < SET_N; bit++)
		n += (ch >> bit) & 1;
	for (int bit = 0; bit < SET_N && used < len; bit++) {
		if (!(ch & 1u << bit))
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		    k == 0 ? "" : k + 1 == n ? " and " : ", ",
		    change_name(bit, r, e));
		k++;
	}
	if (n > 1 && used < len)
		snprintf(buf + used, len - used, " together");
	buf[0] = (char)toupper((unsigned char)buf[0]);
}

/* Keep line, and a copy of head (NULL: none): 0, or -1 out of memory. */
static int
add_line(struct notebook_text *t, const char *head, char *line)
{
	char **p, **h, *copy = head != NULL ? strdup(head) : NULL;

	if (line == NULL || (head != NULL && copy == NULL) ||
	    (p = realloc(t->line, (t->n + 1) * sizeof *p)) == NULL)
		goto oom;
	t->line = p;
	if ((h = realloc(t->head, (t->n + 1) * sizeof *h)) == NULL)
		goto oom;
	t->head = h;
	t->head[t->n] = copy;
	t->line[t->n++] = line;
	return 0;
oom:
	free(copy);
	free(line);
	return -1;
}

void
notebook_text_free(struct notebook_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->head[i]);
		free(t->line[i]);
	}
	free(t->head);
	free(t->line);
	memset(t, 0, sizeof *t);
}

/* ", " between items of a list of n, " and " before the last. */
static void
join(FILE *s, size_t k, size_t n)
{
	fputs(k == 0 ? "" : k + 1 == n ? " and " : ", ", s);
}

static void
effect_sentence(FILE *s, const struct compare *c, size_t i)
{
	const struct compare_exp *r = &c->exps[0], *e = &c->exps[i];
	char what[512], sb[64], sx[96], rel[64];

	notebook_changes(c, i, what, sizeof what);
	fprintf(s, "(%s: %s) ", e->title, what);
	for (size_t k = 0; k < NOTEBOOK_NEFFECTS; k++) {
		int f = notebook_effect_figs[k];
		double b = r->fig[f].mean, x = e->fig[f].mean;
		int dir = direction(f, b, x);
		join(s, k, NOTEBOOK_NEFFECTS);
		value(sx, sizeof sx, f, x);
		if (dir == 0) {
			fprintf(s, "left %s unchanged at %s", long_name[f], sx);
			continue;
		}
		relative(rel, sizeof rel, b, x);
		fprintf(s, "%s %s from %s to %s%s%s%s", dir > 0 ? "raised" :
		    "lowered", long_name[f], number(sb, sizeof sb, f, b), sx,
		    *rel ? " (" : "", rel, *rel ? ")" : "");
	}
	fprintf(s, ", against %s.", r->title);
}

/* Which of those differences the spread between runs settles. */
static void
spread_sentence(FILE *s, const struct compare *c, size_t i)
{
	const struct compare_exp *r = &c->exps[0], *e = &c->exps[i];
	int sep[NOTEBOOK_NEFFECTS];
	size_t nsep = 0, nover = 0, k, j;

	for (k = 0; k < NOTEBOOK_NEFFECTS; k++) {
		int f = notebook_effect_figs[k];
		sep[k] = separated(&r->fig[f], &e->fig[f]);
		nsep += sep[k] != 0;
	}
	nover = NOTEBOOK_NEFFECTS - nsep;
	if (nsep > 0) {
		fputs(" Every run of it had ", s);
		for (k = j = 0; k < NOTEBOOK_NEFFECTS; k++)
			if (sep[k] != 0) {
				join(s, j++, nsep);
				int f = notebook_effect_figs[k];
				fprintf(s, "a %s %s", sep[k] > 0 ? "higher" :
				    "lower", long_name[f] + 4);
			}
		fprintf(s, " than every run of %s.", r->title);
	}
	if (nover == 0)
		return;
	if (nsep == 0)
		fputs(" In all of these the runs of the two overlap", s);
	else
		fputs(" In ", s);
	for (k = j = 0; nsep > 0 && k < NOTEBOOK_NEFFECTS; k++)
		if (sep[k] == 0) {
			join(s, j++, nover);
			fputs(long_name[notebook_effect_figs[k]], s);
		}
	if (nsep > 0)
		fputs(" the runs of the two overlap", s);
	if (e->repeat == r->repeat)
		fprintf(s, ", so %u runs each", (unsigned)e->repeat);
	else
		fprintf(s, ", so %u and %u runs", (unsigned)e->repeat,
		    (unsigned)r->repeat);
	fprintf(s, " do not settle %s.", nover > 1 ? "those differences" :
	    "that difference");
}

static void
messages_sentence(FILE *s, const struct compare *c, size_t i)
{
	const struct compare_exp *r = &c->exps[0], *e = &c->exps[i];
	char a[64], b[64], rel[64], pa[64], pb[64];
	int dir = direction(CMP_SENT, r->fig[CMP_SENT].mean,
	    e->fig[CMP_SENT].mean);

	number(a, sizeof a, CMP_SENT, e->fig[CMP_SENT].mean);
	number(b, sizeof b, CMP_SENT, r->fig[CMP_SENT].mean);
	relative(rel, sizeof rel, r->fig[CMP_SENT].mean, e->fig[CMP_SENT].mean);
	number(pa, sizeof pa, CMP_PENDING, e->fig[CMP_PENDING].mean);
	number(pb, sizeof pb, CMP_PENDING, r->fig[CMP_PENDING].mean);
	fprintf(s, " Its runs sent %s messages: %s on average against "
	    "%s%s%s%s; %s were still pending at the end, against %s.",
	    dir > 0 ? "more" : dir < 0 ? "fewer" : "as many", a, b,
	    *rel ? " (" : "", rel, *rel ? ")" : "", pa, pb);
}

/*
 * Were its events more or less often causally related than the
 * reference's (a pair of a run's window ordered by happened-before), and
 * how often Lamport order ranked a concurrent pair; nothing if either
 * was analyzed without happened-before.
 */
static void
causal_sentence(FILE *s, const struct compare *c, size_t i)
{
	const struct compare_exp *r = &c->exps[0], *e = &c->exps[i];
	const struct compare_spread *ro = &r->fig[CMP_ORDERED];
	const struct compare_spread *eo = &e->fig[CMP_ORDERED];
	double rh = r->fig[CMP_HIDDEN].mean, eh = e->fig[CMP_HIDDEN].mean;
	char a[64], b[64], ha[64], hb[64];
	int dir;

	if (isnan(ro->mean) || isnan(eo->mean) || isnan(rh) || isnan(eh))
		return;
	dir = direction(CMP_ORDERED, ro->mean, eo->mean);
	fprintf(s, " %s of its events were causally related: %s of the "
	    "pairs in a run's analysis window could have affected one "
	    "another, against %s%s; of the pairs Lamport order ranks, %s were "
	    "concurrent, against %s.", dir > 0 ? "More" : dir < 0 ? "Fewer" :
	    "As many", number(a, sizeof a, CMP_ORDERED, eo->mean),
	    number(b, sizeof b, CMP_ORDERED, ro->mean),
	    dir != 0 && !separated(ro, eo) ? " (the runs overlap)" : "",
	    number(ha, sizeof ha, CMP_HIDDEN, eh),
	    number(hb, sizeof hb, CMP_HIDDEN, rh));
}

/* " (144.4 clock ticks on average, against 33.2 with Baseline: +335%)" */
static void
standing(FILE *s, const struct compare *c, int f, size_t i)
{
	const struct compare_exp *r = &c->exps[0];
	double b = r->fig[f].mean, x = c->exps[i].fig[f].mean;
	char v[96], sb[64], rel[64];

	fprintf(s, " (%s on average", value(v, sizeof v, f, x));
	if (i == 0)
		fputs(", the reference", s);
	else if (direction(f, b, x) == 0)
		fprintf(s, ", as with %s", r->title);
	else
		fprintf(s, ", against %s with %s%s%s",
		    number(sb, sizeof sb, f, b), r->title,
		    *relative(rel, sizeof rel, b, x) ? ": " : "", rel);
	fputc(')', s);
}

/* Which experiment had the most of a figure, and which the least. */
static void
rank_sentence(FILE *s, const struct compare *c, int f)
{
	size_t hi = 0, lo = 0;

	for (size_t i = 1; i < c->nexps; i++) {
		hi = c->exps[i].fig[f].mean > c->exps[hi].fig[f].mean ? i : hi;
		lo = c->exps[i].fig[f].mean < c->exps[lo].fig[f].mean ? i : lo;
	}
	fprintf(s, "was largest with %s", c->exps[hi].title);
	standing(s, c, f, hi);
	fprintf(s, " and smallest with %s", c->exps[lo].title);
	standing(s, c, f, lo);
	fputc('.', s);
}

/* Pearson's correlation of n pairs; NAN when either does not vary. */
static double
correlation(const double *x, const double *y, size_t n)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

	for (size_t i = 0; i < n; i++) {
		mx += x[i] / (double)n;
		my += y[i] / (double)n;
	}
	for (size_t i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

/*
 * Across the runs with as many VMs as the reference (their rates drawn
 * anew each run): does a wider gap between the fastest and the slowest
 * clock go with more of figs[0] and figs[1] (more drift, longer queues;
 * more causally related events)? 0 said, 1 nothing to say (too few runs,
 * nothing varies, a figure not known), -1 out of memory.
 */
static int
gap_sentence(FILE *s, const struct compare *c, const int figs[2])
{
	size_t n = 0, cap = 0;
	double *gap, *y[2], r[2];

	for (size_t i = 0; i < c->nexps; i++)
		cap += c->exps[i].repeat;
	gap = malloc(cap * sizeof *gap);
	y[0] = malloc(cap * sizeof *y[0]);
	y[1] = malloc(cap * sizeof *y[1]);
	int rc = gap == NULL || y[0] == NULL || y[1] == NULL ? -1 : 1;
	for (size_t i = 0; rc == 1 && i < c->nexps; i++)
		for (uint32_t k = 0; k < c->exps[i].repeat; k++) {
			const struct compare_run *run = &c->exps[i].runs[k];
			if (run->set.vms != c->exps[0].set->vms)
				continue;
			gap[n] = (double)(run->rate_hi - run->rate_lo);
			y[0][n] = run->fig[figs[0]];
			y[1][n++] = run->fig[figs[1]];
		}
	for (int k = 0; rc == 1 && k < 2; k++)
		r[k] = correlation(gap, y[k], n);	/* NaN if one is */
	if (rc == 1 && n >= 4 && !isnan(r[0]) && !isnan(r[1])) {
		fprintf(s, "Across the %zu runs with %u VMs, a wider gap "
		    "between the fastest and the slowest clock rate went with ",
		    n, (unsigned)c->exps[0].set->vms);
		for (int k = 0; k < 2 && (k == 0 || figs[1] != figs[0]); k++)
			fprintf(s, "%s%s %s (correlation %+.2f)",
			    k ? " and " : "", fabs(r[k]) < 0.3 ?
			    "hardly any change in" : r[k] > 0 ? "a larger" :
			    "a smaller", long_name[figs[k]] + 4, r[k]);
		fputc('.', s);
		rc = 0;
	}
	free(gap);
	free(y[0]);
	free(y[1]);
	return rc;
}

/* Only one experiment: what its runs showed, nothing to hold it against. */
static void
alone_sentence(FILE *s, const struct compare *c)
{
	const struct compare_exp *e = &c->exps[0];
	char v[96];

	fprintf(s, "Only %s is complete, so there is nothing to compare it "
	    "with; across its %u runs ", e->title, (unsigned)e->repeat);
	for (size_t k = 0; k < NOTEBOOK_NEFFECTS; k++) {
		int f = notebook_effect_figs[k];
		join(s, k, NOTEBOOK_NEFFECTS);
		fprintf(s, "%s was %s on average", long_name[f],
		    value(v, sizeof v, f, e->fig[f].mean));
	}
	fputc('.', s);
}

/* An observation is written onto a memory stream, then kept as one line. */
struct line {
	FILE *s;
	char *buf;
	size_t len;
};

static FILE *
line_open(struct line *l)
{
	l->buf = NULL;
	return l->s = open_memstream(&l->buf, &l->len);
}

/* Keep what was written, after head, if keep: 0, or -1 out of memory. */
static int
line_close(struct notebook_text *t, struct line *l, const char *head,
    int keep)
{
	if (fclose(l->s) != 0 || !keep) {
		free(l->buf);
		return keep ? -1 : 0;
	}
	return add_line(t, head, l->buf);
}

/* The figures ranked across experiments, when there are three or more. */
static const int ranked[] = { CMP_MAX_DRIFT, CMP_JUMP_SHARE, CMP_MAX_QUEUE,
	CMP_DELAY };

static int
per_experiment(const struct compare *c, struct notebook_text *t)
{
	char head[256];
	struct line l;
	int rc = 0;

	if (c->nexps == 1) {
		if (line_open(&l) == NULL)
			return -1;
		alone_sentence(l.s, c);
		return line_close(t, &l, NULL, 1);
	}
	for (size_t i = 1; rc == 0 && i < c->nexps; i++) {
		if (line_open(&l) == NULL)
			return -1;
		effect_sentence(l.s, c, i);
		spread_sentence(l.s, c, i);
		messages_sentence(l.s, c, i);
		causal_sentence(l.s, c, i);
		lead(head, sizeof head, &c->exps[0], &c->exps[i]);
		rc = line_close(t, &l, head, 1);
	}
	return rc;
}

/* What a wider gap between clock rates is held against: a sentence each. */
static const int gap_figs[][2] = { { CMP_MAX_DRIFT, CMP_MAX_QUEUE },
	{ CMP_ORDERED, CMP_ORDERED } };

static int
across(const struct compare *c, struct notebook_text *t)
{
	char head[64];
	struct line l;
	int rc = 0, said;

	for (size_t k = 0; rc == 0 && c->nexps >= 3 &&
	    k < sizeof ranked / sizeof ranked[0]; k++) {
		if (line_open(&l) == NULL)
			return -1;
		rank_sentence(l.s, c, ranked[k]);
		snprintf(head, sizeof head, "T%s", long_name[ranked[k]] + 1);
		rc = line_close(t, &l, head, 1);
	}
	for (size_t k = 0; rc == 0 && k < sizeof gap_figs / sizeof gap_figs[0];
	    k++) {
		if (line_open(&l) == NULL)
			return -1;
		said = gap_sentence(l.s, c, gap_figs[k]);
		rc = line_close(t, &l, NULL, said == 0);
		if (said == -1)
			return -1;
	}
	return rc;
}

int
notebook_observe(const struct compare *c, struct notebook_text *t)
{
	memset(t, 0, sizeof *t);
	if (per_experiment(c, t) == 0 && across(c, t) == 0)
		return 0;
	notebook_text_free(t);
	return -1;
}

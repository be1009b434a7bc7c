/* analysis/compare/compare_csv.c -- compare.csv (one row per experiment) and runs.csv (one per run) */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analysis/compare/compare_csv.h"
#include "analysis/stats/figures.h"
#include "lib/outfile.h"
#include "vm/core/vmend.h"

/* A text field, quoted when it holds a comma, a quote or a line break. */
static void
text(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

#define SET_HEADER	"vms,rate_min,rate_max,draw_max,duration_s,speed," \
	"on_failure,faults"

/* A number in a cell, or nothing when its setting is one of blank. */
static void
num(FILE *f, unsigned blank, int k, double v)
{
	if (!(blank & 1u << k))
		fprintf(f, "%.15g", v);
	fputc(',', f);
}

/*
 * The cells of SET_HEADER, as run.meta had them; empty for a setting
 * in blank, which an experiment's repeats differ in.
 */
static void
settings(FILE *f, const struct compare_set *s, unsigned blank)
{
	num(f, blank, SET_VMS, s->vms);
	num(f, blank, SET_RATES, s->rate_min);
	num(f, blank, SET_RATES, s->rate_max);
	num(f, blank, SET_DRAW, s->draw_max);
	num(f, blank, SET_DURATION, s->duration_s);
	num(f, blank, SET_SPEED, s->speed);
	if (!(blank & 1u << SET_FAILURE))
		text(f, vmend_policy_name(s->on_failure));
	fputc(',', f);
	if (!(blank & 1u << SET_FAULTS))
		text(f, *s->faults ? s->faults : "none");
}

static void
exp_header(FILE *f)
{
	static const char *const part[] = { "mean", "sd", "min", "max" };

	fputs("experiment,title,runs," SET_HEADER, f);
	for (int k = 0; k < CMP_NFIGS; k++)
		for (int p = 0; p < 4; p++)
			fprintf(f, ",%s_%s", compare_figs[k].key, part[p]);
	fputc('\n', f);
}

static void
exp_row(FILE *f, const struct compare_exp *e)
{
	text(f, e->name);
	fputc(',', f);
	text(f, e->title);
	fprintf(f, ",%" PRIu32 ",", e->repeat);
	settings(f, e->set, e->mixed);
	for (int k = 0; k < CMP_NFIGS; k++) {
		const struct compare_spread *s = &e->fig[k];
		fprintf(f, ",%.4f,%.4f,%.4f,%.4f", figures_round(s->mean, 4),
		    figures_round(s->sd, 4), figures_round(s->min, 4),
		    figures_round(s->max, 4));
	}
	fputc('\n', f);
}

static void
run_header(FILE *f)
{
	fputs("experiment,repeat,seed," SET_HEADER ",rates", f);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, ",%s", compare_figs[k].key);
	fputc('\n', f);
}

static void
run_row(FILE *f, const struct compare_exp *e, const struct compare_run *r)
{
	text(f, e->name);
	fprintf(f, ",%" PRIu32 ",%s,", r->repeat, r->seed);
	settings(f, &r->set, 0);
	fprintf(f, ",%s", r->rates);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, ",%.4f", figures_round(r->fig[k], 4));
	fputc('\n', f);
}

int
compare_csv_write(const struct compare *c, const char *dir, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f;

	if ((f = outfile_open(dir, "compare.csv", path, err, errlen)) == NULL)
		return -1;
	exp_header(f);
	for (size_t i = 0; i < c->nexps; i++)
		exp_row(f, &c->exps[i]);
	if (outfile_close(f, path, err, errlen) == -1)
		return -1;
	if ((f = outfile_open(dir, "runs.csv", path, err, errlen)) == NULL)
		return -1;
	run_header(f);
	for (size_t i = 0; i < c->nexps; i++)
		for (uint32_t r = 0; r < c->exps[i].repeat; r++)
			run_row(f, &c->exps[i], &c->exps[i].runs[r]);
	return outfile_close(f, path, err, errlen);
}

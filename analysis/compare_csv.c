/* analysis/compare_csv.c -- compare.csv (one row per experiment) and runs.csv (one per run) */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analysis/compare_csv.h"
#include "analysis/outfile.h"
#include "analysis/report.h"

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

static void
exp_header(FILE *f)
{
	static const char *const part[] = { "mean", "sd", "min", "max" };

	fputs("experiment,title,runs,vms,rate_min,rate_max,draw_max,"
	    "duration_s,speed", f);
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
	fprintf(f, ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32
	    ",%g,%g", e->repeat, e->vms, e->rate_min, e->rate_max, e->draw_max,
	    e->duration_s, e->speed);
	for (int k = 0; k < CMP_NFIGS; k++) {
		const struct compare_spread *s = &e->fig[k];
		fprintf(f, ",%.4f,%.4f,%.4f,%.4f", report_round(s->mean, 4),
		    report_round(s->sd, 4), report_round(s->min, 4),
		    report_round(s->max, 4));
	}
	fputc('\n', f);
}

static void
run_header(FILE *f)
{
	fputs("experiment,repeat,seed,speed,rates", f);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, ",%s", compare_figs[k].key);
	fputc('\n', f);
}

static void
run_row(FILE *f, const struct compare_exp *e, const struct compare_run *r)
{
	text(f, e->name);
	fprintf(f, ",%" PRIu32 ",%s,%g,%s", r->repeat, r->seed, r->speed,
	    r->rates);
	for (int k = 0; k < CMP_NFIGS; k++)
		fprintf(f, ",%.4f", report_round(r->fig[k], 4));
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

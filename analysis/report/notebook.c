/* analysis/report/notebook.c -- `clockring report RESULTS_DIR`: the lab notebook, report.md and report.html */
#include <stdio.h>
#include <string.h>

#include "analysis/compare/compare.h"
#include "analysis/out/stage.h"
#include "analysis/report/doc.h"
#include "analysis/report/notebook.h"
#include "analysis/report/notebook_body.h"
#include "lib/outfile.h"

static const char usage[] =
"usage: clockring report [--out DIR] RESULTS_DIR\n"
"\n"
"A lab notebook of a results tree (what `clockring experiments` wrote):\n"
"runs the comparison (clockring compare, into DIR/compare, drawn with a\n"
"compare_*.gp script you changed there), then writes DIR/report.md and\n"
"DIR/report.html, a single self-contained page with every plot inside;\n"
"other files in DIR are left alone. It tells what was run (experiments,\n"
"repeats, speed, seeds), each experiment's settings, runs and plots, the\n"
"comparison tables and plots, each sweep (a table per point and its\n"
"figures against the swept value on log axes), and observations\n"
"generated from the numbers. Summary runs (--log summary) are read from\n"
"their own files, at any ring size.\n"
"\n"
"Settings are those each run's run.meta records, never what NAME/\n"
"experiment.exp says now (its title and description are used); where an\n"
"experiment's repeats differ in one, the report says so and tells each\n"
"value with its repeats. An experiment's plots are of its typical run:\n"
"the run with the median max drift (of an even number of runs, the lower\n"
"of the two middle ones; equal ones by repeat number). Each other run's\n"
"summary.txt and plots are linked.\n"
"\n"
"  --out DIR        where the report goes [RESULTS_DIR]\n"
"\n"
"exit status: 0 ok, 1 no complete experiment or a file not written,\n"
"2 bad input (DIR there but not a directory, too)\n";

#define TITLE	"clockring lab notebook: Lamport clocks under different " \
	"settings"

/* DIR/name of the report, written whole into dir (the stage) or not at all. */
static int
write_one(const struct compare *c, const struct notebook_where *w,
    const char *dir, enum doc_format fmt, const char *name, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, name, path, err, errlen);
	struct doc *d;
	int rc;

	if (f == NULL)
		return -1;
	if ((d = doc_open(f, fmt, TITLE)) == NULL) {
		outfile_discard(f, path);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = notebook_body(d, c, w);
	if (doc_close(d, err, errlen) == -1 || rc == -1) {
		if (rc == -1)
			snprintf(err, errlen, "out of memory");
		outfile_discard(f, path);
		return -1;
	}
	return outfile_close(f, path, err, errlen);
}

/*
 * report.md and report.html are written in w->out/.report.tmp-PID and
 * moved into w->out together once both are whole: a failure leaves an
 * earlier report as it was. Links are made relative to w->out all the same.
 */
static int
write_report(const struct compare *c, const struct notebook_where *w,
    char *err, size_t errlen)
{
	char tmp[STAGE_PATH_MAX];

	if (stage_create(w->out, "report", tmp, err, errlen) == -1)
		return -1;
	if (write_one(c, w, tmp, DOC_MARKDOWN, "report.md", err,
	    errlen) == 0 &&
	    write_one(c, w, tmp, DOC_HTML, "report.html", err, errlen) == 0 &&
	    stage_publish(tmp, w->out, err, errlen) == 0)
		return 0;
	stage_name_final(err, errlen, tmp, w->out);
	stage_discard(tmp);
	return -1;
}

int
notebook_main(int argc, char **argv)
{
	char err[OUTFILE_PATH_MAX], cmp[OUTFILE_PATH_MAX];
	const char *out, *results;
	int rc = compare_args(argc, argv, "report", usage, &out, &results);

	if (rc != 0)
		return rc == 1 ? 0 : 2;
	if (out == NULL)
		out = results;
	if (snprintf(cmp, sizeof cmp, "%s/compare", out) >= (int)sizeof cmp)
		return compare_fail("report", 2, "--out: path too long");
	struct compare *c = compare_build("report", results, cmp, stdout, &rc,
	    err, sizeof err);
	if (c == NULL)
		return compare_fail("report", rc, err);
	struct notebook_where w = { out, cmp };
	if (write_report(c, &w, err, sizeof err) == -1)
		rc = compare_fail("report", 1, err);
	else
		printf("report:  %s/report.md\n         %s/report.html\n", out,
		    out);
	compare_free(c);
	return rc;
}

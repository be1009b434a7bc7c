/* analysis/stats/analyze.c -- `clockring analyze RUN_DIR...`: statistics, data files and plots */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/check.h"
#include "analysis/out/keepdir.h"
#include "analysis/out/stage.h"
#include "analysis/plot/plot.h"
#include "analysis/rundir/logpar.h"
#include "analysis/rundir/runinfo.h"
#include "analysis/stats/analyze.h"
#include "analysis/stats/figures.h"
#include "analysis/stats/hist.h"
#include "analysis/stats/series.h"
#include "analysis/stats/stats.h"
#include "analysis/stats/sumrun.h"
#include "analysis/stats/sumrun_text.h"
#include "analysis/stats/sumtext.h"
#include "lib/errmsg.h"
#include "lib/outfile.h"
#include "vm/core/num.h"

static const char usage[] =
"usage: clockring analyze [options] RUN_DIR...\n"
"\n"
"Statistics, gnuplot data and plots of each run, written into\n"
"RUN_DIR/analysis/: summary.txt and summary.csv (per VM: events, clock\n"
"jumps, drift behind the highest clock, queue length, message delay),\n"
"the *.dat files and plots of clock, drift, jumps, queue and a space-time\n"
"diagram (labelled with the Lamport values while they fit; over 16 VMs\n"
"drift and queue are heat maps), and how many pairs of the window's\n"
"events happened-before orders and how many concurrent ones Lamport\n"
"order still ranks (causal.png). The summary is printed too. A run must\n"
"pass `clockring check`.\n"
"A run that stopped early (interrupted, failed) is analyzed up to where\n"
"it stopped: the latest line of its logs.\n"
"A summary run (run --virtual --log summary) has no per-event logs: its\n"
"figures come from the driver's vms.csv, series.csv and jumps.csv, at any\n"
"ring size. summary.txt gives the spread over the VMs (min, median, p99,\n"
"max) and the VMs at the ends (a row per VM up to 16 VMs), summary.csv is\n"
"vms.csv, and the plots are the clock band, drift and queue over time\n"
"(mean, median, p99, max) and the jump sizes. check's per-event rules\n"
"need the logs: a summary run is not checked here. A run with --log off\n"
"has nothing to analyze (exit 2).\n"
"Only the files analyze writes are replaced: any other file stays, and\n"
"so does a .gp script you changed (the plots are drawn with it; remove\n"
"it and rerun for the stock one). manifest.sha256 records what analyze\n"
"wrote. The logs are parsed in a thread per core; CLOCKRING_THREADS=1\n"
"in the environment parses them in one (the same output, to compare).\n"
"\n"
"  --out DIR        write into DIR instead (made if missing), nothing\n"
"                   into RUN_DIR, e.g. for a run on a read-only disk;\n"
"                   one RUN_DIR only\n"
"  --svg            plots as SVG instead of PNG (PNGs already there stay)\n"
"  --term           also draw the drift plot here, as text\n"
"  --window T0:T1   model seconds the space-time diagram shows, and\n"
"                   whose events the happened-before figures pair\n"
"                   [0:10, or the whole run if shorter]; cut at the\n"
"                   run's end, refused if it starts after it; a\n"
"                   narrower one leaves room for the Lamport values\n"
"                   of events and messages (the plot says when)\n"
"  --no-check       analyze a run that fails check (its summary says so)\n"
"  --no-plots       numbers and data files only: no gnuplot\n"
"  --quiet          print nothing but errors, --term's plot included\n"
"\n"
"exit status: 0 ok, 1 a bad run (fails check, unreadable or truncated\n"
"logs), 2 bad input: not a run directory, or one of a format this\n"
"clockring does not read (nothing analyzed)\n";

#define DEFAULT_WINDOW	10.0	/* model seconds of space-time diagram */

struct opts {
	int svg, term, no_check, no_plots, quiet;
	const char *out;	/* --out DIR, or NULL: RUN_DIR/analysis */
	const char *window;	/* --window as given, or NULL: t0, t1 */
	double t0, t1;
	char **dirs;		/* into argv */
	int ndirs;
};

/* One line on stderr; 2 (bad usage) also points to --help. */
#define complain(status, ...)	errmsg_say("analyze", (status), __VA_ARGS__)

static int
parse_window(const char *s, struct opts *o)
{
	char why[96];

	if (num_window(s, &o->t0, &o->t1, why, sizeof why) == -1)
		return complain(2, "--window '%s': %s", s, why);
	o->window = s;
	return 0;
}

/* A flag: 1 set, 0 not one of ours. */
static int
flag(const char *a, struct opts *o)
{
	static const char *const name[] = { "--svg", "--term", "--no-check",
		"--no-plots", "--quiet" };
	int *const field[] = { &o->svg, &o->term, &o->no_check, &o->no_plots,
		&o->quiet };

	for (size_t i = 0; i < sizeof name / sizeof name[0]; i++) {
		if (strcmp(a, name[i]) == 0) {
			*field[i] = 1;
			return 1;
		}
	}
	return 0;
}

/*
 * --out names one folder for one run: several runs would overwrite each
 * other's files there.
 */
static int
check_out(const struct opts *o)
{
	struct stat st;

	if (o->out == NULL)
		return 0;
	if (o->out[0] == '\0')
		return complain(2, "--out '': an empty directory name");
	if (o->ndirs > 1)
		return complain(2, "--out '%s': takes one RUN_DIR, not %d "
		    "(analyze each into a folder of its own)", o->out,
		    o->ndirs);
	if (stat(o->out, &st) == 0 && !S_ISDIR(st.st_mode))
		return complain(2, "--out '%s': not a directory", o->out);
	return 0;
}

/* 0 parsed, 1 --help, 2 bad usage (said). o->dirs is the caller's to free. */
static int
parse(int argc, char **argv, struct opts *o)
{
	int options = 1;

	memset(o, 0, sizeof *o);
	if ((o->dirs = calloc((size_t)argc + 1, sizeof *o->dirs)) == NULL)
		return complain(2, "out of memory");
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!options || a[0] != '-' || a[1] == '\0')
			o->dirs[o->ndirs++] = argv[i];
		else if (strcmp(a, "--") == 0)
			options = 0;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return 1;
		else if (strncmp(a, "--window=", 9) == 0) {
			if (parse_window(a + 9, o) != 0)
				return 2;
		} else if (strcmp(a, "--window") == 0) {
			if (i + 1 == argc)
				return complain(2, "--window: needs T0:T1");
			if (parse_window(argv[++i], o) != 0)
				return 2;
		} else if (strncmp(a, "--out=", 6) == 0)
			o->out = a + 6;
		else if (strcmp(a, "--out") == 0) {
			if (i + 1 == argc)
				return complain(2, "--out: needs a directory");
			o->out = argv[++i];
		} else if (!flag(a, o))
			return complain(2, "unknown option '%s'", a);
	}
	if (o->ndirs == 0)
		return complain(2, "no run directory given");
	/* --quiet wins: nothing is printed, not even a plot. */
	if (o->quiet)
		o->term = 0;
	return check_out(o);
}

/* "ends at 60 model seconds", or how a run that stopped early ended. */
static const char *
run_end(char *buf, size_t len, const struct runinfo *ri)
{
	if (*figures_stopped(buf, len, ri) == '\0')
		snprintf(buf, len, "ends at %g model second%s", ri->end_s,
		    ri->end_s == 1 ? "" : "s");
	return buf;
}

/*
 * A --window that starts at or after a run's real end would show none of
 * it: bad usage, found before any run is touched. (One that ends after
 * it is cut there, set_window.) A run.meta analyze cannot read is said
 * when the run's turn comes.
 */
static int
window_fits(const struct opts *o, const char *dir)
{
	char err[OUTFILE_PATH_MAX + 256], end[FIGURES_STOPPED_MAX];
	struct runinfo ri;
	int rc = 0;

	if (o->window == NULL || runinfo_load(&ri, dir, err, sizeof err) == -1)
		return 0;
	if (ri.meta->log == RUNMETA_LOG_SUMMARY)
		;	/* no space-time diagram to show a window of */
	else if (o->t0 >= ri.end_s)
		rc = complain(2, "--window '%s': nothing to show, %s %s",
		    o->window, ri.dir, run_end(end, sizeof end, &ri));
	runinfo_free(&ri);
	return rc;
}

/* A run with --log off logged nothing: 1 (said), else 0. */
static int
logged_nothing(const char *dir)
{
	char err[OUTFILE_PATH_MAX + 256];
	struct runinfo ri;
	int off;

	if (runinfo_load(&ri, dir, err, sizeof err) == -1)
		return 0;	/* said when the run's turn comes */
	off = ri.meta->log == RUNMETA_LOG_OFF;
	if (off)
		complain(2, "%s: run with --log off: no logs, nothing to "
		    "analyze", ri.dir);
	runinfo_free(&ri);
	return off;
}

/* Is dir a run directory we read at all? Otherwise it is bad usage. */
static int
usable(const struct opts *o, const char *dir)
{
	char why[OUTFILE_PATH_MAX + 256];
	unsigned threads;

	if (logged_nothing(dir))
		return 2;
	if (logpar_threads(0, &threads, why, sizeof why) == -1 ||
	    check_usable(dir, why, sizeof why) == -1)
		return complain(2, "%s", why);
	return window_fits(o, dir);
}

/*
 * Check's say on the run, its report kept until we know whether to show
 * it: 0 go on (v, if the run fails, is the verdict --no-check lets
 * through), or 1 the run is refused, said on stderr. rc is check's
 * status, -2 when it could not read the run at all (why says why).
 */
static int
judge(const struct opts *o, const char *dir, int rc, const char *report,
    const char *why)
{
	if (rc == -2)
		complain(1, "%s", why);
	else if (rc == 1 && !o->no_check) {
		fputs(report, stderr);
		complain(1, "%s fails check: not analyzed (--no-check analyzes "
		    "it anyway)", dir);
	} else
		return 0;
	return 1;
}

/* What one pass over the logs found besides check's verdict. */
struct pass {
	struct stats *st;	/* fed each line; NULL: check only */
	const struct runinfo *ri;
	int bad;		/* st missed a line: err says why */
	char err[OUTFILE_PATH_MAX + 256];
};

/* Why stats_add failed on line ev of VM vm's log. */
static void
add_failed(struct pass *p, uint32_t vm, const struct log_event *ev)
{
	if (errno == ERANGE)
		snprintf(p->err, sizeof p->err, "%s/vm%" PRIu32 ".csv:%lu: the "
		    "clock jumps by more than %" PRIu64 " (a corrupt log?)",
		    p->ri->dir, vm, ev->line, HIST_LIMIT);
	else if (errno == EOVERFLOW)
		snprintf(p->err, sizeof p->err, "%s/vm%" PRIu32 ".csv:%lu: more "
		    "than %" PRIu32 " clock jumps of one size", p->ri->dir, vm,
		    ev->line, UINT32_MAX);
	else
		snprintf(p->err, sizeof p->err, "out of memory");
}

/*
 * Every line check reads goes into the statistics too, until one cannot
 * (a log not read whole, a corrupt clock): then check reads on alone, so
 * its report is complete. Returns check's status, -2 with why.
 */
static int
feed(struct checker *c, struct pass *p, char *why, size_t len)
{
	const struct log_event *ev;
	uint32_t vm;
	int rc;

	while ((rc = check_next(c, &ev, &vm, why, len)) != 0) {
		if (rc == -2)
			return -2;
		if (p->bad || p->st == NULL)
			continue;
		if (rc == -1) {
			snprintf(p->err, sizeof p->err, "%s", why);
			p->bad = 1;
		} else if (stats_add(p->st, vm, ev) == -1) {
			add_failed(p, vm, ev);
			p->bad = 1;
		}
	}
	return check_end(c, why, len);
}

/*
 * Read the logs once, through check and into p->st: 0 go on (*v is
 * check's verdict), 1 the run is refused or unreadable (said), -1 the
 * statistics missed a line (p->err says why).
 */
static int
read_run(const struct opts *o, const char *dir, struct pass *p,
    struct check_verdict *v)
{
	char *report = NULL, why[OUTFILE_PATH_MAX + 256];
	size_t rlen = 0;
	FILE *out = open_memstream(&report, &rlen);
	struct checker *c = NULL;
	int rc = -2;

	snprintf(why, sizeof why, "out of memory");
	if (out != NULL && (c = check_open(dir, out, why, sizeof why)) != NULL) {
		rc = feed(c, p, why, sizeof why);
		check_verdict(c, v);
	}
	check_free(c);
	if (out != NULL)
		fclose(out);
	rc = judge(o, dir, rc, report, why);
	free(report);
	return rc != 0 ? 1 : p->bad ? -1 : 0;
}

/* Stream the logs through check and the statistics, the series into tmp. */
static int
stream(const struct opts *o, const struct runinfo *ri, const char *tmp,
    struct stats **st, struct check_verdict *v, char *err, size_t errlen)
{
	struct stats_sink sink;
	struct series *se = series_open(tmp, ri, &sink, err, errlen);
	struct pass p = { .ri = ri };
	char why[8];
	int rc;

	if (se == NULL)
		return -1;
	if ((p.st = stats_new(ri, &sink)) == NULL) {
		series_close(se, why, sizeof why);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if ((rc = read_run(o, ri->dir, &p, v)) == 0 &&
	    stats_finish(p.st) == -1) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	} else if (rc == -1)
		snprintf(err, errlen, "%s", p.err);
	if (rc == 0)
		rc = series_close(se, err, errlen);
	else
		series_close(se, why, sizeof why);
	if (rc == 0)
		*st = p.st;
	else
		stats_free(p.st);
	return rc;
}

typedef void writer_fn(FILE *f, const struct runinfo *ri,
    const struct stats *st);

static int
write_file(const char *dir, const char *name, writer_fn *fn,
    const struct runinfo *ri, const struct stats *st, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, name, path, err, errlen);

	if (f == NULL)
		return -1;
	fn(f, ri, st);
	return outfile_close(f, path, err, errlen);
}

static int
write_reports(const struct runinfo *ri, const struct stats *st,
    const char *dir, char *err, size_t errlen)
{
	if (write_file(dir, "summary.csv", figures_csv, ri, st, err,
	    errlen) == -1 ||
	    write_file(dir, "summary.txt", sumtext_write, ri, st, err,
	    errlen) == -1 ||
	    write_file(dir, "plotvars.gp", figures_plotvars, ri, st, err,
	    errlen) == -1)
		return -1;
	if (series_faults(dir, ri, err, errlen) == -1 ||
	    series_causal(dir, st, err, errlen) == -1)
		return -1;
	return series_jumps(dir, ri, st, err, errlen);
}

/*
 * 0 drawn; 1 not (--no-plots, or no gnuplot: said); -1 failed, err.
 * The scripts go in whenever gnuplot is to run, --term's included.
 * gnuplot says nothing when a full disk cuts an image short: each image
 * must be whole, and a failure on a full disk says so.
 */
static int
draw(const struct opts *o, struct keepdir *kd, const struct plot_set *set,
    char *err, size_t errlen)
{
	const char *dir = keepdir_stage(kd), *ext = o->svg ? "svg" : "png";
	int rc;

	if (o->no_plots && !o->term)
		return 1;
	if (keepdir_scripts(kd, set, err, errlen) == -1)
		return -1;
	if (!o->quiet)
		keepdir_tell_kept(kd, "analyze", stderr);
	if (o->no_plots)
		return 1;
	if ((rc = plot_render_set(dir, set, o->svg, err, errlen)) == 1)
		complain(1, "%s", err);
	for (size_t i = 0; rc == 0 && i < set->count; i++)
		rc = outfile_check_image(dir, set->names[i], ext, err, errlen);
	if (rc == -1)
		outfile_blame(dir, err, errlen);
	return rc;
}

/* Where the files are, after the summary printed. */
static void
show_files(const struct opts *o, const char *out, const struct plot_set *set,
    int drawn)
{
	printf("\nnumbers: %s/summary.txt, summary.csv\n", out);
	for (size_t i = 0; drawn && i < set->count; i++)
		printf("%s%s/%s.%s\n", i == 0 ? "plots:   " : "         ", out,
		    set->names[i], o->svg ? "svg" : "png");
}

/* The summary, as summary.txt has it, and where the files are. */
static void
show(const struct opts *o, const struct runinfo *ri, const char *out,
    const struct stats *st, int drawn)
{
	if (o->quiet)
		return;
	sumtext_write(stdout, ri, st);
	show_files(o, out, &plot_run_set, drawn);
}

/* The drift plot as text, drawn with the folder's own scripts. */
static int
term(const char *out, const struct plot_set *set)
{
	char err[OUTFILE_PATH_MAX + 256];
	int rc;

	fflush(stdout);
	if ((rc = plot_term(out, set, stdout, err, sizeof err)) != 0)
		complain(1, "%s", err);
	return rc == -1 ? 1 : 0;
}

/*
 * The space-time window, within the run's real end: a --window that runs
 * past it is cut there, and says so (window_fits refused one that starts
 * after it).
 */
static void
set_window(struct runinfo *ri, const struct opts *o)
{
	char end[FIGURES_STOPPED_MAX];

	ri->win_t0 = o->window ? o->t0 : 0;
	ri->win_t1 = fmin(ri->end_s, o->window ? o->t1 : DEFAULT_WINDOW);
	if (o->window && o->t1 > ri->end_s && !o->quiet)
		fprintf(stderr, "clockring: analyze: --window '%s': %s %s: the "
		    "space-time diagram shows %g s to the end\n", o->window,
		    ri->dir, run_end(end, sizeof end, ri), ri->win_t0);
}

/* run.meta cannot be read for analysis: check may have said why. */
static int
bad_meta(const struct opts *o, const char *dir, const char *err)
{
	struct pass p = { .st = NULL };
	struct check_verdict v;

	if (read_run(o, dir, &p, &v) == 0)
		complain(1, "%s", err);
	return 1;
}

/* Where the analysis of ri goes: --out DIR, or RUN_DIR/analysis. */
static int
out_dir(const struct opts *o, const struct runinfo *ri,
    char out[OUTFILE_PATH_MAX], char *err, size_t errlen)
{
	size_t n = (size_t)(o->out != NULL ?
	    snprintf(out, OUTFILE_PATH_MAX, "%s", o->out) :
	    snprintf(out, OUTFILE_PATH_MAX, "%s/analysis", ri->dir));

	if (n >= OUTFILE_PATH_MAX) {
		snprintf(err, errlen, "%.64s...: path too long", out);
		return -1;
	}
	while (n > 1 && out[n - 1] == '/')	/* named as the run dir is */
		out[--n] = '\0';
	return 0;
}

/* DIR/NAME copied into the stage as NAME: the driver's file, as it is. */
static int
copy_in(const char *dir, const char *name, const char *to, const char *as,
    char *err, size_t errlen)
{
	char src[OUTFILE_PATH_MAX], path[OUTFILE_PATH_MAX], buf[1 << 16];
	FILE *in, *f;
	size_t n;

	snprintf(src, sizeof src, "%s/%s", dir, name);
	if ((in = fopen(src, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", src, strerror(errno));
		return -1;
	}
	if ((f = outfile_open(to, as, path, err, errlen)) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(in)) {
		snprintf(err, errlen, "%s: read error", src);
		fclose(in);
		outfile_discard(f, path);
		return -1;
	}
	fclose(in);
	return outfile_close(f, path, err, errlen);
}

typedef void sumrun_writer(FILE *f, const struct runinfo *ri,
    const struct sumrun *s);

static int
write_sumrun(const char *dir, const char *name, sumrun_writer *fn,
    const struct runinfo *ri, const struct sumrun *s, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, name, path, err, errlen);

	if (f == NULL)
		return -1;
	fn(f, ri, s);
	return outfile_close(f, path, err, errlen);
}

/*
 * A summary run's files: summary.csv is vms.csv, the plots read
 * series.csv and jumps.csv beside them, so the folder stands alone.
 */
static int
summary_files(const struct runinfo *ri, const struct sumrun *s,
    const char *dir, char *err, size_t errlen)
{
	if (copy_in(ri->dir, "vms.csv", dir, "summary.csv", err, errlen) == -1 ||
	    copy_in(ri->dir, "series.csv", dir, "series.csv", err,
	    errlen) == -1 ||
	    copy_in(ri->dir, "jumps.csv", dir, "jumps.csv", err, errlen) == -1)
		return -1;
	if (write_sumrun(dir, "summary.txt", sumrun_text_write, ri, s, err,
	    errlen) == -1)
		return -1;
	return write_sumrun(dir, "plotvars.gp", sumrun_plotvars, ri, s, err,
	    errlen);
}

/*
 * A summary run (log=summary): no logs to check or stream, the driver's
 * files read instead (memory: one array of nvms doubles); the same stage,
 * commit and kept files as a full run. 0, or 1 (said).
 */
static int
summary_one(const struct opts *o, struct runinfo *ri, struct keepdir *kd,
    const char *out)
{
	char err[2 * OUTFILE_PATH_MAX];
	struct sumrun *s = malloc(sizeof *s);
	int drawn = 1, rc = -1;

	if (s == NULL)
		snprintf(err, sizeof err, "out of memory");
	else if (sumrun_load(s, ri, err, sizeof err) == 0) {
		ri->end_s = s->end_s;	/* no logs: series.csv says */
		if (summary_files(ri, s, keepdir_stage(kd), err,
		    sizeof err) == 0 &&
		    (drawn = draw(o, kd, &plot_summary_set, err,
		    sizeof err)) != -1 &&
		    keepdir_commit(kd, err, sizeof err) == 0)
			rc = 0;
	}
	if (rc != 0) {
		complain(1, "%s", err);
		free(s);
		return 1;
	}
	if (!o->quiet) {
		sumrun_text_write(stdout, ri, s);
		show_files(o, out, &plot_summary_set, drawn == 0);
	}
	free(s);
	return o->term ? term(out, &plot_summary_set) : 0;
}

/*
 * Everything is written whole into a stage in the output folder first,
 * then moved in file by file: a failure leaves the older files as they
 * were and nothing half-written, and files analyze did not write stay.
 */
static int
analyze_one(const struct opts *o, const char *dir)
{
	char fail[CHECK_VERDICT_TEXT_MAX], out[OUTFILE_PATH_MAX];
	struct check_verdict v = { 0, 0 };
	char err[2 * OUTFILE_PATH_MAX];
	struct keepdir *kd = NULL;
	struct stats *st = NULL;
	struct runinfo ri;
	int rc = 1, drawn = 1;

	if (runinfo_load(&ri, dir, err, sizeof err) == -1)
		return bad_meta(o, dir, err);
	if (ri.meta->log == RUNMETA_LOG_SUMMARY) {
		if (out_dir(o, &ri, out, err, sizeof err) == 0 &&
		    (kd = keepdir_open(out, "analysis", err,
		    sizeof err)) != NULL)
			rc = summary_one(o, &ri, kd, out);
		else
			complain(1, "%s", err);
		goto done;
	}
	set_window(&ri, o);
	if (runinfo_deaths(&ri, err, sizeof err) == -1 ||
	    out_dir(o, &ri, out, err, sizeof err) == -1 ||
	    (kd = keepdir_open(out, "analysis", err, sizeof err)) == NULL) {
		complain(1, "%s", err);
		goto done;
	}
	rc = stream(o, &ri, keepdir_stage(kd), &st, &v, err, sizeof err);
	if (rc == 0) {
		check_verdict_text(&v, fail, sizeof fail);
		ri.check_fail = v.violations > 0 ? fail : NULL;
		if (write_reports(&ri, st, keepdir_stage(kd), err,
		    sizeof err) == -1 ||
		    (drawn = draw(o, kd, &plot_run_set, err, sizeof err)) == -1 ||
		    keepdir_commit(kd, err, sizeof err) == -1)
			rc = -1;
	}
	if (rc != 0) {
		stage_name_final(err, sizeof err, keepdir_stage(kd), out);
		if (rc == -1)
			complain(1, "%s", err);
		rc = 1;
		goto done;
	}
	show(o, &ri, out, st, drawn == 0);
	rc = o->term ? term(out, &plot_run_set) : 0;
done:
	keepdir_close(kd);
	stats_free(st);
	runinfo_free(&ri);
	return rc;
}

int
analyze_main(int argc, char **argv)
{
	struct opts o;
	int rc = parse(argc, argv, &o), bad = 0;

	if (rc == 1)
		fputs(usage, stdout);
	/* Bad usage is found before any run is touched. */
	for (int i = 0; rc == 0 && i < o.ndirs; i++)
		rc = usable(&o, o.dirs[i]);
	for (int i = 0; rc == 0 && i < o.ndirs; i++) {
		if (i > 0 && !o.quiet)
			putchar('\n');
		bad |= analyze_one(&o, o.dirs[i]) != 0;
	}
	free(o.dirs);
	return rc == 1 ? 0 : rc != 0 ? rc : bad;
}

/* analysis/compare/compare.c -- `clockring compare RESULTS_DIR`: experiments side by side across their repeats */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/compare/compare.h"
#include "analysis/compare/compare_csv.h"
#include "analysis/compare/compare_data.h"
#include "analysis/compare/compare_load.h"
#include "analysis/compare/compare_text.h"
#include "analysis/out/keepdir.h"
#include "analysis/out/stage.h"
#include "analysis/plot/plot.h"
#include "lib/errmsg.h"
#include "lib/outfile.h"

static const char usage[] =
"usage: clockring compare [--out DIR] RESULTS_DIR\n"
"\n"
"Compares the experiments of a results tree (what `clockring experiments`\n"
"wrote: RESULTS_DIR/NAME/R/ for each repeat R, analyzed) across their\n"
"repeats: per run max and mean drift, clock jumps, queue lengths, pending\n"
"and sent messages, message delay; per experiment their mean, standard\n"
"deviation, min and max. Writes compare.csv (a row per experiment),\n"
"runs.csv (a row per run), the plots' data and compare_summary.png,\n"
"compare_drift.png, compare_jumps.png, compare_queue.png and\n"
"compare_sweep.png, and prints the comparison table. Other files in DIR\n"
"are left alone, and so is a compare_*.gp script you changed: the plots\n"
"are drawn with it (remove it and rerun to get the stock one back). An\n"
"experiment with a run missing or not analyzed is left out, said in one\n"
"line.\n"
"A summary run (run --virtual --log summary) gives its figures from its\n"
"own vms.csv, series.csv and jumps.csv; its happened-before shares are\n"
"not known (nan). The points of a sweep (NAME-VALUE, from a sweep key)\n"
"also go into compare_sweep.dat and compare_sweep.png: max and mean\n"
"drift, max queue and max jump against the swept value, log x (log y\n"
"where they span two decades), with each point's spread over its runs.\n"
"\n"
"Settings (VMs, rates, draws, duration, speed, faults, failure policy,\n"
"seeds) are those each run's run.meta records, never what NAME/\n"
"experiment.exp says now. Where an experiment's repeats differ in one,\n"
"a note says how, and compare.csv leaves it empty (runs.csv has each\n"
"run's).\n"
"\n"
"  --out DIR        where the comparison goes [RESULTS_DIR/compare]\n"
"\n"
"exit status: 0 ok, 1 no complete experiment or a file not written,\n"
"2 bad input (DIR there but not a directory, too)\n";

const struct compare_figinfo compare_figs[CMP_NFIGS] = {
	/* key, label, unit, decimals, integral, percent */
	[CMP_MAX_DRIFT] = { "max_drift", "max drift", "clock ticks", 1, 1, 0 },
	[CMP_MEAN_DRIFT] = { "mean_drift", "mean drift", "clock ticks", 2, 0,
	    0 },
	[CMP_MEAN_JUMP] = { "mean_jump", "mean jump", "clock ticks", 3, 0, 0 },
	[CMP_JUMP_SHARE] = { "jump_over_1_share", "jumps > 1", "", 1, 0, 1 },
	[CMP_MAX_JUMP] = { "max_jump", "max jump", "clock ticks", 1, 1, 0 },
	[CMP_MAX_QUEUE] = { "max_queue", "max queue", "messages", 1, 1, 0 },
	[CMP_MEAN_QUEUE] = { "mean_queue", "mean queue", "messages", 2, 0, 0 },
	[CMP_PENDING] = { "pending", "pending", "messages", 1, 1, 0 },
	[CMP_SENT] = { "msgs_sent", "sent", "messages", 0, 1, 0 },
	[CMP_DELAY] = { "delay_mean_s", "mean delay", "s", 3, 0, 0 },
	[CMP_ORDERED] = { "ordered_share", "ordered pairs", "pairs", 1, 0, 1 },
	[CMP_HIDDEN] = { "ranked_concurrent_share", "ranked concurrent",
	    "Lamport-ranked pairs", 1, 0, 1 },
};

const char *const compare_plots[] = {
	"compare_summary", "compare_drift", "compare_jumps", "compare_queue",
	"compare_sweep",
};
const size_t compare_nplots = sizeof compare_plots / sizeof compare_plots[0];

static const char *const plot_libs[] = { "compare_common.gp",
	"compare_band.gp", "look.gp" };
static const struct plot_set plots = {
	"", compare_plots, sizeof compare_plots / sizeof compare_plots[0],
	plot_libs, sizeof plot_libs / sizeof plot_libs[0],
};

/* Bad usage: one line on stderr, pointing to --help; exit status 2. */
__attribute__((format(printf, 2, 3))) static int
bad_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "clockring: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'clockring %s --help')\n", cmd);
	return 2;
}

/* The table, and where everything went. */
static void
show(FILE *say, const struct compare *c, const char *out, int drawn)
{
	compare_text_table(say, c);
	fprintf(say, "\nnumbers: %s/compare.csv, runs.csv\n", out);
	for (size_t i = 0; drawn && i < compare_nplots; i++)
		fprintf(say, "%s%s/%s.png\n", i == 0 ? "plots:   " :
		    "         ", out, compare_plots[i]);
}

/*
 * The files and plots, made in k's stage: 0 written and drawn, 1
 * written, no gnuplot (said), -1 failed, err. The plots are drawn with
 * the folder's scripts, a user's changed one (said) or the stock ones.
 * gnuplot says nothing when a full disk cuts an image short: each image
 * must be whole.
 */
static int
write_stage(const struct compare *c, struct keepdir *k, const char *cmd,
    char *err, size_t errlen)
{
	const char *tmp = keepdir_stage(k);
	int rc;

	if (compare_csv_write(c, tmp, err, errlen) == -1 ||
	    compare_data_write(c, tmp, err, errlen) == -1 ||
	    keepdir_scripts(k, &plots, err, errlen) == -1)
		return -1;
	keepdir_tell_kept(k, cmd, stderr);
	if ((rc = plot_render_set(tmp, &plots, 0, err, errlen)) == 1)
		fprintf(stderr, "clockring: %s: %s\n", cmd, err);
	for (size_t i = 0; rc == 0 && i < compare_nplots; i++)
		rc = outfile_check_image(tmp, compare_plots[i], "png", err,
		    errlen);
	if (rc == -1)
		outfile_blame(tmp, err, errlen);
	return rc;
}

/*
 * Everything is made in out/.compare.tmp-PID, and moved into out only
 * once whole: a failure leaves an earlier comparison as it was, and no
 * directory that we created; files compare did not write stay.
 */
static int
write_all(const struct compare *c, const char *out, const char *cmd,
    char *err, size_t errlen)
{
	struct keepdir *k = keepdir_open(out, "compare", err, errlen);
	int rc;

	if (k == NULL)
		return -1;
	if ((rc = write_stage(c, k, cmd, err, errlen)) == -1 ||
	    keepdir_commit(k, err, errlen) == -1) {
		stage_name_final(err, errlen, keepdir_stage(k), out);
		rc = -1;
	}
	keepdir_close(k);
	return rc;
}

/* Where the comparison goes: out_dir, or RESULTS/compare. */
static int
out_path(char out[OUTFILE_PATH_MAX], const char *out_dir,
    const char *results, char *err, size_t errlen)
{
	int n = out_dir != NULL ?
	    snprintf(out, OUTFILE_PATH_MAX, "%s", out_dir) :
	    snprintf(out, OUTFILE_PATH_MAX, "%s/compare", results);

	if (n < OUTFILE_PATH_MAX)
		return 0;
	errmsg_set(err, errlen, "%.64s...: path too long", out_dir ? out_dir :
	    results);
	return -1;
}

struct compare *
compare_build(const char *cmd, const char *results, const char *out_dir,
    FILE *say, int *status, char *err, size_t errlen)
{
	char out[OUTFILE_PATH_MAX];
	struct compare *c;
	struct stat st;
	int rc;

	*status = 2;
	if (stat(results, &st) == -1) {
		errmsg_set(err, errlen, "'%s': %s", results, strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		errmsg_set(err, errlen, "'%s': not a directory", results);
		return NULL;
	}
	*status = 1;
	if ((c = compare_load(results, err, errlen)) == NULL)
		return NULL;
	for (size_t i = 0; i < c->nskipped; i++)
		fprintf(stderr, "clockring: %s: left out, incomplete: %s\n",
		    cmd, c->skipped[i]);
	if (c->nexps == 0)
		errmsg_set(err, errlen, "no complete experiment in %s",
		    c->results);
	else if (out_path(out, out_dir, c->results, err, errlen) == 0 &&
	    (rc = write_all(c, out, cmd, err, errlen)) != -1) {
		if (say != NULL)
			show(say, c, out, rc == 0);
		*status = 0;
		return c;
	}
	compare_free(c);
	return NULL;
}

/*
 * --out is a directory, or nothing yet (it will be made): anything else
 * is bad input, named as the user gave it. 0 fine, else -1 (said).
 */
static int
out_ok(const char *cmd, const char *out)
{
	struct stat st;

	if (stat(out, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		bad_usage(cmd, "--out '%s': not a directory", out);
	} else if (errno == ENOENT) {
		return 0;
	} else {
		bad_usage(cmd, "--out '%s': %s", out, strerror(errno));
	}
	return -1;
}

/* The words after the options: one results directory, and --out's. */
static int
check_dirs(const char *cmd, const char *out, const char *results)
{
	if (results == NULL)
		bad_usage(cmd, "no results directory given");
	else if (out != NULL && *out == '\0')
		bad_usage(cmd, "--out '': an empty directory name");
	else
		return out != NULL ? out_ok(cmd, out) : 0;
	return -1;
}

int
compare_args(int argc, char **argv, const char *cmd, const char *help,
    const char **out, const char **results)
{
	*out = *results = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(help, stdout);
			return 1;
		}
		if (strcmp(a, "--out") == 0 && i + 1 < argc)
			*out = argv[++i];
		else if (strncmp(a, "--out=", 6) == 0)
			*out = a + 6;
		else {
			if (strcmp(a, "--out") == 0)
				bad_usage(cmd, "--out: needs a directory");
			else if (a[0] == '-')
				bad_usage(cmd, "unknown option '%s'", a);
			else if (*results != NULL)
				bad_usage(cmd, "one results directory only");
			else {
				*results = a;
				continue;
			}
			return -1;
		}
	}
	return check_dirs(cmd, *out, *results);
}

int
compare_fail(const char *cmd, int status, const char *err)
{
	if (status == 2)
		return bad_usage(cmd, "%s", err);
	fprintf(stderr, "clockring: %s: %s\n", cmd, err);
	return status;
}

int
compare_main(int argc, char **argv)
{
	char err[OUTFILE_PATH_MAX];
	const char *out, *results;
	int rc = compare_args(argc, argv, "compare", usage, &out, &results);

	if (rc != 0)
		return rc == 1 ? 0 : 2;
	struct compare *c = compare_build("compare", results, out, stdout, &rc,
	    err, sizeof err);
	if (c == NULL)
		return compare_fail("compare", rc, err);
	compare_free(c);
	return 0;
}

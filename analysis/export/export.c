/* analysis/export/export.c -- `clockring export`: a run for ShiViz or Perfetto, from its logs alone */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/export/export.h"
#include "analysis/export/exportrun.h"
#include "analysis/export/perfetto.h"
#include "analysis/export/shiviz.h"
#include "lib/errmsg.h"
#include "lib/outfile.h"

static const char usage[] =
"usage: clockring export --shiviz | --perfetto [-o FILE] RUN_DIR\n"
"\n"
"Writes a run for the tools people use to look at distributed runs,\n"
"from its logs alone: each tick (INTERNAL, SEND, RECV) with its Lamport\n"
"clock, its queue length and its vector clock, rebuilt from the\n"
"messages the logs name. Lines that are no tick (PENDING, LOSS, DROP,\n"
"PEER_DOWN) are left out.\n"
"\n"
"  --shiviz      a ShiViz log: line 1 the regular expression that parses\n"
"                it, line 2 empty (one run), then a line per tick with\n"
"                its vector clock keyed by VM (\"vm0\"); load the file in\n"
"                ShiViz (https://bestchai.bitbucket.io/shiviz/)\n"
"  --perfetto    a Chrome/Perfetto trace (JSON): a track per VM, a slice\n"
"                per tick with its clocks and queue as args, an arrow per\n"
"                message received, counters of each VM's Lamport clock\n"
"                and queue; time is model time; open it in\n"
"                https://ui.perfetto.dev (Open trace file)\n"
"  -o FILE       write FILE, whole or not at all, instead of standard\n"
"                output; an existing FILE is refused, never written over\n"
"\n"
"exit status: 0 ok, 1 logs unreadable or broken, or FILE not written,\n"
"2 bad input: an option, FILE exists, not a run directory\n";

struct opts {
	int nfmt;		/* --shiviz and --perfetto given */
	enum export_format fmt;
	const char *out;	/* -o FILE, or NULL: standard output */
	const char *dir;
};

/* One line on stderr; 2 (bad usage) also points to --help. */
#define complain(status, ...)	errmsg_say("export", (status), __VA_ARGS__)

/* One word of argv at *i: 0 taken, 1 --help, 2 bad (said). */
static int
parse_word(int argc, char **argv, int *i, struct opts *o)
{
	const char *a = argv[*i];

	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		return 1;
	if (strcmp(a, "--shiviz") == 0 || strcmp(a, "--perfetto") == 0) {
		o->fmt = a[2] == 's' ? EXPORT_SHIVIZ : EXPORT_PERFETTO;
		o->nfmt++;
	} else if (strcmp(a, "-o") == 0) {
		if (++*i == argc)
			return complain(2, "%s: needs a file name", a);
		o->out = argv[*i];
	} else if (a[0] == '-' && a[1] != '\0') {
		return complain(2, "unknown option '%s'", a);
	} else if (o->dir != NULL) {
		return complain(2, "'%s': one run directory only ('%s' given "
		    "before it)", a, o->dir);
	} else {
		o->dir = a;
	}
	return 0;
}

static int
parse(int argc, char **argv, struct opts *o)
{
	int rc = 0;

	memset(o, 0, sizeof *o);
	for (int i = 0; rc == 0 && i < argc; i++)
		rc = parse_word(argc, argv, &i, o);
	if (rc != 0)
		return rc;
	if (o->nfmt != 1)
		return complain(2, o->nfmt ? "--shiviz or --perfetto, not "
		    "both" : "--shiviz or --perfetto: say which");
	if (o->dir == NULL)
		return complain(2, "no run directory given");
	return 0;
}

/* The folder FILE goes in, into dir: "." when it names none. */
static void
folder_of(const char *file, char dir[OUTFILE_PATH_MAX])
{
	const char *slash = strrchr(file, '/');

	if (slash == NULL)
		snprintf(dir, OUTFILE_PATH_MAX, ".");
	else
		snprintf(dir, OUTFILE_PATH_MAX, "%.*s", slash == file ? 1 :
		    (int)(slash - file), file);
}

/*
 * -o FILE must be new, in a folder that is there: anything else is bad
 * input, found before the run is read. Users' files are never written
 * over, an earlier export's neither (it may be the one they annotated).
 */
static int
check_out(const char *out)
{
	char dir[OUTFILE_PATH_MAX];
	struct stat st;
	size_t n = strlen(out);

	if (n == 0)
		return complain(2, "-o '': an empty file name");
	if (n >= OUTFILE_PATH_MAX)
		return complain(2, "-o '%.64s...': path too long", out);
	if (out[n - 1] == '/')
		return complain(2, "-o '%s': names a folder, not a file", out);
	if (lstat(out, &st) == 0)
		return complain(2, S_ISDIR(st.st_mode) ? "-o '%s': a folder, "
		    "not a file" : "-o '%s': exists (an export never writes "
		    "over a file: remove it or name another)", out);
	if (errno != ENOENT)
		return complain(2, "-o '%s': %s", out, strerror(errno));
	folder_of(out, dir);
	if (stat(dir, &st) == -1)
		return complain(2, "-o '%s': '%s': %s", out, dir,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return complain(2, "-o '%s': '%s': not a folder", out, dir);
	return 0;
}

/* RUN_DIR is a folder with a run.meta; what they hold, the loader tells. */
static int
check_dir(const char *dir)
{
	char meta[OUTFILE_PATH_MAX];
	struct stat st;

	if (stat(dir, &st) == -1)
		return complain(2, "'%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return complain(2, "'%s': not a run directory", dir);
	snprintf(meta, sizeof meta, "%s/run.meta", dir);
	if (stat(meta, &st) == -1 && errno == ENOENT)
		return complain(2, "'%s': no run.meta (not a run directory?)",
		    dir);
	return 0;
}

int
export_write(const char *dir, enum export_format fmt, FILE *f, int *status,
    char *err, size_t errlen)
{
	struct exportrun r;

	if (exportrun_load(&r, dir, status, err, errlen) == -1)
		return -1;
	if (fmt == EXPORT_SHIVIZ)
		shiviz_write(&r, f);
	else
		perfetto_write(&r, f);
	exportrun_free(&r);
	return 0;
}

static int
to_file(const struct opts *o)
{
	char dir[OUTFILE_PATH_MAX], path[OUTFILE_PATH_MAX];
	char err[OUTFILE_PATH_MAX + 256];
	const char *slash = strrchr(o->out, '/');
	int status;
	FILE *f;

	folder_of(o->out, dir);
	if ((f = outfile_open(dir, slash ? slash + 1 : o->out, path, err,
	    sizeof err)) == NULL)
		return complain(1, "%s", err);
	if (export_write(o->dir, o->fmt, f, &status, err, sizeof err) == -1) {
		outfile_discard(f, path);
		return complain(status, "%s", err);
	}
	if (outfile_close_new(f, path, err, sizeof err) == -1)
		return complain(1, "%s", err);
	return 0;
}

static int
to_stdout(const struct opts *o)
{
	char err[OUTFILE_PATH_MAX + 256];
	int status;

	if (export_write(o->dir, o->fmt, stdout, &status, err,
	    sizeof err) == -1)
		return complain(status, "%s", err);
	if (fflush(stdout) != 0 || ferror(stdout))
		return complain(1, "standard output: %s", strerror(errno));
	return 0;
}

int
export_main(int argc, char **argv)
{
	struct opts o;
	int rc = parse(argc, argv, &o);

	if (rc == 1) {
		fputs(usage, stdout);
		return 0;
	}
	if (rc != 0 || (o.out != NULL && (rc = check_out(o.out)) != 0) ||
	    (rc = check_dir(o.dir)) != 0)
		return rc;
	return o.out != NULL ? to_file(&o) : to_stdout(&o);
}

/* analysis/viewer/viewer.c -- clockring view: a run as one self-contained interactive HTML page */
#include <sys/stat.h>

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/causal/vclock.h"
#include "analysis/check/check.h"
#include "analysis/rundir/runinfo.h"
#include "analysis/viewer/assets.h"
#include "analysis/viewer/viewdata.h"
#include "analysis/viewer/viewer.h"
#include "lib/errmsg.h"
#include "lib/mkdirs.h"
#include "lib/outfile.h"
#include "vm/core/num.h"

static const char usage[] =
"usage: clockring view [options] RUN_DIR\n"
"\n"
"Writes one HTML page that shows the run as a space-time diagram: a lane\n"
"per VM, each tick a dot, each message an arrow. Click a tick to see its\n"
"causal past and future; a quiz mode hides the clocks for a class. The\n"
"page needs no network: open it in any browser.\n"
"\n"
"  -o FILE, --out FILE   the page [RUN_DIR/analysis/view.html]\n"
"  --window T0:T1        only the ticks of model seconds T0 to T1 [the\n"
"                        whole run]; a page holds up to 2000000 ticks\n"
"                        and 32000000 vector entries (ticks times VMs)\n"
"\n"
"An existing file is replaced only if clockring view wrote it; the page\n"
"is written whole or not at all.\n"
"\n"
"exit status: 0 ok, 1 error, 2 bad input (nothing written)\n";

/* The mark of a page of ours: a file without it is the user's. */
#define MARK	"<meta name=\"generator\" content=\"clockring view\">"

struct opts {
	const char *dir, *out;
	const char *window;	/* as given, or NULL */
	double t0, t1;
};

/* One line on stderr; 2 (bad usage) also points to --help. */
#define complain(status, ...)	errmsg_say("view", (status), __VA_ARGS__)

static int
parse_window(const char *s, struct opts *o)
{
	char why[96];

	if (num_window(s, &o->t0, &o->t1, why, sizeof why) == -1)
		return complain(2, "--window '%s': %s", s, why);
	o->window = s;
	return 0;
}

/* 0 parsed, 1 --help, 2 bad usage (said). */
static int
parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .t1 = -1 };
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return 1;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0 ||
		    strcmp(a, "--window") == 0) {
			if (i + 1 == argc)
				return complain(2, "%s: needs a value", a);
			if (strcmp(a, "--window") != 0)
				o->out = argv[++i];
			else if (parse_window(argv[++i], o) != 0)
				return 2;
		} else if (a[0] == '-' && a[1] != '\0')
			return complain(2, "unknown option '%s'", a);
		else if (o->dir != NULL)
			return complain(2, "one run directory only ('%s' and "
			    "'%s')", o->dir, a);
		else
			o->dir = a;
	}
	if (o->dir == NULL)
		return complain(2, "needs a run directory");
	if (o->out != NULL && *o->out == '\0')
		return complain(2, "-o '': not a file name");
	return 0;
}

/*
 * May path be written? When it is missing, or a page of ours: a file
 * without the mark, or not a file at all, is kept (bad usage, 2).
 */
static int
ours(const char *path)
{
	char head[4096];
	struct stat st;
	FILE *f;
	size_t n;

	if (stat(path, &st) == -1)
		return errno == ENOENT ? 0 : complain(2, "%s: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return complain(2, "%s: not a file", path);
	if ((f = fopen(path, "r")) == NULL)
		return complain(2, "%s: %s", path, strerror(errno));
	n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	if (strstr(head, MARK) == NULL)
		return complain(2, "%s: not a page clockring view wrote, kept "
		    "(move it away, or write the page elsewhere with -o)", path);
	return 0;
}

static const char *
asset(const char *name)
{
	for (size_t i = 0; i < viewer_nassets; i++)
		if (strcmp(viewer_assets[i].name, name) == 0)
			return viewer_assets[i].text;
	return NULL;
}

/*
 * The page: view.html with its lines @STYLE@, @DATA@ and @SCRIPT@ each
 * replaced by view.css, the run's data and view.js.
 */
static int
write_page(FILE *out, const struct viewdata_src *src, char *err,
    size_t errlen)
{
	const char *t = asset("view.html");

	while (*t != '\0') {
		const char *nl = strchr(t, '\n');
		size_t len = nl != NULL ? (size_t)(nl - t) + 1 : strlen(t);
		if (strncmp(t, "@STYLE@\n", len) == 0)
			fputs(asset("view.css"), out);
		else if (strncmp(t, "@SCRIPT@\n", len) == 0)
			fputs(asset("view.js"), out);
		else if (strncmp(t, "@DATA@\n", len) == 0) {
			if (viewdata_write(src, out, err, errlen) == -1)
				return -1;
			putc('\n', out);
		} else
			fwrite(t, 1, len, out);
		t += len;
	}
	return 0;
}

/* Where the page goes: dir and name of o->out, or DIR/analysis/view.html. */
static int
target(const struct opts *o, char *dir, char *name, size_t *made)
{
	char tmp[OUTFILE_PATH_MAX];

	*made = 0;
	if (o->out == NULL) {
		if (snprintf(dir, OUTFILE_PATH_MAX, "%s/analysis", o->dir) >=
		    OUTFILE_PATH_MAX)
			return complain(2, "'%s': path too long", o->dir);
		strcpy(name, "view.html");
		if (mkdirs_make(dir, made) == -1)
			return complain(1, "%s: %s (write the page elsewhere with "
			    "-o FILE)", dir, strerror(errno));
		return 0;
	}
	if (strlen(o->out) >= OUTFILE_PATH_MAX)
		return complain(2, "-o '%s': path too long", o->out);
	strcpy(tmp, o->out);
	strcpy(dir, dirname(tmp));
	strcpy(tmp, o->out);
	strcpy(name, basename(tmp));
	return 0;
}

static int
fits(const struct opts *o, const struct vclock_run *r, size_t n)
{
	if (n == 0)
		return complain(2, "%s: no tick to show%s%s", o->dir,
		    o->window ? " in --window " : "", o->window ? o->window : "");
	if (n > VIEWDATA_MAX_TICKS || (double)n * r->n > VIEWDATA_MAX_CELLS)
		return complain(2, "%s: %zu ticks of %u VMs, more than a page "
		    "holds (%d ticks, %d vector entries): show a part with "
		    "--window T0:T1", o->dir, n, r->n, VIEWDATA_MAX_TICKS,
		    VIEWDATA_MAX_CELLS);
	return 0;
}

/* The run's window within its real end: refused past it, cut at it. */
static int
set_window(struct opts *o, const struct runinfo *ri)
{
	if (o->window == NULL) {
		o->t0 = 0;
		o->t1 = ri->end_s;
	} else if (o->t0 >= ri->end_s)
		return complain(2, "--window '%s': nothing to show, %s ends at "
		    "%g model seconds", o->window, o->dir, ri->end_s);
	else if (o->t1 > ri->end_s) {
		fprintf(stderr, "clockring: view: --window '%s': cut at the "
		    "run's end, %g model seconds\n", o->window, ri->end_s);
		o->t1 = ri->end_s;
	}
	return 0;
}

static int
publish(const struct opts *o, const struct viewdata_src *src)
{
	char dir[OUTFILE_PATH_MAX], name[OUTFILE_PATH_MAX];
	char path[OUTFILE_PATH_MAX], err[OUTFILE_PATH_MAX + 256];
	size_t made;
	int rc = target(o, dir, name, &made);
	FILE *f;

	if (rc != 0)
		return rc;
	if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
		rc = complain(2, "'%s/%s': path too long", dir, name);
	else if ((rc = ours(path)) != 0)
		;
	else if ((f = outfile_open(dir, name, path, err, sizeof err)) == NULL)
		rc = complain(1, "%s", err);
	else if (write_page(f, src, err, sizeof err) == -1) {
		outfile_discard(f, path);
		rc = complain(1, "%s", err);
	} else if (outfile_close(f, path, err, sizeof err) == -1)
		rc = complain(1, "%s", err);
	else
		printf("view: %s\n", path);
	if (rc != 0)
		mkdirs_undo(dir, made);
	return rc;
}

static int
view(struct opts *o)
{
	char err[OUTFILE_PATH_MAX + 256];
	struct vclock_run r = { 0 };
	struct runinfo ri;
	int rc;

	if (check_usable(o->dir, err, sizeof err) == -1)
		return complain(2, "%s", err);
	if (runinfo_load(&ri, o->dir, err, sizeof err) == -1)
		return complain(2, "%s", err);
	if ((rc = set_window(o, &ri)) != 0)
		goto done;
	if (vclock_load(o->dir, &r, err, sizeof err) == -1) {
		rc = complain(2, "%s", err);
		goto done;
	}
	char base[OUTFILE_PATH_MAX];
	snprintf(base, sizeof base, "%s", ri.dir);
	struct viewdata_src src = { .run = &r, .ri = &ri, .name = basename(base),
	    .t0 = o->t0, .t1 = o->t1 };
	if ((rc = fits(o, &r, viewdata_count(&src))) == 0)
		rc = publish(o, &src);
	vclock_free(&r);
done:
	runinfo_free(&ri);
	return rc;
}

int
viewer_main(int argc, char **argv)
{
	struct opts o;
	int rc = parse(argc, argv, &o);

	if (rc == 1) {
		fputs(usage, stdout);
		return 0;
	}
	return rc != 0 ? rc : view(&o);
}

/* analysis/out/keepdir.c -- an output folder of analyze or compare: staged whole, moved in file by file, the user's files kept */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/out/keepdir.h"
#include "analysis/out/manifest.h"
#include "analysis/out/sha256.h"
#include "analysis/out/stage.h"
#include "analysis/plot/gp_scripts.h"
#include "analysis/plot/plot.h"
#include "lib/errmsg.h"
#include "lib/mkdirs.h"
#include "lib/outfile.h"

#define KEPT_MAX	16	/* more than any plot set's scripts */

struct keepdir {
	char out[OUTFILE_PATH_MAX];	/* the folder */
	char tmp[STAGE_PATH_MAX];	/* the stage in it */
	int committed;			/* the stage has moved in */
	size_t made;			/* what mkdirs_make made of out */
	struct manifest *old;		/* what was written there before */
	const char *kept[KEPT_MAX];	/* the user's scripts, in gp_scripts */
	size_t nkept;
};

struct keepdir *
keepdir_open(const char *out, const char *name, char *err, size_t errlen)
{
	struct keepdir *k = calloc(1, sizeof *k);

	if (k == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	if ((size_t)snprintf(k->out, sizeof k->out, "%s", out) >=
	    sizeof k->out) {
		errmsg_set(err, errlen, "%.64s...: path too long", out);
		free(k);
		return NULL;
	}
	if (mkdirs_make(out, &k->made) == -1) {
		errmsg_set(err, errlen, "%s: %s", out, strerror(errno));
		free(k);
		return NULL;
	}
	if ((k->old = manifest_read(out, err, errlen)) == NULL ||
	    stage_create(out, name, k->tmp, err, errlen) == -1) {
		keepdir_close(k);
		return NULL;
	}
	return k;
}

const char *
keepdir_stage(const struct keepdir *k)
{
	return k->tmp;
}

const char *
keepdir_kept(const struct keepdir *k, size_t i)
{
	return i < k->nkept ? k->kept[i] : NULL;
}

/* dir/name into path: 0, or -1 with err when it does not fit. */
static int
join(char path[OUTFILE_PATH_MAX], const char *dir, const char *name,
    char *err, size_t errlen)
{
	if ((size_t)snprintf(path, OUTFILE_PATH_MAX, "%s/%s", dir, name) <
	    OUTFILE_PATH_MAX)
		return 0;
	return errmsg_set(err, errlen, "%.64s...: path too long", dir);
}

static void
hash_text(const char *text, char hex[SHA256_HEX])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_add(&s, text, strlen(text));
	sha256_hex(&s, hex);
}

/*
 * Is the folder's copy of a script, whose hash is now, ours to replace?
 * It is when it is the stock one, or what the manifest says was written
 * there (maybe an older clockring's stock one); else the user changed it. A
 * folder without a manifest has only the first test.
 */
static int
ours(const struct keepdir *k, const struct gp_script *g, const char *now)
{
	char stock[SHA256_HEX];

	hash_text(g->text, stock);
	return strcmp(now, stock) == 0 || manifest_wrote(k->old, g->name, now);
}

/* Copy the file from into the file dir/name, whole or not at all. */
static int
copy(const char *from, const char *dir, const char *name, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX], buf[8192];
	FILE *in = fopen(from, "rb"), *f;
	size_t n;

	if (in == NULL)
		return errmsg_set(err, errlen, "%s: %s", from, strerror(errno));
	if ((f = outfile_open(dir, name, path, err, errlen)) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, f);
	if (ferror(in)) {
		errmsg_set(err, errlen, "%s: %s", from, strerror(errno));
		outfile_discard(f, path);
		fclose(in);
		return -1;
	}
	fclose(in);
	return outfile_close(f, path, err, errlen);
}

static int
write_text(const char *dir, const struct gp_script *g, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	FILE *f = outfile_open(dir, g->name, path, err, errlen);

	if (f == NULL)
		return -1;
	fputs(g->text, f);
	return outfile_close(f, path, err, errlen);
}

/* One script into the stage: the user's, kept, or the stock one. */
static int
stage_script(struct keepdir *k, const struct gp_script *g, char *err,
    size_t errlen)
{
	char path[OUTFILE_PATH_MAX], now[SHA256_HEX];

	if (join(path, k->out, g->name, err, errlen) == -1)
		return -1;
	if (sha256_file(path, now) == -1) {
		if (errno != ENOENT)
			return errmsg_set(err, errlen, "%s: %s", path,
			    strerror(errno));
		return write_text(k->tmp, g, err, errlen);
	}
	if (ours(k, g, now))
		return write_text(k->tmp, g, err, errlen);
	if (k->nkept == KEPT_MAX)
		return errmsg_set(err, errlen, "%s: too many scripts", k->out);
	k->kept[k->nkept++] = g->name;
	return copy(path, k->tmp, g->name, err, errlen);
}

int
keepdir_scripts(struct keepdir *k, const struct plot_set *set, char *err,
    size_t errlen)
{
	k->nkept = 0;
	for (size_t i = 0; i < gp_nscripts; i++)
		if (plot_set_has(set, gp_scripts[i].name) &&
		    stage_script(k, &gp_scripts[i], err, errlen) == -1)
			return -1;
	return 0;
}

void
keepdir_tell_kept(const struct keepdir *k, const char *cmd, FILE *to)
{
	for (size_t i = 0; i < k->nkept; i++)
		fprintf(to, "clockring: %s: %s/%s: kept your changed script, and "
		    "the plots use it (remove it and rerun %s to get the stock "
		    "one back)\n", cmd, k->out, k->kept[i], cmd);
}

/*
 * The user's scripts leave the stage before it moves in: their copies
 * were only there to draw with, and the folder's stay untouched. The
 * manifest moves in last, so that it never vouches for a file that is
 * not yet the one it describes.
 */
int
keepdir_commit(struct keepdir *k, char *err, size_t errlen)
{
	char path[OUTFILE_PATH_MAX];

	for (size_t i = 0; i < k->nkept; i++) {
		if (join(path, k->tmp, k->kept[i], err, errlen) == -1)
			return -1;
		if (unlink(path) == -1)
			return errmsg_set(err, errlen, "%s: %s", path,
			    strerror(errno));
	}
	if (manifest_write(k->tmp, k->out, k->old, err, errlen) == -1 ||
	    stage_publish_last(k->tmp, k->out, MANIFEST_NAME, err,
	    errlen) == -1)
		return -1;
	k->committed = 1;
	return 0;
}

void
keepdir_close(struct keepdir *k)
{
	if (k == NULL)
		return;
	if (!k->committed) {
		stage_discard(k->tmp);
		mkdirs_undo(k->out, k->made);
	}
	manifest_free(k->old);
	free(k);
}

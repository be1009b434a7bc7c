/* analysis/rundir/expfile.c -- experiment files (NAME.exp): keys and values, the words of `run`, seeds */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/rundir/expfile.h"
#include "lib/errmsg.h"
#include "vm/core/num.h"

/*
 * An experiment file is `key = value` lines; '#' starts a comment line.
 *   title = Low clock variation           (required)
 *   description = Rates 3-4 instead of 1-6 (required, one line)
 *   run = --rate-min 3 --rate-max 4       (options of `clockring run`)
 *   repeat = 5                             (runs, each its own seed)
 *   duration = 60                          (model seconds per run)
 *   seed = 1234                            (base seed; default from the name)
 *   fault = kill:1@20, pause:2@5+3         (--fault of each run, up to 16)
 *   on_failure = continue                  (--on-failure of each run)
 *   mode = virtual                         (--virtual: each run in model
 *                                            time, not paced by --speed)
 *   sweep = vms 3 10 100                   (an option of `clockring run`
 *                                            and whole values: one
 *                                            experiment per value)
 * An experiment the suite made of a sweep also has `point = 3`.
 * Options the suite sets itself (--out, --seed, --duration, --speed,
 * --force, --quiet, --virtual) may not appear in `run`. Keys come once
 * each, so `fault` lists its specs, split by spaces or commas. The words
 * of `run`, the faults and on_failure become options of `clockring run`,
 * judged by the option parser of whoever runs them (sim/exprun.c), once
 * the whole file is read.
 */

static const char *const suite_owned[] = {
	"--out", "--seed", "--duration", "--speed", "--force", "--quiet",
	"--virtual",
};

#define FAULT_SEP	" \t,"
/* Where the words made of `fault` and `on_failure` go in argbuf. */
#define EXTRA_AT	512

/* FNV-1a of the name: each experiment's seeds differ, and never change. */
static uint64_t
name_seed(const char *name)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * UINT64_C(0x100000001b3);
	return h;
}

void
expfile_write(FILE *f, const struct experiment *e, const char *source)
{
	char dur[NUM_TEXT_MAX];

	/* Keys left out stay out: an empty value would not read back. */
	num_format(dur, sizeof dur, e->duration_s);
	fprintf(f, "# copied from %s\ntitle = %s\ndescription = %s\n"
	    "repeat = %u\nduration = %s\nseed = %" PRIu64 "\n", source,
	    e->title, e->description, (unsigned)e->repeat, dur, e->seed);
	if (e->run[0] != '\0')
		fprintf(f, "run = %s\n", e->run);
	if (e->fault[0] != '\0')
		fprintf(f, "fault = %s\n", e->fault);
	if (e->on_failure[0] != '\0')
		fprintf(f, "on_failure = %s\n", e->on_failure);
	if (e->is_virtual)
		fputs("mode = virtual\n", f);
	if (e->sweep[0] != '\0') {
		fprintf(f, "sweep = %s", e->sweep);
		for (uint32_t i = 0; i < e->npoints; i++)
			fprintf(f, " %" PRIu64, e->points[i]);
		fputc('\n', f);
	}
	if (e->is_point)
		fprintf(f, "point = %" PRIu64 "\n", e->point);
}

/* Repeat r (1..repeat) of an experiment always runs with the same seed. */
uint64_t
expfile_seed(const struct experiment *e, uint32_t repeat)
{
	uint64_t z = e->seed + repeat * UINT64_C(0x9e3779b97f4a7c15);

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int
set_text(char *dst, size_t len, const char *key, const char *val, char *why,
    size_t whylen)
{
	if (*val == '\0')
		return errmsg_set(why, whylen, "%s: empty", key);
	if (strlen(val) >= len)
		return errmsg_set(why, whylen, "%s: longer than %zu characters", key,
		    len - 1);
	memcpy(dst, val, strlen(val) + 1);
	return 0;
}

/* A plain decimal (vm/num.h), or with whole a whole number, in min..max. */
static int
set_number(double *dst, const char *key, const char *val, double min,
    double max, bool whole, char *why, size_t whylen)
{
	uint64_t u;
	double v;
	int rc = whole ? num_uint(val, &u) : num_real(val, &v);

	if (whole && rc == 0)
		v = (double)u;
	if (rc != 0 || v < min || v > max)
		return errmsg_set(why, whylen, "%s '%s': must be a %s from %g to %g",
		    key, val, whole ? "whole number" : "plain decimal number", min,
		    max);
	*dst = v;
	return 0;
}

/* Split `run` into words; what they mean is judged by whoever runs them. */
static int
set_run(struct experiment *e, const char *val, char *why, size_t whylen)
{
	if (set_text(e->run, sizeof e->run, "run", val, why, whylen) == -1)
		return -1;
	memcpy(e->argbuf, e->run, sizeof e->run);
	e->argc = 0;
	char *save;
	for (char *w = strtok_r(e->argbuf, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (e->argc == EXP_MAX_RUN_WORDS)
			return errmsg_set(why, whylen, "run: more than %d words",
			    EXP_MAX_RUN_WORDS);
		for (size_t i = 0; i < sizeof suite_owned / sizeof *suite_owned; i++)
			if (strncmp(w, suite_owned[i], strlen(suite_owned[i])) == 0 &&
			    (w[strlen(suite_owned[i])] == '\0' ||
			    w[strlen(suite_owned[i])] == '='))
				return errmsg_set(why, whylen, "run: %s is set by the "
				    "experiment suite, not here", suite_owned[i]);
		e->argv[e->argc++] = w;
	}
	return 0;
}

/* Specs split by spaces or commas; judged as --fault by whoever runs them. */
static int
set_fault(struct experiment *e, const char *val, char *why, size_t whylen)
{
	char words[sizeof e->fault], *save;
	int n = 0;

	if (set_text(e->fault, sizeof e->fault, "fault", val, why, whylen) == -1)
		return -1;
	memcpy(words, e->fault, sizeof words);
	for (char *w = strtok_r(words, FAULT_SEP, &save); w != NULL;
	    w = strtok_r(NULL, FAULT_SEP, &save))
		if (++n > FAULT_MAX)
			return errmsg_set(why, whylen, "fault: at most %d", FAULT_MAX);
	if (n == 0)
		return errmsg_set(why, whylen, "fault: empty");
	return 0;
}

/* `sweep = OPTION V1 V2 ...`: a run option of ours to set, whole values. */
static int
set_sweep(struct experiment *e, const char *val, char *why, size_t whylen)
{
	char words[512], *save, *w;

	if (set_text(words, sizeof words, "sweep", val, why, whylen) == -1)
		return -1;
	w = strtok_r(words, " \t", &save);
	if (w == NULL || strlen(w) >= sizeof e->sweep || w[0] == '-' ||
	    strspn(w, "abcdefghijklmnopqrstuvwxyz-") != strlen(w))
		return errmsg_set(why, whylen, "sweep '%.40s': must name an "
		    "option of clockring run without its dashes, then values",
		    val);
	for (size_t i = 0; i < sizeof suite_owned / sizeof *suite_owned; i++)
		if (strcmp(w, suite_owned[i] + 2) == 0)
			return errmsg_set(why, whylen, "sweep: --%s is set by the "
			    "experiment suite, not swept", w);
	snprintf(e->sweep, sizeof e->sweep, "%s", w);
	e->npoints = 0;
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (e->npoints == EXP_MAX_POINTS)
			return errmsg_set(why, whylen, "sweep: more than %d "
			    "values", EXP_MAX_POINTS);
		if (num_uint(w, &e->points[e->npoints]) != 0)
			return errmsg_set(why, whylen, "sweep value '%.40s': not "
			    "a whole number", w);
		for (uint32_t i = 0; i < e->npoints; i++)
			if (e->points[i] == e->points[e->npoints])
				return errmsg_set(why, whylen, "sweep value '%s' "
				    "given twice", w);
		e->npoints++;
	}
	if (e->npoints == 0)
		return errmsg_set(why, whylen, "sweep: no values");
	return 0;
}

static int
set_key(struct experiment *e, const char *key, const char *val, char *why,
    size_t whylen)
{
	double v;

	if (strcmp(key, "title") == 0)
		return set_text(e->title, sizeof e->title, key, val, why, whylen);
	if (strcmp(key, "description") == 0)
		return set_text(e->description, sizeof e->description, key, val,
		    why, whylen);
	if (strcmp(key, "run") == 0)
		return set_run(e, val, why, whylen);
	if (strcmp(key, "fault") == 0)
		return set_fault(e, val, why, whylen);
	if (strcmp(key, "on_failure") == 0)
		return set_text(e->on_failure, sizeof e->on_failure, key, val, why,
		    whylen) == -1 ? errmsg_set(why, whylen, "on_failure '%.40s': "
		    "must be stop or continue", val) : 0;
	if (strcmp(key, "mode") == 0) {
		if (strcmp(val, "real") != 0 && strcmp(val, "virtual") != 0)
			return errmsg_set(why, whylen, "mode '%.40s': must be real "
			    "or virtual", val);
		e->is_virtual = strcmp(val, "virtual") == 0;
		return 0;
	}
	if (strcmp(key, "repeat") == 0) {
		if (set_number(&v, key, val, 1, EXP_MAX_REPEAT, true, why, whylen))
			return -1;
		e->repeat = (uint32_t)v;
		return 0;
	}
	if (strcmp(key, "duration") == 0)
		return set_number(&e->duration_s, key, val, 1e-3, 1e7, false, why,
		    whylen);
	if (strcmp(key, "sweep") == 0)
		return set_sweep(e, val, why, whylen);
	if (strcmp(key, "point") == 0) {
		if (num_uint(val, &e->point) != 0)
			return errmsg_set(why, whylen, "point '%.40s': not a whole "
			    "number", val);
		e->is_point = true;
		return 0;
	}
	if (strcmp(key, "seed") == 0) {
		if (num_uint(val, &e->seed) != 0)
			return errmsg_set(why, whylen, "seed '%s': must be a whole "
			    "number from 0 to 2^64-1", val);
		return 0;
	}
	return errmsg_set(why, whylen, "unknown key '%.40s' (keys: title, "
	    "description, run, repeat, duration, seed, fault, on_failure, mode, "
	    "sweep)",
	    key);
}

/* The name becomes a directory under results/: keep it plain. */
static int
set_name(struct experiment *e, const char *path, char *err, size_t errlen)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base);

	if (len > 4 && strcmp(base + len - 4, ".exp") == 0)
		len -= 4;
	if (len == 0 || len >= sizeof e->name)
		return errmsg_set(err, errlen, "%s: the file name must give the "
		    "experiment a name of 1 to %zu characters", path,
		    sizeof e->name - 1);
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)base[i]) && base[i] != '-' &&
		    base[i] != '_')
			return errmsg_set(err, errlen, "%s: the file name may hold only "
			    "letters, digits, '-' and '_'", path);
	memcpy(e->name, base, len);
	e->name[len] = '\0';
	return 0;
}

static const char *const keys[EXP_KEYS] = {
	[EXP_TITLE] = "title", [EXP_DESCRIPTION] = "description",
	[EXP_RUN] = "run", [EXP_REPEAT] = "repeat", [EXP_DURATION] = "duration",
	[EXP_SEED] = "seed", [EXP_FAULT] = "fault",
	[EXP_ON_FAILURE] = "on_failure", [EXP_MODE] = "mode",
	[EXP_SWEEP] = "sweep", [EXP_POINT] = "point",
};

static int
key_index(const char *key)
{
	for (int i = 0; i < EXP_KEYS; i++)
		if (strcmp(key, keys[i]) == 0)
			return i;
	return -1;
}

/* One `key = value` line; *seen collects the keys given, *k gets this one. */
static int
parse_line(struct experiment *e, char *line, unsigned *seen, int *k, char *why,
    size_t whylen)
{
	char *eq = strchr(line, '=');

	if (eq == NULL)
		return errmsg_set(why, whylen, "expected key = value");
	*eq = '\0';
	char *key = trim(line), *val = trim(eq + 1);
	*k = key_index(key);
	if (*k >= 0 && (*seen & 1u << *k))
		return errmsg_set(why, whylen, "key '%s' given twice", key);
	if (set_key(e, key, val, why, whylen) == -1)
		return -1;
	*seen |= 1u << *k;
	return 0;
}

/* Does `run` set the option the sweep sets? */
static bool
swept_in_run(const struct experiment *e)
{
	size_t n = strlen(e->sweep);

	for (int i = 0; n > 0 && i < e->argc; i++)
		if (strncmp(e->argv[i], "--", 2) == 0 &&
		    strncmp(e->argv[i] + 2, e->sweep, n) == 0 &&
		    (e->argv[i][n + 2] == '\0' || e->argv[i][n + 2] == '='))
			return true;
	return false;
}

/* `fault`, `on_failure` and `mode` become options after the words of `run`. */
static void
add_extra_words(struct experiment *e)
{
	char words[sizeof e->fault], *save;
	char *p = e->argbuf + EXTRA_AT, *end = e->argbuf + sizeof e->argbuf;

	memcpy(words, e->fault, sizeof words);
	for (char *w = strtok_r(words, FAULT_SEP, &save); w != NULL;
	    w = strtok_r(NULL, FAULT_SEP, &save)) {
		e->argv[e->argc++] = p;
		p += snprintf(p, (size_t)(end - p), "--fault=%s", w) + 1;
	}
	if (e->on_failure[0] != '\0') {
		e->argv[e->argc++] = p;
		p += snprintf(p, (size_t)(end - p), "--on-failure=%s",
		    e->on_failure) + 1;
	}
	if (e->is_virtual) {
		e->argv[e->argc++] = p;
		snprintf(p, (size_t)(end - p), "--virtual");
	}
}

int
expfile_parse(const char *path, const char *text, size_t len,
    struct experiment *e, char *err, size_t errlen)
{
	char buf[EXP_MAX_BYTES + 1], why[320];
	unsigned seen = 0, lineno = 0;
	int k = 0;

	memset(e, 0, sizeof *e);
	e->repeat = 5;
	e->duration_s = 60;
	if (set_name(e, path, err, errlen) == -1)
		return -1;
	e->seed = name_seed(e->name);
	if (len > EXP_MAX_BYTES || memchr(text, '\0', len) != NULL)
		return errmsg_set(err, errlen, "%s: not an experiment file (%s)", path,
		    len > EXP_MAX_BYTES ? "over 64 KiB" : "a NUL byte");
	memcpy(buf, text, len);
	buf[len] = '\0';
	for (char *line = buf, *next; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		char *s = trim(line);
		if (*s == '\0' || *s == '#')
			continue;
		if (parse_line(e, s, &seen, &k, why, sizeof why) == -1)
			return errmsg_set(err, errlen, "%s:%u: %s", path, lineno, why);
		e->line[k] = lineno;
	}
	for (k = EXP_TITLE; k <= EXP_DESCRIPTION; k++)
		if (!(seen & 1u << k))
			return errmsg_set(err, errlen, "%s: missing key '%s'", path, keys[k]);
	if (e->is_point && !(seen & 1u << EXP_SWEEP))
		return errmsg_set(err, errlen, "%s: point without sweep", path);
	if (!e->is_point && swept_in_run(e))
		return errmsg_set(err, errlen, "%s:%u: run: --%s is swept "
		    "(line %u), not set here", path, e->line[EXP_RUN], e->sweep,
		    e->line[EXP_SWEEP]);
	snprintf(e->source, sizeof e->source, "%s", path);
	e->nrun = e->argc;
	add_extra_words(e);
	return 0;
}

/* Point i of sweep e as an experiment file's text, read back into p. */
static int
point_of(const struct experiment *e, uint32_t i, struct experiment *p,
    char *err, size_t errlen)
{
	char name[128], run[sizeof e->run + 96], *text = NULL;
	size_t len = 0;
	struct experiment x = *e;
	FILE *f;
	int rc;

	x.is_point = true;
	x.point = e->points[i];
	/* Reports name experiments by title: each point's says its value. */
	if ((size_t)snprintf(x.title, sizeof x.title, "%s, %s %" PRIu64,
	    e->title, e->sweep, x.point) >= sizeof x.title)
		return errmsg_set(err, errlen, "%s: title: too long with %s %"
		    PRIu64, e->source, e->sweep, x.point);
	snprintf(run, sizeof run, "%s%s--%s %" PRIu64, e->run,
	    e->run[0] ? " " : "", e->sweep, x.point);
	if (strlen(run) >= sizeof x.run)
		return errmsg_set(err, errlen, "%s: run: too long with --%s",
		    e->source, e->sweep);
	memcpy(x.run, run, strlen(run) + 1);
	snprintf(name, sizeof name, "%s-%" PRIu64 ".exp", e->name, x.point);
	if ((f = open_memstream(&text, &len)) == NULL)
		return errmsg_set(err, errlen, "out of memory");
	expfile_write(f, &x, e->source);
	if (fclose(f) != 0)
		return errmsg_set(err, errlen, "out of memory");
	rc = expfile_parse(name, text, len, p, err, errlen);
	free(text);
	if (rc != 0)
		return rc;
	/* Its words are told where they were written: a swept value's
	 * fault is on the sweep line. */
	snprintf(p->source, sizeof p->source, "%s", e->source);
	memcpy(p->line, e->line, sizeof p->line);
	p->line[EXP_RUN] = e->line[EXP_SWEEP];
	return 0;
}

int
expfile_points(const struct experiment *e, struct experiment *out,
    size_t max, char *err, size_t errlen)
{
	if (e->sweep[0] == '\0' || e->is_point) {
		if (max < 1)
			return errmsg_set(err, errlen, "too many experiments");
		out[0] = *e;
		/* argv points into argbuf: into the copy's own now. */
		for (int i = 0; i < e->argc; i++)
			out[0].argv[i] = out[0].argbuf + (e->argv[i] - e->argbuf);
		return 1;
	}
	if (e->npoints > max)
		return errmsg_set(err, errlen, "too many experiments");
	for (uint32_t i = 0; i < e->npoints; i++)
		if (point_of(e, i, &out[i], err, errlen) == -1)
			return -1;
	return (int)e->npoints;
}

int
expfile_load(const char *path, struct experiment *e, char *err, size_t errlen)
{
	static char text[EXP_MAX_BYTES + 1];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
	size_t len = fread(text, 1, sizeof text, f);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return errmsg_set(err, errlen, "%s: read error", path);
	return expfile_parse(path, text, len, e, err, errlen);
}

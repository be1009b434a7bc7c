/* sim/gather.c -- clockring merge: the parts of a ring started by hand, gathered into one run directory */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/mkdirs.h"
#include "sim/gather.h"
#include "vm/core/fault.h"
#include "vm/core/num.h"
#include "vm/core/runmeta.h"

#define PART_MAX_BYTES	(64 * 1024)	/* a part is a few hundred */

static const char usage[] =
"usage: clockring merge DIR... --out RUN_DIR\n"
"\n"
"Gathers the VMs of a ring started by hand (clockring vm), one directory\n"
"per machine, each with the vmI.csv logs and vmI.meta parts its VMs wrote,\n"
"into one run directory that check and analyze read: the logs copied, one\n"
"run.meta made of the parts. Refuses, writing nothing, parts of different\n"
"runs, two parts of one VM, a VM without its part or log, and parts that\n"
"disagree on a setting. RUN_DIR must not exist, or be empty.\n"
"\n"
"  --out RUN_DIR         the run directory to make (required)\n"
"\n"
"exit status: 0 merged, 1 a file could not be written, 2 bad input\n";

/* ---- the parts into one run.meta (pure) ---- */

static bool
same_real(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/* The first setting a and b differ in, as "--seed: 9 ... , 5 ...". */
static bool
differ(const struct gather_part *a, const struct gather_part *b, char *err,
    size_t errlen)
{
	const struct runmeta *x = &a->m, *y = &b->m;
	const char *opt = x->seed != y->seed ? "--seed" :
	    !same_real(x->duration_s, y->duration_s) ? "--duration" :
	    !same_real(x->speed, y->speed) ? "--speed" :
	    x->draw_max != y->draw_max ? "--draw-max" :
	    !same_real(x->latency_min_ms, y->latency_min_ms) ||
	    !same_real(x->latency_max_ms, y->latency_max_ms) ? "--latency" :
	    !same_real(x->loss, y->loss) ? "--loss" :
	    x->vector != y->vector ? "--vector" :
	    x->on_failure != y->on_failure ? "--on-failure" :
	    x->nfaults != y->nfaults || memcmp(x->fault, y->fault,
	    x->nfaults * sizeof x->fault[0]) != 0 ? "--fault" :
	    x->measured != y->measured ? "--start-at" : NULL;

	if (opt == NULL)
		return false;
	snprintf(err, errlen, "%s and %s disagree on %s: parts of one ring "
	    "have the same settings", a->path, b->path, opt);
	return true;
}

/* Every part of one run, each VM once, all there, agreeing. */
static int
whole(const struct gather_part *p, uint32_t n, const struct gather_part **by_vm,
    char *err, size_t errlen)
{
	uint32_t vms = p[0].m.vms;

	for (uint32_t i = 0; i < n; i++) {
		const struct runmeta *m = &p[i].m;
		if (memcmp(m->run_id, p[0].m.run_id, sizeof m->run_id) != 0) {
			snprintf(err, errlen, "%s and %s are parts of different "
			    "runs (run_id)", p[0].path, p[i].path);
			return -1;
		}
		if (m->vms != vms) {
			snprintf(err, errlen, "%s and %s disagree on --vms: parts "
			    "of one ring have the same settings", p[0].path, p[i].path);
			return -1;
		}
		if (differ(&p[0], &p[i], err, errlen))
			return -1;
		const struct gather_part **slot = &by_vm[m->part_vm];
		if (*slot != NULL) {
			snprintf(err, errlen, "%s and %s are both vm %d's part",
			    (*slot)->path, p[i].path, (int)m->part_vm);
			return -1;
		}
		*slot = &p[i];
	}
	for (uint32_t v = 0; v < vms; v++)
		if (by_vm[v] == NULL) {
			snprintf(err, errlen, "no part of vm %u (vm%u.meta): the "
			    "ring has %u VMs", (unsigned)v, (unsigned)v, (unsigned)vms);
			return -1;
		}
	return 0;
}

/* How the ring ended: the first VM that failed, else one interrupted. */
static void
verdict(struct runmeta *out, const struct gather_part *const *by_vm)
{
	out->status = RUN_COMPLETE;
	for (uint32_t v = 0; v < out->vms; v++) {
		const struct runmeta *m = &by_vm[v]->m;
		if (m->status == RUN_FAILED && out->status != RUN_FAILED) {
			out->status = RUN_FAILED;
			out->failed_vm = (int32_t)v;
			snprintf(out->error, sizeof out->error, "vm %u: %.200s",
			    (unsigned)v, m->error);
		} else if (m->status != RUN_COMPLETE && out->status == RUN_COMPLETE)
			out->status = RUN_INTERRUPTED;
	}
}

int
gather_combine(const struct gather_part *p, uint32_t n, struct runmeta *out,
    char *err, size_t errlen)
{
	const struct gather_part *by_vm[RUNMETA_MAX_VMS] = { NULL };

	if (n == 0) {
		snprintf(err, errlen, "no parts to merge");
		return -1;
	}
	if (whole(p, n, by_vm, err, errlen) == -1)
		return -1;
	/* VM 0's clock is the run's: start_wall_ns and the offsets from it. */
	*out = by_vm[0]->m;
	out->is_part = false;
	out->part_vm = -1;
	out->failed_vm = -1;
	out->error[0] = '\0';
	out->rate_min = UINT32_MAX;
	out->rate_max = 0;
	for (uint32_t v = 0; v < out->vms; v++) {
		const struct runmeta *m = &by_vm[v]->m;
		out->rate[v] = m->rate[v];
		out->rate_min = m->rate[v] < out->rate_min ? m->rate[v] : out->rate_min;
		out->rate_max = m->rate[v] > out->rate_max ? m->rate[v] : out->rate_max;
		out->port[v] = m->port[v];
		out->end[v] = m->end[v];
		out->next_offset_ns[v] = m->next_offset_ns[v];
		out->next_rtt_ns[v] = m->next_rtt_ns[v];
	}
	verdict(out, by_vm);
	return 0;
}

/* ---- reading the parts, writing the run directory ---- */

struct job {
	struct gather_part *part;	/* n of them, allocated */
	char (*path)[PATH_MAX];		/* each part's path */
	char (*log)[PATH_MAX];		/* each part's log beside it */
	uint32_t n;
	const char *out;
	char made[RUNMETA_MAX_VMS + 1][PATH_MAX];	/* files we created */
	uint32_t nmade;
	size_t dirs_made;		/* mkdirs_make's, for the undo */
};

static int
read_text(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");

	*text = NULL;
	if (f != NULL && (*text = malloc(PART_MAX_BYTES + 1)) != NULL) {
		*len = fread(*text, 1, PART_MAX_BYTES + 1, f);
		if (!ferror(f) && *len <= PART_MAX_BYTES) {
			fclose(f);
			return 0;
		}
		errno = ferror(f) ? EIO : EFBIG;
	}
	snprintf(err, errlen, "'%s': %s", path, strerror(errno));
	if (f != NULL)
		fclose(f);
	free(*text);
	return -1;
}

/* One vmI.meta: a part of a ring, every key good, its log beside it. */
static int
read_part(struct job *j, uint32_t k, char *err, size_t errlen)
{
	struct gather_part *p = &j->part[k];
	struct stat st;
	char *text;
	size_t len;

	if (read_text(j->path[k], &text, &len, err, errlen) == -1)
		return -1;
	int rc = runmeta_read(j->path[k], text, len, &p->m, NULL, NULL, NULL, err,
	    errlen);
	free(text);
	p->path = j->path[k];
	if (rc != 0)
		return -1;
	if (!p->m.is_part) {
		snprintf(err, errlen, "'%s': not the part of one VM (no part key)",
		    j->path[k]);
		return -1;
	}
	char *slash = strrchr(j->path[k], '/');
	snprintf(j->log[k], sizeof j->log[k], "%.*svm%d.csv",
	    (int)(slash - j->path[k] + 1), j->path[k], (int)p->m.part_vm);
	if (stat(j->log[k], &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "'%s': %s (the log of %s)", j->log[k],
		    errno ? strerror(errno) : "not a file", j->path[k]);
		return -1;
	}
	return 0;
}

/* "vm12.meta" and no other spelling: the id's digits, no leading 0. */
static bool
part_name(const char *name)
{
	size_t d = strspn(name + 2, "0123456789");

	return strncmp(name, "vm", 2) == 0 && d > 0 && d <= 3 &&
	    !(d > 1 && name[2] == '0') && strcmp(name + 2 + d, ".meta") == 0;
}

/* The vmI.meta of dir into the job. */
static int
scan(struct job *j, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint32_t before = j->n;

	if (d == NULL) {
		snprintf(err, errlen, "'%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL && j->n < RUNMETA_MAX_VMS) {
		if (!part_name(e->d_name))
			continue;
		snprintf(j->path[j->n], sizeof j->path[0], "%s/%s", dir, e->d_name);
		j->n++;
	}
	closedir(d);
	if (j->n == before) {
		snprintf(err, errlen, "'%s': no vmI.meta (the part of run.meta "
		    "clockring vm writes beside its log)", dir);
		return -1;
	}
	return 0;
}

/* RUN_DIR is new or empty: nothing of anyone's is written over. */
static int
make_out(struct job *j, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *e;

	if (mkdirs_make(j->out, &j->dirs_made) == -1 ||
	    (d = opendir(j->out)) == NULL) {
		snprintf(err, errlen, "--out '%s': %s", j->out, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			break;
	closedir(d);
	if (e != NULL) {
		snprintf(err, errlen, "--out '%s': exists and is not empty (merge "
		    "never writes over a file)", j->out);
		return -1;
	}
	return 0;
}

/* Create RUN_DIR/name, never over a file, with len bytes of text or of src. */
static int
put_file(struct job *j, const char *name, const char *text, size_t len,
    int src, char *err, size_t errlen)
{
	char *path = j->made[j->nmade], buf[65536];
	ssize_t n = 0;

	snprintf(path, PATH_MAX, "%s/%s", j->out, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd == -1)
		goto fail;
	j->nmade++;
	while (text != NULL ? len > 0 : (n = read(src, buf, sizeof buf)) > 0) {
		const char *from = text != NULL ? text : buf;
		size_t want = text != NULL ? len : (size_t)n;
		ssize_t w = write(fd, from, want);
		if (w <= 0)
			goto fail;
		if (text != NULL) {
			text += w;
			len -= (size_t)w;
		} else if ((size_t)w != want)
			goto fail;
	}
	if (n == -1 || close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "'%s': %s", path, errno ? strerror(errno) :
	    "short write");
	if (fd != -1)
		close(fd);
	return -1;
}

static int
copy_logs(struct job *j, char *err, size_t errlen)
{
	char name[32];

	for (uint32_t k = 0; k < j->n; k++) {
		int src = open(j->log[k], O_RDONLY | O_CLOEXEC);
		if (src == -1) {
			snprintf(err, errlen, "'%s': %s", j->log[k], strerror(errno));
			return -1;
		}
		snprintf(name, sizeof name, "vm%d.csv", (int)j->part[k].m.part_vm);
		int rc = put_file(j, name, NULL, 0, src, err, errlen);
		close(src);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* 0; -1 a file could not be written; -2 RUN_DIR is not new or empty. */
static int
write_run(struct job *j, const struct runmeta *m, char *err, size_t errlen)
{
	size_t len;
	char *text = runmeta_format(m, &len);

	if (text == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = make_out(j, err, errlen) == -1 ? -2 : 0;
	if (rc == 0)
		rc = copy_logs(j, err, errlen);
	if (rc == 0)
		rc = put_file(j, "run.meta", text, len, -1, err, errlen);
	free(text);
	return rc;
}

/* A merge that failed half way takes back what it made, and only that. */
static void
undo(struct job *j)
{
	while (j->nmade > 0)
		unlink(j->made[--j->nmade]);
	mkdirs_undo(j->out, j->dirs_made);
}

static int
parse(struct job *j, int argc, char **argv, char *err, size_t errlen)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			j->out = argv[++i];
		else if (strncmp(argv[i], "--out=", 6) == 0)
			j->out = argv[i] + 6;
		else if (strncmp(argv[i], "--", 2) == 0) {
			snprintf(err, errlen, "%s '%s'", strcmp(argv[i], "--out") == 0 ?
			    "missing value after" : "unknown option", argv[i]);
			return -1;
		} else if (scan(j, argv[i], err, errlen) == -1)
			return -1;
	}
	if (j->out == NULL || *j->out == '\0' || j->n == 0) {
		snprintf(err, errlen, j->n == 0 ? "merge: no DIR given" :
		    "merge: --out RUN_DIR is required");
		return -1;
	}
	return 0;
}

static void
job_free(struct job *j)
{
	free(j->part);
	free(j->path);
	free(j->log);
	free(j);
}

int
gather_main(int argc, char **argv)
{
	struct job *j = calloc(1, sizeof *j);
	struct runmeta *m = malloc(sizeof *m);
	char err[1024];
	int rc = 2;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			rc = 0;
			goto out;
		}
	if (j == NULL || m == NULL ||
	    (j->part = calloc(RUNMETA_MAX_VMS, sizeof *j->part)) == NULL ||
	    (j->path = calloc(RUNMETA_MAX_VMS, sizeof *j->path)) == NULL ||
	    (j->log = calloc(RUNMETA_MAX_VMS, sizeof *j->log)) == NULL) {
		fputs("clockring: merge: out of memory\n", stderr);
		rc = 1;
		goto out;
	}
	int bad = parse(j, argc, argv, err, sizeof err);
	for (uint32_t k = 0; bad == 0 && k < j->n; k++)
		bad = read_part(j, k, err, sizeof err);
	if (bad == 0)
		bad = gather_combine(j->part, j->n, m, err, sizeof err);
	if (bad == 0 && (rc = write_run(j, m, err, sizeof err)) < 0) {
		undo(j);
		rc = rc == -2 ? 2 : 1;
	}
	if (bad != 0 || rc != 0)
		fprintf(stderr, "clockring: merge: %s\n", err);
	else
		printf("merged %u VMs into %s (verify with: clockring check %s)\n",
		    (unsigned)j->n, j->out, j->out);
out:
	if (j != NULL)
		job_free(j);
	free(m);
	return rc;
}

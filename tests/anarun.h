/* tests/anarun.h -- hand-made runs and a harness for the tests of `clockring analyze` */
#ifndef TESTS_ANARUN_H
#define TESTS_ANARUN_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/rundir/logread.h"
#include "analysis/stats/analyze.h"
#include "tests/rundir.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Wall clock at model time 0 plus a 10-digit nanosecond offset. */
#define W(off)		"170000000" #off

/*
 * Run A: 3 VMs at speed 1 for 2 model seconds, rates 1, 2 and 4, every
 * tick exactly on time, so model times are multiples of 0.25 s. Messages
 * (name: sender's seq, sent -> taken off the queue):
 *   mI 0->2 seq 0, L1: 0.00 -> 0.75     mD 1->2 seq 1, L2: 0.50 -> 1.00
 *   mG 1->0 seq 1, L2: 0.50 -> pending  mA 2->0 seq 2, L3: 0.50 -> 1.00
 *   mB 2->0 seq 5, L6: 1.25 -> pending  mC 2->1 seq 5, L6: 1.25 -> 1.50
 * check_stats.c works out its figures by hand.
 */
static const char *const runa_meta[] = {
	"format=1", "version=0.1.0", "run_id=0123456789abcdef0123456789abcdef",
	"seed=42", "vms=3", "duration_s=2", "speed=1", "draw_max=10",
	"rate_min=1", "rate_max=4", "vm0.rate=1", "vm1.rate=2", "vm2.rate=4",
	"bind=127.0.0.1", "vm0.port=40000", "vm1.port=40001", "vm2.port=40002",
	"start_wall_ns=" W(0000000000), "end_wall_ns=" W(2000000000),
	"vm0.exit=ok", "vm1.exit=ok", "vm2.exit=ok", "status=complete",
};

static const char *const runa_vm0[] = {
	LOGLINE_HEADER,
	"0,0,SEND," W(0000000000) ",1,0,2,,",		/* mI */
	"0,1,RECV," W(1000000000) ",4,1,2,2,3",		/* mA; mG waits */
	"0,2,PENDING," W(2000005000) ",4,1,1,1,2",	/* mG */
	"0,3,PENDING," W(2000006000) ",4,0,2,5,6",	/* mB */
};

static const char *const runa_vm1[] = {
	LOGLINE_HEADER,
	"1,0,INTERNAL," W(0000000000) ",1,0,,,",
	"1,1,SEND," W(0500000000) ",2,0,2|0,,",		/* mD, mG */
	"1,2,INTERNAL," W(1000000000) ",3,0,,,",
	"1,3,RECV," W(1500000000) ",7,0,2,5,6",		/* mC */
};

static const char *const runa_vm2[] = {
	LOGLINE_HEADER,
	"2,0,INTERNAL," W(0000000000) ",1,0,,,",
	"2,1,INTERNAL," W(0250000000) ",2,0,,,",
	"2,2,SEND," W(0500000000) ",3,0,0,,",		/* mA */
	"2,3,RECV," W(0750000000) ",4,1,0,0,1",		/* mI; mD waits */
	"2,4,RECV," W(1000000000) ",5,0,1,1,2",		/* mD */
	"2,5,SEND," W(1250000000) ",6,0,0|1,,",		/* mB, mC */
	"2,6,INTERNAL," W(1500000000) ",7,0,,,",
	"2,7,INTERNAL," W(1750000000) ",8,0,,,",
};

static const struct rundir_file run_a[] = {
	{ "run.meta", runa_meta, NELEM(runa_meta) },
	{ "vm0.csv", runa_vm0, NELEM(runa_vm0) },
	{ "vm1.csv", runa_vm1, NELEM(runa_vm1) },
	{ "vm2.csv", runa_vm2, NELEM(runa_vm2) },
};

/* The whole file, NUL-terminated (caller frees), or NULL if unreadable. */
static inline char *
anarun_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, got;

	if (f == NULL)
		return NULL;
	do {
		ck_assert_ptr_nonnull(buf = realloc(buf, len + 4097));
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got > 0);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* DIR/analysis/NAME as a string (caller frees); it must exist. */
static inline char *
anarun_output(const char *dir, const char *name)
{
	char path[512];
	char *text;

	snprintf(path, sizeof path, "%s/analysis/%s", dir, name);
	text = anarun_slurp(path);
	ck_assert_msg(text != NULL, "%s: missing", path);
	return text;
}

/* A file descriptor's output into a temporary file, read back by slurp. */
static inline void
anarun_capture(int fd, char *path, size_t len, int *saved)
{
	int tmp;

	snprintf(path, len, "%s/capture-XXXXXX", rundir_base);
	ck_assert_int_ge(tmp = mkstemp(path), 0);
	ck_assert_int_ge(*saved = dup(fd), 0);
	ck_assert_int_ge(dup2(tmp, fd), 0);
	close(tmp);
}

static inline char *
anarun_release(int fd, const char *path, int saved)
{
	char *text;

	ck_assert_int_ge(dup2(saved, fd), 0);
	close(saved);
	ck_assert_ptr_nonnull(text = anarun_slurp(path));
	unlink(path);
	return text;
}

/*
 * Run a subcommand's main, fn, on ARG... (a NULL-terminated list, ap
 * after arg) in this process; its stdout and stderr come back in *out
 * and *err (caller frees), its exit status as the result.
 */
static inline int
anarun_vcall(int (*fn)(int, char **), char **out, char **err,
    const char *arg, va_list ap)
{
	char *argv[32], opath[128], epath[128];
	int argc = 0, sout, serr, rc;

	for (const char *a = arg; a != NULL; a = va_arg(ap, const char *)) {
		ck_assert_int_lt(argc, (int)NELEM(argv) - 1);
		argv[argc++] = (char *)a;
	}
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	anarun_capture(1, opath, sizeof opath, &sout);
	anarun_capture(2, epath, sizeof epath, &serr);
	rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	*out = anarun_release(1, opath, sout);
	*err = anarun_release(2, epath, serr);
	return rc;
}

/* `clockring analyze ARG...`, as anarun_vcall. */
static inline int
anarun_analyze(char **out, char **err, const char *arg, ...)
{
	va_list ap;

	va_start(ap, arg);
	int rc = anarun_vcall(analyze_main, out, err, arg, ap);
	va_end(ap);
	return rc;
}

/* Field idx (0 = first) of a comma-separated line, into buf. */
static inline void
anarun_field(const char *line, int idx, char *buf, size_t len)
{
	size_t n;

	for (int i = 0; i < idx; i++) {
		line = strchr(line, ',');
		ck_assert_ptr_nonnull(line);
		line++;
	}
	n = strcspn(line, ",\n");
	ck_assert_uint_lt(n, len);
	memcpy(buf, line, n);
	buf[n] = '\0';
}

static inline int
anarun_column(const char *header, const char *name)
{
	char field[64];

	for (int i = 0; i < 64; i++) {
		anarun_field(header, i, field, sizeof field);
		if (strcmp(field, name) == 0)
			return i;
	}
	ck_abort_msg("summary.csv has no column '%s'", name);
	return -1;
}

/*
 * summary.csv's row for VM vm must hold every "column=value" of want
 * (space-separated), exactly as written.
 */
static inline void
anarun_expect_row(const char *dir, unsigned vm, const char *want)
{
	char *csv = anarun_output(dir, "summary.csv"), *row = csv, *spec, *tok;
	char *save = NULL, got[64], name[64];

	for (unsigned i = 0; i <= vm; i++) {
		row = strchr(row, '\n');
		ck_assert_msg(row != NULL && row[1] != '\0', "no row for vm%u", vm);
		row++;
	}
	anarun_field(row, 0, got, sizeof got);
	ck_assert_uint_eq(strtoul(got, NULL, 10), vm);
	ck_assert_ptr_nonnull(spec = strdup(want));
	for (tok = strtok_r(spec, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		ck_assert_ptr_nonnull(eq);
		snprintf(name, sizeof name, "%.*s", (int)(eq - tok), tok);
		anarun_field(row, anarun_column(csv, name), got, sizeof got);
		ck_assert_msg(strcmp(got, eq + 1) == 0, "vm%u %s: got %s, "
		    "expected %s", vm, name, got, eq + 1);
	}
	free(spec);
	free(csv);
}

/* Analyze dir quietly, without plots; it must succeed. */
static inline void
anarun_ok(const char *dir)
{
	char *out, *err;
	int rc = anarun_analyze(&out, &err, "--quiet", "--no-plots", dir,
	    (const char *)NULL);

	ck_assert_msg(rc == 0, "analyze exited %d: %s", rc, err);
	free(out);
	free(err);
}

/* Write a run (with edits) into a fresh dir and analyze it: it must work. */
static inline void
anarun_analyzed(char *dir, size_t len, const struct rundir_file *run,
    size_t nfiles, const struct rundir_edit *edits, size_t nedits)
{
	rundir_make_run(dir, len, run, nfiles, edits, nedits);
	anarun_ok(dir);
}

#endif

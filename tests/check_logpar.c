/* tests/check_logpar.c -- unit tests of the logs parsed ahead in threads, and of the merge that takes them */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/logpar.h"
#include "analysis/rundir/logread.h"
#include "analysis/rundir/merge.h"
#include "tests/rundir.h"
#include "tests/suites.h"

/*
 * Each log is read twice, by logread_next in this thread and through the
 * threads, and the two must agree line for line, error for error. The
 * logs are longer than a block (4096 lines), so blocks change hands and
 * the rings wrap.
 */
#define LONG	10000

/* A log of its own: lines INTERNAL lines of nvec-entry vectors (0: no
 * vector column), wall_ns = start + k * step; line bad_at (0: none) is
 * garbage. Its path into path. */
static void
write_log(const char *dir, const char *name, unsigned lines, uint32_t nvec,
    uint64_t start, uint64_t step, unsigned bad_at, char *path, size_t len)
{
	static uint64_t v[LOGLINE_VEC_MAX];
	char buf[LOGLINE_MAX_ANY + 2];
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fprintf(f, "%s\n", nvec > 0 ? LOGLINE_HEADER_VEC : LOGLINE_HEADER);
	for (unsigned k = 0; k < lines; k++) {
		struct log_event ev = { .vm = 1, .seq = k, .kind = LOG_INTERNAL,
			.wall_ns = start + k * step, .lamport = k + 1,
			.vcol = nvec > 0, .nvec = nvec, .vec = v };
		for (uint32_t i = 0; i < nvec; i++)
			v[i] = k * 7 + i;
		if (k + 2 == bad_at)
			fputs("1,x,INTERNAL\n", f);
		else
			fwrite(buf, 1, logline_format(buf, &ev), f);
	}
	ck_assert_int_eq(fclose(f), 0);
}

static struct logread *
open_log(const char *path)
{
	char err[512];
	struct logread *lr = logread_open(path, err, sizeof err);

	ck_assert_msg(lr != NULL, "%s", err);
	return lr;
}

static void
same_event(const struct log_event *a, const struct log_event *b)
{
	ck_assert_uint_eq(a->line, b->line);
	ck_assert_uint_eq(a->seq, b->seq);
	ck_assert_uint_eq(a->wall_ns, b->wall_ns);
	ck_assert_uint_eq(a->lamport, b->lamport);
	ck_assert_int_eq(a->vcol, b->vcol);
	ck_assert_uint_eq(a->nvec, b->nvec);
	for (uint32_t i = 0; i < a->nvec; i++)
		ck_assert_uint_eq(a->vec[i], b->vec[i]);
}

/* The log at path through logpar (threads of them) equals it read here. */
static void
expect_same_as_logread(const char *path, unsigned threads, int want_end)
{
	struct logread *direct = open_log(path), *lr = open_log(path);
	struct logpar *p = logpar_new(&lr, 1, threads);
	const struct log_event *blk = NULL;
	struct log_event ev;
	char err1[512] = "", err2[512] = "";
	uint32_t n = 0;
	int rc1, rc2 = 1;
	unsigned long lines = 0;

	ck_assert_ptr_nonnull(p);
	do {
		rc1 = logread_next(direct, &ev, err1, sizeof err1);
		if (n == 0)
			rc2 = logpar_next(p, 0, &blk, &n, err2, sizeof err2);
		ck_assert_int_eq(rc1, rc2);
		if (rc1 == 1) {
			same_event(&ev, blk);
			blk++;
			n--;
			lines++;
		}
	} while (rc1 == 1);
	ck_assert_int_eq(rc1, want_end);
	ck_assert_str_eq(err1, err2);
	/* The end stays: asked again, it is said again. */
	err2[0] = '\0';
	ck_assert_int_eq(logpar_next(p, 0, &blk, &n, err2, sizeof err2),
	    want_end);
	ck_assert_str_eq(err1, err2);
	ck_assert_uint_gt(lines, 0);
	logpar_close(p);
	logread_close(lr);
	logread_close(direct);
}

START_TEST(a_long_log_comes_whole_and_in_order_through_blocks)
{
	char dir[256], path[512];

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm1.csv", LONG, 3, 0, 10, 0, path, sizeof path);
	expect_same_as_logread(path, 1, 0);
	expect_same_as_logread(path, 4, 0);
}
END_TEST

START_TEST(a_log_without_vectors_comes_whole)
{
	char dir[256], path[512];

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm1.csv", LONG, 0, 0, 10, 0, path, sizeof path);
	expect_same_as_logread(path, 2, 0);
}
END_TEST

/* Lines whose vectors are far longer than the run's blocks expect. */
START_TEST(lines_with_long_vectors_end_blocks_early_and_none_is_lost)
{
	char dir[256], path[512];

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm1.csv", LONG, 200, 0, 10, 0, path, sizeof path);
	expect_same_as_logread(path, 2, 0);
}
END_TEST

START_TEST(a_bad_line_mid_file_comes_after_every_line_before_it)
{
	char dir[256], path[512];

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm1.csv", LONG, 3, 0, 10, 6000, path, sizeof path);
	expect_same_as_logread(path, 2, -1);
}
END_TEST

START_TEST(a_header_only_log_ends_at_once)
{
	char dir[256], path[512];
	struct logread *lr;
	struct logpar *p;
	const struct log_event *ev;
	uint32_t n;
	char err[512];

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm1.csv", 0, 3, 0, 10, 0, path, sizeof path);
	lr = open_log(path);
	ck_assert_ptr_nonnull(p = logpar_new(&lr, 1, 2));
	ck_assert_int_eq(logpar_next(p, 0, &ev, &n, err, sizeof err), 0);
	logpar_close(p);
	logread_close(lr);
}
END_TEST

/* Closed with every ring full and the threads waiting: no hang, no leak. */
START_TEST(closing_before_the_end_stops_the_threads)
{
	char dir[256], path[512], name[16];
	struct logread *lr[4];
	struct logpar *p;
	const struct log_event *ev;
	uint32_t n;
	char err[512];

	rundir_make(dir, sizeof dir);
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "vm%d.csv", i);
		write_log(dir, name, 3 * LONG, 3, 0, 10, 0, path, sizeof path);
		lr[i] = open_log(path);
	}
	ck_assert_ptr_nonnull(p = logpar_new(lr, 4, 2));
	ck_assert_int_eq(logpar_next(p, 2, &ev, &n, err, sizeof err), 1);
	ck_assert_uint_eq(ev->line, 2);
	logpar_close(p);
	for (int i = 0; i < 4; i++)
		logread_close(lr[i]);
}
END_TEST

/* The logs of a run, opened again: a NULL where the log is missing. */
static void
open_run(char paths[][512], uint32_t n, struct logread **lr)
{
	for (uint32_t i = 0; i < n; i++)
		lr[i] = paths[i][0] != '\0' ? open_log(paths[i]) : NULL;
}

/*
 * Four logs, interleaved in wall time with ties: one long, one that ends
 * early, one with a bad line mid-file, one missing. The merge gives the
 * same stream, errors in the same places, read here or in threads.
 */
START_TEST(the_merge_is_the_same_in_threads_as_in_one)
{
	char dir[256], paths[4][512] = { "" }, err1[512], err2[512];
	struct logread *a[4], *b[4];
	struct merge *m1, *m2;
	const struct log_event *e1, *e2;
	uint32_t vm1, vm2;
	int rc1, rc2;
	unsigned long lines = 0, errors = 0;

	rundir_make(dir, sizeof dir);
	write_log(dir, "vm0.csv", LONG, 4, 0, 3, 0, paths[0], sizeof paths[0]);
	write_log(dir, "vm1.csv", LONG / 3, 4, 5, 4, 0, paths[1],
	    sizeof paths[1]);
	write_log(dir, "vm2.csv", LONG, 4, 0, 6, LONG / 2, paths[2],
	    sizeof paths[2]);
	open_run(paths, 4, a);
	open_run(paths, 4, b);
	ck_assert_ptr_nonnull(m1 = merge_new(a, 4, 0));
	ck_assert_ptr_nonnull(m2 = merge_new(b, 4, 2));
	do {
		err1[0] = err2[0] = '\0';
		rc1 = merge_next(m1, &e1, &vm1, err1, sizeof err1);
		rc2 = merge_next(m2, &e2, &vm2, err2, sizeof err2);
		ck_assert_int_eq(rc1, rc2);
		if (rc1 != 0)
			ck_assert_uint_eq(vm1, vm2);
		if (rc1 == 1) {
			same_event(e1, e2);
			lines++;
		} else {
			ck_assert_str_eq(err1, err2);
			errors += rc1 < 0;
		}
	} while (rc1 != 0);
	ck_assert_uint_eq(lines, LONG + LONG / 3 + LONG / 2 - 2);
	ck_assert_uint_eq(errors, 1);
	merge_close(m1);
	merge_close(m2);
	for (int i = 0; i < 4; i++) {
		logread_close(a[i]);
		logread_close(b[i]);
	}
}
END_TEST

START_TEST(clockring_threads_is_a_count)
{
	char why[128];
	unsigned t = 99;

	setenv("CLOCKRING_THREADS", "1", 1);
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL, &t, why, sizeof why), 0);
	ck_assert_uint_eq(t, 0);
	setenv("CLOCKRING_THREADS", "3", 1);
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL, &t, why, sizeof why), 0);
	ck_assert_uint_eq(t, 2);
	setenv("CLOCKRING_THREADS", "0", 1);
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL, &t, why, sizeof why), -1);
	ck_assert_str_eq(why, "CLOCKRING_THREADS '0': not a count of threads "
	    "(1 to 1024)");
	setenv("CLOCKRING_THREADS", "two", 1);
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL, &t, why, sizeof why), -1);
	/* Set, it holds for small logs too: a way to compare. */
	setenv("CLOCKRING_THREADS", "2", 1);
	ck_assert_int_eq(logpar_threads(10, &t, why, sizeof why), 0);
	ck_assert_uint_eq(t, 1);
	unsetenv("CLOCKRING_THREADS");
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL, &t, why, sizeof why), 0);
	ck_assert_uint_ge(t, 1);
	ck_assert_int_eq(logpar_threads(LOGPAR_SMALL - 1, &t, why, sizeof why),
	    0);
	ck_assert_uint_eq(t, 0);
}
END_TEST

Suite *
make_logpar_suite(void)
{
	Suite *s = suite_create("logpar");
	TCase *tc = tcase_create("core");

	tcase_add_unchecked_fixture(tc, rundir_setup, rundir_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_long_log_comes_whole_and_in_order_through_blocks);
	tcase_add_test(tc, a_log_without_vectors_comes_whole);
	tcase_add_test(tc, lines_with_long_vectors_end_blocks_early_and_none_is_lost);
	tcase_add_test(tc, a_bad_line_mid_file_comes_after_every_line_before_it);
	tcase_add_test(tc, a_header_only_log_ends_at_once);
	tcase_add_test(tc, closing_before_the_end_stops_the_threads);
	tcase_add_test(tc, the_merge_is_the_same_in_threads_as_in_one);
	tcase_add_test(tc, clockring_threads_is_a_count);
	suite_add_tcase(s, tc);
	return s;
}

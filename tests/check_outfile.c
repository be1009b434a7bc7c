/* tests/check_outfile.c -- output files appear whole or not at all; images cut short are told */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "lib/outfile.h"
#include "tests/rundir.h"
#include "tests/suites.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static void
expect_text(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");

	ck_assert_ptr_nonnull(f);
	buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
	fclose(f);
	ck_assert_str_eq(buf, want);
}

START_TEST(a_file_appears_under_its_name_only_once_closed_whole)
{
	char dir[256], path[OUTFILE_PATH_MAX], err[512] = "", names[256];
	FILE *f;

	rundir_make(dir, sizeof dir);
	ck_assert_ptr_nonnull(f = outfile_open(dir, "a.csv", path, err,
	    sizeof err));
	fputs("x,y\n", f);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(outfile_close(f, path, err, sizeof err), 0);
	expect_text(path, "x,y\n");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a.csv");
}
END_TEST

/* A read from a write-only stream sets its error flag, as a failed write does. */
START_TEST(a_failed_write_leaves_the_old_file_and_no_temporary_one)
{
	static const char *const old[] = { "old" };
	char dir[256], path[OUTFILE_PATH_MAX], err[512] = "", want[600];
	char names[256];
	FILE *f;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "a.csv", old, 1);
	ck_assert_ptr_nonnull(f = outfile_open(dir, "a.csv", path, err,
	    sizeof err));
	fputs("new\n", f);
	ck_assert_int_eq(fgetc(f), EOF);
	ck_assert_int_eq(outfile_close(f, path, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s/a.csv: write error", dir);
	ck_assert_str_eq(err, want);
	expect_text(path, "old\n");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a.csv");
}
END_TEST

START_TEST(a_discarded_file_leaves_the_old_one)
{
	static const char *const old[] = { "old" };
	char dir[256], path[OUTFILE_PATH_MAX], err[512] = "", names[256];
	FILE *f;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "a.csv", old, 1);
	ck_assert_ptr_nonnull(f = outfile_open(dir, "a.csv", path, err,
	    sizeof err));
	fputs("new\n", f);
	outfile_discard(f, path);
	expect_text(path, "old\n");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a.csv");
}
END_TEST

/* A file made while ours was written (after the caller looked) stays. */
START_TEST(a_new_file_never_replaces_one_made_meanwhile)
{
	static const char *const theirs[] = { "theirs" };
	char dir[256], path[OUTFILE_PATH_MAX], err[512] = "", want[600];
	char names[256];
	FILE *f;

	rundir_make(dir, sizeof dir);
	ck_assert_ptr_nonnull(f = outfile_open(dir, "a.json", path, err,
	    sizeof err));
	fputs("ours\n", f);
	rundir_write(dir, "a.json", theirs, 1);
	ck_assert_int_eq(outfile_close_new(f, path, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s/a.json: %s", dir, strerror(EEXIST));
	ck_assert_str_eq(err, want);
	expect_text(path, "theirs\n");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a.json");
}
END_TEST

START_TEST(a_new_file_appears_whole_where_there_was_none)
{
	char dir[256], path[OUTFILE_PATH_MAX], err[512] = "", names[256];
	FILE *f;

	rundir_make(dir, sizeof dir);
	ck_assert_ptr_nonnull(f = outfile_open(dir, "a.json", path, err,
	    sizeof err));
	fputs("ours\n", f);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(outfile_close_new(f, path, err, sizeof err), 0);
	expect_text(path, "ours\n");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a.json");
}
END_TEST

START_TEST(a_file_in_a_missing_directory_is_told_by_its_name)
{
	char dir[256], gone[300], path[OUTFILE_PATH_MAX], err[512] = "";
	char want[700];

	rundir_make(dir, sizeof dir);
	snprintf(gone, sizeof gone, "%s/gone", dir);
	ck_assert_ptr_null(outfile_open(gone, "a.csv", path, err, sizeof err));
	snprintf(want, sizeof want, "%s/a.csv: %s", gone, strerror(ENOENT));
	ck_assert_str_eq(err, want);
}
END_TEST

#define PNG_HEAD	"\x89PNG\r\n\x1a\n"
#define PNG_END		"\0\0\0\0IEND\xae\x42\x60\x82"

/* Images as gnuplot leaves them, whole or cut short; NULL err: whole. */
static const struct {
	const char *ext, *bytes;
	size_t n;
	const char *err;
} images[] = {
	{ "png", PNG_HEAD "data" PNG_END, 8 + 4 + 12, NULL },
	{ "png", PNG_HEAD "data" PNG_END, 8 + 4 + 6,
	    "x.png: cut short (gnuplot did not finish it)" },
	{ "png", "", 0, "x.png: cut short (gnuplot did not finish it)" },
	{ "svg", "<svg>\n</svg>\n\n", 15, NULL },
	{ "svg", "<svg>\n<g>\n", 10,
	    "x.svg: cut short (gnuplot did not finish it)" },
};

START_TEST(an_image_cut_short_is_told_and_a_whole_one_passes)
{
	char dir[256], name[16], err[512] = "", want[600];

	rundir_make(dir, sizeof dir);
	snprintf(name, sizeof name, "x.%s", images[_i].ext);
	rundir_write_raw(dir, name, images[_i].bytes, images[_i].n);
	if (images[_i].err == NULL) {
		ck_assert_int_eq(outfile_check_image(dir, "x", images[_i].ext,
		    err, sizeof err), 0);
		return;
	}
	ck_assert_int_eq(outfile_check_image(dir, "x", images[_i].ext, err,
	    sizeof err), -1);
	snprintf(want, sizeof want, "%s/%s", dir, images[_i].err);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(a_missing_image_is_told)
{
	char dir[256], err[512] = "", want[600];

	rundir_make(dir, sizeof dir);
	ck_assert_int_eq(outfile_check_image(dir, "x", "png", err,
	    sizeof err), -1);
	snprintf(want, sizeof want, "%s/x.png: %s", dir, strerror(ENOENT));
	ck_assert_str_eq(err, want);
}
END_TEST

/* gnuplot's own words get the directory in front, once. */
START_TEST(another_program_s_failure_is_named_by_its_directory_once)
{
	char dir[256], err[512], want[600];

	rundir_make(dir, sizeof dir);
	snprintf(err, sizeof err, "gnuplot x.gp: exit 1");
	outfile_blame(dir, err, sizeof err);
	snprintf(want, sizeof want, "%s: gnuplot x.gp: exit 1", dir);
	ck_assert_str_eq(err, want);
	outfile_blame(dir, err, sizeof err);
	ck_assert_str_eq(err, want);
}
END_TEST

Suite *
make_outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *t = tcase_create("outfile");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, a_file_appears_under_its_name_only_once_closed_whole);
	tcase_add_test(t, a_failed_write_leaves_the_old_file_and_no_temporary_one);
	tcase_add_test(t, a_discarded_file_leaves_the_old_one);
	tcase_add_test(t, a_new_file_never_replaces_one_made_meanwhile);
	tcase_add_test(t, a_new_file_appears_whole_where_there_was_none);
	tcase_add_test(t, a_file_in_a_missing_directory_is_told_by_its_name);
	tcase_add_loop_test(t, an_image_cut_short_is_told_and_a_whole_one_passes,
	    0, (int)NELEM(images));
	tcase_add_test(t, a_missing_image_is_told);
	tcase_add_test(t, another_program_s_failure_is_named_by_its_directory_once);
	suite_add_tcase(s, t);
	return s;
}

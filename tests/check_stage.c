/* tests/check_stage.c -- output made in a temporary directory reaches its place whole, or not at all */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/out/stage.h"
#include "tests/rundir.h"
#include "tests/suites.h"

static const char *const old[] = { "old" };

/* DIR/NAME holding "new\n"; DIR may be a stage, of any length. */
static void
put_new(const char *dir, const char *name)
{
	char path[STAGE_PATH_MAX + 16];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("new\n", f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(published_files_replace_theirs_and_leave_the_others)
{
	char dir[256], tmp[STAGE_PATH_MAX], err[512] = "", names[256];
	char path[300], buf[16] = "";
	FILE *f;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "keep", old, 1);
	rundir_write(dir, "a", old, 1);
	ck_assert_int_eq(stage_create(dir, "report", tmp, err, sizeof err), 0);
	put_new(tmp, "a");
	put_new(tmp, "b");
	ck_assert_int_eq(stage_publish(tmp, dir, err, sizeof err), 0);
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "a b keep");
	snprintf(path, sizeof path, "%s/a", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
	fclose(f);
	ck_assert_str_eq(buf, "new\n");
}
END_TEST

/*
 * Left-overs of stages killed half-way (pid 999999999 cannot be alive)
 * go; a live process's stage, and another name's, stay.
 */
START_TEST(a_dead_process_s_stage_is_swept_and_no_other)
{
	char dir[256], sub[300], tmp[STAGE_PATH_MAX], err[512] = "";
	char names[256];

	rundir_make(dir, sizeof dir);
	static const char *const left[] = { ".report.tmp-999999999",
		".report.tmp-1", ".report.md.tmp-999999999",
		".compare.tmp-999999999" };
	for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
		snprintf(sub, sizeof sub, "%s/%s", dir, left[i]);
		ck_assert_int_eq(mkdir(sub, 0755), 0);
	}
	ck_assert_int_eq(stage_create(dir, "report", tmp, err, sizeof err), 0);
	stage_discard(tmp);
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, ".compare.tmp-999999999 .report.md.tmp-999999999 "
	    ".report.tmp-1");
}
END_TEST

START_TEST(a_stage_that_cannot_be_made_names_the_output_not_the_stage)
{
	char dir[256], gone[300], tmp[STAGE_PATH_MAX], err[512] = "";
	char want[700];

	rundir_make(dir, sizeof dir);
	snprintf(gone, sizeof gone, "%s/gone", dir);
	ck_assert_int_eq(stage_create(gone, "analysis", tmp, err, sizeof err),
	    -1);
	snprintf(want, sizeof want, "%s: %s", gone, strerror(ENOENT));
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(tmp, "");
}
END_TEST

/*
 * The file named last moves only once every other one is in place: when
 * one cannot move (a directory of its name is in the way), it stays out.
 */
START_TEST(the_file_named_last_moves_after_all_others)
{
	char dir[256], sub[300], tmp[STAGE_PATH_MAX], err[512] = "";
	char names[256];

	rundir_make(dir, sizeof dir);
	snprintf(sub, sizeof sub, "%s/b", dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	rundir_write(sub, "in-the-way", old, 1);
	ck_assert_int_eq(stage_create(dir, "analysis", tmp, err, sizeof err), 0);
	put_new(tmp, "a");
	put_new(tmp, "b");
	put_new(tmp, "manifest");
	ck_assert_int_eq(stage_publish_last(tmp, dir, "manifest", err,
	    sizeof err), -1);
	ck_assert_msg(strstr(err, "/b: ") != NULL, "%s", err);
	stage_discard(tmp);
	rundir_listing(dir, names, sizeof names);
	ck_assert_msg(strcmp(names, "b") == 0 || strcmp(names, "a b") == 0,
	    "%s", names);
	/* Out of the way, everything moves in, the last one too. */
	stage_discard(sub);
	ck_assert_int_eq(stage_create(dir, "analysis", tmp, err, sizeof err), 0);
	put_new(tmp, "b");
	put_new(tmp, "manifest");
	ck_assert_int_eq(stage_publish_last(tmp, dir, "manifest", err,
	    sizeof err), 0);
	rundir_listing(dir, names, sizeof names);
	ck_assert_msg(strcmp(names, "b manifest") == 0 ||
	    strcmp(names, "a b manifest") == 0, "%s", names);
}
END_TEST

START_TEST(errors_name_files_where_they_will_be_found)
{
	char err[256];

	snprintf(err, sizeof err, "/r/.analysis.tmp-7/clock.dat: No space");
	stage_name_final(err, sizeof err, "/r/.analysis.tmp-7", "/r/analysis");
	ck_assert_str_eq(err, "/r/analysis/clock.dat: No space");
	snprintf(err, sizeof err, "/r/.analysis.tmp-7: gnuplot x.gp: exit 1");
	stage_name_final(err, sizeof err, "/r/.analysis.tmp-7", "/r/analysis");
	ck_assert_str_eq(err, "/r/analysis: gnuplot x.gp: exit 1");
	/* Only a whole path: /r/.analysis.tmp-77 is another. */
	snprintf(err, sizeof err, "/r/.analysis.tmp-77/a: x");
	stage_name_final(err, sizeof err, "/r/.analysis.tmp-7", "/r/analysis");
	ck_assert_str_eq(err, "/r/.analysis.tmp-77/a: x");
}
END_TEST

Suite *
make_stage_suite(void)
{
	Suite *s = suite_create("stage");
	TCase *t = tcase_create("stage");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, published_files_replace_theirs_and_leave_the_others);
	tcase_add_test(t, a_dead_process_s_stage_is_swept_and_no_other);
	tcase_add_test(t, a_stage_that_cannot_be_made_names_the_output_not_the_stage);
	tcase_add_test(t, the_file_named_last_moves_after_all_others);
	tcase_add_test(t, errors_name_files_where_they_will_be_found);
	suite_add_tcase(s, t);
	return s;
}

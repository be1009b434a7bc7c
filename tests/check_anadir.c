/* tests/check_anadir.c -- analyze's output folder: only its own files replaced, the user's scripts kept and drawn with, --out */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/gp_scripts.h"
#include "analysis/manifest.h"
#include "analysis/sha256.h"
#include "tests/anarun.h"
#include "tests/suites.h"

/*
 * A gnuplot that "draws" NAME.svg as the text of the script it was given
 * and an SVG's end: each image tells which script drew it.
 */
static void
fake_gnuplot(void)
{
	static const char *const body[] = {
		"#!/bin/sh",
		"for a; do f=$a; done",
		"{ cat \"$f\"; echo '</svg>'; } >\"${f%.gp}.svg\"",
	};
	char dir[256], path[300];

	rundir_make(dir, sizeof dir);
	rundir_write(dir, "gnuplot", body, NELEM(body));
	snprintf(path, sizeof path, "%s/gnuplot", dir);
	ck_assert_int_eq(chmod(path, 0755), 0);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", path, 1), 0);
}

/* Run A analyzed once, with plots: dir is the run, ana its analysis/. */
static void
analyzed(char *dir, size_t len, char ana[300])
{
	char *out, *err;

	fake_gnuplot();
	rundir_make_run(dir, len, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--svg", dir,
	    (const char *)NULL), 0);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	snprintf(ana, 300, "%s/analysis", dir);
}

/* analyze --svg [--quiet] dir again: it must work; its stderr (caller frees). */
static char *
again(const char *dir, int quiet)
{
	char *out, *err;
	int rc = quiet ? anarun_analyze(&out, &err, "--svg", "--quiet", dir,
	    (const char *)NULL) : anarun_analyze(&out, &err, "--svg", dir,
	    (const char *)NULL);

	ck_assert_msg(rc == 0, "analyze exited %d: %s", rc, err);
	free(out);
	return err;
}

static const char *
stock(const char *name)
{
	for (size_t i = 0; i < gp_nscripts; i++)
		if (strcmp(gp_scripts[i].name, name) == 0)
			return gp_scripts[i].text;
	ck_abort_msg("no %s compiled in", name);
	return NULL;
}

/* Does analysis/NAME hold exactly text? */
static int
holds(const char *dir, const char *name, const char *text)
{
	char *got = anarun_output(dir, name);
	int same = strcmp(got, text) == 0;

	free(got);
	return same;
}

/* Does analysis/NAME contain text? */
static int
contains(const char *dir, const char *name, const char *text)
{
	char *got = anarun_output(dir, name);
	int in = strstr(got, text) != NULL;

	free(got);
	return in;
}

/* err is the one line that says ANA/NAME was kept, and how to undo it. */
static void
expect_kept(const char *err, const char *ana, const char *name)
{
	char want[600];

	snprintf(want, sizeof want, "clockring: analyze: %s/%s: kept your "
	    "changed script, and the plots use it (remove it and rerun analyze to "
	    "get the stock one back)\n", ana, name);
	ck_assert_str_eq(err, want);
}

START_TEST(a_file_analyze_does_not_write_stays)
{
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "notes.txt", "mine\n", 5);
	err = again(dir, 1);
	ck_assert(holds(dir, "notes.txt", "mine\n"));
	free(err);
}
END_TEST

/*
 * A changed drift.gp stays, draws drift.svg, and is said to be kept each
 * time; removed, the stock one comes back without a word.
 */
START_TEST(a_changed_script_is_kept_and_its_plot_drawn_with_it)
{
	char dir[256], ana[300], *text, *err;

	analyzed(dir, sizeof dir, ana);
	ck_assert(holds(dir, "drift.gp", stock("drift.gp")));
	ck_assert_ptr_nonnull(text = malloc(strlen(stock("drift.gp")) + 16));
	strcpy(text, stock("drift.gp"));
	strcat(text, "# mine\n");
	rundir_write_raw(ana, "drift.gp", text, strlen(text));
	for (int run = 0; run < 2; run++) {
		err = again(dir, 0);
		expect_kept(err, ana, "drift.gp");
		free(err);
		ck_assert(holds(dir, "drift.gp", text));
		ck_assert(contains(dir, "drift.svg", "# mine"));
		ck_assert(!contains(dir, "clock.svg", "# mine"));
		ck_assert(holds(dir, "clock.gp", stock("clock.gp")));
	}
	free(text);
	snprintf(ana + strlen(ana), 16, "/drift.gp");
	ck_assert_int_eq(unlink(ana), 0);
	err = again(dir, 0);
	ck_assert_str_eq(err, "");
	free(err);
	ck_assert(holds(dir, "drift.gp", stock("drift.gp")));
	ck_assert(!contains(dir, "drift.svg", "# mine"));
}
END_TEST

/* A library script changed (every plot loads look.gp) is kept too. */
START_TEST(a_changed_library_script_is_kept)
{
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "look.gp", "# my look\n", 10);
	err = again(dir, 0);
	expect_kept(err, ana, "look.gp");
	free(err);
	ck_assert(holds(dir, "look.gp", "# my look\n"));
}
END_TEST

/*
 * A script that differs from the stock one but is what the manifest says
 * analyze wrote (an older clockring's) is replaced without a word.
 */
START_TEST(a_script_an_older_clockring_wrote_is_replaced)
{
	static const char older[] = "# drift.gp of an older clockring\n";
	char dir[256], ana[300], line[128], hex[SHA256_HEX], *err;
	struct sha256 s;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "drift.gp", older, strlen(older));
	sha256_init(&s);
	sha256_add(&s, older, strlen(older));
	sha256_hex(&s, hex);
	snprintf(line, sizeof line, "%s  drift.gp\n", hex);
	rundir_write_raw(ana, MANIFEST_NAME, line, strlen(line));
	err = again(dir, 0);
	ck_assert_str_eq(err, "");
	free(err);
	ck_assert(holds(dir, "drift.gp", stock("drift.gp")));
}
END_TEST

/*
 * A folder from before the manifest: a script equal to the stock one is
 * analyze's; one that differs is kept and said to be.
 */
START_TEST(without_a_manifest_only_a_stock_script_is_replaced)
{
	char dir[256], ana[300], path[400], *err;

	analyzed(dir, sizeof dir, ana);
	snprintf(path, sizeof path, "%s/" MANIFEST_NAME, ana);
	ck_assert_int_eq(unlink(path), 0);
	rundir_write_raw(ana, "clock.gp", "# not stock\n", 12);
	err = again(dir, 0);
	expect_kept(err, ana, "clock.gp");
	free(err);
	ck_assert(holds(dir, "clock.gp", "# not stock\n"));
	ck_assert(holds(dir, "drift.gp", stock("drift.gp")));
}
END_TEST

START_TEST(quiet_keeps_a_changed_script_without_a_word)
{
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "drift.gp", "# mine\n", 7);
	err = again(dir, 1);
	ck_assert_str_eq(err, "");
	free(err);
	ck_assert(holds(dir, "drift.gp", "# mine\n"));
	ck_assert(contains(dir, "drift.svg", "# mine"));
}
END_TEST

/*
 * The manifest names every file analyze wrote with its hash, as it is
 * there: not itself, not the user's files, and no temporary file is left.
 */
START_TEST(the_manifest_lists_every_file_written_and_no_other)
{
	char dir[256], ana[300], path[600], hex[SHA256_HEX], err[512] = "";
	struct dirent **names;
	struct manifest *m;
	int n;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "notes.txt", "mine\n", 5);
	ck_assert_ptr_nonnull(m = manifest_read(ana, err, sizeof err));
	ck_assert_int_gt(n = scandir(ana, &names, NULL, alphasort), 20);
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		snprintf(path, sizeof path, "%s/%s", ana, name);
		ck_assert_msg(name[0] != '.' || strcmp(name, ".") == 0 ||
		    strcmp(name, "..") == 0, "%s left", path);
		if (name[0] != '.' && sha256_file(path, hex) == 0)
			ck_assert_msg(manifest_wrote(m, name, hex) ==
			    (strcmp(name, "notes.txt") != 0 &&
			    strcmp(name, MANIFEST_NAME) != 0), "%s", name);
		free(names[i]);
	}
	free(names);
	manifest_free(m);
}
END_TEST

/* Even without gnuplot, the run plots' scripts are written, as compiled in. */
START_TEST(every_run_script_is_written_even_without_gnuplot)
{
	char dir[256], ana[300], path[400], *out, *err;
	struct stat st;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, dir, (const char *)NULL), 0);
	ck_assert_ptr_nonnull(strstr(err, "not found"));
	free(out);
	free(err);
	snprintf(ana, sizeof ana, "%s/analysis", dir);
	for (size_t i = 0; i < gp_nscripts; i++) {
		snprintf(path, sizeof path, "%s/%s", ana, gp_scripts[i].name);
		if (strncmp(gp_scripts[i].name, "compare_", 8) == 0)
			ck_assert_msg(stat(path, &st) == -1, "%s written", path);
		else
			ck_assert(holds(dir, gp_scripts[i].name,
			    gp_scripts[i].text));
	}
}
END_TEST

/* PNG and SVG side by side: one kind does not remove the other. */
START_TEST(svg_after_png_leaves_the_pngs)
{
	static const char png_end[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D',
		(char)0xae, 0x42, 0x60, (char)0x82 };
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "drift.png", png_end, sizeof png_end);
	err = again(dir, 0);
	free(err);
	ck_assert(contains(dir, "drift.svg", "</svg>"));
	ck_assert_int_eq(access(strcat(ana, "/drift.png"), F_OK), 0);
}
END_TEST

/* --out DIR: the analysis goes there, named there; nothing into the run. */
START_TEST(out_writes_the_analysis_elsewhere_and_nothing_into_the_run)
{
	char dir[256], where[256], out_dir[400], want[600], names[256];
	char *out, *err, *text;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	rundir_make(where, sizeof where);
	snprintf(out_dir, sizeof out_dir, "%s/a b/c", where);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--no-plots", "--out",
	    out_dir, dir, (const char *)NULL), 0);
	ck_assert_str_eq(err, "");
	snprintf(want, sizeof want, "\nnumbers: %s/summary.txt, summary.csv\n",
	    out_dir);
	ck_assert_msg(strstr(out, want) != NULL, "%s", out);
	snprintf(want, sizeof want, "%s/summary.txt", out_dir);
	ck_assert_ptr_nonnull(text = anarun_slurp(want));
	free(text);
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "run.meta vm0.csv vm1.csv vm2.csv");
	free(out);
	free(err);
}
END_TEST

/* A first analysis into a new --out DIR that fails leaves no DIR. */
START_TEST(out_made_for_a_failed_analysis_goes_again)
{
	char dir[256], where[256], out_dir[400], names[256], *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	rundir_make(where, sizeof where);
	snprintf(out_dir, sizeof out_dir, "%s/a/b", where);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/bin/false", 1), 0);
	ck_assert_int_eq(anarun_analyze(&out, &err, "--quiet", "--out",
	    out_dir, dir, (const char *)NULL), 1);
	ck_assert_msg(strstr(err, out_dir) != NULL, "%s", err);
	rundir_listing(where, names, sizeof names);
	ck_assert_str_eq(names, "");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "run.meta vm0.csv vm1.csv vm2.csv");
	free(out);
	free(err);
}
END_TEST

/* Bad --out values: exit 2, one line quoting the value, nothing written. */
static const struct {
	const char *args[4];	/* @: the run dir */
	const char *said;
} bad_out[] = {
	{ { "--out", "", "@" }, "--out '': an empty directory name" },
	{ { "--out", "@/out", "@", "@" }, "--out '@/out': takes one RUN_DIR, not 2" },
	{ { "--out", "@/run.meta", "@" }, "--out '@/run.meta': not a directory" },
	{ { "@", "--out" }, "--out: needs a directory" },
};

/* text with each '@' in it replaced by run, into buf; NULL stays NULL. */
static const char *
fill(const char *text, const char *run, char *buf, size_t len)
{
	size_t n = 0;

	if (text == NULL)
		return NULL;
	for (; *text != '\0'; text++) {
		n += (size_t)snprintf(buf + n, len - n, "%s", *text == '@' ?
		    run : (char[]){ *text, '\0' });
		ck_assert_uint_lt(n, len);
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(bad_out_is_bad_usage)
{
	char dir[256], a[4][400], want[600], names[256];
	const char *arg[4];
	char *out, *err;

	rundir_make_run(dir, sizeof dir, run_a, NELEM(run_a), NULL, 0);
	for (int i = 0; i < 4; i++)
		arg[i] = fill(bad_out[_i].args[i], dir, a[i], sizeof a[i]);
	ck_assert_int_eq(anarun_analyze(&out, &err, arg[0], arg[1], arg[2],
	    arg[3], (const char *)NULL), 2);
	fill(bad_out[_i].said, dir, want, sizeof want);
	ck_assert_msg(strncmp(err, "clockring: analyze: ", 20) == 0 &&
	    strstr(err, want) != NULL &&
	    strchr(err, '\n') == err + strlen(err) - 1, "%s", err);
	ck_assert_str_eq(out, "");
	rundir_listing(dir, names, sizeof names);
	ck_assert_str_eq(names, "run.meta vm0.csv vm1.csv vm2.csv");
	free(out);
	free(err);
}
END_TEST

Suite *
make_anadir_suite(void)
{
	Suite *s = suite_create("anadir");
	TCase *t = tcase_create("output folder");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, a_file_analyze_does_not_write_stays);
	tcase_add_test(t, a_changed_script_is_kept_and_its_plot_drawn_with_it);
	tcase_add_test(t, a_changed_library_script_is_kept);
	tcase_add_test(t, a_script_an_older_clockring_wrote_is_replaced);
	tcase_add_test(t, without_a_manifest_only_a_stock_script_is_replaced);
	tcase_add_test(t, quiet_keeps_a_changed_script_without_a_word);
	tcase_add_test(t, the_manifest_lists_every_file_written_and_no_other);
	tcase_add_test(t, every_run_script_is_written_even_without_gnuplot);
	tcase_add_test(t, svg_after_png_leaves_the_pngs);
	tcase_add_test(t, out_writes_the_analysis_elsewhere_and_nothing_into_the_run);
	tcase_add_test(t, out_made_for_a_failed_analysis_goes_again);
	tcase_add_loop_test(t, bad_out_is_bad_usage, 0, (int)NELEM(bad_out));
	suite_add_tcase(s, t);
	return s;
}

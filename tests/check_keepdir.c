/* tests/check_keepdir.c -- the output folders of analyze and compare: only their own files replaced, the user's scripts kept and drawn with, --out */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/compare/compare.h"
#include "analysis/out/manifest.h"
#include "analysis/out/sha256.h"
#include "analysis/plot/gp_scripts.h"
#include "analysis/report/notebook.h"
#include "tests/anarun.h"
#include "tests/restree.h"
#include "tests/suites.h"

/*
 * A gnuplot that "draws" NAME.svg or NAME.png (as its -e term_kind says)
 * as the text of the script it was given and the end of a whole image
 * of that kind: each image tells which script drew it.
 */
static void
fake_gnuplot(void)
{
	static const char *const body[] = {
		"#!/bin/sh",
		"for a; do f=$a; done",
		"case $3 in *svg*) e=svg;; *) e=png;; esac",
		"{ cat \"$f\"; if [ $e = svg ]; then echo '</svg>'; else",
		"  printf '\\0\\0\\0\\0IEND\\256B`\\202'; fi; } >\"${f%.gp}.$e\"",
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

/* Does dir/NAME hold exactly text? */
static int
holds(const char *dir, const char *name, const char *text)
{
	char *got = restree_read(dir, name);
	int same = strcmp(got, text) == 0;

	free(got);
	return same;
}

/* Does dir/NAME contain text? */
static int
contains(const char *dir, const char *name, const char *text)
{
	char *got = restree_read(dir, name);
	int in = strstr(got, text) != NULL;

	free(got);
	return in;
}

/* err is the one line of cmd that says DIR/NAME was kept, and how to undo it. */
static void
expect_kept(const char *err, const char *cmd, const char *dir,
    const char *name)
{
	char want[600];

	snprintf(want, sizeof want, "clockring: %s: %s/%s: kept your "
	    "changed script, and the plots use it (remove it and rerun %s to "
	    "get the stock one back)\n", cmd, dir, name, cmd);
	ck_assert_str_eq(err, want);
}

START_TEST(a_file_analyze_does_not_write_stays)
{
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "notes.txt", "mine\n", 5);
	err = again(dir, 1);
	ck_assert(holds(ana, "notes.txt", "mine\n"));
	free(err);
}
END_TEST

/* A library script changed (every plot loads look.gp) is kept too. */
START_TEST(a_changed_library_script_is_kept)
{
	char dir[256], ana[300], *err;

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "look.gp", "# my look\n", 10);
	err = again(dir, 0);
	expect_kept(err, "analyze", ana, "look.gp");
	free(err);
	ck_assert(holds(ana, "look.gp", "# my look\n"));
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
	ck_assert(holds(ana, "drift.gp", stock("drift.gp")));
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
	expect_kept(err, "analyze", ana, "clock.gp");
	free(err);
	ck_assert(holds(ana, "clock.gp", "# not stock\n"));
	ck_assert(holds(ana, "drift.gp", stock("drift.gp")));
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
	ck_assert(holds(ana, "drift.gp", "# mine\n"));
	ck_assert(contains(ana, "drift.svg", "# mine"));
}
END_TEST

/*
 * The manifest of dir names every file written there with its hash, as
 * it is there: not itself, not the user's notes.txt or the script mine
 * the user changed (NULL: none), and no temporary file is left. More
 * than least files are there.
 */
static void
expect_manifest(const char *dir, int least, const char *mine)
{
	char path[600], hex[SHA256_HEX], err[512] = "";
	struct dirent **names;
	struct manifest *m;
	int n;

	ck_assert_ptr_nonnull(m = manifest_read(dir, err, sizeof err));
	ck_assert_int_gt(n = scandir(dir, &names, NULL, alphasort), least);
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		ck_assert_msg(name[0] != '.' || strcmp(name, ".") == 0 ||
		    strcmp(name, "..") == 0, "%s left", path);
		if (name[0] != '.' && sha256_file(path, hex) == 0)
			ck_assert_msg(manifest_wrote(m, name, hex) ==
			    (strcmp(name, "notes.txt") != 0 &&
			    strcmp(name, MANIFEST_NAME) != 0 &&
			    (mine == NULL || strcmp(name, mine) != 0)), "%s",
			    name);
		free(names[i]);
	}
	free(names);
	manifest_free(m);
}

START_TEST(the_manifest_lists_every_file_written_and_no_other)
{
	char dir[256], ana[300];

	analyzed(dir, sizeof dir, ana);
	rundir_write_raw(ana, "notes.txt", "mine\n", 5);
	expect_manifest(ana, 20, NULL);
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
		if (strncmp(gp_scripts[i].name, "compare_", 8) == 0 ||
		    strncmp(gp_scripts[i].name, "summary_", 8) == 0)
			ck_assert_msg(stat(path, &st) == -1, "%s written", path);
		else
			ck_assert(holds(ana, gp_scripts[i].name,
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
	ck_assert(contains(ana, "drift.svg", "</svg>"));
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

/*
 * The commands that keep a folder's changed scripts: analyze --svg, into
 * RUN/analysis, and compare and report, into RESULTS/compare; each with
 * a script of that folder and its image, and another plot's.
 */
static const struct {
	const char *cmd;
	const char *script, *image, *other, *other_image;
} keepers[] = {
	{ "analyze", "drift.gp", "drift.svg", "clock.gp", "clock.svg" },
	{ "compare", "compare_drift.gp", "compare_drift.png",
	  "compare_queue.gp", "compare_queue.png" },
	{ "report", "compare_drift.gp", "compare_drift.png",
	  "compare_queue.gp", "compare_queue.png" },
};

/*
 * keepers[i]'s command again on top, a run or a results tree: it must
 * work; its stderr (caller frees).
 */
static char *
rerun(int i, const char *top)
{
	char *out, *err;
	int rc;

	if (i == 0)
		return again(top, 0);
	rc = restree_call(i == 1 ? compare_main : notebook_main, &out, &err,
	    top, (const char *)NULL);
	ck_assert_msg(rc == 0, "%s exited %d: %s", keepers[i].cmd, rc, err);
	free(out);
	return err;
}

/*
 * keepers[i]'s input, and its output once drawn: top is run A or the
 * hand-made results tree, folder the output folder in it.
 */
static void
made(int i, char top[256], char folder[300])
{
	if (i == 0) {
		analyzed(top, 256, folder);
		return;
	}
	fake_gnuplot();
	restree_make(top, 256, restree_std, 2);
	free(rerun(i, top));
	snprintf(folder, 300, "%s/compare", top);
}

/*
 * A changed script stays, draws its image, and is said to be kept each
 * time; removed, the stock one comes back without a word. A note of the
 * user's stays throughout, and the manifest vouches only for what the
 * command wrote.
 */
START_TEST(a_changed_script_is_kept_and_its_plot_drawn_with_it)
{
	const char *name = keepers[_i].script;
	char top[256], folder[300], path[400], *text, *err;

	made(_i, top, folder);
	ck_assert(holds(folder, name, stock(name)));
	rundir_write_raw(folder, "notes.txt", "mine\n", 5);
	ck_assert_ptr_nonnull(text = malloc(strlen(stock(name)) + 16));
	strcpy(text, stock(name));
	strcat(text, "# mine\n");
	rundir_write_raw(folder, name, text, strlen(text));
	for (int run = 0; run < 2; run++) {
		err = rerun(_i, top);
		expect_kept(err, keepers[_i].cmd, folder, name);
		free(err);
		ck_assert(holds(folder, name, text));
		ck_assert(contains(folder, keepers[_i].image, "# mine"));
		ck_assert(!contains(folder, keepers[_i].other_image, "# mine"));
		ck_assert(holds(folder, keepers[_i].other,
		    stock(keepers[_i].other)));
		expect_manifest(folder, 15, name);
	}
	free(text);
	snprintf(path, sizeof path, "%s/%s", folder, name);
	ck_assert_int_eq(unlink(path), 0);
	err = rerun(_i, top);
	ck_assert_str_eq(err, "");
	free(err);
	ck_assert(holds(folder, name, stock(name)));
	ck_assert(!contains(folder, keepers[_i].image, "# mine"));
	ck_assert(holds(folder, "notes.txt", "mine\n"));
}
END_TEST

/* Without gnuplot, compare's scripts are written all the same, and no run's. */
START_TEST(every_compare_script_is_written_even_without_gnuplot)
{
	char results[256], cmp[300], path[400], *err;
	struct stat st;

	restree_make(results, sizeof results, restree_std, 2);
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
	err = rerun(1, results);
	ck_assert_ptr_nonnull(strstr(err, "not found"));
	free(err);
	snprintf(cmp, sizeof cmp, "%s/compare", results);
	for (size_t i = 0; i < gp_nscripts; i++) {
		const char *name = gp_scripts[i].name;
		snprintf(path, sizeof path, "%s/%s", cmp, name);
		if (strncmp(name, "compare_", 8) == 0 ||
		    strcmp(name, "look.gp") == 0)
			ck_assert(holds(cmp, name, gp_scripts[i].text));
		else
			ck_assert_msg(stat(path, &st) == -1, "%s written", path);
	}
}
END_TEST

Suite *
make_keepdir_suite(void)
{
	Suite *s = suite_create("keepdir");
	TCase *t = tcase_create("output folder");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t, a_file_analyze_does_not_write_stays);
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
	tcase_add_loop_test(t,
	    a_changed_script_is_kept_and_its_plot_drawn_with_it, 0,
	    (int)NELEM(keepers));
	tcase_add_test(t, every_compare_script_is_written_even_without_gnuplot);
	suite_add_tcase(s, t);
	return s;
}

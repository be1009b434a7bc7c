/* tests/check_notebook.c -- `clockring report`: the lab notebook, its observations, images and back ends */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "analysis/report/doc.h"
#include "analysis/report/notebook.h"
#include "analysis/report/relpath.h"
#include "tests/restree.h"
#include "tests/suites.h"

static char results[256];

/* report RESULTS [extra...]: it must succeed. */
static void
report_ok(const char *a, const char *b)
{
	char *out, *err;
	int rc = restree_call(notebook_main, &out, &err, a ? a : results, b,
	    a ? results : NULL, (const char *)NULL);

	ck_assert_msg(rc == 0, "report exited %d: %s", rc, err);
	ck_assert_ptr_nonnull(strstr(out, "report.html"));
	free(out);
	free(err);
}

static void
no_gnuplot(void)
{
	ck_assert_int_eq(setenv("CLOCKRING_GNUPLOT", "/nonexistent", 1), 0);
}

static void
real_gnuplot(void)
{
	ck_assert_int_eq(unsetenv("CLOCKRING_GNUPLOT"), 0);
}

static size_t
count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

static void
expect_in(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "missing: %s", want);
}

/*
 * The report of a fresh tree of the experiments given, plots drawn when
 * plots (gnuplot needed); its report.md (caller frees).
 */
static char *
report_of(const struct restree_exp *exps, size_t n, int plots)
{
	if (plots)
		real_gnuplot();
	else
		no_gnuplot();
	restree_make(results, sizeof results, exps, n);
	report_ok(NULL, NULL);
	return restree_read(results, "report.md");
}

/* As report_of the standard tree, calm's experiment.exp replaced. */
static char *
report_with_calm(const char *calm_exp, int plots)
{
	struct restree_exp exps[2] = { restree_std[0], restree_std[1] };

	exps[1].exp = calm_exp;
	return report_of(exps, 2, plots);
}

/*
 * The images: of each experiment its typical run (baseline's max drifts
 * 3, 5, 7 give repeat 2; calm's 1, 2 the lower middle, repeat 1).
 */
static const char *const links[] = {
	"](<baseline/2/analysis/drift.png>)",
	"](<baseline/2/analysis/queue.png>)",
	"](<calm/1/analysis/drift.png>)", "](<calm/1/analysis/queue.png>)",
	"](<compare/compare_summary.png>)", "](<compare/compare_drift.png>)",
	"](<compare/compare_jumps.png>)", "](<compare/compare_queue.png>)",
};

/* Is the link an image's, "![caption](<link>)", in md? */
static int
an_image(const char *md, const char *link)
{
	for (const char *p = md; (p = strstr(p, link)) != NULL; p++) {
		const char *line = p;
		while (line > md && line[-1] != '\n')
			line--;
		if (strncmp(line, "![", 2) == 0)
			return 1;
	}
	return 0;
}

START_TEST(the_markdown_names_every_experiment_and_links_every_image)
{
	char *md = report_of(restree_std, 2, 1);

	for (size_t i = 0; i < NELEM(links); i++) {
		ck_assert_msg(an_image(md, links[i]), "no image %s", links[i]);
		char path[512];
		snprintf(path, sizeof path, "%s/%.*s", results,
		    (int)strlen(links[i]) - 5, links[i] + 3);
		ck_assert_msg(access(path, R_OK) == 0, "%s: no such file",
		    path);
	}
	ck_assert_uint_eq(count(md, "!["), NELEM(links));
	expect_in(md, "### Baseline (baseline): the reference");
	expect_in(md, "### Calm (calm)");
	expect_in(md, "- run with (as its runs' run.meta record it): 2 VMs; "
	    "clock rates 3-4 ticks/s; idle draws 1-10; 2 model seconds; speed "
	    "10; no faults; on failure stop\n");
	expect_in(md, "| 3 | 83 | 3 3 | 7 | 1.75 | 1.500 | 16.7% | 4 | 3 | 2 "
	    "| 3 | 0.750 |");
	expect_in(md, "| Baseline | 3 | 5.0 ± 2.0 | 1.25 ± 0.50 | "
	    "1.333 ± 0.167 | 16.7 ± 0.0% | 3.0 ± 1.0 |");
	free(md);
}
END_TEST

/* One page: each image inside it, nothing fetched from anywhere. */
START_TEST(the_html_inlines_every_image_and_loads_nothing)
{
	free(report_of(restree_std, 2, 1));
	char *html = restree_read(results, "report.html");
	ck_assert_uint_eq(count(html, "<img "), NELEM(links));
	ck_assert_uint_eq(count(html,
	    "src=\"data:image/png;base64,iVBORw0KGgo"), NELEM(links));
	ck_assert_uint_eq(count(html, RESTREE_PNG_BASE64 "\""), 4);
	ck_assert_ptr_null(strstr(html, "http:"));
	ck_assert_ptr_null(strstr(html, "https:"));
	ck_assert_ptr_null(strstr(html, "<link"));
	expect_in(html, "console.log(\"clockring-report: \" + img.length");
	expect_in(html, "<h3>Calm (calm)</h3>");
	free(html);
}
END_TEST

/*
 * Calm against Baseline (check_compare.c works out the figures):
 * jumps > 1 1/6 -> 1/14 (-57%), mean jump 8/6 -> 15/14 (-20%), max drift
 * 5 -> 1.5 (-70%), max queue 2 -> 1 (-50%). Every Calm run is below every
 * Baseline run in the first three; in the max queue (1, 1 against 1, 2, 3)
 * they overlap.
 * Over the 5 runs, the gap between the rates (1, 5, 0; 1, 0) against max
 * drift (3, 5, 7; 1, 2): means 1.4 and 3.6, Sxy 3.8, Sxx 17.2, Syy 23.2,
 * r = 3.8 / sqrt(17.2 * 23.2) = 0.19; against max queue (1, 2, 3; 1, 1):
 * Sxy 0.8, Syy 3.2, r = 0.8 / sqrt(17.2 * 3.2) = 0.11.
 */
START_TEST(observations_follow_the_numbers)
{
	char *md = report_of(restree_std, 2, 0);

	expect_in(md, "- **Less clock-rate variation** (Calm: clock rates "
	    "3-4 instead of 1-6 ticks/s) lowered the share of ticks with a "
	    "jump > 1 from 16.7% to 7.1% (−57%), lowered the mean jump from "
	    "1.333 to 1.071 clock ticks (−20%), lowered the max drift from 5.0 "
	    "to 1.5 clock ticks (−70%) and lowered the max queue from 2.0 to "
	    "1.0 messages (−50%), against Baseline. Every run of it had a "
	    "lower share of ticks with a jump > 1, a lower mean jump and a "
	    "lower max drift than every run of Baseline. In the max queue the "
	    "runs of the two overlap, so 2 and 3 runs do not settle that "
	    "difference. Its runs sent more messages: 4 on average against 3 "
	    "(+33%); 0.0 were still pending at the end, against 1.0. "
	    "Fewer of its events were causally related: 50.0% of the pairs in "
	    "a run's analysis window could have affected one another, against "
	    "73.3%; of the pairs Lamport order ranks, 46.4% were concurrent, "
	    "against 15.4%.\n");
	expect_in(md, "- Across the 5 runs with 2 VMs, a wider gap between the "
	    "fastest and the slowest clock rate went with hardly any change in "
	    "max drift (correlation +0.19) and hardly any change in max queue "
	    "(correlation +0.11).\n");
	/* Gaps 1, 5, 0 and 1, 0; ordered 10/15, 11/15, 12/15 and 1/2, 1/2. */
	expect_in(md, "- Across the 5 runs with 2 VMs, a wider gap between the "
	    "fastest and the slowest clock rate went with a larger share of "
	    "pairs of events causally ordered (correlation +0.31).\n");
	expect_in(md, "| Calm | 2 | 50.0 ± 0.0% | 46.4 ± 0.0% |");
	expect_in(md, "| Calm | clock rates 3-4 instead of 1-6 ticks/s | "
	    "▼ 16.7% → 7.1% (−57%) | ▼ 1.333 → 1.071 (−20%) | "
	    "▼ 5.0 → 1.5 (−70%) | ▼ 2.0 → 1.0 (−50%), runs overlap |");
	free(md);
}
END_TEST

/* Calm's VM 0 drifts 10r instead of r: 10 and 20, a mean of 15. */
START_TEST(swapping_which_drifts_more_turns_the_sentence)
{
	struct restree_run calm[2];
	struct restree_exp exps[2] = { restree_std[0], restree_std[1] };

	memcpy(calm, restree_calm, sizeof calm);
	calm[0].vm[0].dmax = 10;
	calm[1].vm[0].dmax = 20;
	exps[1].runs = calm;
	char *md = report_of(exps, 2, 0);
	expect_in(md, "raised the max drift from 5.0 to 15.0 clock ticks (3.0 "
	    "times as much)");
	expect_in(md, "Every run of it had a lower share of ticks with a "
	    "jump > 1, a lower mean jump and a higher max drift than every run "
	    "of Baseline.");
	expect_in(md, "| ▲ 5.0 → 15.0 (3.0 times as much) |");
	ck_assert_ptr_null(strstr(md, "lowered the max drift"));
	free(md);
}
END_TEST

/* More sends (a lower draw_max) and one setting more: the words say so. */
START_TEST(what_changed_is_read_off_the_settings)
{
	struct restree_exp exps[2] = { restree_std[0], restree_std[1] };

	exps[1].settings = "rate_min=3\nrate_max=4\ndraw_max=5\n";
	char *md = report_of(exps, 2, 0);
	expect_in(md, "- **Less clock-rate variation and a lower "
	    "internal-event probability together** (Calm: clock rates 3-4 "
	    "instead of 1-6 ticks/s; internal events on 40% of idle ticks "
	    "instead of 70%, so 60% of them send instead of 30%)");
	free(md);
}
END_TEST

/*
 * The report pictures the typical run, says by which rule, and links
 * each other run's summary and plots. Baseline's repeats here have max
 * drifts 7, 3, 5: repeat 3 (5) is the median, not repeat 1.
 */
START_TEST(the_typical_run_is_pictured_and_the_others_linked)
{
	const struct restree_run runs[3] = { restree_base[2], restree_base[0],
		restree_base[1] };
	struct restree_exp exps[2] = { restree_std[0], restree_std[1] };

	exps[0].runs = runs;
	char *md = report_of(exps, 2, 0);
	char *html = restree_read(results, "report.html");
	expect_in(md, "Each experiment's plots are of one of its runs, the run "
	    "with the median max drift (of an even number of runs, the lower "
	    "of the two middle ones; runs of equal max drift in the order of "
	    "their repeat numbers); its other runs are linked beside them.");
	expect_in(md, "The plots are of repeat 3 (seed 83), the run with the "
	    "median max drift of its 3 runs: 5 clock ticks. The others: repeat "
	    "1 (max drift 7): [summary](<baseline/1/analysis/summary.txt>), "
	    "[drift](<baseline/1/analysis/drift.png>), "
	    "[queue](<baseline/1/analysis/queue.png>); repeat 2 (max drift 3): "
	    "[summary](<baseline/2/analysis/summary.txt>), "
	    "[drift](<baseline/2/analysis/drift.png>), "
	    "[queue](<baseline/2/analysis/queue.png>).\n");
	ck_assert(an_image(md, "](<baseline/3/analysis/drift.png>)"));
	ck_assert(an_image(md, "](<baseline/3/analysis/queue.png>)"));
	expect_in(md, "*Baseline, repeat 3 (seed 83): drift: ");
	expect_in(html, "<figcaption>Baseline, repeat 3 (seed 83): queue: ");
	expect_in(html, " The others: repeat 1 (max drift 7): <a href=\""
	    "baseline/1/analysis/summary.txt\">summary</a>, <a href=\""
	    "baseline/1/analysis/drift.png\">drift</a>, ");
	ck_assert_uint_eq(count(html, "<a href="), 3 * 2 + 3 * 1);
	ck_assert_ptr_null(strstr(md, "repeat 1 (seed 81): drift"));
	free(html);
	free(md);
}
END_TEST

/*
 * The experiment file was edited after its runs (other rates, draws, ring,
 * length, faults and policy): the report tells what the runs ran with.
 */
START_TEST(the_settings_told_are_the_runs_not_the_edited_file_s)
{
	char *md = report_with_calm("title = Calm\ndescription = Rates 3-4\n"
	    "run = --vms 5 --rate-min 7 --rate-max 9 --draw-max 4\n"
	    "fault = pause:1@2+1\non_failure = continue\n"
	    "repeat = 2\nduration = 11\nseed = 5\n", 0);
	expect_in(md, "| calm | Calm | 2 VMs; clock rates 3-4 ticks/s; idle "
	    "draws 1-10; no faults; on failure stop | 2 | 2 | 10 |");
	expect_in(md, "- run with (as its runs' run.meta record it): 2 VMs; "
	    "clock rates 3-4 ticks/s; idle draws 1-10; 2 model seconds; speed "
	    "10; no faults; on failure stop\n");
	expect_in(md, "(Calm: clock rates 3-4 instead of 1-6 ticks/s)");
	static const char *const claims[] = { "7-9", "1-4", "5 VMs",
		" 11 ", "| 11 |", "pause", "continue", "--vms" };
	for (size_t i = 0; i < NELEM(claims); i++)
		ck_assert_msg(strstr(md, claims[i]) == NULL, "the report says "
		    "'%s', from the edited file", claims[i]);
	free(md);
}
END_TEST

/*
 * Baseline's repeat 3 drawn from 1-5, calm's runs with a fault: the
 * report says so, names the repeats, and no one value stands for all.
 */
START_TEST(repeats_run_differently_are_said_to_differ)
{
	struct restree_exp exps[2] = { restree_std[0], restree_std[1] };
	char cmd[600];

	exps[1].settings = "rate_min=3\nrate_max=4\ndraw_max=10\n"
	    "on_failure=continue\nfaults=1\nfault0=kill:1@1\n";
	no_gnuplot();
	restree_make(results, sizeof results, exps, 2);
	snprintf(cmd, sizeof cmd, "sed -i s/^rate_max=6$/rate_max=5/ "
	    "%s/baseline/3/run.meta", results);
	ck_assert_int_eq(system(cmd), 0);
	report_ok(NULL, NULL);
	char *md = restree_read(results, "report.md");
	expect_in(md, "- run with (as its runs' run.meta record it): 2 VMs; "
	    "clock rates 1-6 (repeats 1 and 2) or 1-5 (repeat 3) ticks/s; "
	    "idle draws 1-10; 2 model seconds; speed 10; no faults; on failure "
	    "stop\n");
	expect_in(md, "- **Its repeats were not all run alike:** they differ "
	    "in clock rates (told above with each repeat), so its figures mix "
	    "runs of different settings.\n");
	ck_assert_uint_eq(count(md, "not all run alike"), 1);
	expect_in(md, "- **Other clock rates, faults on purpose and another "
	    "failure policy together** (Calm: clock rates 3-4 instead of 1-6 "
	    "(repeats 1 and 2) or 1-5 (repeat 3) ticks/s; faults kill:1@1 "
	    "instead of none; on failure continue instead of stop)");
	free(md);
}
END_TEST

START_TEST(one_experiment_alone_is_described_not_compared)
{
	char *md = report_of(restree_std, 1, 0);

	expect_in(md, "- Only Baseline is complete, so there is nothing to "
	    "compare it with; across its 3 runs the share of ticks with a jump "
	    "> 1 was 16.7% on average, the mean jump was 1.333 clock ticks on "
	    "average, the max drift was 5.0 clock ticks on average and the max "
	    "queue was 2.0 messages on average.");
	ck_assert_ptr_null(strstr(md, "changed against the reference"));
	free(md);
}
END_TEST

START_TEST(a_missing_plot_is_told_not_linked)
{
	char path[512];

	real_gnuplot();
	restree_make(results, sizeof results, restree_std, 2);
	snprintf(path, sizeof path, "%s/calm/1/analysis/queue.png", results);
	ck_assert_int_eq(unlink(path), 0);
	report_ok(NULL, NULL);
	char *md = restree_read(results, "report.md");
	char *html = restree_read(results, "report.html");
	ck_assert_ptr_null(strstr(md, "](<calm/1/analysis/queue.png>)"));
	expect_in(md, "(No plot: ");
	expect_in(md, "/calm/1/analysis/queue.png is missing.");
	ck_assert_uint_eq(count(html, "<img "), NELEM(links) - 1);
	free(md);
	free(html);
}
END_TEST

/* No date, no time, nothing random: the same results, the same bytes. */
START_TEST(the_same_results_give_the_same_report)
{
	char *md = report_of(restree_std, 2, 1);
	char *html = restree_read(results, "report.html");
	report_ok(NULL, NULL);
	char *md2 = restree_read(results, "report.md");
	char *html2 = restree_read(results, "report.html");
	ck_assert(strcmp(md, md2) == 0);
	ck_assert(strcmp(html, html2) == 0);
	free(md);
	free(html);
	free(md2);
	free(html2);
}
END_TEST

START_TEST(text_from_the_results_is_escaped)
{
	/* gnuplot gets the title too */
	char *md = report_with_calm("title = A <b> & *star* _x_ | \"pipe\", "
	    "too\ndescription = D\nrun = --vms 2\nrepeat = 2\nduration = 2\n",
	    1);
	char *html = restree_read(results, "report.html");
	expect_in(md, "### A \\<b> \\& \\*star\\* \\_x\\_ \\| \"pipe\", too "
	    "(calm)");
	expect_in(html, "<h3>A &lt;b&gt; &amp; *star* _x_ | &quot;pipe&quot;, "
	    "too (calm)</h3>");
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_uint_eq(count(html, "<img "), NELEM(links));
	char *csv = restree_read(results, "compare/compare.csv");
	expect_in(csv, "\ncalm,\"A <b> & *star* _x_ | \"\"pipe\"\", too\",2,");
	free(csv);
	free(md);
	free(html);
}
END_TEST

/* --out elsewhere: the report links back to the runs where they are. */
START_TEST(a_report_elsewhere_links_back_to_the_runs)
{
	char out[512], want[600];

	no_gnuplot();
	restree_make(results, sizeof results, restree_std, 2);
	snprintf(out, sizeof out, "%s/../notebook-%s", results,
	    strrchr(results, '/') + 1);
	report_ok("--out", out);
	char *md = anarun_slurp(strcat(out, "/report.md"));
	ck_assert_ptr_nonnull(md);
	snprintf(want, sizeof want, "](<../%s/baseline/1/analysis/drift.png>)",
	    strrchr(results, '/') + 1);
	expect_in(md, want);
	free(md);
}
END_TEST

START_TEST(bad_usage_exits_2_and_help_0)
{
	char *out, *err;

	ck_assert_int_eq(restree_call(notebook_main, &out, &err, "--nope",
	    (const char *)NULL), 2);
	expect_in(err, "clockring: report: unknown option '--nope'");
	free(out);
	free(err);
	ck_assert_int_eq(restree_call(notebook_main, &out, &err,
	    "/nonexistent/results", (const char *)NULL), 2);
	expect_in(err, "clockring: report: '/nonexistent/results': No such");
	free(out);
	free(err);
	ck_assert_int_eq(restree_call(notebook_main, &out, &err, "--help",
	    (const char *)NULL), 0);
	expect_in(out, "usage: clockring report");
	free(out);
	free(err);
}
END_TEST

START_TEST(relative_links_climb_only_as_far_as_needed)
{
	char base[128], buf[512], path[300];
	static const char *const dirs[] = { "a", "a/b", "a/bc", "a/b/c" };

	rundir_make(base, sizeof base);
	for (size_t i = 0; i < NELEM(dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", base, dirs[i]);
		restree_mkdir(path);
	}
	snprintf(path, sizeof path, "%s/a/b/c", base);
	restree_text(path, "x.png", "x");
	static const struct { const char *from, *want; } cases[] = {
		{ "a/b/c", "x.png" }, { "a/b", "c/x.png" },
		{ "a/bc", "../b/c/x.png" }, { "a", "b/c/x.png" },
		{ "a/b/../bc", "../b/c/x.png" },
	};
	for (size_t i = 0; i < NELEM(cases); i++) {
		char from[512];
		snprintf(from, sizeof from, "%s/%s", base, cases[i].from);
		snprintf(path, sizeof path, "%s/a/b/c/x.png", base);
		ck_assert_int_eq(relpath_make(from, path, buf, sizeof buf), 0);
		ck_assert_str_eq(buf, cases[i].want);
	}
	ck_assert_int_eq(relpath_make("/", "/tmp", buf, sizeof buf), 0);
	ck_assert_str_eq(buf, "tmp");
	ck_assert_int_eq(relpath_make(base, "/nonexistent", buf, sizeof buf),
	    -1);
}
END_TEST

/* One description, two back ends. */
static char *
describe(enum doc_format fmt)
{
	static const char *const head[] = { "name", "n" };
	static const char *const row[] = { "a|b", "7" };
	char *text = NULL, err[64];
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	struct doc *d = doc_open(f, fmt, "T");
	doc_heading(d, 2, "H & h");
	doc_para_begin(d);
	doc_text(d, "x < y ");
	doc_code(d, "--a`b");
	doc_text(d, " ");
	doc_strong(d, "s");
	doc_text(d, " ");
	doc_link(d, "[l]", "r 1/#\"é>.txt");
	doc_para_end(d);
	doc_list_begin(d);
	doc_item(d, "one");
	doc_list_end(d);
	doc_table_begin(d, 2, head, "lr");
	doc_table_row(d, row);
	doc_table_end(d);
	ck_assert_int_eq(doc_close(d, err, sizeof err), 0);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

START_TEST(one_description_gives_markdown_and_html)
{
	char *md = describe(DOC_MARKDOWN), *html = describe(DOC_HTML);

	ck_assert_str_eq(md, "# T\n\n## H \\& h\n\n"
	    "x \\< y `` --a`b `` **s** [\\[l\\]](<r%201/%23%22%C3%A9%3E.txt>)"
	    "\n\n"
	    "- one\n\n"
	    "| name | n |\n| :--- | ---: |\n| a\\|b | 7 |\n\n");
	expect_in(html, "<title>T</title>");
	expect_in(html, "<h2>H &amp; h</h2>\n<p>x &lt; y <code>--a`b</code> "
	    "<strong>s</strong> <a href=\"r%201/%23%22%C3%A9%3E.txt\">[l]</a>"
	    "</p>\n<ul>\n<li>one</li>\n</ul>\n<table>\n"
	    "<thead>\n<tr><th>name</th><th class=\"r\">n</th></tr>\n</thead>\n"
	    "<tbody>\n<tr><td>a|b</td><td class=\"r\">7</td></tr>\n</tbody>\n"
	    "</table>\n<script>");
	ck_assert(strstr(html, "</html>\n") == html + strlen(html) - 8);
	free(md);
	free(html);
}
END_TEST

Suite *
make_notebook_suite(void)
{
	Suite *s = suite_create("notebook");
	TCase *t = tcase_create("reports of hand-made results");

	tcase_set_timeout(t, 60);
	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_test(t,
	    the_markdown_names_every_experiment_and_links_every_image);
	tcase_add_test(t, the_html_inlines_every_image_and_loads_nothing);
	tcase_add_test(t, observations_follow_the_numbers);
	tcase_add_test(t, swapping_which_drifts_more_turns_the_sentence);
	tcase_add_test(t, what_changed_is_read_off_the_settings);
	tcase_add_test(t, the_typical_run_is_pictured_and_the_others_linked);
	tcase_add_test(t, the_settings_told_are_the_runs_not_the_edited_file_s);
	tcase_add_test(t, repeats_run_differently_are_said_to_differ);
	tcase_add_test(t, one_experiment_alone_is_described_not_compared);
	tcase_add_test(t, a_missing_plot_is_told_not_linked);
	tcase_add_test(t, the_same_results_give_the_same_report);
	tcase_add_test(t, text_from_the_results_is_escaped);
	tcase_add_test(t, a_report_elsewhere_links_back_to_the_runs);
	tcase_add_test(t, bad_usage_exits_2_and_help_0);
	tcase_add_test(t, relative_links_climb_only_as_far_as_needed);
	tcase_add_test(t, one_description_gives_markdown_and_html);
	suite_add_tcase(s, t);
	return s;
}

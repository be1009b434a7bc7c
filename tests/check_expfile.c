/* tests/check_expfile.c -- unit tests of experiment files: parsing, the words judged as `run` options, errors, seeds */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/rundir/expfile.h"
#include "sim/exprun.h"
#include "sim/options.h"
#include "tests/suites.h"

static struct experiment e;
static char err[512];

/* As the suite reads a file: its grammar, then its words as options. */
static int
parse(const char *path, const char *text)
{
	if (expfile_parse(path, text, strlen(text), &e, err, sizeof err) == -1)
		return -1;
	return exprun_check(&e, path, err, sizeof err);
}

START_TEST(a_full_file_is_parsed)
{
	ck_assert_int_eq(parse("experiments/low-var.exp",
	    "# a comment\n"
	    "title = Low variation\n"
	    "  description=Rates 3-4  \n"
	    "\n"
	    "run = --vms 4 --rate-min 3\t--rate-max 4\n"
	    "repeat = 7\n"
	    "duration = 30.5\n"
	    "seed = 18446744073709551615\n"), 0);
	ck_assert_str_eq(e.name, "low-var");
	ck_assert_str_eq(e.title, "Low variation");
	ck_assert_str_eq(e.description, "Rates 3-4");
	ck_assert_int_eq(e.argc, 6);
	ck_assert_str_eq(e.argv[0], "--vms");
	ck_assert_str_eq(e.argv[5], "4");
	ck_assert_uint_eq(e.repeat, 7);
	ck_assert(e.duration_s == 30.5);
	ck_assert_uint_eq(e.seed, UINT64_MAX);
}
END_TEST

/* What the suite keeps beside the runs reads back as the same experiment. */
START_TEST(a_written_experiment_reads_back_the_same)
{
	struct experiment first;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(parse("exps/w.exp", "title = W\ndescription = D\n"
	    "run = --vms 4 --rate-max 5\nrepeat = 3\nduration = 0.5\n"
	    "seed = 99\nfault = kill:1@0.25 slow:2->3@0+0.1:20ms\n"
	    "on_failure = continue\nmode = virtual\n"), 0);
	first = e;
	ck_assert_ptr_nonnull(f = open_memstream(&text, &len));
	expfile_write(f, &first, "exps/w.exp");
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ptr_nonnull(strstr(text, "# copied from exps/w.exp\n"));
	ck_assert_int_eq(parse("res/w.exp", text), 0);
	ck_assert_str_eq(e.title, first.title);
	ck_assert_str_eq(e.description, first.description);
	ck_assert_str_eq(e.run, first.run);
	ck_assert_str_eq(e.fault, first.fault);
	ck_assert_str_eq(e.on_failure, first.on_failure);
	ck_assert_uint_eq(e.repeat, first.repeat);
	ck_assert(e.duration_s == first.duration_s);
	ck_assert_uint_eq(e.seed, first.seed);
	ck_assert(e.is_virtual);
	free(text);
}
END_TEST

START_TEST(defaults_are_five_repeats_of_sixty_seconds)
{
	ck_assert_int_eq(parse("x.exp", "title = T\ndescription = D\n"), 0);
	ck_assert_uint_eq(e.repeat, 5);
	ck_assert(e.duration_s == 60);
	ck_assert_int_eq(e.argc, 0);
}
END_TEST

/* A bad file and what its one-line error must contain. */
static const char *const bad[][2] = {
	{ "title = T\n", "x.exp: missing key 'description'" },
	{ "description = D\n", "x.exp: missing key 'title'" },
	{ "title = T\ndescription = D\ntitel = U\n", "x.exp:3: unknown key 'titel'" },
	{ "title = T\ntitle = U\ndescription = D\n", "x.exp:2: key 'title' given twice" },
	{ "title = T\ndescription = D\njust words\n", "x.exp:3: expected key = value" },
	{ "title =\ndescription = D\n", "x.exp:1: title: empty" },
	{ "title = T\ndescription = D\nrepeat = 0\n", "x.exp:3: repeat '0'" },
	{ "title = T\ndescription = D\nrepeat = 101\n", "x.exp:3: repeat '101'" },
	{ "title = T\ndescription = D\nrepeat = 2.5\n", "x.exp:3: repeat '2.5'" },
	{ "title = T\ndescription = D\nduration = soon\n", "x.exp:3: duration 'soon'" },
	{ "title = T\ndescription = D\nduration = 0\n", "x.exp:3: duration '0'" },
	{ "title = T\ndescription = D\nseed = -4\n", "x.exp:3: seed '-4'" },
	{ "title = T\ndescription = D\nduration = 1e2\n", "x.exp:3: duration '1e2'" },
	{ "title = T\ndescription = D\nduration = 0x10\n", "x.exp:3: duration '0x10'" },
	{ "title = T\ndescription = D\nduration = .5\n", "x.exp:3: duration '.5'" },
	{ "title = T\ndescription = D\nrepeat = 0x3\n", "x.exp:3: repeat '0x3'" },
	{ "title = T\ndescription = D\nrepeat = 2.0\n", "x.exp:3: repeat '2.0'" },
	{ "title = T\ndescription = D\nseed = 0x10\n", "x.exp:3: seed '0x10'" },
	{ "title = T\ndescription = D\nrun = --draw-max 1e1\n",
	    "x.exp:3: run: --draw-max '1e1': not a whole number" },
	{ "title = T\ndescription = D\nrun = --rates 3,1,6 --rate-min 2\n",
	    "x.exp:3: run: --rates '3,1,6' and --rate-min: give the rates or the "
	    "range to draw them from, not both" },
	{ "title = T\nrun = --rate-max 4 --rates 3,1,6\ndescription = D\n",
	    "x.exp:2: run: --rates '3,1,6' and --rate-max" },
	{ "title = T\ndescription = D\nfault = slow:0->1@5+3:200\n",
	    "x.exp:3: fault 'slow:0->1@5+3:200': DELAY '200' needs its unit" },
	{ "title = T\ndescription = D\nrun = --vms abc\n",
	    "x.exp:3: run: --vms 'abc': not a whole number" },
	{ "title = T\ndescription = D\nrun = --colour\n",
	    "x.exp:3: run: unknown option '--colour'" },
	{ "title = T\ndescription = D\nrun = --seed 4\n",
	    "x.exp:3: run: --seed is set by the experiment suite" },
	{ "title = T\ndescription = D\nrun = --out=/tmp\n",
	    "x.exp:3: run: --out is set by the experiment suite" },
	{ "title = T\ndescription = D\nrun = --speed 9\n",
	    "x.exp:3: run: --speed is set by the experiment suite" },
	{ "title = T\ndescription = D\nrun = --help\n",
	    "x.exp:3: run: --help is not an option of a run" },
	{ "title = T\ndescription = D\nfault = boom\n",
	    "x.exp:3: fault 'boom': expected kill:V@T" },
	{ "title = T\ndescription = D\nfault = kill:1@2, boom\n",
	    "x.exp:3: fault 'boom': expected" },
	{ "title = T\ndescription = D\nfault = ,\n", "x.exp:3: fault: empty" },
	{ "title = T\ndescription = D\nfault =\n", "x.exp:3: fault: empty" },
	{ "title = T\ndescription = D\nfault = kill:9@1\n",
	    "x.exp:3: fault 'kill:9@1': no vm 9 in a ring of 3" },
	/* The duration that counts may come after the fault. */
	{ "title = T\ndescription = D\nfault = kill:1@50\nduration = 40\n",
	    "x.exp:3: fault 'kill:1@50': starts at or after the end of the run "
	    "(--duration 40)" },
	{ "title = T\nfault = kill:4@5\nrun = --vms 4\ndescription = D\n",
	    "x.exp:2: fault 'kill:4@5': no vm 4 in a ring of 4" },
	{ "title = T\ndescription = D\nrun = --fault kill:1@50\nduration = 40\n",
	    "x.exp:3: run: --fault 'kill:1@50': starts at or after the end" },
	{ "title = T\ndescription = D\nfault = kill:1@1 kill:1@2 kill:1@3 "
	    "kill:1@4 kill:1@5 kill:1@6 kill:1@7 kill:1@8 kill:1@9 kill:1@10 "
	    "kill:1@11 kill:1@12 kill:1@13 kill:1@14 kill:1@15 kill:1@16 "
	    "kill:1@17\n", "x.exp:3: fault: at most 16" },
	/* Sixteen in all, with those of `run`. */
	{ "title = T\ndescription = D\nrun = --fault kill:1@1 --fault kill:1@2\n"
	    "fault = kill:1@1 kill:1@2 kill:1@3 kill:1@4 kill:1@5 kill:1@6 "
	    "kill:1@7 kill:1@8 kill:1@9 kill:1@10 kill:1@11 kill:1@12 kill:1@13 "
	    "kill:1@14 kill:1@15\n", "x.exp:4: fault: at most 16" },
	{ "title = T\ndescription = D\nfault = kill:1@2\nfault = kill:1@3\n",
	    "x.exp:4: key 'fault' given twice" },
	{ "title = T\ndescription = D\non_failure = maybe\n",
	    "x.exp:3: on_failure 'maybe': must be stop or continue" },
	{ "title = T\ndescription = D\non_failure =\n",
	    "x.exp:3: on_failure '': must be stop or continue" },
	{ "title = T\ndescription = D\non_failure = continue-please-go-on\n",
	    "x.exp:3: on_failure 'continue-please-go-on': must be stop or continue" },
	{ "title = T\ndescription = D\nmode = fast\n",
	    "x.exp:3: mode 'fast': must be real or virtual" },
	{ "title = T\ndescription = D\nrun = --virtual\n",
	    "x.exp:3: run: --virtual is set by the experiment suite" },
	/* judged in the file's mode, on the line of run */
	{ "title = T\ndescription = D\nmode = virtual\nrun = --bind ::1\n",
	    "x.exp:4: run: --bind: no meaning with --virtual" },
};

START_TEST(a_bad_file_names_file_line_and_key)
{
	ck_assert_int_eq(parse("x.exp", bad[_i][0]), -1);
	ck_assert_msg(strstr(err, bad[_i][1]) != NULL, "error '%s' lacks '%s'",
	    err, bad[_i][1]);
	ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

/* fault and on_failure are options of every run, after those of `run`. */
START_TEST(fault_and_on_failure_become_options_of_each_run)
{
	struct run_opts o;
	char msg[256];

	ck_assert_int_eq(parse("x.exp", "title = T\ndescription = D\n"
	    "fault = kill:1@20, pause:0@5+2 ,slow:2->3@1+4:250ms\n"
	    "on_failure = continue\n"
	    "run = --vms 4\n"), 0);
	ck_assert_str_eq(e.fault, "kill:1@20, pause:0@5+2 ,slow:2->3@1+4:250ms");
	ck_assert_str_eq(e.on_failure, "continue");
	ck_assert_int_eq(e.argc, 6);
	ck_assert_str_eq(e.argv[0], "--vms");
	ck_assert_str_eq(e.argv[2], "--fault=kill:1@20");
	ck_assert_str_eq(e.argv[3], "--fault=pause:0@5+2");
	ck_assert_str_eq(e.argv[4], "--fault=slow:2->3@1+4:250ms");
	ck_assert_str_eq(e.argv[5], "--on-failure=continue");
	/* What the suite hands to `clockring run` parses to the same. */
	ck_assert_int_eq(options_run(e.argc, e.argv, &o, msg, sizeof msg), 0);
	ck_assert_uint_eq(o.vms, 4);
	ck_assert_uint_eq(o.faults.n, 3);
	ck_assert_int_eq(o.faults.f[2].kind, FAULT_SLOW);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_CONTINUE);
}
END_TEST

/* mode = virtual: --virtual for each run, and no --speed to pace it. */
START_TEST(a_virtual_experiment_runs_each_repeat_in_model_time)
{
	struct exprun_args a;
	int virtual = 0;

	ck_assert_int_eq(parse("v.exp", "title = T\ndescription = D\n"
	    "mode = virtual\nrun = --vms 4\n"), 0);
	exprun_args(&e, 2, 10, "out", &a);
	for (int i = 2; i < a.argc; i++) {
		ck_assert_msg(strncmp(a.argv[i], "--speed", 7) != 0, "%s",
		    a.argv[i]);
		virtual += strcmp(a.argv[i], "--virtual") == 0;
	}
	ck_assert_int_eq(virtual, 1);
	ck_assert_int_eq(parse("r.exp", "title = T\ndescription = D\n"
	    "mode = real\n"), 0);
	exprun_args(&e, 2, 10, "out", &a);
	ck_assert_str_eq(a.argv[a.argc - 3], "--speed=10");
}
END_TEST

START_TEST(a_fault_fits_the_duration_and_ring_wherever_they_are_given)
{
	ck_assert_int_eq(parse("x.exp", "title = T\ndescription = D\n"
	    "fault = kill:4@70\nduration = 80\nrun = --vms 5\n"), 0);
	ck_assert_int_eq(parse("x.exp", "title = T\ndescription = D\n"
	    "run = --vms 5 --fault pause:4@70+5\nduration = 80\n"), 0);
	ck_assert_int_eq(parse("x.exp", "title = T\ndescription = D\n"
	    "on_failure = stop\n"), 0);
	ck_assert_int_eq(e.argc, 1);
	ck_assert_str_eq(e.argv[0], "--on-failure=stop");
}
END_TEST

/*
 * The most a file may give: 64 words of `run`, 16 faults, on_failure and
 * mode = virtual. Every word reaches the run, the first one intact.
 */
START_TEST(the_most_words_a_file_may_give_all_reach_the_run)
{
	char text[1024], *p = text, *end = text + sizeof text;

	p += snprintf(p, (size_t)(end - p), "title = T\ndescription = D\n"
	    "on_failure = continue\nmode = virtual\nrun =");
	for (int i = 0; i < EXP_MAX_RUN_WORDS / 2; i++)
		p += snprintf(p, (size_t)(end - p), " --vms 3");
	p += snprintf(p, (size_t)(end - p), "\nfault =");
	for (int i = 1; i <= FAULT_MAX; i++)
		p += snprintf(p, (size_t)(end - p), " pause:1@%d+0.5", i);
	snprintf(p, (size_t)(end - p), "\n");
	ck_assert_msg(parse("x.exp", text) == 0, "%s", err);
	ck_assert_int_eq(e.argc, EXP_MAX_RUN_WORDS + FAULT_MAX + 2);
	ck_assert_str_eq(e.argv[0], "--vms");
	ck_assert_str_eq(e.argv[EXP_MAX_RUN_WORDS], "--fault=pause:1@1+0.5");
	ck_assert_str_eq(e.argv[e.argc - 2], "--on-failure=continue");
	ck_assert_str_eq(e.argv[e.argc - 1], "--virtual");
}
END_TEST

/*
 * The grammar takes the words of `run` and the faults as words: what they
 * mean is the run option parser's to say, on the line of their key.
 */
START_TEST(the_grammar_leaves_the_options_to_the_run_parser)
{
	const char *text = "title = T\ndescription = D\nrun = --colour\n"
	    "fault = kill:9@1\n";

	ck_assert_int_eq(expfile_parse("x.exp", text, strlen(text), &e, err,
	    sizeof err), 0);
	ck_assert_int_eq(e.nrun, 1);
	ck_assert_int_eq(e.argc, 2);
	ck_assert_uint_eq(e.line[EXP_RUN], 3);
	ck_assert_uint_eq(e.line[EXP_FAULT], 4);
	ck_assert_uint_eq(e.line[EXP_SEED], 0);
	ck_assert_int_eq(exprun_check(&e, "x.exp", err, sizeof err), -1);
	ck_assert_str_eq(err, "x.exp:3: run: unknown option '--colour'");
}
END_TEST

START_TEST(a_nul_byte_or_a_huge_file_is_refused)
{
	static char big[EXP_MAX_BYTES + 2];

	ck_assert_int_eq(expfile_parse("x.exp", "title = T\0", 10, &e, err,
	    sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "NUL byte"));
	memset(big, '#', sizeof big - 1);
	ck_assert_int_eq(expfile_parse("x.exp", big, sizeof big - 1, &e, err,
	    sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "over 64 KiB"));
}
END_TEST

START_TEST(the_file_name_must_make_a_plain_directory_name)
{
	ck_assert_int_eq(parse("experiments/my run.exp", "title = T\n"), -1);
	ck_assert_ptr_nonnull(strstr(err, "only letters, digits"));
	ck_assert_int_eq(parse("experiments/.exp", "title = T\n"), -1);
}
END_TEST

START_TEST(repeats_get_different_seeds_that_never_change)
{
	ck_assert_int_eq(parse("experiments/baseline.exp",
	    "title = T\ndescription = D\n"), 0);
	uint64_t s1 = expfile_seed(&e, 1), s2 = expfile_seed(&e, 2);
	ck_assert_uint_ne(s1, s2);
	/* Parsed again, the same name gives the same seeds: a rerun repeats. */
	ck_assert_int_eq(parse("elsewhere/baseline.exp",
	    "title = Other\ndescription = D\n"), 0);
	ck_assert_uint_eq(expfile_seed(&e, 1), s1);
	ck_assert_uint_eq(expfile_seed(&e, 2), s2);
	/* Another experiment gets other seeds. */
	ck_assert_int_eq(parse("ring8.exp", "title = T\ndescription = D\n"), 0);
	ck_assert_uint_ne(expfile_seed(&e, 1), s1);
	/* An explicit base seed decides them. */
	ck_assert_int_eq(parse("ring8.exp", "title = T\ndescription = D\n"
	    "seed = 7\n"), 0);
	uint64_t s7 = expfile_seed(&e, 1);
	ck_assert_int_eq(parse("other.exp", "title = T\ndescription = D\n"
	    "seed = 7\n"), 0);
	ck_assert_uint_eq(expfile_seed(&e, 1), s7);
}
END_TEST

START_TEST(every_shipped_experiment_file_is_valid)
{
	static const char *const files[] = {
		"experiments/baseline.exp", "experiments/low-variation.exp",
		"experiments/low-internal.exp",
		"experiments/low-variation-low-internal.exp",
		"experiments/ring8.exp",
	};

	for (size_t i = 0; i < sizeof files / sizeof *files; i++)
		ck_assert_msg(expfile_load(files[i], &e, err, sizeof err) == 0 &&
		    exprun_check(&e, files[i], err, sizeof err) == 0, "%s", err);
	ck_assert_int_eq(expfile_load("experiments/none.exp", &e, err,
	    sizeof err), -1);
	ck_assert_ptr_nonnull(strstr(err, "No such file"));
}
END_TEST

/*
 * A sweep stands for one experiment per value: NAME-VALUE, the swept
 * option after the words of `run`, the sweep's seed, point = VALUE, and
 * its lines those of the file (a swept value's on the sweep line).
 */
START_TEST(a_sweep_lists_an_experiment_per_value)
{
	static struct experiment pts[EXP_MAX_POINTS];
	int n;

	ck_assert_int_eq(parse("exps/grow.exp", "title = G\ndescription = D\n"
	    "run = --draw-max 5\nsweep = vms 3 10  100\nrepeat = 2\n"
	    "duration = 4\nmode = virtual\n"), 0);
	ck_assert_str_eq(e.sweep, "vms");
	ck_assert_uint_eq(e.npoints, 3);
	n = expfile_points(&e, pts, EXP_MAX_POINTS, err, sizeof err);
	ck_assert_msg(n == 3, "%s", err);
	ck_assert_str_eq(pts[0].name, "grow-3");
	ck_assert_str_eq(pts[2].name, "grow-100");
	ck_assert_str_eq(pts[1].run, "--draw-max 5 --vms 10");
	ck_assert_int_eq(pts[1].nrun, 4);
	ck_assert_str_eq(pts[1].argv[3], "10");
	ck_assert_str_eq(pts[1].argv[pts[1].argc - 1], "--virtual");
	for (int i = 0; i < n; i++) {
		ck_assert(pts[i].is_point);
		ck_assert_uint_eq(pts[i].seed, e.seed);
		ck_assert_uint_eq(pts[i].repeat, 2);
		ck_assert_str_eq(pts[i].source, "exps/grow.exp");
		ck_assert_uint_eq(pts[i].line[EXP_RUN], 4);
		ck_assert_int_eq(exprun_check(&pts[i], "exps/grow.exp", err,
		    sizeof err), 0);
	}
	ck_assert_uint_eq(pts[2].point, 100);
	/* Reports name experiments by title: a point's says its value. */
	ck_assert_str_eq(pts[0].title, "G, vms 3");
	ck_assert_str_eq(pts[2].title, "G, vms 100");
	/* Too little room is said, not overrun. */
	ck_assert_int_eq(expfile_points(&e, pts, 2, err, sizeof err), -1);
}
END_TEST

/* A point, as the suite keeps it beside its runs, reads back as itself. */
START_TEST(a_point_reads_back_as_itself)
{
	static struct experiment pts[EXP_MAX_POINTS], again;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(parse("exps/grow.exp", "title = G\ndescription = D\n"
	    "sweep = vms 3 30\n"), 0);
	ck_assert_int_eq(expfile_points(&e, pts, EXP_MAX_POINTS, err,
	    sizeof err), 2);
	ck_assert_ptr_nonnull(f = open_memstream(&text, &len));
	expfile_write(f, &pts[1], "exps/grow.exp");
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "\nsweep = vms 3 30\npoint = 30\n"));
	ck_assert_int_eq(expfile_parse("res/grow-30/experiment.exp", text, len,
	    &again, err, sizeof err), 0);
	free(text);
	ck_assert(again.is_point && again.point == 30);
	ck_assert_str_eq(again.run, "--vms 30");
	ck_assert_uint_eq(again.seed, e.seed);
	/* A point is not swept again: it stands for itself. */
	ck_assert_int_eq(expfile_points(&again, pts, EXP_MAX_POINTS, err,
	    sizeof err), 1);
	ck_assert_str_eq(pts[0].run, "--vms 30");
	ck_assert_ptr_eq(pts[0].argv[0], pts[0].argbuf);
	ck_assert_str_eq(pts[0].argv[1], "30");
}
END_TEST

/* An experiment without a sweep stands for itself, its words its own. */
START_TEST(a_plain_experiment_lists_itself)
{
	static struct experiment one;

	ck_assert_int_eq(parse("exps/p.exp", "title = P\ndescription = D\n"
	    "run = --vms 4\nfault = kill:1@1\n"), 0);
	ck_assert_int_eq(expfile_points(&e, &one, 1, err, sizeof err), 1);
	ck_assert_str_eq(one.name, "p");
	ck_assert_int_eq(one.argc, e.argc);
	for (int i = 0; i < one.argc; i++) {
		ck_assert_str_eq(one.argv[i], e.argv[i]);
		ck_assert(one.argv[i] >= one.argbuf &&
		    one.argv[i] < one.argbuf + sizeof one.argbuf);
	}
}
END_TEST

/* The ring-size experiment: seven ring sizes, each a summary run. */
START_TEST(the_ring_size_experiment_sweeps_3_to_a_million)
{
	static struct experiment pts[EXP_MAX_POINTS];
	static const uint64_t sizes[] = { 3, 10, 100, 1000, 10000, 100000,
		1000000 };

	ck_assert_msg(expfile_load("experiments/ring-size.exp", &e, err,
	    sizeof err) == 0, "%s", err);
	ck_assert(e.is_virtual);
	ck_assert_int_eq(expfile_points(&e, pts, EXP_MAX_POINTS, err,
	    sizeof err), 7);
	for (int i = 0; i < 7; i++) {
		char want[64];
		ck_assert_uint_eq(pts[i].point, sizes[i]);
		snprintf(want, sizeof want, "--vms %llu",
		    (unsigned long long)sizes[i]);
		ck_assert_ptr_nonnull(strstr(pts[i].run, want));
		ck_assert_ptr_nonnull(strstr(pts[i].run, "--log summary"));
	}
}
END_TEST

Suite *
make_expfile_suite(void)
{
	Suite *s = suite_create("expfile");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, a_full_file_is_parsed);
	tcase_add_test(tc, a_written_experiment_reads_back_the_same);
	tcase_add_test(tc, defaults_are_five_repeats_of_sixty_seconds);
	tcase_add_loop_test(tc, a_bad_file_names_file_line_and_key, 0,
	    (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, fault_and_on_failure_become_options_of_each_run);
	tcase_add_test(tc, a_virtual_experiment_runs_each_repeat_in_model_time);
	tcase_add_test(tc, a_fault_fits_the_duration_and_ring_wherever_they_are_given);
	tcase_add_test(tc, the_most_words_a_file_may_give_all_reach_the_run);
	tcase_add_test(tc, the_grammar_leaves_the_options_to_the_run_parser);
	tcase_add_test(tc, a_nul_byte_or_a_huge_file_is_refused);
	tcase_add_test(tc, the_file_name_must_make_a_plain_directory_name);
	tcase_add_test(tc, repeats_get_different_seeds_that_never_change);
	tcase_add_test(tc, every_shipped_experiment_file_is_valid);
	tcase_add_test(tc, a_sweep_lists_an_experiment_per_value);
	tcase_add_test(tc, a_point_reads_back_as_itself);
	tcase_add_test(tc, a_plain_experiment_lists_itself);
	tcase_add_test(tc, the_ring_size_experiment_sweeps_3_to_a_million);
	suite_add_tcase(s, tc);
	return s;
}

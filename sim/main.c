/* sim/main.c -- the clockring command: subcommand dispatch and help */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/check/check.h"
#include "analysis/check/check_sum.h"
#include "analysis/compare/compare.h"
#include "analysis/export/export.h"
#include "analysis/report/notebook.h"
#include "analysis/stats/analyze.h"
#include "analysis/stats/figures.h"
#include "analysis/stats/summary.h"
#include "analysis/viewer/viewer.h"
#include "sim/gather.h"
#include "sim/handout.h"
#include "sim/jobs.h"
#include "sim/options.h"
#include "sim/orch.h"
#include "sim/replay.h"
#include "sim/run.h"
#include "sim/suite.h"
#include "vm/ring.h"
#include "vm/vm.h"

static const char usage_main[] =
"usage: clockring COMMAND [options]\n"
"\n"
"Lamport clocks at work: N virtual machines, each a process ticking at its\n"
"own rate, pass messages around a TCP ring and log every event.\n"
"\n"
"commands:\n"
"  run          run a simulation and write its run directory\n"
"  check        verify a run directory's invariants: check RUN_DIR\n"
"  analyze      statistics, data files and plots of runs: analyze RUN_DIR...\n"
"  experiments  run experiment files (experiments/*.exp), resumable\n"
"  compare      experiments side by side across repeats: compare RESULTS_DIR\n"
"  report       lab notebook of experiments, Markdown and HTML: report RESULTS_DIR\n"
"  replay       a run in the terminal, paced, stepped forward and back: replay RUN_DIR\n"
"  view         a run as an interactive space-time page (HTML): view RUN_DIR\n"
"  export       a run for ShiViz or Perfetto: export --shiviz|--perfetto RUN_DIR\n"
"  vm           run one VM by hand, e.g. on another host\n"
"  merge        gather hand-started VMs into one run: merge DIR... --out RUN_DIR\n"
"\n"
"  clockring COMMAND --help    options of one command\n"
"  clockring --version\n";

static const char usage_run[] =
"usage: clockring run [options]\n"
"\n"
"  --vms N               number of VMs: 2..256, with --virtual up to\n"
"                        1048576 [3]\n"
"  --duration S          model seconds to run, > 0 [60]\n"
"  --speed X             run X times faster than real time, > 0 [1]\n"
"  --rate-min A          lowest clock rate drawn, ticks per second [1]\n"
"  --rate-max B          highest clock rate drawn, 1..1000 [6]\n"
"  --rates R0,R1,...     one rate per VM instead of drawing them (not with\n"
"                        --rate-min or --rate-max)\n"
"  --draw-max K          idle ticks draw 1..K: 1 next, 2 prev, 3 both,\n"
"                        else internal; K >= 3 [10]\n"
"  --seed S              run seed, 0..2^64-1 [random, printed]\n"
"  --out DIR             run directory [runs/<date>-<time>-<seed>]\n"
"  --force               allow an existing, non-empty DIR (no file in it\n"
"                        is ever overwritten)\n"
"  --base-port P         VM i listens on port P+i [0: any free port]\n"
"  --bind ADDR           address the VMs listen on [127.0.0.1]\n"
"  --connect-timeout S   give up linking the ring after S seconds [10]\n"
"  --fault SPEC          a fault on purpose, up to 16 (T, D in model seconds):\n"
"                        kill:V@T, pause:V@T+D, slow:A->B@T+D:DELAY (DELAY\n"
"                        with its unit: 200ms, 1.5s) or partition:0-1|2,3@T+D\n"
"  --on-failure P        a VM ending badly: stop ends the run, continue\n"
"                        lets the others go on to the end [stop]\n"
"  --virtual             every VM in this process, in model time: as fast\n"
"                        as the machine goes, the same seed giving the same\n"
"                        bytes (not with --speed but for --live, --bind,\n"
"                        --base-port or --connect-timeout)\n"
"  --latency MIN[:MAX]   model ms a message takes, uniform in a range, on\n"
"                        top of the real network's (virtual: in all)\n"
"                        [real 0, virtual 0.025]\n"
"  --loss P              the chance, 0 to 1, that the network loses a\n"
"                        message (logged by its sender as LOSS) [0]\n"
"  --vector              keep vector clocks beside the Lamport clocks: a\n"
"                        vector column in every log [on up to 16 VMs]\n"
"  --no-vector           keep none: logs as before (format 3's lines)\n"
"  --log LEVEL           with --virtual: full (a log per VM), summary\n"
"                        (vms.csv, series.csv, jumps.csv: for big rings)\n"
"                        or off (run.meta alone) [full]\n"
"  --no-check            skip checking the logs at the end (for a big\n"
"                        run, to check later with clockring check)\n"
"  --quiet               print nothing but errors\n"
"  --live                watch the ring on the terminal as it runs (with\n"
"                        --virtual, paced by --speed): q ends the run as\n"
"                        Ctrl-C does, space pauses the view, ? the keys;\n"
"                        without a terminal, runs without the view\n"
"  --print-commands      run nothing: print the `clockring vm` command of\n"
"                        each VM, with a fresh run id, to start the ring by\n"
"                        hand (VM i listens on --bind or its --hosts entry,\n"
"                        port --base-port+i [7000+i]; --connect-timeout\n"
"                        [120]); then gather it with clockring merge\n"
"  --hosts H0,H1,...     with --print-commands: the host of each VM\n"
"\n"
"Numbers are plain decimals: 12 or 0.5, no sign, exponent or hex.\n"
"\n"
"exit status: 0 run complete and its logs pass `clockring check` (not\n"
"judged with --no-check), 1 run failed or broke a rule (logs kept), 2 bad\n"
"input, 130/143 interrupted by SIGINT/SIGTERM (logs kept)\n";

static const char usage_vm[] =
"usage: clockring vm --id I --run-id HEX --listen HOST:PORT --next HOST:PORT\n"
"                    --log FILE [options]\n"
"\n"
"Runs VM I of a ring whose other VMs are started the same way, by hand or\n"
"on other hosts (`clockring run --print-commands` prints every VM's\n"
"command). Each listens for its predecessor and connects to its\n"
"successor; a VM whose settings differ from its neighbour's is refused at\n"
"once, the setting named. No VM ticks before the whole ring is linked:\n"
"VM 0 starts them all together, each VM's clock offset measured. Beside\n"
"its log each VM writes vmI.meta, its part of run.meta; `clockring merge`\n"
"gathers the directories of all VMs into one run directory.\n"
"\n"
"  --id I                this VM's id, 0..N-1 (required)\n"
"  --run-id HEX          32 hex digits shared by the ring (required)\n"
"  --listen HOST:PORT    where the predecessor connects (required)\n"
"  --next HOST:PORT      where the successor listens (required)\n"
"  --log FILE            event log to create (required; must not exist,\n"
"                        nor vmI.meta beside it)\n"
"  --vms N               ring size, 2..256 [3]\n"
"  --rate R              ticks per second, 1..1000 [1]\n"
"  --draw-max K          [10]    --duration S  [60]    --speed X  [1]\n"
"  --seed S              [0]     --connect-timeout S  [10]\n"
"  --start-at T          Unix time in seconds of tick 0, the same for every\n"
"                        VM, clocks assumed to agree [when the ring is linked]\n"
"  --fault SPEC          slow:A->B@T+D:DELAY or partition:0-1|2,3@T+D, up\n"
"                        to 16; kill and pause are for `clockring run`.\n"
"                        Give every VM the same list.\n"
"  --on-failure P        a neighbour lost: stop (exit 3) or continue [stop]\n"
"  --latency MIN[:MAX]   model ms a message takes on top of the network's [0]\n"
"  --loss P              the chance a message to a neighbour is lost [0]\n"
"  --vector, --no-vector  vector clocks and the log's vector column, the\n"
"                        same for every VM [on up to 16 VMs]\n"
"\n"
"It tells on stderr where it links, its progress and how it ended.\n"
"\n"
"exit status: 0 ok, 1 error, 2 bad input or a ring that disagrees on a\n"
"setting (no log left), 3 a link broke, 4 interrupted\n";

static int
usage_error(const char *err, const char *cmd)
{
	fprintf(stderr, "clockring: %s (see 'clockring %s%s--help')\n", err,
	    cmd ? cmd : "", cmd ? " " : "");
	return 2;
}

/* check of a run with full logs, or of what a summary or logless run has. */
static int
check_any(const char *dir, FILE *out, FILE *err)
{
	int rc = check_sum_run(dir, figures_vm_header, out, err);

	return rc >= 0 ? rc : check_run(dir, out, err);
}

/*
 * A complete run is also a consistent one: `run` checks its own logs and
 * fails if they break a rule, most often tick timing when the machine
 * cannot keep up with --speed. The report is shown only then.
 */
static int
verify(const char *dir)
{
	char *report = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&report, &len);

	if (out == NULL) {
		perror("clockring: check");
		return 1;
	}
	int rc = check_any(dir, out, stderr);
	fclose(out);
	if (rc != 0) {
		fprintf(stderr, "%sclockring: the run in %s broke a rule of the "
		    "model (is --speed too high for this machine?)\n", report, dir);
		rc = 1;
	}
	free(report);
	return rc;
}

static int
cmd_run(int argc, char **argv, const char *argv0)
{
	struct run_opts o;
	char err[512], dir[PATH_MAX];
	int rc = options_run(argc, argv, &o, err, sizeof err);

	if (rc == 1) {
		fputs(usage_run, stdout);
		return 0;
	}
	if (rc == -1)
		return usage_error(err, "run");
	if (o.print_commands) {
		handout_print(&o, argv0, stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	/* check and analyze read the full logs of rings up to 256 VMs. */
	bool readable = o.log != OPT_LOG_FULL || o.vms <= OPT_MAX_VMS;
	rc = orch_run(&o, dir, sizeof dir);
	if (rc == 0 && !o.no_check && readable)
		rc = verify(dir);
	if (rc != 0 || o.quiet)
		return rc;
	if (!readable) {
		printf("\nlogs: %s/vm*.csv, not checked: %u VMs are more than "
		    "check and analyze read (%d); --log summary gives their "
		    "figures\n", dir, (unsigned)o.vms, OPT_MAX_VMS);
		return 0;
	}
	if (o.log != OPT_LOG_FULL) {
		printf("\n%s: %s/%s (verify with: clockring check %s)\n",
		    options_log_name(o.log), dir, o.log == OPT_LOG_SUMMARY ?
		    "{vms,series,jumps}.csv" : "run.meta", dir);
		return 0;
	}
	if (summary_print(dir, stdout, err, sizeof err) == -1) {
		fprintf(stderr, "clockring: %s\n", err);
		return 1;
	}
	printf("\nlogs: %s/vm*.csv (verify with: clockring check %s)\n", dir, dir);
	return 0;
}

static int
cmd_vm(int argc, char **argv)
{
	struct vm_opts o;
	struct stat st;
	char err[512];
	uint16_t port;
	int rc = options_vm(argc, argv, &o, err, sizeof err);

	if (rc == 1) {
		fputs(usage_vm, stdout);
		return 0;
	}
	if (rc == -1)
		return usage_error(err, "vm");
	/* The log is created with O_EXCL all the same (vm/logw.c): this is
	 * only to call an existing file what it is, bad input. */
	if (lstat(o.conf.log_path, &st) == 0) {
		snprintf(err, sizeof err, "--log '%s': exists (a log is never "
		    "written over)", o.conf.log_path);
		return usage_error(err, "vm");
	}
	if (lstat(o.conf.part_path, &st) == 0) {
		snprintf(err, sizeof err, "'%s': exists, the part of run.meta "
		    "this VM writes beside its log (never written over)",
		    o.conf.part_path);
		return usage_error(err, "vm");
	}
	o.conf.version = CLOCKRING_VERSION;
	if (ring_listen(o.listen_host, o.listen_port, &o.conf.listen_fd,
	    &port, err, sizeof err) == -1)
		return usage_error(err, "vm");
	return vm_run(&o.conf);
}

static const char usage_experiments[] =
"usage: clockring experiments [options] FILE.exp...\n"
"\n"
"Runs every repeat of every experiment file (see README: Adding an\n"
"experiment) into RESULTS/NAME/R/, each with its own recorded seed, and\n"
"analyzes it. A finished run is kept when its run.meta shows the settings\n"
"the suite would use now; an interrupted or failed one is run again, so\n"
"an interrupted suite resumes where it stopped. Finished runs made with\n"
"other settings (an edited file, another --speed) are named, and the\n"
"suite refuses without touching anything unless --force.\n"
"A file with a sweep key (sweep = vms 3 10 100) stands for one\n"
"experiment per value, NAME-VALUE (RESULTS/ring-size-100/R/), each with\n"
"the swept option added to its run and the file's seeds; compare and\n"
"report plot them against the value.\n"
"\n"
"  --out DIR             results directory [results]\n"
"  --jobs J              runs at once, 1..256 [16]\n"
"  --speed X             --speed of every run [1]\n"
"  --force               redo every run, finished or not\n"
"  --plan                run nothing: print a command per run still to do,\n"
"                        for GNU parallel or a Slurm job array (see README:\n"
"                        Sweeps on a cluster); the experiment files are\n"
"                        copied and stale runs refused as without it\n"
"\n"
"A line of a plan is `clockring experiments --job RUN-OPTIONS`: one run,\n"
"with its --out=RESULTS/NAME/R, made and analyzed as the suite makes it\n"
"(a run or an empty directory in its place is cleared first).\n"
"\n"
"SIGINT or SIGTERM stops every run at once and says what was kept; a\n"
"second one kills the runs still stopping.\n"
"\n"
"exit status: 0 all runs done, 1 a run failed, 2 bad input or finished\n"
"runs made with other settings, 130/143 interrupted by SIGINT/SIGTERM\n"
"(finished runs are kept); with --plan, 1 the plan could not be written;\n"
"a --job line exits as its run, or its analysis after it\n";

/* Our own executable, to run `run` and `analyze` for each experiment. */
static const char *
self_path(const char *argv0)
{
	static char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);

	if (n <= 0)
		return argv0;	/* no /proc: argv[0] works when it has a '/' */
	path[n] = '\0';
	return path;
}

static int
cmd_experiments(int argc, char **argv, const char *argv0)
{
	struct suite_opts o;
	char err[512];
	int rc;

	/* A line of a plan: everything after --job is the run's. */
	if (argc > 0 && strcmp(argv[0], "--job") == 0)
		return jobs_one(self_path(argv0), argc - 1, argv + 1);
	rc = options_suite(argc, argv, &o, err, sizeof err);
	/* options_suite's 1 is --help; suite_run's 1 is a failed run. */
	if (rc == 1) {
		fputs(usage_experiments, stdout);
		rc = 0;
	} else if (rc == -1)
		rc = usage_error(err, "experiments");
	else if (o.plan)
		rc = suite_plan(&o, self_path(argv0));
	else
		rc = suite_run(&o, self_path(argv0));
	free(o.files);
	return rc;
}

static int
cmd_check(int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "--help") == 0) {
		puts("usage: clockring check RUN_DIR\n\n"
		    "Verifies every rule of a run directory (docs/FORMAT.md) and names\n"
		    "each violation as FILE:LINE: RULE: what is wrong. The logs are\n"
		    "parsed in a thread per core; CLOCKRING_THREADS=1 in the environment\n"
		    "parses them in one (the same output, to compare).\n\n"
		    "exit status: 0 all rules hold, 1 a rule is broken, 2 bad input");
		return 0;
	}
	if (argc != 1)
		return usage_error("check takes one run directory", "check");
	return check_any(argv[0], stdout, stderr);
}

int
main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (cmd == NULL) {
		fputs(usage_main, stderr);
		return 2;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("clockring %s\n", CLOCKRING_VERSION);
		return 0;
	}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 2, argv + 2, argv[0]);
	if (strcmp(cmd, "vm") == 0)
		return cmd_vm(argc - 2, argv + 2);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 2, argv + 2);
	if (strcmp(cmd, "merge") == 0)
		return gather_main(argc - 2, argv + 2);
	if (strcmp(cmd, "experiments") == 0)
		return cmd_experiments(argc - 2, argv + 2, argv[0]);
	if (strcmp(cmd, "analyze") == 0)
		return analyze_main(argc - 2, argv + 2);
	if (strcmp(cmd, "compare") == 0)
		return compare_main(argc - 2, argv + 2);
	if (strcmp(cmd, "report") == 0)
		return notebook_main(argc - 2, argv + 2);
	if (strcmp(cmd, "replay") == 0)
		return replay_main(argc - 2, argv + 2);
	if (strcmp(cmd, "view") == 0)
		return viewer_main(argc - 2, argv + 2);
	if (strcmp(cmd, "export") == 0)
		return export_main(argc - 2, argv + 2);
	char err[128];
	snprintf(err, sizeof err, "unknown command '%s'", cmd);
	return usage_error(err, NULL);
}

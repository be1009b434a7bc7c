/* sim/options.h -- command-line options of `run` and `vm`: parsing, validation */
#ifndef SIM_OPTIONS_H
#define SIM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/core/fault.h"
#include "vm/core/vmend.h"
#include "vm/vm.h"

#define OPT_MAX_VMS	256	/* real time: each VM a process */
/*
 * Virtual time: the random streams of the links (vm/core/rng.h) hold a
 * VM id in 20 bits, so 2^20 VMs, a million and more.
 */
#define OPT_MAX_VIRTUAL_VMS	(UINT32_C(1) << 20)
#define OPT_MAX_RATE	1000
/*
 * Vector clocks are on by default up to this ring size: a line's vector
 * column grows with N (docs/DESIGN.md says why 16). --vector, --no-vector.
 */
#define OPT_VECTOR_AUTO_MAX	16

/* --fault, in the order given; judged against --vms and --duration only
 * once every option is read, so the order of options does not matter. */
struct opt_faults {
	struct fault f[FAULT_MAX];
	const char *arg[FAULT_MAX];	/* each spec as given, for messages */
	uint32_t n;
};

/*
 * --latency MIN[:MAX]: model milliseconds a message takes on top of the
 * real network's own delay; in virtual mode, all of its delay.
 */
#define OPT_LATENCY_VIRTUAL_MS	0.025	/* loopback TCP one way, measured */
#define OPT_LATENCY_MAX_MS	60000

struct opt_latency {
	double min_ms, max_ms;		/* uniform in [min, max]; equal: fixed */
	bool given;			/* else the mode's default */
};

/* --log: what a virtual run writes beside run.meta (docs/FORMAT.md). */
enum opt_log {
	OPT_LOG_FULL,		/* vmI.csv, every event */
	OPT_LOG_SUMMARY,	/* vms.csv, series.csv, jumps.csv */
	OPT_LOG_OFF,		/* nothing: the model alone */
};

struct run_opts {
	uint32_t vms;
	double duration_s, speed;
	uint32_t rate_min, rate_max;
	uint32_t rates[OPT_MAX_VMS];	/* from --rates, else drawn later */
	uint32_t nrates;		/* 0: no --rates */
	const char *rates_arg;		/* --rates as given, for messages */
	uint32_t draw_max;
	uint64_t seed;
	bool seed_given;
	const char *out;		/* NULL: runs/<timestamp>-<seed> */
	bool force;
	uint32_t base_port;		/* 0: ephemeral ports */
	const char *bind;
	double connect_timeout_s;
	bool quiet;
	bool no_check;			/* --no-check: run does not check its logs */
	struct opt_faults faults;	/* --fault */
	enum vm_on_failure on_failure;	/* --on-failure */
	bool virtual;			/* --virtual: model time, one process */
	struct opt_latency latency;	/* --latency, model ms */
	double loss;			/* --loss: the share lost, 0..1 */
	bool vector;			/* vector clocks: --vector, --no-vector,
					 * else on up to OPT_VECTOR_AUTO_MAX */
	bool live;			/* --live: watch it on the terminal */
	double pace;			/* model seconds a second of the view
					 * shows: --speed (virtual: its own,
					 * the model's speed staying 1) */
	bool print_commands;		/* --print-commands: say, run nothing */
	const char *hosts;		/* --hosts H0,H1,...: where each VM is */
	bool connect_timeout_given;
	enum opt_log log;		/* --log; real time: full */
};

/* `clockring vm`: one VM by hand; addresses stay strings until used. */
struct vm_opts {
	struct vm_conf conf;
	const char *listen;		/* HOST:PORT */
	const char *next;		/* HOST:PORT */
	char next_host[256];
	uint16_t listen_port;
	char listen_host[256];
	char part_path[4096 + 32];	/* vmI.meta beside the log */
	double start_at;		/* Unix seconds, up to 1e10 (its ns fit
					 * in 64 bits); 0: as soon as linked */
	struct opt_faults faults;	/* --fault: slow links, partitions */
	enum vm_on_failure on_failure;	/* --on-failure */
	struct opt_latency latency;	/* --latency, model ms */
};

/* `clockring experiments`: where, how fast, how many at once, which. */
struct suite_opts {
	const char *out;		/* results directory */
	uint32_t jobs;			/* runs at once */
	double speed;			/* --speed of every run */
	bool force;			/* redo finished runs */
	bool plan;			/* print the runs to do, run none */
	char **files;			/* experiment files (allocated) */
	int nfiles;
};

/* `clockring replay`: the run shown, from where, at what pace. */
struct replay_opts {
	const char *dir;		/* RUN_DIR */
	double speed;			/* model seconds a real second */
	double at_s;			/* model second to start at */
	bool paused;			/* start paused */
};

/* "full", "summary", "off". */
const char *options_log_name(enum opt_log l);

/* --latency as the core's network: model ms into ns. */
struct inbox_net options_net(const struct opt_latency *l);

/* 0 parsed, 1 help asked, -1 bad input (err holds one line). */
int options_run(int argc, char **argv, struct run_opts *o, char *err,
    size_t errlen);
int options_vm(int argc, char **argv, struct vm_opts *o, char *err,
    size_t errlen);
int options_suite(int argc, char **argv, struct suite_opts *o, char *err,
    size_t errlen);
int options_replay(int argc, char **argv, struct replay_opts *o, char *err,
    size_t errlen);

#endif

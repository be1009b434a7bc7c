/* sim/orch.c -- the orchestrator: fork the VMs, start them together, wait */
#define _DEFAULT_SOURCE	/* syscall(): close_range has no POSIX name */
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/inject.h"
#include "sim/live.h"
#include "sim/metafile.h"
#include "sim/orch.h"
#include "sim/outdir.h"
#include "sim/run.h"
#include "sim/verdict.h"
#include "sim/vlogs.h"
#include "sim/vtime.h"
#include "vm/clock.h"
#include "vm/core/fault.h"
#include "vm/core/num.h"
#include "vm/ring.h"
#include "vm/core/rng.h"
#include "vm/sig.h"
#include "vm/vm.h"

/* From "go" to tick 0, time for every VM to read it even on a busy machine. */
#define LEAD_NS(n)	(100000000u + 1000000u * (n))
#define GRACE_NS	5000000000u	/* after SIGTERM, before SIGKILL */
#define SLACK_NS	10000000000u	/* past the planned end, a VM is hung */
#define REAL_TIME_SHOWN_S	5	/* a shorter run does not say how long */

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* The run id tells this run's VMs from any other's: 128 fresh random bits. */
void
orch_run_id(uint8_t id[WIRE_RUN_ID_LEN])
{
	int fd = open("/dev/urandom", O_RDONLY);
	bool ok = fd != -1 && read(fd, id, WIRE_RUN_ID_LEN) == WIRE_RUN_ID_LEN;

	if (fd != -1)
		close(fd);
	if (!ok) {	/* no /dev/urandom: time and pid still differ per run */
		struct rng g;
		rng_seed(&g, clock_real_ns() ^ clock_mono_ns(), (uint64_t)getpid());
		for (size_t i = 0; i < WIRE_RUN_ID_LEN; i++)
			id[i] = (uint8_t)rng_next(&g);
	}
}

static void
make_ids(struct run *r)
{
	orch_run_id(r->run_id);
	if (!r->o->seed_given)
		memcpy(&r->seed, r->run_id, sizeof r->seed);
	/* No stranger can join a virtual ring: its id comes from the seed,
	 * so that one seed gives the same run directory, byte for byte. */
	if (r->o->virtual) {
		struct rng g;
		rng_seed(&g, r->seed, RNG_STREAM_RUN_ID);
		for (size_t i = 0; i < sizeof r->run_id; i++)
			r->run_id[i] = (uint8_t)rng_next(&g);
	}
}

/* Each VM's rate and the range run.meta records: drawn from the seed, or
 * --rates with the range of the rates given. */
void
orch_rates(const struct run_opts *o, uint64_t seed, uint32_t *rates,
    uint32_t *rate_min, uint32_t *rate_max)
{
	struct rng g;

	rng_seed(&g, seed, RNG_STREAM_RATES);
	*rate_min = o->nrates ? OPT_MAX_RATE : o->rate_min;
	*rate_max = o->nrates ? 1 : o->rate_max;
	for (uint32_t i = 0; i < o->vms; i++) {
		rates[i] = o->nrates ? o->rates[i] :
		    (uint32_t)rng_range(&g, o->rate_min, o->rate_max);
		if (o->nrates && rates[i] < *rate_min)
			*rate_min = rates[i];
		if (o->nrates && rates[i] > *rate_max)
			*rate_max = rates[i];
	}
}

/*
 * The orchestrator holds two descriptors per VM (its listening socket until
 * the fork, and its control socket) besides its own few: 256 VMs need more
 * than some systems' default soft limit of 1024 minus what is in use. Raise
 * the soft limit up to the hard one when needed, or say what is missing.
 */
static int
enough_fds(const struct run *r, char *err, size_t errlen)
{
	/* Virtual: a log file per VM with --log full, a bounded set of them
	 * above OPT_MAX_VMS (sim/vlogs.c), else none. */
	const struct run_opts *o = r->o;
	rlim_t logs = o->log != OPT_LOG_FULL ? 0 : o->vms > OPT_MAX_VMS ?
	    VLOGS_FILES : o->vms;
	rlim_t need = (o->virtual ? logs : 2 * (rlim_t)o->vms) + 64;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur >= need)
		return 0;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need) {
		snprintf(err, errlen, "--vms %u needs %lu open files, the limit is "
		    "%lu (raise it with ulimit -n)", (unsigned)r->o->vms,
		    (unsigned long)need, (unsigned long)rl.rlim_max);
		return -1;
	}
	rl.rlim_cur = need;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1) {
		snprintf(err, errlen, "raising the open-file limit to %lu: %s",
		    (unsigned long)need, strerror(errno));
		return -1;
	}
	return 0;
}

/* Listen for every VM here, before forking: a port in use is bad input. */
static int
open_ports(struct run *r, char *err, size_t errlen)
{
	const struct run_opts *o = r->o;
	char why[200];

	for (uint32_t i = 0; i < o->vms; i++) {
		uint32_t port = o->base_port ? o->base_port + i : 0;
		if (ring_listen(o->bind, (uint16_t)port, &r->listen_fd[i],
		    &r->ports[i], why, sizeof why) == -1) {
			snprintf(err, errlen, "%s %s", o->base_port ? "--base-port:" :
			    "--bind:", why);
			return -1;
		}
	}
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

static int
cmp_fd(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Close the n descriptors in fd, a run of consecutive ones at a time where
 * the system can: every VM inherits the other VMs' sockets, about N each
 * and N^2 in all, and they lie side by side.
 */
static void
close_fds(int *fd, size_t n)
{
	qsort(fd, n, sizeof *fd, cmp_fd);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && fd[j] == fd[j - 1] + 1; j++)
			;
#ifdef SYS_close_range
		if (syscall(SYS_close_range, (unsigned)fd[i], (unsigned)fd[j - 1],
		    0u) == 0)
			continue;
#endif
		for (size_t k = i; k < j; k++)	/* an older kernel */
			close(fd[k]);
	}
}

/* In the child: keep only our own sockets, then become VM id. */
static void
child(struct run *r, uint32_t id, int ctl, pid_t parent)
{
	const struct run_opts *o = r->o;
	char log[PATH_MAX + 32];
	int others[2 * OPT_MAX_VMS];
	size_t n = 0;

#ifdef __linux__
	/* Should the orchestrator die, nothing is left running. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(VM_ERROR);
#else
	(void)parent;
#endif
	/* A live view's curses may have caught these; they are the
	 * orchestrator's terminal's business, not ours. */
	signal(SIGTSTP, SIG_DFL);
	signal(SIGWINCH, SIG_DFL);
	for (uint32_t j = 0; j < o->vms; j++) {
		if (j != id && r->listen_fd[j] != -1)
			others[n++] = r->listen_fd[j];
		if (r->ctl_fd[j] != -1)
			others[n++] = r->ctl_fd[j];
	}
	close_fds(others, n);
	snprintf(log, sizeof log, "%s/vm%u.csv", r->dir, (unsigned)id);
	struct vm_conf c = {
		.id = id, .n = o->vms, .rate = r->rates[id], .draw_max = o->draw_max,
		.duration_s = o->duration_s, .speed = o->speed, .seed = r->seed,
		.listen_fd = r->listen_fd[id], .next_host = o->bind,
		.next_port = r->ports[(id + 1) % o->vms],
		.connect_timeout_s = o->connect_timeout_s, .log_path = log,
		.ctl_fd = ctl, .on_failure = o->on_failure, .faults = o->faults.f,
		.nfaults = o->faults.n, .net = options_net(&o->latency),
		.loss = o->loss, .vector = o->vector, .feed = live_feed(r->live),
	};
	memcpy(c.run_id, r->run_id, sizeof c.run_id);
	_exit(vm_run(&c));
}

/*
 * Fork every VM. Signals stay blocked across fork until the VM has put up
 * its own handlers (vm_run unblocks them), so a Ctrl-C at this moment is
 * kept for the VM rather than lost to the orchestrator's handler.
 */
static int
spawn(struct run *r, char *err, size_t errlen)
{
	pid_t parent = getpid();
	int rc = 0;

	sig_block(1);
	fflush(NULL);
	for (uint32_t i = 0; i < r->o->vms && rc == 0; i++) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1) {
			rc = -1;
			break;
		}
		switch (r->pid[i] = fork()) {
		case -1:
			r->pid[i] = 0;
			close(sv[0]);
			close(sv[1]);
			rc = -1;
			break;
		case 0:
			close(sv[0]);
			child(r, i, sv[1], parent);
			break;
		default:
			close(sv[1]);
			r->ctl_fd[i] = sv[0];
			close_fd(&r->listen_fd[i]);
		}
	}
	if (rc == -1)
		snprintf(err, errlen, "starting VMs: %s", strerror(errno));
	sig_block(0);
	return rc;
}

static void
signal_all(struct run *r, int sig)
{
	for (uint32_t i = 0; i < r->o->vms; i++)
		if (r->pid[i] > 0)
			kill(r->pid[i], sig);
}

/*
 * Has VM i ended? Its control socket is readable when it has (EOF), but
 * also when it said it was linked ('R') after the start was given up:
 * that VM lives on, and waiting for it here would hold up its SIGKILL.
 */
static bool
ended(struct run *r, uint32_t i)
{
	char c;
	ssize_t n;

	while ((n = read(r->ctl_fd[i], &c, 1)) == -1 && errno == EINTR)
		;
	return n <= 0;
}

/*
 * Nothing more will be said to the VMs: a VM still waiting for the start
 * reads EOF and stops at once, even if its SIGTERM came just before it
 * began to wait, too early to cut the wait short.
 */
static void
say_no_more(struct run *r)
{
	for (uint32_t i = 0; i < r->o->vms; i++)
		if (r->ctl_fd[i] != -1)
			shutdown(r->ctl_fd[i], SHUT_WR);
}

static void
reap(struct run *r, uint32_t i)
{
	int st;

	while (waitpid(r->pid[i], &st, 0) == -1 && errno == EINTR)
		;
	r->pid[i] = 0;
	close_fd(&r->ctl_fd[i]);
	verdict_name_exit(r, i, st);
}

/* Wait until VMs speak or end; returns the index of one that did, or -1. */
static int
poll_vms(struct run *r, int ms)
{
	struct pollfd p[OPT_MAX_VMS];

	/* poll() passes over negative fds: reaped VMs. */
	for (uint32_t i = 0; i < r->o->vms; i++)
		p[i] = (struct pollfd){ .fd = r->ctl_fd[i], .events = POLLIN };
	if (poll(p, r->o->vms, ms) <= 0)
		return -1;
	for (uint32_t i = 0; i < r->o->vms; i++)
		if (p[i].revents != 0)
			return (int)i;
	return -1;
}

/*
 * The start barrier: every VM says it is linked, then all get one start.
 * Each poll hears every VM that spoke, not only the first: much of a big
 * ring is linked by the time the last VM is forked, and hearing them one
 * poll of all N each would be N^2 polls.
 */
static int
start_together(struct run *r)
{
	uint64_t deadline = clock_mono_ns() +
	    (uint64_t)(r->o->connect_timeout_s * 1e9) + GRACE_NS;
	uint32_t ready = 0;
	struct pollfd p[OPT_MAX_VMS];
	char c;

	/* poll() passes over negative fds: those of the VMs heard. */
	for (uint32_t i = 0; i < r->o->vms; i++)
		p[i] = (struct pollfd){ .fd = r->ctl_fd[i], .events = POLLIN };
	while (ready < r->o->vms) {
		if (got_signal || clock_mono_ns() > deadline)
			return -1;
		if (poll(p, r->o->vms, 100) <= 0)
			continue;
		for (uint32_t i = 0; i < r->o->vms; i++) {
			if (p[i].fd == -1 || p[i].revents == 0)
				continue;
			if (read(r->ctl_fd[i], &c, 1) != 1 || c != 'R')
				return -1;	/* it exited: wait_all says how */
			p[i].fd = -1;
			ready++;
		}
	}
	uint64_t mono = clock_mono_ns();
	r->start_wall_ns = clock_real_ns() + LEAD_NS(r->o->vms);
	inject_start(r, mono + LEAD_NS(r->o->vms));
	r->end_wall_ns = r->start_wall_ns + (uint64_t)(r->o->duration_s /
	    r->o->speed * 1e9);
	for (uint32_t i = 0; i < r->o->vms; i++)
		if (write(r->ctl_fd[i], &r->start_wall_ns, 8) != 8)
			return -1;
	return 0;
}

/* How long poll may wait: 100 ms at most, and not past the next fault. */
static int
poll_ms(const struct run *r, uint64_t now)
{
	uint64_t next = inject_next_ns(r);

	if (next <= now)
		return 0;
	if (next - now >= 100000000u)
		return 100;
	return (int)((next - now + 999999) / 1000000);	/* never early */
}

/*
 * Wait for every VM to end, carrying out the faults and drawing the live
 * view's frames when due. A signal to us (or q) ends the run, and so does
 * a VM ending badly unless --on-failure continue: the others get SIGTERM
 * (they stop, drain and log), paused VMs SIGCONT so they can, and
 * SIGKILL if they have not ended GRACE_NS later. A run past its end plus
 * SLACK_NS is hung, and ended the same way.
 */
static void
wait_all(struct run *r, bool started)
{
	uint64_t hung_at = clock_mono_ns() + SLACK_NS +
	    (uint64_t)(r->o->duration_s / r->o->speed * 1e9);
	uint64_t kill_at = 0;
	uint32_t left = r->o->vms;
	bool ending = !started;

	for (;;) {
		uint64_t now = clock_mono_ns();
		if (!ending && (got_signal || now > hung_at)) {
			if (!got_signal)
				snprintf(r->error, sizeof r->error, "VMs still running "
				    "%.0f s after the planned end", SLACK_NS / 1e9);
			ending = true;
		}
		if (ending && kill_at == 0) {
			signal_all(r, SIGTERM);
			say_no_more(r);
			inject_stop(r);
			kill_at = now + GRACE_NS;
		}
		if (kill_at != 0 && now > kill_at)
			signal_all(r, SIGKILL);
		if (left == 0)
			break;
		inject_due(r, now);
		live_frame(r->live);
		int i = poll_vms(r, live_wait_ms(r->live,
		    poll_ms(r, clock_mono_ns())));
		if (i < 0 || !ended(r, (uint32_t)i))
			continue;
		reap(r, (uint32_t)i);
		left--;
		if (verdict_ended_well(r, (uint32_t)i))
			continue;
		if (!ending && r->first_bad < 0)
			r->first_bad = i;
		if (r->o->on_failure == VM_ON_FAILURE_STOP)
			ending = true;
	}
}

/*
 * The run's end on record, then (live) on the screen until the user leaves
 * it, then said: the view gives the terminal back first.
 */
static int
finish(struct run *r)
{
	char err[512] = "";
	int rc = 0;

	verdict_blame(r);
	if (got_signal) {
		r->status = RUN_INTERRUPTED;
		r->failed_vm = -1;
		rc = 128 + got_signal;
	} else if (r->failed_vm >= 0 || r->error[0] != '\0') {
		r->status = RUN_FAILED;
		rc = ORCH_FAILED;
	} else {
		r->status = RUN_COMPLETE;
	}
	int written = metafile_write(r, err, sizeof err);
	live_end(r->live, runmeta_status_name(r->status));
	r->live = NULL;
	if (written == -1) {
		/* The one line to say: the run's own end is not on record. */
		fprintf(stderr, "clockring: %s\n", err);
		return rc ? rc : ORCH_FAILED;
	}
	if (rc == ORCH_FAILED)
		fprintf(stderr, "clockring: run failed (%s); logs kept in %s\n",
		    r->error, r->dir);
	else if (rc != 0)
		fprintf(stderr, "clockring: interrupted; logs kept in %s\n", r->dir);
	return rc;
}

/*
 * " (1 min 30 s real time)": a run of s real seconds is worth a word, so
 * that no one waits at speed 1 without knowing how long; "" for a run
 * over in moments. Seconds under an hour, minutes above.
 */
static void
real_time(char *buf, size_t len, double s)
{
	uint64_t sec = (uint64_t)(s + 0.5), min = (uint64_t)(s / 60 + 0.5);

	if (s < REAL_TIME_SHOWN_S)
		buf[0] = '\0';
	else if (sec < 60)
		snprintf(buf, len, " (%" PRIu64 " s real time)", sec);
	else if (sec < 3600 && sec % 60 == 0)
		snprintf(buf, len, " (%" PRIu64 " min real time)", sec / 60);
	else if (sec < 3600)
		snprintf(buf, len, " (%" PRIu64 " min %" PRIu64 " s real time)",
		    sec / 60, sec % 60);
	else if (min % 60 == 0)
		snprintf(buf, len, " (%" PRIu64 " h real time)", min / 60);
	else
		snprintf(buf, len, " (%" PRIu64 " h %" PRIu64 " min real time)",
		    min / 60, min % 60);
}

static void
announce(const struct run *r)
{
	const struct run_opts *o = r->o;
	char dur[NUM_TEXT_MAX], speed[NUM_TEXT_MAX], real[64];

	if (o->quiet)
		return;
	/* The numbers as they are typed: 10000000, not 1e+07. */
	num_format(dur, sizeof dur, o->duration_s);
	num_format(speed, sizeof speed, o->speed);
	real_time(real, sizeof real, o->duration_s / o->speed);
	if (o->virtual)
		printf("clockring: %u VMs, %s model seconds in virtual time, seed "
		    "%" PRIu64 "\nclockring: rates", (unsigned)o->vms, dur, r->seed);
	else
		printf("clockring: %u VMs, %s model seconds at speed %s%s, seed "
		    "%" PRIu64 "\nclockring: rates", (unsigned)o->vms, dur, speed,
		    real, r->seed);
	/* A big ring's rates would fill the terminal: their range says it. */
	if (o->vms > OPT_MAX_VMS)
		printf(" drawn from %u-%u", (unsigned)r->rate_min,
		    (unsigned)r->rate_max);
	for (uint32_t i = 0; i < o->vms && o->vms <= OPT_MAX_VMS; i++)
		printf(" %u", (unsigned)r->rates[i]);
	printf(" ticks/s; %s in %s\n", o->log == OPT_LOG_FULL ? "logs" :
	    o->log == OPT_LOG_SUMMARY ? "summary" : "run.meta", r->dir);
	if (o->faults.n == 0 && o->on_failure == VM_ON_FAILURE_STOP)
		return;
	printf("clockring: on failure %s; faults",
	    vmend_policy_name(o->on_failure));
	for (uint32_t i = 0; i < o->faults.n; i++) {
		char spec[FAULT_TEXT_MAX];
		fault_format(&o->faults.f[i], spec, sizeof spec);
		printf(" %s", spec);
	}
	printf("%s\n", o->faults.n ? "" : " none");
}

/* Returns the exit status of `clockring run`; dir receives the run directory. */
int
orch_run(const struct run_opts *o, char *dir, size_t dirlen)
{
	struct run *r = run_new(o);
	char err[512];
	int rc = ORCH_USAGE;

	if (r == NULL) {
		fprintf(stderr, "clockring: out of memory\n");
		return ORCH_FAILED;
	}
	sig_catch(on_signal);
	make_ids(r);
	orch_rates(o, r->seed, r->rates, &r->rate_min, &r->rate_max);
	/* Ports first: a run refused for a port in use leaves no directory. */
	if (enough_fds(r, err, sizeof err) == -1 ||
	    (!o->virtual && open_ports(r, err, sizeof err) == -1) ||
	    outdir_prepare(r, err, sizeof err) == -1) {
		fprintf(stderr, "clockring: %s\n", err);
		goto out;
	}
	/* The first run.meta makes the run: without it, nothing is left
	 * that looks like one. */
	if (metafile_write(r, err, sizeof err) == -1) {
		fprintf(stderr, "clockring: %s\n", err);
		outdir_discard(r);
		goto out;
	}
	snprintf(dir, dirlen, "%s", r->dir);
	announce(r);
	r->live = live_open(r, &got_signal);
	if (o->virtual)
		vtime_run(r, &got_signal, r->error, sizeof r->error);
	else {
		bool started = spawn(r, r->error, sizeof r->error) == 0 &&
		    start_together(r) == 0;
		if (started)
			live_start(r->live, r->start_mono_ns);
		wait_all(r, started);
	}
	rc = finish(r);
out:
	run_free(r);
	return rc;
}

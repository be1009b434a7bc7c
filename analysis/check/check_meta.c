/* analysis/check/check_meta.c -- the check rules on run.meta */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/checker.h"
#include "analysis/rundir/meta.h"
#include "lib/errmsg.h"
#include "vm/core/runmeta.h"
#include "vm/core/vmend.h"

/*
 * The reader (vm/core/runmeta.c) judges each key by itself: missing, not
 * a number, out of its bounds. Each such problem is a meta violation,
 * said as it is found. What is left here are the rules between keys, and
 * between run.meta and how the run went.
 */

static bool
ok(const struct checker *c, enum runmeta_key k, uint32_t i)
{
	return runmeta_ok(&c->seen, k, i);
}

/* A meta violation on the line of key k (entry i), 0 if it is missing. */
__attribute__((format(printf, 4, 5))) static void
meta_bad(struct checker *c, enum runmeta_key k, uint32_t i, const char *fmt,
    ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	check_violation(c, c->meta_path, runmeta_line(&c->seen, k, i), RULE_META,
	    "%s", why);
}

/*
 * The reader's word on a key: a violation, when there is a report. A
 * VM's end that is none is kept as written, for the run-status rule.
 */
static void
told(void *ctx, const struct runmeta_problem *p)
{
	struct checker *c = ctx;

	if (p->key == RUNMETA_KEY_EXIT && p->value != NULL)
		snprintf(c->bad_end[p->index], sizeof c->bad_end[p->index],
		    "%s", p->value);
	if (c->out != NULL)
		check_violation(c, c->meta_path, p->line, RULE_META, "%s",
		    p->why);
}

/* Each VM's rate within rate_min..rate_max: 0, or -1 if one is unusable. */
static int
check_rates(struct checker *c)
{
	const struct runmeta *m = &c->meta;
	uint32_t lo = 1, hi = UINT32_MAX;
	int rc = 0;

	if (ok(c, RUNMETA_KEY_RATE_MIN, 0) && ok(c, RUNMETA_KEY_RATE_MAX, 0)) {
		if (m->rate_max >= m->rate_min) {
			lo = m->rate_min;
			hi = m->rate_max;
		} else {
			meta_bad(c, RUNMETA_KEY_RATE_MAX, 0, "rate_max=%" PRIu32
			    " is below rate_min=%" PRIu32, m->rate_max,
			    m->rate_min);
		}
	}
	for (uint32_t i = 0; i < c->nvms; i++) {
		if (!ok(c, RUNMETA_KEY_RATE, i))
			rc = -1;
		else if (m->rate[i] < lo || m->rate[i] > hi) {
			meta_bad(c, RUNMETA_KEY_RATE, i, "vm%" PRIu32 ".rate=%"
			    PRIu32 ": not in %" PRIu32 "..%" PRIu32, i,
			    m->rate[i], lo, hi);
			rc = -1;
		} else
			c->vm[i].rate = m->rate[i];
	}
	return rc;
}

/* Was VM vm the target of a kill fault? */
static int
kill_planned(const struct checker *c, uint32_t vm)
{
	for (uint32_t i = 0; i < c->meta.nfaults; i++)
		if (ok(c, RUNMETA_KEY_FAULT, i) &&
		    c->meta.fault[i].kind == FAULT_KILL &&
		    c->meta.fault[i].vm == vm)
			return 1;
	return 0;
}

/* Paused VMs catch up their ticks; under continue the others go on. */
static void
read_faults(struct checker *c)
{
	for (uint32_t i = 0; i < c->meta.nfaults; i++)
		if (ok(c, RUNMETA_KEY_FAULT, i) &&
		    c->meta.fault[i].kind == FAULT_PAUSE)
			c->vm[c->meta.fault[i].vm].paused = 1;
	c->go_on = c->meta.on_failure == VM_ON_FAILURE_CONTINUE;
}

/* How VM vm ended; one that died may have lost what was in flight. */
static void
read_vm_end(struct checker *c, uint32_t vm)
{
	const struct vmend *e = &c->meta.end[vm];

	if (!ok(c, RUNMETA_KEY_EXIT, vm))
		return;
	if (e->kind == VMEND_RUNNING) {
		meta_bad(c, RUNMETA_KEY_EXIT, vm, "vm%" PRIu32 ".exit 'running': "
		    "not ok, interrupted, link-broken, killed, error, 'exit N' "
		    "or 'signal N'", vm);
		return;
	}
	if (e->kind == VMEND_KILLED && !kill_planned(c, vm))
		meta_bad(c, RUNMETA_KEY_EXIT, vm, "vm%" PRIu32 ".exit=killed, "
		    "but no kill fault names vm%" PRIu32, vm, vm);
	c->vm[vm].dead = vmend_died(e);
}

/*
 * Keys written when the run ended: its start and planned end, and how
 * each VM ended. 0 if start_wall_ns is usable, for the tick rules; a run
 * that ended before its start has none (both times 0).
 */
static int
read_ended(struct checker *c, int have_span)
{
	const struct runmeta *m = &c->meta;
	double span;

	for (uint32_t i = 0; i < c->nvms; i++)
		read_vm_end(c, i);
	if (!ok(c, RUNMETA_KEY_START, 0))
		return -1;
	c->start_wall_ns = m->start_wall_ns;
	if (!ok(c, RUNMETA_KEY_END, 0))
		return 0;
	/* Stopped while the ring was linking: there was never a start. */
	if (m->start_wall_ns == 0 && m->end_wall_ns == 0 &&
	    c->status != RUN_COMPLETE) {
		c->unstarted = 1;
		return -1;
	}
	if (!have_span)
		return 0;
	/* Rounding is the writer's choice: allow a microsecond either way. */
	span = c->duration_s / c->speed * 1e9;
	if (m->end_wall_ns < m->start_wall_ns ||
	    fabs((double)(m->end_wall_ns - m->start_wall_ns) - span) > 1000)
		meta_bad(c, RUNMETA_KEY_END, 0, "end_wall_ns=%" PRIu64 ", "
		    "expected start_wall_ns + duration_s / speed = %" PRIu64
		    " + %.0f ns", m->end_wall_ns, m->start_wall_ns, span);
	return 0;
}

/* Format 3: the network's latency range goes up. */
static void
check_latency(struct checker *c)
{
	const struct runmeta *m = &c->meta;

	if (ok(c, RUNMETA_KEY_LATENCY_MIN, 0) &&
	    ok(c, RUNMETA_KEY_LATENCY_MAX, 0) &&
	    m->latency_max_ms < m->latency_min_ms)
		meta_bad(c, RUNMETA_KEY_LATENCY_MAX, 0, "latency_max_ms=%g is "
		    "below latency_min_ms=%g", m->latency_max_ms,
		    m->latency_min_ms);
}

/*
 * The rules on run.meta, its keys already read (check_meta_open).
 * Returns 0, 1 when vms is unusable (nothing else can be checked) or -1
 * when out of memory.
 */
int
check_meta(struct checker *c)
{
	int span, rates;

	c->status = c->meta.status;
	span = ok(c, RUNMETA_KEY_DURATION, 0) && ok(c, RUNMETA_KEY_SPEED, 0);
	c->duration_s = c->meta.duration_s;
	c->speed = c->meta.speed;
	if (!ok(c, RUNMETA_KEY_VMS, 0))
		return 1;
	c->nvms = c->meta.vms;
	c->nvec = c->meta.vector ? c->nvms : 0;	/* before format 4, 0 */
	if ((c->vm = calloc(c->nvms, sizeof *c->vm)) == NULL)
		return -1;
	rates = check_rates(c) == 0;
	check_latency(c);
	read_faults(c);
	if (c->status != RUN_RUNNING && c->status != RUN_UNKNOWN)
		c->timing = read_ended(c, span) == 0 && span && rates;
	return 0;
}

/* A key the run's status calls for, but the reader may do without. */
static void
want(struct checker *c, enum runmeta_key k)
{
	char name[32];

	if (runmeta_line(&c->seen, k, 0) != 0)
		return;
	runmeta_key_name(k, 0, name, sizeof name);
	meta_bad(c, k, 0, "missing key '%s'", name);
}

/*
 * A complete run's VMs all ended well, or were killed on purpose while the
 * others went on; a running one cannot be judged yet. A failed run says
 * where and why; its logs are checked like any other.
 */
void
check_status(struct checker *c)
{
	char how[sizeof c->bad_end[0]];

	if (c->status == RUN_FAILED) {
		want(c, RUNMETA_KEY_FAILED_VM);
		want(c, RUNMETA_KEY_ERROR);
	} else if (c->status == RUN_RUNNING)
		check_violation(c, c->meta_path, runmeta_line(&c->seen,
		    RUNMETA_KEY_STATUS, 0), RULE_RUN_STATUS, "status=running: "
		    "the run is still going, or its orchestrator was killed");
	if (c->status != RUN_COMPLETE)
		return;
	for (uint32_t i = 0; i < c->nvms; i++) {
		const struct vmend *e = &c->meta.end[i];
		if (ok(c, RUNMETA_KEY_EXIT, i) ?
		    vmend_well(e, c->meta.on_failure) : !c->bad_end[i][0])
			continue;	/* ended well, or missing */
		if (ok(c, RUNMETA_KEY_EXIT, i))
			vmend_format(e, how, sizeof how);
		else
			snprintf(how, sizeof how, "%s", c->bad_end[i]);
		check_violation(c, c->meta_path, runmeta_line(&c->seen,
		    RUNMETA_KEY_EXIT, i), RULE_RUN_STATUS, "status=complete but "
		    "vm%" PRIu32 ".exit=%s%s", i, how, e->kind == VMEND_KILLED ?
		    " with on_failure=stop" : "");
	}
}

/*
 * run_dir is a directory with a run.meta we can read: 0, or -1 and why.
 * Each key missing or bad is a violation, when there is a report.
 */
int
check_meta_open(struct checker *c, const char *dir, char *why, size_t len)
{
	size_t n = strlen(dir);
	struct stat st;

	while (n > 1 && dir[n - 1] == '/')
		n--;	/* so paths read DIR/vm0.csv, not DIR//vm0.csv */
	if (n >= sizeof c->dir)
		return errmsg_set(why, len, "'%.64s...': path too long", dir);
	memcpy(c->dir, dir, n);
	c->dir[n] = '\0';
	snprintf(c->meta_path, sizeof c->meta_path, "%s/run.meta", c->dir);
	if (stat(dir, &st) == -1)
		return errmsg_set(why, len, "'%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return errmsg_set(why, len, "'%s': not a directory", dir);
	if (stat(c->meta_path, &st) == -1 && errno == ENOENT)
		return errmsg_set(why, len, "'%s': no run.meta (not a run "
		    "directory?)", dir);
	if (meta_read(c->dir, &c->meta, &c->seen, told, c, why, len) == -1)
		return -1;
	/* The rules per VM take run.meta's vmI keys, which a bigger ring
	 * has not (docs/FORMAT.md). */
	if (!runmeta_per_vm(&c->meta) && c->meta.log == RUNMETA_LOG_FULL)
		return errmsg_set(why, len, "'%s': %u VMs with full logs: the "
		    "logs of rings up to %d VMs are read (run a bigger one with "
		    "--log summary)", dir, (unsigned)c->meta.vms, RUNMETA_MAX_VMS);
	c->format = (int)c->meta.format;
	return 0;
}

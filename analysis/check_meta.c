/* analysis/check_meta.c -- the check rules on run.meta */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/checker.h"
#include "analysis/errmsg.h"
#include "analysis/meta.h"
#include "vm/core/vmend.h"

static const char *const status_name[] = {
	[RUN_UNKNOWN] = "?", [RUN_RUNNING] = "running",
	[RUN_COMPLETE] = "complete", [RUN_INTERRUPTED] = "interrupted",
	[RUN_FAILED] = "failed",
};

/* A meta violation on the key's line, or on the file if the key is missing. */
__attribute__((format(printf, 3, 4))) static void
meta_bad(struct checker *c, const char *key, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	check_violation(c, c->meta_path, meta_line(c->meta, key), RULE_META,
	    "%s", why);
}

static int
want_u64(struct checker *c, const char *key, uint64_t lo, uint64_t hi,
    uint64_t *v)
{
	char why[256];

	if (meta_u64(c->meta, key, v, why, sizeof why) == -1) {
		meta_bad(c, key, "%s", why);
		return -1;
	}
	if (*v >= lo && *v <= hi)
		return 0;
	if (hi == UINT64_MAX)
		meta_bad(c, key, "%s=%" PRIu64 ": must be at least %" PRIu64,
		    key, *v, lo);
	else
		meta_bad(c, key, "%s=%" PRIu64 ": not in %" PRIu64 "..%" PRIu64,
		    key, *v, lo, hi);
	return -1;
}

static int
want_positive(struct checker *c, const char *key, double *v)
{
	char why[256];

	if (meta_double(c->meta, key, v, why, sizeof why) == -1) {
		meta_bad(c, key, "%s", why);
		return -1;
	}
	if (!(*v > 0)) {
		meta_bad(c, key, "%s=%s: must be positive", key,
		    meta_get(c->meta, key));
		return -1;
	}
	return 0;
}

static int
want_str(struct checker *c, const char *key, const char **v)
{
	char why[256];

	if (meta_str(c->meta, key, v, why, sizeof why) == -1) {
		meta_bad(c, key, "%s", why);
		return -1;
	}
	if (**v == '\0') {
		meta_bad(c, key, "%s: empty", key);
		return -1;
	}
	return 0;
}

static void
check_run_id(struct checker *c)
{
	const char *id;

	if (want_str(c, "run_id", &id) == 0 &&
	    (strlen(id) != 32 || strspn(id, "0123456789abcdefABCDEF") != 32))
		meta_bad(c, "run_id", "run_id '%.64s': not 32 hex digits", id);
}

static void
read_status(struct checker *c)
{
	const char *s;

	c->status = RUN_UNKNOWN;
	if (want_str(c, "status", &s) == -1)
		return;
	for (int i = RUN_RUNNING; i <= RUN_FAILED; i++) {
		if (strcmp(s, status_name[i]) == 0) {
			c->status = (enum run_status)i;
			return;
		}
	}
	meta_bad(c, "status", "status '%.64s': not running, complete, "
	    "interrupted or failed", s);
}

/* Each VM has a rate within rate_min..rate_max: 0, or -1 if one is unusable. */
static int
read_rates(struct checker *c)
{
	uint64_t lo, hi, rate;
	char key[32];
	int rc = 0;
	int range = want_u64(c, "rate_min", 1, UINT64_MAX, &lo) == 0;

	range &= want_u64(c, "rate_max", 1, UINT64_MAX, &hi) == 0;
	if (range && hi < lo) {
		meta_bad(c, "rate_max", "rate_max=%" PRIu64 " is below "
		    "rate_min=%" PRIu64, hi, lo);
		range = 0;
	}
	if (!range) {
		lo = 1;
		hi = UINT64_MAX;
	}
	for (uint32_t i = 0; i < c->nvms; i++) {
		snprintf(key, sizeof key, "vm%" PRIu32 ".rate", i);
		if (want_u64(c, key, lo, hi, &rate) == 0)
			c->vm[i].rate = rate;
		else
			rc = -1;
	}
	return rc;
}

/* ok, interrupted, link-broken, killed, error, "exit N" or "signal N". */
static int
valid_exit(const char *s)
{
	struct vmend e;

	return vmend_parse(s, &e) == 0 && e.kind != VMEND_RUNNING;
}

/* Was VM vm the target of a kill fault? */
static int
kill_planned(const struct checker *c, uint32_t vm)
{
	for (uint32_t i = 0; i < c->nfaults; i++)
		if (c->fault[i].kind == FAULT_KILL && c->fault[i].vm == vm)
			return 1;
	return 0;
}

/* How VM vm ended; one that died may have lost what was in flight. */
static void
read_vm_end(struct checker *c, uint32_t vm)
{
	const char *s;
	char key[32];

	snprintf(key, sizeof key, "vm%" PRIu32 ".exit", vm);
	if (want_str(c, key, &s) == -1)
		return;
	if (!valid_exit(s)) {
		meta_bad(c, key, "%s '%.64s': not ok, interrupted, link-broken, "
		    "killed, error, 'exit N' or 'signal N'", key, s);
		return;
	}
	if (strcmp(s, "killed") == 0 && !kill_planned(c, vm))
		meta_bad(c, key, "%s=killed, but no kill fault names vm%" PRIu32,
		    key, vm);
	c->vm[vm].dead = meta_exit_died(s);
}

static void
read_vm_ends(struct checker *c)
{
	uint64_t port;
	char key[32];

	for (uint32_t i = 0; i < c->nvms; i++) {
		snprintf(key, sizeof key, "vm%" PRIu32 ".port", i);
		want_u64(c, key, 1, 65535, &port);
		read_vm_end(c, i);
	}
}

/* One faultI key: a spec fault_parse reads that fits this run. */
static void
read_fault(struct checker *c, uint32_t i, int span)
{
	struct fault *f = &c->fault[c->nfaults];
	char key[32], why[128];
	const char *s;

	snprintf(key, sizeof key, "fault%" PRIu32, i);
	if (want_str(c, key, &s) == -1)
		return;
	/* Without a usable duration, the ids are still checked. */
	if (fault_parse(s, f, why, sizeof why) == -1 || fault_fits(f, c->nvms,
	    span ? c->duration_s : INFINITY, why, sizeof why) == -1) {
		meta_bad(c, key, "%s '%.64s': %s", key, s, why);
		return;
	}
	if (f->kind == FAULT_PAUSE)
		c->vm[f->vm].paused = 1;
	c->nfaults++;
}

/* Format 2: on_failure, faults=K and fault0 .. fault(K-1). */
static void
read_faults(struct checker *c, int span)
{
	const char *s;
	uint64_t n;

	if (c->format < 2)
		return;
	if (want_str(c, "on_failure", &s) == 0) {
		if (strcmp(s, "continue") == 0)
			c->go_on = 1;
		else if (strcmp(s, "stop") != 0)
			meta_bad(c, "on_failure", "on_failure '%.64s': not stop "
			    "or continue", s);
	}
	if (want_u64(c, "faults", 0, FAULT_MAX, &n) == -1)
		return;
	for (uint32_t i = 0; i < n; i++)
		read_fault(c, i, span);
}

/*
 * Keys written when the run ended: its start and planned end, and how
 * each VM ended. 0 if start_wall_ns is usable, for the tick rules; a run
 * that ended before its start has none (both times 0).
 */
static int
read_ended(struct checker *c, int have_span)
{
	uint64_t end;
	double span;

	read_vm_ends(c);
	if (want_u64(c, "start_wall_ns", 0, UINT64_MAX,
	    &c->start_wall_ns) == -1)
		return -1;
	if (want_u64(c, "end_wall_ns", 0, UINT64_MAX, &end) == -1)
		return 0;
	/* Stopped while the ring was linking: there was never a start. */
	if (c->start_wall_ns == 0 && end == 0 && c->status != RUN_COMPLETE) {
		c->unstarted = 1;
		return -1;
	}
	if (!have_span)
		return 0;
	/* Rounding is the writer's choice: allow a microsecond either way. */
	span = c->duration_s / c->speed * 1e9;
	if (end < c->start_wall_ns ||
	    fabs((double)(end - c->start_wall_ns) - span) > 1000)
		meta_bad(c, "end_wall_ns", "end_wall_ns=%" PRIu64 ", expected "
		    "start_wall_ns + duration_s / speed = %" PRIu64 " + %.0f "
		    "ns", end, c->start_wall_ns, span);
	return 0;
}

/*
 * The rules on run.meta. Returns 0, 1 when vms is unusable (nothing else
 * can be checked) or -1 when out of memory.
 */
int
check_meta(struct checker *c)
{
	uint64_t n, u;
	const char *s;
	int span, rates;

	want_str(c, "version", &s);
	check_run_id(c);
	want_u64(c, "seed", 0, UINT64_MAX, &u);
	want_u64(c, "draw_max", 3, UINT64_MAX, &u);
	want_str(c, "bind", &s);
	read_status(c);
	span = want_positive(c, "duration_s", &c->duration_s) == 0;
	span &= want_positive(c, "speed", &c->speed) == 0;
	if (want_u64(c, "vms", 2, 256, &n) == -1)
		return 1;
	c->nvms = (uint32_t)n;
	if ((c->vm = calloc(n, sizeof *c->vm)) == NULL)
		return -1;
	rates = read_rates(c) == 0;
	read_faults(c, span);
	if (c->status != RUN_RUNNING && c->status != RUN_UNKNOWN)
		c->timing = read_ended(c, span) == 0 && span && rates;
	return 0;
}

/* A failed run says where and why; its logs are checked like any other. */
static void
check_failed(struct checker *c)
{
	uint64_t id;
	const char *why;

	want_u64(c, "failed_vm", 0, c->nvms - 1, &id);
	want_str(c, "error", &why);
}

/*
 * A complete run's VMs all ended well, or were killed on purpose while the
 * others went on; a running one cannot be judged yet.
 */
void
check_status(struct checker *c)
{
	const char *s;
	char key[32];

	if (c->status == RUN_FAILED)
		check_failed(c);
	else if (c->status == RUN_RUNNING)
		check_violation(c, c->meta_path, meta_line(c->meta, "status"),
		    RULE_RUN_STATUS, "status=running: the run is still going, "
		    "or its orchestrator was killed");
	if (c->status != RUN_COMPLETE)
		return;
	for (uint32_t i = 0; i < c->nvms; i++) {
		snprintf(key, sizeof key, "vm%" PRIu32 ".exit", i);
		s = meta_get(c->meta, key);
		if (s == NULL || strcmp(s, "ok") == 0 ||
		    (c->go_on && strcmp(s, "killed") == 0))
			continue;
		check_violation(c, c->meta_path, meta_line(c->meta, key),
		    RULE_RUN_STATUS, "status=complete but %s=%s%s", key, s,
		    strcmp(s, "killed") == 0 ? " with on_failure=stop" : "");
	}
}

/* run_dir is a directory with a run.meta we can read: 0, or -1 and why. */
int
check_meta_open(struct checker *c, const char *dir, char *why, size_t len)
{
	size_t n = strlen(dir);
	const char *format;
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
	if ((c->meta = meta_load(c->dir, why, len)) == NULL)
		return -1;
	if ((format = meta_get(c->meta, "format")) == NULL)
		return errmsg_set(why, len, "%s: no format key", c->meta_path);
	if (strcmp(format, "1") != 0 && strcmp(format, "2") != 0)
		return errmsg_set(why, len, "%s: unsupported format '%.32s' "
		    "(this clockring reads formats 1 and 2)", c->meta_path,
		    format);
	c->format = format[0] - '0';
	return 0;
}

/* analysis/check/check.c -- `clockring check`: one pass over the logs, verdict, summary */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/check.h"
#include "analysis/check/checker.h"
#include "analysis/rundir/logpar.h"
#include "analysis/rundir/logread.h"
#include "analysis/rundir/merge.h"
#include "lib/errmsg.h"
#include "vm/core/num.h"
#include "vm/core/vmend.h"

/*
 * Every rule is applied in one pass over the logs, merged by wall clock
 * (analysis/rundir/merge.c): each line goes to the per-file rules of its VM
 * (check_file.c) and to the accounting of its links (check_link.c), and
 * the caller of check_next may take it too. Memory grows with the number
 * of VMs and the messages in flight, not with the length of the run.
 */

/* Stable names: scripts and people grep the output for them. */
static const char *const rule_name[RULE_COUNT] = {
	[RULE_META] = "meta", [RULE_RUN_STATUS] = "run-status",
	[RULE_FILES] = "files", [RULE_HEADER] = "header",
	[RULE_COLUMNS] = "columns", [RULE_VM_ID] = "vm-id",
	[RULE_SEQ_GAP] = "seq-gap", [RULE_WALL_ORDER] = "wall-order",
	[RULE_CLOCK_STEP] = "clock-step", [RULE_RECV_CLOCK] = "recv-clock",
	[RULE_QUEUE_FIRST] = "queue-first", [RULE_NEIGHBOUR] = "neighbour",
	[RULE_PENDING_LAST] = "pending-last",
	[RULE_PENDING_CLOCK] = "pending-clock",
	[RULE_PENDING_QUEUE] = "pending-queue",
	[RULE_TICK_COUNT] = "tick-count", [RULE_TICK_SPACING] = "tick-spacing",
	[RULE_LOST] = "lost", [RULE_UNSENT] = "unsent",
	[RULE_DUPLICATE] = "duplicate", [RULE_MSG_CLOCK] = "msg-clock",
	[RULE_FIFO] = "fifo", [RULE_PEER_DOWN] = "peer-down",
	[RULE_DROP] = "drop", [RULE_LOSS] = "loss",
	[RULE_VECTOR_STEP] = "vector-step", [RULE_RECV_VECTOR] = "recv-vector",
	[RULE_MSG_VECTOR] = "msg-vector", [RULE_CLOCKS_AGREE] = "clocks-agree",
};

int
check_vec_differ(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return (int)k;
	return -1;
}

int
check_vec_before(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	int less = 0;

	for (uint32_t k = 0; k < n; k++) {
		if (a[k] > b[k])
			return 0;
		less |= a[k] < b[k];
	}
	return less;
}

/* Count a violation: 1 if it is to be printed, too. */
static int
count(struct checker *c, enum rule rule)
{
	c->broken |= UINT32_C(1) << rule;
	return c->violations++ < CHECK_SHOWN;
}

static void
vshow(struct checker *c, const char *path, unsigned long line,
    enum rule rule, const char *fmt, va_list ap)
{
	if (line > 0)
		fprintf(c->out, "%s:%lu: %s: ", path, line, rule_name[rule]);
	else
		fprintf(c->out, "%s: %s: ", path, rule_name[rule]);
	vfprintf(c->out, fmt, ap);
	fputc('\n', c->out);
}

void
check_violation(struct checker *c, const char *path, unsigned long line,
    enum rule rule, const char *fmt, ...)
{
	va_list ap;

	if (!count(c, rule))
		return;
	va_start(ap, fmt);
	vshow(c, path, line, rule, fmt, ap);
	va_end(ap);
}

/* The path is only made for a violation that is printed. */
void
check_log_violation(struct checker *c, uint32_t vm, unsigned long line,
    enum rule rule, const char *fmt, ...)
{
	char path[CHECK_LOG_PATH_MAX];
	va_list ap;

	if (!count(c, rule))
		return;
	check_log_path(c, vm, path, sizeof path);
	va_start(ap, fmt);
	vshow(c, path, line, rule, fmt, ap);
	va_end(ap);
}

void
check_log_path(const struct checker *c, uint32_t vm, char *buf, size_t len)
{
	snprintf(buf, len, "%s/vm%" PRIu32 ".csv", c->dir, vm);
}

/* Say that memory ran out; returns -2, the run cannot be checked. */
static int
no_memory(char *why, size_t len)
{
	snprintf(why, len, "out of memory");
	return -2;
}

/*
 * Open every log: a missing one is a violation, one that cannot be opened
 * for another reason makes the run uncheckable (< 0, why).
 */
static int
open_logs(struct checker *c, char *why, size_t len)
{
	char path[CHECK_LOG_PATH_MAX];

	if ((c->log = calloc(c->nvms, sizeof *c->log)) == NULL)
		return no_memory(why, len);
	for (uint32_t i = 0; i < c->nvms; i++) {
		check_log_path(c, i, path, sizeof path);
		if ((c->log[i] = logread_open(path, why, len)) != NULL) {
			/* a ring across machines: read in VM 0's clock */
			logread_in_run_clock(c->log[i], &c->meta, i);
			continue;
		}
		if (errno != ENOENT)
			return -1;
		check_violation(c, path, 0, RULE_FILES, "missing (run.meta has "
		    "vms=%" PRIu32 "); messages to and from vm%" PRIu32 " are "
		    "not judged", c->nvms, i);
		c->vm[i].broken = 1;
	}
	return 0;
}

/* vmK.csv, but no VM's log: K too high, or not spelled as a log's name. */
static int
stray_log(const struct checker *c, const char *name)
{
	size_t n;
	uint64_t k;

	if (strncmp(name, "vm", 2) != 0 ||
	    (n = strspn(name + 2, "0123456789")) == 0 ||
	    strcmp(name + 2 + n, ".csv") != 0)
		return 0;
	/* vm07.csv is not vm7.csv: nothing reads it as a log. */
	return (name[2] == '0' && n > 1) || num_scan_uint(name + 2, &k) != n ||
	    k >= c->nvms;
}

/*
 * Logs of VMs the run did not have are named, not ignored: they may be
 * the part of a run that its run.meta leaves out. In name order, so the
 * report is the same every time.
 */
static int
extra_logs(struct checker *c, char *why, size_t len)
{
	char path[CHECK_PATH_MAX + NAME_MAX + 2];
	struct dirent **list;
	int n = scandir(c->dir, &list, NULL, alphasort);

	if (n == -1)
		return errmsg_set(why, len, "'%s': %s", c->dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		if (stray_log(c, list[i]->d_name)) {
			snprintf(path, sizeof path, "%s/%s", c->dir, list[i]->d_name);
			check_violation(c, path, 0, RULE_FILES, "not a log of this run "
			    "(run.meta has vms=%" PRIu32 ": vm0.csv .. vm%" PRIu32
			    ".csv)", c->nvms, c->nvms - 1);
		}
		free(list[i]);
	}
	free(list);
	return 0;
}

/* How many threads parse the logs, for their size (logpar_threads). */
static int
parsers(struct checker *c, char *why, size_t len)
{
	uint64_t bytes = 0;

	for (uint32_t i = 0; i < c->nvms; i++)
		if (c->log[i] != NULL)
			bytes += logread_size(c->log[i]);
	return logpar_threads(bytes, &c->threads, why, len);
}

/* The rules on run.meta, then what the stream needs: 0, or < 0 and why. */
static int
start(struct checker *c, char *why, size_t len)
{
	int rc = check_meta(c);

	if (rc == 1)
		return 0;	/* no usable vms: nothing more to check */
	if (rc == -1)
		return no_memory(why, len);
	check_status(c);
	if ((rc = open_logs(c, why, len)) < 0 ||
	    (rc = extra_logs(c, why, len)) < 0)
		return rc;
	if (parsers(c, why, len) == -1)
		return -2;
	if ((c->merge = merge_new(c->log, c->nvms, c->threads)) == NULL ||
	    check_files_new(c) == -1 ||
	    /* Only a run that has ended has every message accounted for. */
	    ((c->status == RUN_COMPLETE || c->status == RUN_INTERRUPTED ||
	    c->status == RUN_FAILED) && check_links_new(c) == -1))
		return no_memory(why, len);
	/* A missing log has its one violation: no lost and unsent for each
	 * message it would have had. */
	for (uint32_t i = 0; i < c->nvms; i++)
		if (c->log[i] == NULL)
			check_links_drop(c, i);
	return 0;
}

struct checker *
check_open(const char *run_dir, FILE *out, char *why, size_t len)
{
	struct checker *c = calloc(1, sizeof *c);

	if (c == NULL) {
		snprintf(why, len, "out of memory");
		return NULL;
	}
	c->out = out;
	/* A bad count is found before anything is read or said. */
	if (logpar_threads(0, &c->threads, why, len) == -1 ||
	    check_meta_open(c, run_dir, why, len) == -1 ||
	    start(c, why, len) < 0) {
		check_free(c);
		return NULL;
	}
	return c;
}

int
check_usable(const char *run_dir, char *why, size_t len)
{
	struct checker *c = calloc(1, sizeof *c);
	int rc;

	if (c == NULL)
		return errmsg_set(why, len, "out of memory");
	rc = check_meta_open(c, run_dir, why, len);
	check_free(c);
	return rc;
}

void
check_free(struct checker *c)
{
	if (c == NULL)
		return;
	merge_close(c->merge);
	for (uint32_t i = 0; c->log != NULL && i < c->nvms; i++)
		logread_close(c->log[i]);
	check_files_free(c);
	check_links_free(c);
	free(c->log);
	free(c->vm);
	free(c);
}

/* Log vm has a line that does not parse: its rules and links stop there. */
static void
bad_line(struct checker *c, uint32_t vm)
{
	const struct logread *lr = c->log[vm];

	check_log_violation(c, vm, logread_line(lr), logread_line(lr) == 1 ?
	    RULE_HEADER : RULE_COLUMNS, "%s", logread_reason(lr));
	c->vm[vm].broken = 1;
	check_links_drop(c, vm);
}

int
check_next(struct checker *c, const struct log_event **ev, uint32_t *vm,
    char *why, size_t len)
{
	char path[CHECK_LOG_PATH_MAX];
	int rc;

	/* First the logs that are missing, as the stream goes without them. */
	while (c->told < c->nvms) {
		*vm = c->told++;
		if (c->log[*vm] != NULL)
			continue;
		check_log_path(c, *vm, path, sizeof path);
		snprintf(why, len, "%s: %s", path, strerror(ENOENT));
		return -1;
	}
	if (c->merge == NULL || (rc = merge_next(c->merge, ev, vm, why,
	    len)) == 0)
		return 0;
	if (rc == -1)
		bad_line(c, *vm);
	if (rc < 0)
		return rc;
	check_file_event(c, *vm, *ev);
	if (c->links != NULL && check_link_event(c, *vm, *ev) == -1)
		return no_memory(why, len);
	return 1;
}

static void
vm_summary(const struct checker *c, uint32_t vm)
{
	const struct vm_figures *f = &c->vm[vm];
	char spacing[64] = "n/a", late[32] = "n/a", how[VMEND_TEXT_MAX] = "";
	double err;

	if (!c->timing) {
		fprintf(c->out, "vm%" PRIu32 ": %" PRIu64 " ticks\n", vm,
		    f->ticks);
		return;
	}
	/* Round first, so a tiny negative error does not print as -0.00%. */
	if (f->paused)
		snprintf(spacing, sizeof spacing, "not judged (paused)");
	else if (!isnan(err = check_spacing_error(c, vm)))
		snprintf(spacing, sizeof spacing, "%.2f%% (jitter %.2f%%)",
		    round(err * 1e4) / 100 + 0.0, f->spacing_noise * 100);
	if (f->ticks > 0)
		snprintf(late, sizeof late, "%.2f ms", f->max_late_ns / 1e6);
	vmend_format(&c->meta.end[vm], how, sizeof how);
	fprintf(c->out, "vm%" PRIu32 ": rate %" PRIu64 ", %" PRIu64 " ticks "
	    "(%s %" PRIu64 "), spacing error %s, max lateness %s%s%s\n", vm,
	    f->rate, f->ticks, c->status == RUN_COMPLETE && !f->dead ?
	    "expected" : "planned", check_expected_ticks(c, vm), spacing,
	    late, f->dead ? ", ended " : "", f->dead ? how : "");
}

/* How the run ended, when not as planned: what run.meta says failed. */
static void
run_end(const struct checker *c, char *buf, size_t len)
{
	const char *why = c->meta.error;

	if (c->status == RUN_INTERRUPTED)
		snprintf(buf, len, "interrupted run, ");
	else if (c->status == RUN_FAILED)
		snprintf(buf, len, "failed run (%.200s), ", *why ? why : "?");
	else
		buf[0] = '\0';
}

static void
summary(const struct checker *c)
{
	uint64_t events = 0, sent = 0, received = 0, pending = 0, dropped = 0;
	uint64_t net_lost = 0;
	char how[256], lost[64] = "", drops[64] = "", net[64] = "";
	uint64_t nlost = check_links_lost(c);

	for (uint32_t i = 0; i < c->nvms; i++) {
		events += c->vm[i].events;
		sent += c->vm[i].sent;
		received += c->vm[i].received;
		pending += c->vm[i].pending;
		dropped += c->vm[i].dropped;
		net_lost += c->vm[i].net_lost;
	}
	run_end(c, how, sizeof how);
	if (nlost > 0)
		snprintf(lost, sizeof lost, ", %" PRIu64 " lost with dead VMs",
		    nlost);
	if (dropped > 0)
		snprintf(drops, sizeof drops, "; %" PRIu64 " dropped, never "
		    "sent", dropped);
	if (net_lost > 0)
		snprintf(net, sizeof net, ", %" PRIu64 " lost by the network",
		    net_lost);
	fprintf(c->out, "ok: %s: %s%" PRIu32 " VMs, %" PRIu64 " events, %"
	    PRIu64 " messages (%" PRIu64 " received, %" PRIu64 " pending%s%s)%s"
	    "\n", c->dir, how, c->nvms, events, sent - dropped, received,
	    pending, net, lost, drops);
	for (uint32_t i = 0; i < c->nvms; i++)
		vm_summary(c, i);
	check_links_tell_lost(c);
}

void
check_verdict(const struct checker *c, struct check_verdict *v)
{
	v->violations = c->violations;
	v->broken = c->broken;
}

void
check_verdict_text(const struct check_verdict *v, char *buf, size_t len)
{
	size_t n = (size_t)snprintf(buf, len, "%lu violation%s (",
	    v->violations, v->violations == 1 ? "" : "s");
	const char *sep = "";

	for (int r = 0; r < RULE_COUNT && n < len; r++) {
		if (v->broken & UINT32_C(1) << r) {
			n += (size_t)snprintf(buf + n, len - n, "%s%s", sep,
			    rule_name[r]);
			sep = ", ";
		}
	}
	if (n < len)
		snprintf(buf + n, len - n, ")");
}

static void
verdict(const struct checker *c)
{
	struct check_verdict v;
	char text[CHECK_VERDICT_TEXT_MAX];

	if (c->violations > CHECK_SHOWN)
		fprintf(c->out, "... and %lu more\n",
		    c->violations - CHECK_SHOWN);
	check_verdict(c, &v);
	check_verdict_text(&v, text, sizeof text);
	fprintf(c->out, "fail: %s: %s\n", c->dir, text);
}

int
check_end(struct checker *c, char *why, size_t len)
{
	for (uint32_t i = 0; i < c->nvms; i++)
		if (!c->vm[i].broken)
			check_file_end(c, i);
	if (c->links != NULL && check_links_end(c) == -1)
		return no_memory(why, len);
	if (c->violations > 0)
		verdict(c);
	else
		summary(c);
	return c->violations > 0 ? 1 : 0;
}

int
check_run(const char *run_dir, FILE *out, FILE *err)
{
	struct checker *c;
	const struct log_event *ev;
	char why[CHECK_PATH_MAX + 256];
	uint32_t vm;
	int rc = -2;

	if ((c = check_open(run_dir, out, why, sizeof why)) != NULL) {
		while ((rc = check_next(c, &ev, &vm, why, sizeof why)) != 0 &&
		    rc != -2)
			;
		if (rc == 0)
			rc = check_end(c, why, sizeof why);
		check_free(c);
	}
	if (rc != -2)
		return rc;
	fprintf(err, "clockring: check: %s\n", why);
	return 2;
}

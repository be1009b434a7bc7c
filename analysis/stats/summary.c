/* analysis/stats/summary.c -- the per-VM table printed after a run */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/rundir/logread.h"
#include "analysis/rundir/meta.h"
#include "analysis/stats/summary.h"

struct vm_sum {
	uint64_t count[LOG_KINDS];	/* events by enum log_kind */
	uint64_t sent;		/* messages: a SEND to both is two, a DROP
				 * takes one back */
	uint64_t final_clock;
	uint64_t max_queue;
};

static int
sum_vm(const char *dir, unsigned id, struct vm_sum *s, char *err, size_t errlen)
{
	char path[4096];
	struct log_event ev;
	int rc;

	snprintf(path, sizeof path, "%s/vm%u.csv", dir, id);
	struct logread *lr = logread_open(path, err, errlen);
	if (lr == NULL)
		return -1;
	memset(s, 0, sizeof *s);
	while ((rc = logread_next(lr, &ev, err, errlen)) == 1) {
		s->count[ev.kind]++;
		if (ev.kind == LOG_SEND)
			s->sent += ev.npeers;
		if (ev.kind == LOG_DROP && s->sent > 0)
			s->sent--;
		s->final_clock = ev.lamport;
		if (ev.queue_len > s->max_queue)
			s->max_queue = ev.queue_len;
	}
	logread_close(lr);
	return rc == 0 ? 0 : -1;
}

/* dropped: only in a run with faults, so others keep their old table. */
static void
print_row(FILE *out, const char *name, const char *rate, const struct vm_sum *s,
    int faults)
{
	fprintf(out, "%-5s %5s %9" PRIu64 " %6" PRIu64 " %8" PRIu64 " %6" PRIu64
	    " %8" PRIu64, name, rate, s->count[LOG_INTERNAL],
	    s->count[LOG_SEND], s->sent, s->count[LOG_RECV],
	    s->count[LOG_PENDING]);
	if (faults)
		fprintf(out, " %8" PRIu64, s->count[LOG_DROP]);
	fprintf(out, " %7" PRIu64 " %8" PRIu64 "\n", s->final_clock,
	    s->max_queue);
}

static void
add_sum(struct vm_sum *total, const struct vm_sum *s)
{
	for (int k = 0; k < LOG_KINDS; k++)
		total->count[k] += s->count[k];
	total->sent += s->sent;
	if (s->final_clock > total->final_clock)
		total->final_clock = s->final_clock;
	if (s->max_queue > total->max_queue)
		total->max_queue = s->max_queue;
}

/* One row per VM and a total: what each did, where its clock ended. */
int
summary_print(const char *dir, FILE *out, char *err, size_t errlen)
{
	struct vm_sum s[RUNMETA_MAX_VMS], total = { { 0 }, 0, 0, 0 };
	struct runmeta m;
	char name[16], rate[16];
	int faults;

	if (meta_load(dir, &m, err, errlen) == -1)
		return -1;
	for (unsigned i = 0; i < m.vms; i++) {
		if (sum_vm(dir, i, &s[i], err, errlen) == -1)
			return -1;
		add_sum(&total, &s[i]);
	}
	faults = m.nfaults > 0 || total.count[LOG_DROP] > 0;
	fprintf(out, "%-5s %5s %9s %6s %8s %6s %8s", "vm", "rate", "internal",
	    "sends", "msgs_out", "recvs", "pending");
	if (faults)
		fprintf(out, " %8s", "dropped");
	fprintf(out, " %7s %8s\n", "clock", "maxqueue");
	for (unsigned i = 0; i < m.vms; i++) {
		snprintf(name, sizeof name, "%u", i);
		snprintf(rate, sizeof rate, "%" PRIu32, m.rate[i]);
		print_row(out, name, rate, &s[i], faults);
	}
	print_row(out, "all", "", &total, faults);
	return 0;
}

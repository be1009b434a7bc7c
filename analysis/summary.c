/* analysis/summary.c -- the per-VM table printed after a run */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "analysis/logread.h"
#include "analysis/meta.h"
#include "analysis/summary.h"

struct vm_sum {
	uint64_t count[LOG_KINDS];	/* events by enum log_kind */
	uint64_t sent;		/* messages: a SEND to both is two */
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
		s->final_clock = ev.lamport;
		if (ev.queue_len > s->max_queue)
			s->max_queue = ev.queue_len;
	}
	logread_close(lr);
	return rc == 0 ? 0 : -1;
}

static void
print_row(FILE *out, const char *name, const char *rate, const struct vm_sum *s)
{
	fprintf(out, "%-5s %5s %9" PRIu64 " %6" PRIu64 " %8" PRIu64 " %6" PRIu64
	    " %8" PRIu64 " %7" PRIu64 " %8" PRIu64 "\n", name, rate,
	    s->count[LOG_INTERNAL], s->count[LOG_SEND], s->sent,
	    s->count[LOG_RECV], s->count[LOG_PENDING], s->final_clock,
	    s->max_queue);
}

/* One row per VM and a total: what each did, where its clock ended. */
int
summary_print(const char *dir, FILE *out, char *err, size_t errlen)
{
	struct meta *m = meta_load(dir, err, errlen);
	struct vm_sum s, total = { { 0 }, 0, 0, 0 };
	uint64_t vms;
	char name[16], key[32];

	if (m == NULL)
		return -1;
	if (meta_u64(m, "vms", &vms, err, errlen) == -1)
		goto fail;
	fprintf(out, "%-5s %5s %9s %6s %8s %6s %8s %7s %8s\n", "vm", "rate",
	    "internal", "sends", "msgs_out", "recvs", "pending", "clock", "maxqueue");
	for (unsigned i = 0; i < vms; i++) {
		snprintf(key, sizeof key, "vm%u.rate", i);
		const char *rate = meta_get(m, key);
		if (sum_vm(dir, i, &s, err, errlen) == -1)
			goto fail;
		snprintf(name, sizeof name, "%u", i);
		print_row(out, name, rate ? rate : "?", &s);
		for (int k = 0; k < LOG_KINDS; k++)
			total.count[k] += s.count[k];
		total.sent += s.sent;
		total.final_clock = s.final_clock > total.final_clock ?
		    s.final_clock : total.final_clock;
		total.max_queue = s.max_queue > total.max_queue ?
		    s.max_queue : total.max_queue;
	}
	print_row(out, "all", "", &total);
	meta_free(m);
	return 0;
fail:
	meta_free(m);
	return -1;
}

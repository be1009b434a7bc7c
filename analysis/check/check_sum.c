/* analysis/check/check_sum.c -- `clockring check` of a run without full logs (--log summary or off) */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/check/check_sum.h"
#include "analysis/rundir/meta.h"

/* vms.csv's columns that the sums below use, by position. */
enum col { C_VM, C_RATE, C_TICKS, C_INTERNAL, C_SEND, C_RECV, C_PENDING,
	C_MSGS_OUT, C_TO_NEXT, C_TO_PREV, C_FROM_PREV, C_FROM_NEXT,
	C_FINAL_CLOCK, C_JUMPS_OVER_1, C_JUMP_MAX = 17, C_LOST_IN = 30,
	C_COLS = 35 };

struct sums {
	uint64_t ticks, over_1, jump_max, sent, recv, pending, lost_in;
	unsigned long bad;	/* violations found */
};

struct sumcheck {
	const char *dir;
	const char *header;	/* vms.csv's */
	FILE *out;
	struct runmeta meta;
	struct sums s;
};

__attribute__((format(printf, 4, 5))) static void
bad(struct sumcheck *c, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	fprintf(c->out, "%s/%s:%lu: ", c->dir, file, line);
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
	fputc('\n', c->out);
	c->s.bad++;
}

static FILE *
open_in(struct sumcheck *c, const char *name)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", c->dir, name);
	if ((f = fopen(path, "r")) == NULL)
		bad(c, name, 0, "missing (a summary run writes it)");
	return f;
}

/* Split a row of unsigned or decimal numbers: how many, each in v. */
static int
fields(char *line, double *v, int max)
{
	int n = 0;

	for (char *p = strtok(line, ",\n"); p != NULL && n < max;
	    p = strtok(NULL, ",\n")) {
		char *end;
		v[n++] = strtod(p, &end);
		if (*end != '\0' || *p == '-')
			return -1;
	}
	return n;
}

/* One row of vms.csv: its own sums, and the ring's. */
static void
vm_row(struct sumcheck *c, const double *v, uint32_t want, unsigned long ln)
{
	struct sums *s = &c->s;

	if (v[C_VM] != want)
		bad(c, "vms.csv", ln, "vm %.0f where vm %u belongs", v[C_VM],
		    (unsigned)want);
	if (v[C_TICKS] != v[C_INTERNAL] + v[C_SEND] + v[C_RECV])
		bad(c, "vms.csv", ln, "ticks %.0f is not internal + send + recv "
		    "%.0f", v[C_TICKS], v[C_INTERNAL] + v[C_SEND] + v[C_RECV]);
	if (v[C_RATE] < c->meta.rate_min || v[C_RATE] > c->meta.rate_max ||
	    (runmeta_per_vm(&c->meta) && v[C_RATE] != c->meta.rate[want]))
		bad(c, "vms.csv", ln, "rate %.0f is not the rate run.meta says",
		    v[C_RATE]);
	if (v[C_RECV] != v[C_FROM_PREV] + v[C_FROM_NEXT])
		bad(c, "vms.csv", ln, "recv %.0f is not recv_from_prev + "
		    "recv_from_next", v[C_RECV]);
	if (v[C_MSGS_OUT] < v[C_TO_NEXT] + v[C_TO_PREV])
		bad(c, "vms.csv", ln, "msgs_out %.0f is below msgs_to_next + "
		    "msgs_to_prev", v[C_MSGS_OUT]);
	s->ticks += (uint64_t)v[C_TICKS];
	s->over_1 += (uint64_t)v[C_JUMPS_OVER_1];
	if ((uint64_t)v[C_JUMP_MAX] > s->jump_max)
		s->jump_max = (uint64_t)v[C_JUMP_MAX];
	s->sent += (uint64_t)(v[C_TO_NEXT] + v[C_TO_PREV]);
	s->recv += (uint64_t)v[C_RECV];
	s->pending += (uint64_t)v[C_PENDING];
	s->lost_in += (uint64_t)v[C_LOST_IN];
}

static void
check_vms(struct sumcheck *c)
{
	FILE *f = open_in(c, "vms.csv");
	char line[2048];
	double v[C_COLS + 1];
	unsigned long ln = 1;
	uint32_t rows = 0;

	if (f == NULL)
		return;
	if (fgets(line, sizeof line, f) == NULL ||
	    strncmp(line, c->header, strlen(c->header)) != 0 ||
	    line[strlen(c->header)] != '\n')
		bad(c, "vms.csv", 1, "not the header of vms.csv");
	while (fgets(line, sizeof line, f) != NULL) {
		ln++;
		if (fields(line, v, C_COLS + 1) != C_COLS)
			bad(c, "vms.csv", ln, "not %d numbers", C_COLS);
		else
			vm_row(c, v, rows, ln);
		rows++;
	}
	fclose(f);
	if (rows != c->meta.vms)
		bad(c, "vms.csv", ln, "%u rows for %u VMs", (unsigned)rows,
		    (unsigned)c->meta.vms);
	if (c->s.sent != c->s.recv + c->s.pending + c->s.lost_in)
		bad(c, "vms.csv", ln, "the ring's messages do not add up: %" PRIu64
		    " sent, %" PRIu64 " received + %" PRIu64 " pending + %" PRIu64
		    " lost", c->s.sent, c->s.recv, c->s.pending, c->s.lost_in);
}

static void
check_jumps(struct sumcheck *c)
{
	FILE *f = open_in(c, "jumps.csv");
	char line[256];
	double v[3];
	unsigned long ln = 1;
	uint64_t total = 0, over_1 = 0, last = 0;

	if (f == NULL)
		return;
	if (fgets(line, sizeof line, f) == NULL || strcmp(line, "size,count\n"))
		bad(c, "jumps.csv", 1, "not the header size,count");
	while (fgets(line, sizeof line, f) != NULL) {
		ln++;
		if (fields(line, v, 3) != 2 || v[0] <= (double)last || v[1] < 1) {
			bad(c, "jumps.csv", ln, "not a size above the last and a "
			    "count of 1 or more");
			continue;
		}
		last = (uint64_t)v[0];
		total += (uint64_t)v[1];
		over_1 += last > 1 ? (uint64_t)v[1] : 0;
	}
	fclose(f);
	if (total != c->s.ticks || over_1 != c->s.over_1 || last != c->s.jump_max)
		bad(c, "jumps.csv", ln, "%" PRIu64 " jumps, %" PRIu64 " over 1, "
		    "largest %" PRIu64 "; vms.csv says %" PRIu64 ", %" PRIu64 ", %"
		    PRIu64, total, over_1, last, c->s.ticks, c->s.over_1,
		    c->s.jump_max);
}

/* One row of series.csv against itself and the one before. */
static void
series_row(struct sumcheck *c, const double *v, const double *was,
    unsigned long ln)
{
	/* t alive cmin cmean cmax dmean d50 d99 dmax qmean q99 qmax */
	if (v[2] > v[3] || v[3] > v[4] || v[8] != v[4] - v[2] ||
	    v[6] > v[7] || v[7] > v[8] || v[10] > v[11] || v[1] > c->meta.vms)
		bad(c, "series.csv", ln, "min, mean, percentiles and max out of "
		    "order");
	if (was != NULL && (v[0] <= was[0] || v[1] > was[1] ||
	    (v[1] == was[1] && v[4] < was[4])))
		bad(c, "series.csv", ln, "time, VMs alive or the highest clock "
		    "went the wrong way");
}

static void
check_series(struct sumcheck *c)
{
	FILE *f = open_in(c, "series.csv");
	char line[1024];
	double v[2][13];
	unsigned long ln = 1, rows = 0;

	if (f == NULL)
		return;
	if (fgets(line, sizeof line, f) == NULL || strncmp(line, "t,alive,", 8))
		bad(c, "series.csv", 1, "not the header of series.csv");
	while (fgets(line, sizeof line, f) != NULL) {
		double *now = v[rows % 2];
		ln++;
		if (fields(line, now, 13) != 12) {
			bad(c, "series.csv", ln, "not 12 numbers");
			continue;
		}
		series_row(c, now, rows > 0 ? v[(rows + 1) % 2] : NULL, ln);
		rows++;
	}
	fclose(f);
	if (rows != 1001)
		bad(c, "series.csv", ln, "%lu rows, not 1001", rows);
}

static void
say(struct sumcheck *c)
{
	bool sum = c->meta.log == RUNMETA_LOG_SUMMARY;

	fprintf(c->out, "check: %s (--log %s): verified run.meta%s\n", c->dir,
	    runmeta_log_name(c->meta.log), sum ? "; vms.csv (a row per VM, "
	    "ticks = internal + send + recv, rates, receipts per link, the "
	    "ring's messages sent = received + pending + lost), jumps.csv "
	    "(sizes rising, totals = vms.csv's ticks, jumps over 1 and largest "
	    "jump), series.csv (1001 rows, time rising, min <= mean <= max, "
	    "percentiles in order, VMs alive never more)" : "");
	fprintf(c->out, "check: not verified without full logs: the per-event "
	    "rules (Lamport rule per message, tick count and spacing, FIFO, "
	    "sequence numbers, lost and duplicate messages, vector clocks)\n");
	if (c->s.bad == 0)
		fprintf(c->out, "check: OK\n");
	else
		fprintf(c->out, "check: %lu violation%s\n", c->s.bad,
		    c->s.bad == 1 ? "" : "s");
}

int
check_sum_run(const char *run_dir, const char *vms_header, FILE *out,
    FILE *err)
{
	struct sumcheck *c = calloc(1, sizeof *c);
	char why[4400];
	int rc;

	if (c == NULL) {
		fprintf(err, "clockring: check: out of memory\n");
		return 2;
	}
	c->dir = run_dir;
	c->header = vms_header;
	c->out = out;
	if (meta_load(run_dir, &c->meta, why, sizeof why) == -1 ||
	    c->meta.log == RUNMETA_LOG_FULL) {
		free(c);
		return -1;	/* check_run's to judge */
	}
	if (c->meta.log == RUNMETA_LOG_SUMMARY) {
		check_vms(c);
		check_jumps(c);
		check_series(c);
	}
	say(c);
	rc = c->s.bad > 0;
	free(c);
	return rc;
}

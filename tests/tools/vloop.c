/* tests/tools/vloop.c -- the speed reference for virtual time: a bare event loop writing the same kind of lines */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/core/logline.h"
#include "vm/core/rng.h"
#include "vm/core/step.h"

/*
 * What a virtual run cannot do without: a heap of the VMs' next ticks, a
 * draw from each VM's generator, a clock, and (with logs) a line per event
 * formatted and written out in big blocks. No queue, no messages, no core:
 * so a virtual run's events per second beside this loop's, in the same run
 * of `make bench`, says what the model itself costs.
 *
 * --log full writes one file per VM (vmI.csv, up to FILES_MAX VMs), --log
 * one the same lines to one file (all.csv: a ring too big for a block per
 * VM), --log off formats and writes nothing. Each VM's rate is drawn in
 * RATE_MIN..RATE_MAX, as `clockring run --rate-min --rate-max` draws them.
 *
 * With --vector each line has a vector column of N counters, as a run with
 * vector clocks writes: the VM's own entry counts its ticks, and a SEND
 * hands its entry on to the next VM, so the counters have the digits a
 * run's have.
 *
 * usage: vloop [--vector] [--log full|one|off] DIR EVENTS VMS RATE_MIN
 * RATE_MAX   (DIR must exist)
 */

#define BLOCK		(1 << 16)
#define FILES_MAX	1024
#define VEC_MAX		64

struct lvm {
	uint32_t rate;
	uint64_t k, lamport;	/* the next tick; the clock */
	uint64_t next;		/* model ns of tick k */
	struct rng rng;
	uint64_t *v;		/* --vector: its vector, else NULL */
	struct logline_vcache *vc;	/* with v: as the run's log writer keeps */
};

/* Where lines go: a file and its block. */
struct sink {
	int fd;
	size_t used;
	char buf[BLOCK];
};

static struct lvm *vm;
static uint32_t *heap, nheap;
static struct sink *sink;	/* one per VM, one in all, or none */
static uint32_t nsink;

static int
before(uint32_t a, uint32_t b)
{
	return vm[a].next < vm[b].next || (vm[a].next == vm[b].next && a < b);
}

/* The soonest VM is at heap[0]; after its tick, it sinks to its place. */
static void
sift_down(void)
{
	uint32_t i = 0, top = heap[0];

	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= nheap)
			break;
		if (c + 1 < nheap && before(heap[c + 1], heap[c]))
			c++;
		if (!before(heap[c], top))
			break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = top;
}

static void
flush(struct sink *s)
{
	if (write(s->fd, s->buf, s->used) != (ssize_t)s->used) {
		perror("vloop: write");
		exit(1);
	}
	s->used = 0;
}

/* ev's line into VM id's sink (or the one sink). */
static void
emit(uint32_t id, const struct log_event *ev)
{
	struct sink *s = &sink[nsink == 1 ? 0 : id];

	if (s->used + LOGLINE_MAX_VEC(VEC_MAX) + 1 > BLOCK)
		flush(s);
	s->used += vm[id].vc != NULL ?
	    logline_format_cached(s->buf + s->used, ev, vm[id].vc) :
	    logline_format(s->buf + s->used, ev);
}

/* One tick of VM id: a draw, the clock, its line. */
static void
tick(uint32_t id, uint32_t n)
{
	struct lvm *v = &vm[id];
	uint64_t r = rng_range(&v->rng, 1, 10);
	struct log_event ev = { .vm = id, .seq = v->k, .wall_ns = v->next,
		.lamport = ++v->lamport,
		.kind = r <= 3 ? LOG_SEND : LOG_INTERNAL };

	if (ev.kind == LOG_SEND) {
		ev.npeers = 1;
		ev.peers[0] = (id + 1) % n;
	}
	if (v->v != NULL) {
		v->v[id]++;
		ev.vcol = true;
		ev.nvec = n;
		ev.vec = v->v;
		if (ev.kind == LOG_SEND)
			vm[(id + 1) % n].v[id] = v->v[id];
	}
	if (nsink > 0)
		emit(id, &ev);
	v->k++;
	v->next = step_due_ns(v->k, v->rate, 1);
}

/* The sinks of --log MODE in dir: 0, or -1 said on stderr. */
static int
open_sinks(const char *mode, const char *dir, uint32_t n)
{
	char path[4096];

	nsink = strcmp(mode, "full") == 0 ? n : strcmp(mode, "one") == 0;
	if (nsink == 0)
		return strcmp(mode, "off") == 0 ? 0 : -1;
	if (nsink > FILES_MAX || (sink = calloc(nsink, sizeof *sink)) == NULL)
		return -1;
	for (uint32_t i = 0; i < nsink; i++) {
		if (nsink == 1)
			snprintf(path, sizeof path, "%s/all.csv", dir);
		else
			snprintf(path, sizeof path, "%s/vm%u.csv", dir, (unsigned)i);
		if ((sink[i].fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
		    0644)) == -1) {
			fprintf(stderr, "vloop: %s: %s\n", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* n VMs, rates drawn in lo..hi, vectors if asked: 0 or -1 (memory). */
static int
make_vms(uint32_t n, uint32_t lo, uint32_t hi, int vector)
{
	struct rng draw;

	vm = calloc(n, sizeof *vm);
	heap = calloc(n, sizeof *heap);
	if (vm == NULL || heap == NULL)
		return -1;
	rng_seed(&draw, 1, n);
	for (uint32_t i = 0; i < n; i++) {
		vm[i].rate = (uint32_t)rng_range(&draw, lo, hi);
		rng_seed(&vm[i].rng, 1, i);
		if (vector && ((vm[i].v = calloc(n, sizeof *vm[i].v)) == NULL ||
		    (vm[i].vc = calloc(1, sizeof *vm[i].vc)) == NULL))
			return -1;
		heap[nheap++] = i;	/* all due at 0: in id order already */
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mode = "full";
	int vector = 0;

	for (; argc > 1 && strncmp(argv[1], "--", 2) == 0; argc--, argv++)
		if (strcmp(argv[1], "--vector") == 0)
			vector = 1;
		else if (strcmp(argv[1], "--log") == 0 && argc > 2) {
			mode = argv[2];
			argc--, argv++;
		} else
			break;
	if (argc != 6) {
		fprintf(stderr, "usage: vloop [--vector] [--log full|one|off] "
		    "DIR EVENTS VMS RATE_MIN RATE_MAX\n");
		return 2;
	}
	uint64_t events = strtoull(argv[2], NULL, 10);
	uint32_t n = (uint32_t)strtoul(argv[3], NULL, 10);
	uint32_t lo = (uint32_t)strtoul(argv[4], NULL, 10);
	uint32_t hi = (uint32_t)strtoul(argv[5], NULL, 10);
	if (n < 2 || lo < 1 || hi < lo || (vector && n > VEC_MAX)) {
		fprintf(stderr, "vloop: bad VMS, rates or --vector with over "
		    "%d VMs\n", VEC_MAX);
		return 2;
	}
	if (make_vms(n, lo, hi, vector) == -1 || open_sinks(mode, argv[1], n) == -1) {
		fprintf(stderr, "vloop: --log %s for %u VMs: cannot\n", mode,
		    (unsigned)n);
		return 1;
	}
	for (uint64_t e = 0; e < events; e++) {
		tick(heap[0], n);
		sift_down();
	}
	for (uint32_t i = 0; i < nsink; i++) {
		flush(&sink[i]);
		close(sink[i].fd);
	}
	printf("%" PRIu64 " events\n", events);
	return 0;
}

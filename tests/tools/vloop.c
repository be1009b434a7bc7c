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
 * draw from each VM's generator, a clock, and a line per event formatted
 * and written out in big blocks, one file per VM. No queue, no messages,
 * no core: so a virtual run's events per second beside this loop's, in the
 * same run of `make bench`, says what the model itself costs.
 *
 * With --vector each line has a vector column of N counters, as a run with
 * vector clocks writes: the VM's own entry counts its ticks, and a SEND
 * hands its entry on to the next VM, so the counters have the digits a
 * run's have.
 *
 * usage: vloop [--vector] DIR EVENTS RATE...   (one rate per VM; DIR must
 * exist)
 */

#define NVMS_MAX	64
#define BLOCK		(1 << 16)

struct lvm {
	uint32_t rate;
	uint64_t k, lamport;	/* the next tick; the clock */
	uint64_t next;		/* model ns of tick k */
	struct rng rng;
	uint64_t v[NVMS_MAX];	/* --vector: its vector */
	struct logline_vcache vc;	/* as the run's log writer keeps */
	int fd;
	size_t used;
	char buf[BLOCK];
};

static struct lvm vm[NVMS_MAX];
static uint32_t heap[NVMS_MAX], nheap;
static int vector;

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
flush(struct lvm *v)
{
	if (write(v->fd, v->buf, v->used) != (ssize_t)v->used) {
		perror("vloop: write");
		exit(1);
	}
	v->used = 0;
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
	if (vector) {
		v->v[id]++;
		ev.vcol = true;
		ev.nvec = n;
		ev.vec = v->v;
		if (ev.kind == LOG_SEND)
			vm[(id + 1) % n].v[id] = v->v[id];
	}
	if (v->used + LOGLINE_MAX_VEC(NVMS_MAX) + 1 > BLOCK)
		flush(v);
	v->used += logline_format_cached(v->buf + v->used, &ev, &v->vc);
	v->k++;
	v->next = step_due_ns(v->k, v->rate, 1);
}

int
main(int argc, char **argv)
{
	char path[4096];

	if (argc > 1 && strcmp(argv[1], "--vector") == 0) {
		vector = 1;
		argc--;
		argv++;
	}
	uint32_t n = (uint32_t)(argc - 3);
	if (argc < 5 || n > NVMS_MAX) {
		fprintf(stderr, "usage: vloop [--vector] DIR EVENTS RATE RATE...\n");
		return 2;
	}
	uint64_t events = strtoull(argv[2], NULL, 10);
	for (uint32_t i = 0; i < n; i++) {
		vm[i].rate = (uint32_t)strtoul(argv[3 + i], NULL, 10);
		rng_seed(&vm[i].rng, 1, i);
		snprintf(path, sizeof path, "%s/vm%u.csv", argv[1], (unsigned)i);
		if ((vm[i].fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
		    0644)) == -1) {
			fprintf(stderr, "vloop: %s: %s\n", path, strerror(errno));
			return 1;
		}
		heap[nheap++] = i;	/* all due at 0: in id order already */
	}
	for (uint64_t e = 0; e < events; e++) {
		tick(heap[0], n);
		sift_down();
	}
	for (uint32_t i = 0; i < n; i++) {
		flush(&vm[i]);
		close(vm[i].fd);
	}
	printf("%" PRIu64 " events\n", events);
	return 0;
}

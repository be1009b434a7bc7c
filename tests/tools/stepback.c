/* tests/tools/stepback.c -- what a replay costs on a long run: load time, memory, and the time of a step back */
#include <sys/resource.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analysis/rundir/runinfo.h"
#include "sim/replay.h"
#include "view/state.h"
#include "view/timeline.h"
#include "vm/core/rng.h"

#define STEPS	10000

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Step back from STEPS random places: the mean and worst time of one. */
static void
steps_back(const struct timeline *t, uint32_t n)
{
	struct view_state s;
	struct rng r;
	double sum = 0, worst = 0;

	if (view_state_init(&s, n) == -1 || timeline_len(t) < 2)
		exit(1);
	rng_seed(&r, 1, 0);
	for (int i = 0; i < STEPS; i++) {
		size_t k = 1 + (size_t)(rng_next(&r) % (timeline_len(t) - 1));
		double t0 = now_s(), dt;

		timeline_seek(t, k - 1, &s);
		dt = now_s() - t0;
		sum += dt;
		worst = dt > worst ? dt : worst;
	}
	printf("step back: mean %.1f us, worst %.1f us over %d steps\n",
	    sum / STEPS * 1e6, worst * 1e6, STEPS);
	view_state_free(&s);
}

int
main(int argc, char **argv)
{
	struct runinfo ri;
	struct timeline *t;
	struct rusage ru;
	char err[4400];
	double t0 = now_s();

	if (argc != 2) {
		fprintf(stderr, "usage: stepback RUN_DIR\n");
		return 2;
	}
	if (runinfo_load(&ri, argv[1], err, sizeof err) == -1 ||
	    replay_load(&ri, &t, err, sizeof err) == -1) {
		fprintf(stderr, "stepback: %s\n", err);
		return 2;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("load: %zu events in %.2f s, timeline %.1f MB, max RSS %.1f MB\n",
	    timeline_len(t), now_s() - t0, (double)timeline_bytes(t) / 1e6,
	    (double)ru.ru_maxrss / 1024);
	steps_back(t, ri.nvms);
	timeline_free(t);
	runinfo_free(&ri);
	return 0;
}

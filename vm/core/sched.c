/* vm/core/sched.c -- when a VM ticks, in model time: its rate, and a pause's catch-up */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "vm/core/sched.h"
#include "vm/core/step.h"

void
sched_init(struct sched *s, uint32_t vm, uint32_t rate, double duration_s,
    const struct fault *faults, uint32_t nfaults)
{
	memset(s, 0, sizeof *s);
	s->vm = vm;
	s->rate = rate;
	s->ticks = step_ticks(duration_s, rate);
	s->faults = faults;
	s->nfaults = nfaults;
}

/* t, or the end of a pause of this VM that t falls in (again, for overlaps). */
static uint64_t
awake(const struct sched *s, uint64_t t)
{
	bool moved = true;

	while (moved) {
		moved = false;
		for (uint32_t i = 0; i < s->nfaults; i++) {
			const struct fault *f = &s->faults[i];
			uint64_t from = (uint64_t)llround(f->at_s * 1e9);
			uint64_t to = (uint64_t)llround((f->at_s + f->for_s) * 1e9);
			if (f->kind == FAULT_PAUSE && f->vm == s->vm && t >= from &&
			    t < to) {
				t = to;
				moved = true;
			}
		}
	}
	return t;
}

bool
sched_next(struct sched *s, uint64_t *t)
{
	if (s->k == s->ticks)
		return false;
	uint64_t due = step_due_ns(s->k, s->rate, 1);
	if (s->k > 0 && due < s->last + SCHED_CATCHUP_NS)
		due = s->last + SCHED_CATCHUP_NS;	/* catching up */
	*t = s->last = awake(s, due);
	s->k++;
	return true;
}

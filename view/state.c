/* view/state.c -- what the view shows of a ring at one moment, built event by event */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "view/state.h"

int
view_state_init(struct view_state *s, uint32_t n)
{
	memset(s, 0, sizeof *s);
	if ((s->vm = calloc(n > 0 ? n : 1, sizeof *s->vm)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	s->n = n;
	return 0;
}

void
view_state_free(struct view_state *s)
{
	free(s->vm);
	memset(s, 0, sizeof *s);
}

/*
 * The event's model time is its wall_ns: a virtual run logs model time
 * there, and a driver of a real run hands the view its events with
 * wall_ns turned into model nanoseconds since the start.
 */
void
view_state_apply(struct view_state *s, const struct log_event *ev)
{
	if (ev->vm < s->n && ev->kind < LOG_KINDS) {
		struct view_vm *v = &s->vm[ev->vm];

		v->lamport = ev->lamport;
		v->queue_len = ev->queue_len;
		v->count[ev->kind]++;
		v->last_ns = ev->wall_ns;
	}
	if (ev->wall_ns > s->now_ns)
		s->now_ns = ev->wall_ns;
	s->events++;
}

void
view_state_copy(struct view_state *dst, const struct view_state *src)
{
	struct view_vm *vm = dst->vm;

	assert(dst->n == src->n);
	memcpy(vm, src->vm, (size_t)src->n * sizeof *vm);
	*dst = *src;
	dst->vm = vm;
}

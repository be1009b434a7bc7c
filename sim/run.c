/* sim/run.c -- one run's record in memory: its per-VM arrays, sized to the ring */
#include <stdlib.h>
#include <unistd.h>

#include "sim/run.h"

struct run *
run_new(const struct run_opts *o)
{
	struct run *r = calloc(1, sizeof *r);
	size_t n = o->vms;

	if (r == NULL)
		return NULL;
	r->o = o;
	r->seed = o->seed;
	r->status = RUN_RUNNING;
	r->failed_vm = r->first_bad = -1;
	if ((r->rates = calloc(n, sizeof *r->rates)) == NULL ||
	    (r->ports = calloc(n, sizeof *r->ports)) == NULL ||
	    (r->listen_fd = malloc(n * sizeof *r->listen_fd)) == NULL ||
	    (r->ctl_fd = malloc(n * sizeof *r->ctl_fd)) == NULL ||
	    (r->pid = calloc(n, sizeof *r->pid)) == NULL ||
	    (r->end = calloc(n, sizeof *r->end)) == NULL ||
	    (r->paused = calloc(n, sizeof *r->paused)) == NULL ||
	    (r->killed_by = malloc(n * sizeof *r->killed_by)) == NULL) {
		run_free(r);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		r->listen_fd[i] = r->ctl_fd[i] = -1;
		r->killed_by[i] = -1;
	}
	return r;
}

void
run_free(struct run *r)
{
	if (r == NULL)
		return;
	for (uint32_t i = 0; r->ctl_fd != NULL && i < r->o->vms; i++) {
		if (r->listen_fd[i] >= 0)
			close(r->listen_fd[i]);
		if (r->ctl_fd[i] >= 0)
			close(r->ctl_fd[i]);
	}
	free(r->rates);
	free(r->ports);
	free(r->listen_fd);
	free(r->ctl_fd);
	free(r->pid);
	free(r->end);
	free(r->paused);
	free(r->killed_by);
	free(r);
}

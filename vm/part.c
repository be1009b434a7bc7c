/* vm/part.c -- vmI.meta: a VM started by hand writes its part of run.meta beside its log */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/part.h"
#include "vm/core/runmeta.h"

/* The ring's settings, as every part of it says them. */
static void
settings(const struct vm_conf *c, struct runmeta *m)
{
	m->format = RUNMETA_FORMAT;
	snprintf(m->version, sizeof m->version, "%s", c->version);
	memcpy(m->run_id, c->run_id, sizeof m->run_id);
	m->seed = c->seed;
	m->vms = c->n;
	m->duration_s = c->duration_s;
	m->speed = c->speed;
	m->draw_max = c->draw_max;
	m->latency_min_ms = (double)c->net.latency_min_ns / 1e6;
	m->latency_max_ms = (double)c->net.latency_max_ns / 1e6;
	m->loss = c->loss;
	m->vector = c->vector;
	m->on_failure = c->on_failure;
	m->nfaults = c->nfaults;
	if (c->nfaults > 0)
		memcpy(m->fault, c->faults, c->nfaults * sizeof *c->faults);
}

/* This VM's own keys and end. */
static void
own(const struct vm_conf *c, const struct part_end *e, struct runmeta *m)
{
	uint32_t i = c->id;

	m->is_part = true;
	m->part_vm = (int32_t)i;
	m->rate[i] = m->rate_min = m->rate_max = c->rate;
	snprintf(m->bind, sizeof m->bind, "%s", c->listen_host);
	m->port[i] = c->listen_port;
	m->start_wall_ns = e->start_wall_ns;
	m->end_wall_ns = e->start_wall_ns == 0 ? 0 : e->start_wall_ns +
	    (uint64_t)(c->duration_s / c->speed * 1e9 + 0.5);
	m->end[i] = vmend_exited(e->status);
	m->status = e->status == VM_OK ? RUN_COMPLETE :
	    e->status == VM_INTERRUPTED ? RUN_INTERRUPTED : RUN_FAILED;
	m->failed_vm = m->status == RUN_FAILED ? (int32_t)i : -1;
	snprintf(m->error, sizeof m->error, "%s", m->status == RUN_FAILED &&
	    *e->error == '\0' ? "ended badly" : e->error);
	if (e->start != NULL) {
		m->measured = true;
		m->next_offset_ns[i] = e->start->next_offset_ns;
		m->next_rtt_ns[i] = (uint64_t)e->start->next_rtt_ns;
	}
}

static int
create(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd == -1)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	int saved = done == len ? 0 : errno != 0 ? errno : EIO;
	if (close(fd) == -1 && saved == 0)
		saved = errno;
	if (saved == 0)
		return 0;
	unlink(path);	/* ours, and cut short: no half record */
	errno = saved;
	return -1;
}

int
part_write(const struct vm_conf *c, const struct part_end *e, char *err,
    size_t errlen)
{
	struct runmeta *m = calloc(1, sizeof *m);
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	if (m != NULL) {
		settings(c, m);
		own(c, e, m);
		text = runmeta_format(m, &len);
	}
	if (text == NULL)
		snprintf(err, errlen, "%s: out of memory", c->part_path);
	else if ((rc = create(c->part_path, text, len)) == -1)
		snprintf(err, errlen, "%s: %s", c->part_path, strerror(errno));
	free(text);
	free(m);
	return rc;
}

/* analysis/export/exportrun.c -- a run loaded for export: every tick in a causal order, its vector clock and what its log line says */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/export/exportrun.h"
#include "analysis/rundir/logread.h"
#include "lib/errmsg.h"

/*
 * vclock keeps of each tick what happened-before needs; an export also
 * names a SEND's destinations and a RECV's sender as the log says, even
 * for a message that never arrived or whose SEND no log has. Those come
 * from a second reading of the logs, each VM's ticks in its log's order,
 * which is their order in vc too.
 */

/* Per VM, the indices in vc of its ticks, in order: VM i's at idx + off[i]. */
struct lanes {
	size_t *off;	/* n + 1 */
	size_t *idx;	/* nev */
};

static int
lanes_make(const struct vclock_run *vc, struct lanes *l)
{
	size_t *fill;

	l->off = calloc(vc->n + 1, sizeof *l->off);
	l->idx = malloc((vc->nev ? vc->nev : 1) * sizeof *l->idx);
	fill = calloc(vc->n + 1, sizeof *fill);
	if (l->off == NULL || l->idx == NULL || fill == NULL) {
		free(fill);
		return -1;
	}
	for (size_t i = 0; i < vc->nev; i++)
		l->off[vc->ev[i].vm + 1]++;
	for (uint32_t k = 0; k < vc->n; k++)
		fill[k + 1] = l->off[k + 1] += l->off[k];
	for (size_t i = 0; i < vc->nev; i++)
		l->idx[fill[vc->ev[i].vm]++] = i;
	free(fill);
	return 0;
}

static int
is_tick(enum log_kind k)
{
	return k == LOG_INTERNAL || k == LOG_SEND || k == LOG_RECV;
}

/* The columns of VM vm's ticks, from its log, into r->line. */
static int
read_lines(struct exportrun *r, const struct lanes *l, uint32_t vm,
    char *err, size_t errlen)
{
	char path[4096];
	struct logread *lr;
	struct log_event ev;
	size_t k = l->off[vm], end = l->off[vm + 1];
	int rc;

	snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", r->ri.dir, vm);
	if ((lr = logread_open(path, err, errlen)) == NULL)
		return errno == ENOENT && k == end ? 0 : -1;
	while ((rc = logread_next(lr, &ev, err, errlen)) == 1) {
		if (!is_tick(ev.kind))
			continue;
		if (k == end || r->vc.ev[l->idx[k]].seq != ev.seq) {
			rc = errmsg_set(err, errlen, "%s:%lu: changed while "
			    "being read", path, ev.line);
			break;
		}
		r->line[l->idx[k++]] = (struct exportrun_line){
			.npeers = ev.npeers,
			.peers = { ev.peers[0], ev.peers[1] },
			.src_seq = ev.src_seq, .msg_lamport = ev.msg_lamport };
	}
	logread_close(lr);
	if (rc == 0 && k != end)
		rc = errmsg_set(err, errlen, "%s: changed while being read",
		    path);
	return rc == 0 ? 0 : -1;
}

static int
load_lines(struct exportrun *r, char *err, size_t errlen)
{
	struct lanes l = { NULL, NULL };
	int rc = 0;

	r->line = calloc(r->vc.nev ? r->vc.nev : 1, sizeof *r->line);
	r->taken = calloc(r->vc.nev ? r->vc.nev : 1, 1);
	if (r->line == NULL || r->taken == NULL || lanes_make(&r->vc, &l) == -1)
		rc = errmsg_set(err, errlen, "out of memory for %zu events",
		    r->vc.nev);
	for (uint32_t vm = 0; rc == 0 && vm < r->vc.n; vm++)
		rc = read_lines(r, &l, vm, err, errlen);
	for (size_t i = 0; rc == 0 && i < r->vc.nev; i++)
		if (r->vc.ev[i].send != VCLOCK_NONE)
			r->taken[r->vc.ev[i].send] = 1;
	free(l.off);
	free(l.idx);
	return rc;
}

int
exportrun_load(struct exportrun *r, const char *dir, int *status,
    char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	*status = 2;
	if (runinfo_load(&r->ri, dir, err, errlen) == -1)
		return -1;
	*status = 1;
	if (vclock_load(dir, &r->vc, err, errlen) == -1 ||
	    load_lines(r, err, errlen) == -1) {
		exportrun_free(r);
		return -1;
	}
	*status = 0;
	return 0;
}

void
exportrun_free(struct exportrun *r)
{
	free(r->line);
	free(r->taken);
	vclock_free(&r->vc);
	runinfo_free(&r->ri);
	memset(r, 0, sizeof *r);
}

uint64_t
exportrun_model_ns(const struct exportrun *r, size_t i)
{
	uint64_t wall = r->vc.ev[i].wall_ns, start = r->ri.start_wall_ns;
	uint64_t d = wall > start ? wall - start : 0;

	/* A run at --speed X lives X model ns in each wall ns. */
	return r->ri.speed == 1 ? d :
	    (uint64_t)llround((double)d * r->ri.speed);
}

void
exportrun_peers(const struct exportrun *r, size_t i, char *buf, size_t len)
{
	const struct exportrun_line *l = &r->line[i];

	if (r->vc.ev[i].kind == LOG_INTERNAL || l->npeers == 0)
		snprintf(buf, len, "%s", "");
	else if (l->npeers == 1)
		snprintf(buf, len, "vm%" PRIu32, l->peers[0]);
	else
		snprintf(buf, len, "vm%" PRIu32 ", vm%" PRIu32, l->peers[0],
		    l->peers[1]);
}

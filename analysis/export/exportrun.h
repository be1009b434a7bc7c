/* analysis/export/exportrun.h -- a run loaded for export: every tick in a causal order, its vector clock and what its log line says */
#ifndef ANALYSIS_EXPORT_EXPORTRUN_H
#define ANALYSIS_EXPORT_EXPORTRUN_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/causal/vclock.h"
#include "analysis/rundir/runinfo.h"

/* The columns of a tick's log line that vclock leaves out. */
struct exportrun_line {
	uint32_t npeers;	/* SEND: 1 or 2 destinations; RECV: 1 */
	uint32_t peers[2];	/* SEND: its destinations; RECV: the sender */
	uint64_t src_seq;	/* RECV: the seq of its SEND */
	uint64_t msg_lamport;	/* RECV: the clock the message carried */
};

struct exportrun {
	struct runinfo ri;	/* run.meta: rates, start, speed */
	struct vclock_run vc;	/* the ticks and their vectors */
	struct exportrun_line *line;	/* vc.nev, as vc.ev */
	unsigned char *taken;	/* vc.nev: a SEND some RECV took */
};

/*
 * Load the run in dir: 0; or -1 with "PATH[:LINE]: reason" in err and
 * *status 2 (no run directory, or a run.meta this clockring does not
 * read) or 1 (its logs cannot be read or break the model).
 */
int exportrun_load(struct exportrun *r, const char *dir, int *status,
    char *err, size_t errlen);
void exportrun_free(struct exportrun *r);

/*
 * Who tick i's line names, into buf: a SEND's destinations ("vm1" or
 * "vm1, vm2"), a RECV's sender ("vm2"); "" for an INTERNAL.
 */
void exportrun_peers(const struct exportrun *r, size_t i, char *buf,
    size_t len);
/* Model nanoseconds from the run's start to tick i (0 before it). */
uint64_t exportrun_model_ns(const struct exportrun *r, size_t i);

#endif

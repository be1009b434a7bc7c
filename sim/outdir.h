/* sim/outdir.h -- take back a run directory that never held a run */
#ifndef SIM_OUTDIR_H
#define SIM_OUTDIR_H

#include "sim/run.h"

/*
 * Remove the directories outdir_prepare created for r (the run directory
 * and parents it made), deepest first; only empty ones go. For a run
 * refused before it started, so that nothing is left looking like a run.
 */
void outdir_discard(const struct run *r);

#endif

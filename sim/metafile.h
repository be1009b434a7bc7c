/* sim/metafile.h -- run.meta of a run: what was asked and how it ended, written whole (the format: vm/core/runmeta) */
#ifndef SIM_METAFILE_H
#define SIM_METAFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/options.h"
#include "sim/run.h"
#include "vm/core/runmeta.h"

/*
 * What run.meta records of a run of o with seed, before it starts: its
 * settings and the rates it draws (the suite compares finished runs).
 * 0, or -1 when out of memory.
 */
int metafile_settings(const struct run_opts *o, uint64_t seed,
    struct runmeta *m);
/*
 * Write DIR/run.meta of r as it stands: beside, then renamed over the
 * old one (on a full disk, the last one over the first's blocks). 0, or
 * -1 with "PATH: reason" in err.
 */
int metafile_write(const struct run *r, char *err, size_t errlen);

#endif

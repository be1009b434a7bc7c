/* sim/vsum.h -- the summary log of a virtual run: vms.csv, series.csv, jumps.csv, from analyze's own statistics */
#ifndef SIM_VSUM_H
#define SIM_VSUM_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/rundir/runinfo.h"
#include "vm/core/runmeta.h"
#include "vm/core/step.h"

/* What the statistics need to know before the first event (docs/FORMAT.md). */
struct vsum_conf {
	const char *dir;		/* the run directory */
	const struct runmeta *meta;	/* the run as recorded (rates aside) */
	const uint32_t *rates;		/* each VM's */
	double end_s;			/* where the run ends, as analyze has it */
	const struct runinfo_death *death;	/* per VM, as runinfo_deaths
					 * finds them; NULL: none dies */
};

struct vsum;

/* NULL with err: out of memory, or series.csv cannot be created. */
struct vsum *vsum_open(const struct vsum_conf *c, char *err, size_t errlen);
/* Line ev of VM vm at model ns t: 0, or -1 (out of memory, a jump too big). */
int vsum_add(struct vsum *s, uint32_t vm, const struct step_event *ev,
    uint64_t t, uint64_t queue_len);
/* VM vm comes soon: its figures fetched ahead. */
void vsum_prefetch(const struct vsum *s, uint32_t vm);
void vsum_prefetch_blocks(const struct vsum *s, uint32_t vm);
/* The run is over: the files written whole. 0, or -1 with err. */
int vsum_close(struct vsum *s, char *err, size_t errlen);
/* Give up: nothing more written, series.csv left as far as it got. */
void vsum_free(struct vsum *s);

#endif

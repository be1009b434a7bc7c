/* analysis/export/perfetto.h -- a run as a Chrome/Perfetto trace: a track per VM, a slice per tick, message arrows, clock and queue counters */
#ifndef ANALYSIS_EXPORT_PERFETTO_H
#define ANALYSIS_EXPORT_PERFETTO_H

#include <stdio.h>

#include "analysis/export/exportrun.h"

/* The whole trace into f; the caller checks f for write errors. */
void perfetto_write(const struct exportrun *r, FILE *f);

#endif

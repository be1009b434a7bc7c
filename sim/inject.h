/* sim/inject.h -- the fault timetable: kill and pause VMs at their model times */
#ifndef SIM_INJECT_H
#define SIM_INJECT_H

#include <stdint.h>

#include "sim/run.h"

void inject_start(struct run *r, uint64_t start_mono_ns);
uint64_t inject_next_ns(const struct run *r);
void inject_due(struct run *r, uint64_t now_mono_ns);
void inject_stop(struct run *r);

#endif

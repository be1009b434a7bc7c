/* vm/clock.h -- nanosecond clocks and sleeping on absolute deadlines */
#ifndef VM_CLOCK_H
#define VM_CLOCK_H

#include <stdint.h>
#include <time.h>

uint64_t clock_mono_ns(void);
uint64_t clock_real_ns(void);
struct timespec clock_ts(uint64_t ns);
int clock_sleep_until(uint64_t mono_ns);

#endif

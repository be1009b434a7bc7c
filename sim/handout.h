/* sim/handout.h -- clockring run --print-commands: the clockring vm command of each VM of a planned ring */
#ifndef SIM_HANDOUT_H
#define SIM_HANDOUT_H

#include <stdio.h>

#include "sim/options.h"

#define HANDOUT_BASE_PORT	7000	/* VM i listens on this + i by default */
#define HANDOUT_WAIT_S		120	/* --connect-timeout: people start them */

/*
 * One line per VM of the ring o plans, with a fresh run id: the command
 * that starts it, its program prog. Runs nothing, writes nothing else.
 */
void handout_print(const struct run_opts *o, const char *prog, FILE *out);

#endif

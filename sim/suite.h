/* sim/suite.h -- `clockring experiments`: every repeat of every experiment, resumable */
#ifndef SIM_SUITE_H
#define SIM_SUITE_H

#include "sim/options.h"

int suite_run(const struct suite_opts *o, const char *self);

#endif

/* analysis/compare/compare_load.h -- a results tree read into memory: complete experiments, reduced across repeats */
#ifndef ANALYSIS_COMPARE_COMPARE_LOAD_H
#define ANALYSIS_COMPARE_COMPARE_LOAD_H

#include <stddef.h>

#include "analysis/compare/compare.h"

/*
 * Every subdirectory of results holding an experiment.exp is an
 * experiment; each that is complete (every repeat run and analyzed) is
 * loaded, the others are named in c->skipped. NULL with err when results
 * cannot be read or memory runs out. compare_free (compare.h) frees it.
 */
struct compare *compare_load(const char *results, char *err, size_t errlen);

#endif

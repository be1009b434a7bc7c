/* analysis/export/shiviz.h -- a run as a ShiViz log: its parsing regex, then one line per tick with its vector clock */
#ifndef ANALYSIS_EXPORT_SHIVIZ_H
#define ANALYSIS_EXPORT_SHIVIZ_H

#include <stdio.h>

#include "analysis/export/exportrun.h"

/* The whole log into f; the caller checks f for write errors. */
void shiviz_write(const struct exportrun *r, FILE *f);

#endif

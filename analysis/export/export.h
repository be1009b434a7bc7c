/* analysis/export/export.h -- `clockring export`: a run for ShiViz or Perfetto, from its logs alone */
#ifndef ANALYSIS_EXPORT_EXPORT_H
#define ANALYSIS_EXPORT_EXPORT_H

#include <stddef.h>
#include <stdio.h>

enum export_format { EXPORT_SHIVIZ, EXPORT_PERFETTO };

/*
 * The run in dir, in format fmt, into f: 0; or -1 with "PATH[:LINE]:
 * reason" in err and *status 2 (not a run directory this clockring
 * reads) or 1 (logs unreadable or broken). Write errors are f's to tell.
 */
int export_write(const char *dir, enum export_format fmt, FILE *f,
    int *status, char *err, size_t errlen);

/* The command: argv after "export". Its exit status. */
int export_main(int argc, char **argv);

#endif

/* analysis/stats/figures.h -- summary.csv and plotvars.gp: a run's figures for tools and gnuplot */
#ifndef ANALYSIS_STATS_FIGURES_H
#define ANALYSIS_STATS_FIGURES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/rundir/runinfo.h"
#include "analysis/stats/stats.h"

/* The header row of summary.csv, without its newline. */
extern const char figures_csv_header[];

/* Its first columns, a VM's own figures (no hb_*): vms.csv's header. */
extern const char figures_vm_header[];
/* Those columns of VM vm, without a newline; means with 4 decimals. */
void figures_vm_row(FILE *f, uint32_t vm, const struct stats_vm *v);

/* Header, then one row per VM; means with 4 decimals. */
void figures_csv(FILE *f, const struct runinfo *ri, const struct stats *st);
/* The gnuplot variables the plot scripts `load`. */
void figures_plotvars(FILE *f, const struct runinfo *ri,
    const struct stats *st);
/*
 * "stopped at 19.63 of 60 model seconds (interrupted)" for a run that
 * ended before its planned end (end_s < duration_s), else "": buf.
 */
#define FIGURES_STOPPED_MAX	128
const char *figures_stopped(char *buf, size_t len, const struct runinfo *ri);
/* n with a comma every three digits, "1,234,567": buf (24 bytes do). */
const char *figures_count(char *buf, size_t len, uint64_t n);
/* part / whole, 0 of none. */
double figures_share(uint64_t part, uint64_t whole);
/* "name = x" and "name = \"s\"" lines of a gnuplot script, safely. */
void figures_gp_real(FILE *f, const char *name, double x);
void figures_gp_string(FILE *f, const char *name, const char *s);
/* x as printed with that many decimals never shows as "-0.00". */
double figures_round(double x, int decimals);

#endif

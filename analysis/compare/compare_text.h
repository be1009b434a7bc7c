/* analysis/compare/compare_text.h -- the comparison's numbers as people read them, and its table */
#ifndef ANALYSIS_COMPARE_COMPARE_TEXT_H
#define ANALYSIS_COMPARE_COMPARE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/compare/compare.h"

/* Figure fig's value v with that many decimals: "12.5", "9.8%" for shares. */
void compare_text_value(char *buf, size_t len, int fig, double v,
    int decimals);
/* As above, with the decimals of a mean across runs, or of one run. */
void compare_text_mean(char *buf, size_t len, int fig, double v);
void compare_text_run(char *buf, size_t len, int fig, double v);
/* "14.0 ± 3.2", "9.8 ± 1.2%". */
void compare_text_spread(char *buf, size_t len, int fig,
    const struct compare_spread *s);
/* A column heading: "max drift (clock ticks)", "jumps > 1 (% of ticks)". */
void compare_text_heading(char *buf, size_t len, int fig);
/*
 * The comparison table: per experiment, mean ± sd of the main figures;
 * then a note for each experiment whose repeats differ in a setting.
 */
void compare_text_table(FILE *f, const struct compare *c);

#endif

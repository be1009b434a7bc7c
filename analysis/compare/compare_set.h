/* analysis/compare/compare_set.h -- what each run was run with, from its own run.meta: gathered per experiment and told in words */
#ifndef ANALYSIS_COMPARE_COMPARE_SET_H
#define ANALYSIS_COMPARE_COMPARE_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/compare/compare.h"

struct runinfo;

/* A run's settings from its run.meta: 0, or -1 with why. */
int compare_set_load(struct compare_set *s, const struct runinfo *ri,
    char *why, size_t len);
void compare_set_free(struct compare_set *s);

/* The settings e's repeats do not share with repeat 1, as 1 << SET_*. */
unsigned compare_set_mixed(const struct compare_exp *e);

/*
 * The texts below go into buf, cut short where they do not fit (only a
 * hundred repeats that differ in long lists of faults come near).
 */
#define COMPARE_SET_TEXT	4096

/*
 * Setting k of e as a bare value ("1-6", "1-10", "3", "60", "none",
 * "kill:2@20, pause:1@5+3", "stop"); when its repeats differ, each value
 * with its repeats: "1-6 (repeats 1 and 2) or 1-5 (repeat 3)".
 */
void compare_set_text(char *buf, size_t len, const struct compare_exp *e,
    int k);
/* Does setting k read differently for a and b (compare_set_text)? */
bool compare_set_differ(const struct compare_exp *a,
    const struct compare_exp *b, int k);
/*
 * The settings in which (1 << SET_*) with their names and units, in the
 * order people read them: "3 VMs; clock rates 1-6 ticks/s; ...".
 */
void compare_set_describe(char *buf, size_t len, const struct compare_exp *e,
    unsigned which);
/* Their names alone: "clock rates and speed". */
void compare_set_names(char *buf, size_t len, unsigned which);

#endif

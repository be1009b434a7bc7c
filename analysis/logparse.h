/* analysis/logparse.h -- one line of a vmI.csv turned into a struct log_event */
#ifndef ANALYSIS_LOGPARSE_H
#define ANALYSIS_LOGPARSE_H

#include <stddef.h>

#include "analysis/logread.h"

/* The longest line a log may have, newline excluded (about 160 are used). */
#define LOGPARSE_LINE_MAX	254

/*
 * Parse the n bytes at s, n <= LOGPARSE_LINE_MAX, which the caller
 * guarantees are followed by the line's '\n' (the fast path stops on it).
 * Returns 0 with *ev filled but for ev->line, or -1 with the reason in why:
 * the first thing wrong with the line, naming the field.
 */
int logparse_event(const char *s, size_t n, struct log_event *ev, char *why,
    size_t whylen);

#endif

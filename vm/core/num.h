/* vm/core/num.h -- numbers as people type them: plain decimals, read and written one way */
#ifndef VM_CORE_NUM_H
#define VM_CORE_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Room for what num_format writes of any double, with its NUL. */
#define NUM_TEXT_MAX	352

/*
 * A plain decimal is digits, then optionally a point and more digits:
 * "12", "0.5". No sign, exponent, hex, inf, nan or spaces, so a number
 * means the same on the command line, in an .exp file and in a fault spec.
 */

/* The plain decimal at the start of s: its length (0: none), *v its value. */
size_t num_scan(const char *s, double *v);
/* Digits at the start of s: how many (0: none, or too many for 64 bits). */
size_t num_scan_uint(const char *s, uint64_t *v);
/* All of s a plain decimal: 0, or -1. */
int num_real(const char *s, double *v);
/* All of s digits: 0, -1 not a whole number, -2 too large for 64 bits. */
int num_uint(const char *s, uint64_t *v);
/* v (finite, >= 0) as num_real reads it back: 15 significant digits at
 * most, never an exponent ("%.15g" writes 1e-05); len >= NUM_TEXT_MAX. */
void num_format(char *buf, size_t len, double v);
/*
 * "T0:T1", two plain decimals with T0 < T1 (a --window of model
 * seconds): 0, or -1 with what is wrong (without the text) in why.
 */
int num_window(const char *s, double *t0, double *t1, char *why,
    size_t whylen);
/* How many decimal digits x has (1 for 0): the width a label needs. */
unsigned num_digits(uint64_t x);

#endif

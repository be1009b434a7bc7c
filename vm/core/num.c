/* vm/core/num.c -- numbers as people type them: plain decimals, read and written one way */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/core/num.h"

#define DIGITS		"0123456789"
/* What num_format writes reads back; strtod reads a copy this long. */
#define SCAN_MAX	NUM_TEXT_MAX

size_t
num_scan(const char *s, double *v)
{
	char buf[SCAN_MAX];
	size_t n = strspn(s, DIGITS);

	if (n == 0)
		return 0;
	if (s[n] == '.') {
		size_t frac = strspn(s + n + 1, DIGITS);
		if (frac == 0)
			return 0;	/* "5." is not finished */
		n += 1 + frac;
	}
	/* strtod on s itself would go on into "e5" or read "0x10" as hex. */
	if (n >= sizeof buf)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = strtod(buf, NULL);
	return isfinite(*v) ? n : 0;
}

size_t
num_scan_uint(const char *s, uint64_t *v)
{
	size_t n = strspn(s, DIGITS);
	uint64_t x = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (x > (UINT64_MAX - d) / 10)
			return 0;
		x = x * 10 + d;
	}
	*v = x;
	return n;
}

int
num_real(const char *s, double *v)
{
	size_t n = num_scan(s, v);

	return n > 0 && s[n] == '\0' ? 0 : -1;
}

int
num_uint(const char *s, uint64_t *v)
{
	size_t n = strspn(s, DIGITS);

	if (n == 0 || s[n] != '\0')
		return -1;
	return num_scan_uint(s, v) == n ? 0 : -2;
}

/* As many decimals as 15 significant digits need, trailing zeros cut. */
void
num_format(char *buf, size_t len, double v)
{
	int e = v > 0 ? (int)floor(log10(v)) : 0;
	int decimals = e < 14 ? 14 - e : 0;

	snprintf(buf, len, "%.*f", decimals, v);
	if (strchr(buf, '.') == NULL)
		return;
	char *end = buf + strlen(buf);
	while (end[-1] == '0')
		*--end = '\0';
	if (end[-1] == '.')
		end[-1] = '\0';
}

unsigned
num_digits(uint64_t x)
{
	unsigned n = 1;

	while (x >= 10) {
		x /= 10;
		n++;
	}
	return n;
}

int
num_window(const char *s, double *t0, double *t1, char *why, size_t whylen)
{
	size_t n0 = num_scan(s, t0), n1 = 0;

	if (n0 > 0 && s[n0] == ':')
		n1 = num_scan(s + n0 + 1, t1);
	if (n1 == 0 || s[n0 + 1 + n1] != '\0') {
		snprintf(why, whylen, "expected T0:T1, two plain decimal numbers "
		    "of model seconds");
		return -1;
	}
	if (*t1 <= *t0) {
		snprintf(why, whylen, "T1 must be greater than T0");
		return -1;
	}
	return 0;
}

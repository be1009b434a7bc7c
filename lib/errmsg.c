/* lib/errmsg.c -- fill a caller's error buffer, printf-style, and say it failed */
#include <stdarg.h>
#include <stdio.h>

#include "lib/errmsg.h"

int
errmsg_set(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

int
errmsg_say(const char *cmd, int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "clockring: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (status == 2)
		fprintf(stderr, " (see 'clockring %s --help')", cmd);
	fputc('\n', stderr);
	return status;
}

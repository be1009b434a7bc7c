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

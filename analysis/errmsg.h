/* analysis/errmsg.h -- fill a caller's error buffer, printf-style, and say it failed */
#ifndef ANALYSIS_ERRMSG_H
#define ANALYSIS_ERRMSG_H

#include <stddef.h>

/* Why a line of a log or run.meta ending "\r\n" is refused, with the fix. */
#define ERRMSG_CR	"line ends in CR (a file with Windows line ends? " \
			"convert it with dos2unix)"

/* The message into err (errlen bytes, cut if longer); returns -1. */
int errmsg_set(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

/* lib/errmsg.h -- fill a caller's error buffer, printf-style, and say it failed */
#ifndef LIB_ERRMSG_H
#define LIB_ERRMSG_H

#include <stddef.h>

/* The message into err (errlen bytes, cut if longer); returns -1. */
int errmsg_set(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * One line on stderr, "clockring: CMD: ...", a command's word to its
 * user; status 2 (bad usage) also points to `clockring CMD --help`.
 * Returns status.
 */
int errmsg_say(const char *cmd, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif

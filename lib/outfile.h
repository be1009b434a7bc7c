/* lib/outfile.h -- create and close output files, whole or not at all, errors named */
#ifndef LIB_OUTFILE_H
#define LIB_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#define OUTFILE_PATH_MAX	4096

/*
 * Create DIR/NAME (path receives it) under a temporary name beside it:
 * the file, or NULL with err. Until outfile_close, DIR/NAME is untouched.
 */
FILE *outfile_open(const char *dir, const char *name,
    char path[OUTFILE_PATH_MAX], char *err, size_t errlen);
/*
 * Flush and close, then put the file in place as path: 0, or -1 with
 * "PATH: reason" if any write failed, the temporary file removed and
 * path left as it was.
 */
int outfile_close(FILE *f, const char *path, char *err, size_t errlen);
/*
 * The same, but a file at path is never replaced: one there (made since
 * the caller looked) fails it with "PATH: File exists", left as it was.
 */
int outfile_close_new(FILE *f, const char *path, char *err, size_t errlen);
/* Close and remove a file of outfile_open given up on; path stays as it was. */
void outfile_discard(FILE *f, const char *path);
/*
 * Is DIR/NAME.EXT, which another program wrote (gnuplot), whole? A PNG
 * must end with its IEND chunk, an SVG with </svg>. 0, or -1 with err
 * ("PATH: cut short: No space left on device" when the disk is full).
 */
int outfile_check_image(const char *dir, const char *name, const char *ext,
    char *err, size_t errlen);
/*
 * When path's file system is full, add ": No space left on device" to
 * err, unless it says so already: the likely reason a write failed that
 * told no reason (another program's, or one that lost its output).
 */
void outfile_say_full(const char *path, char *err, size_t errlen);
/*
 * Why another program (gnuplot) failed to write into dir: err begins
 * with dir unless it names a file there already, and says so if the
 * disk is full.
 */
void outfile_blame(const char *dir, char *err, size_t errlen);

#endif

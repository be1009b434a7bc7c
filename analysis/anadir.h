/* analysis/anadir.h -- the folder an analysis goes into: staged whole, moved in file by file, the user's files kept */
#ifndef ANALYSIS_ANADIR_H
#define ANALYSIS_ANADIR_H

#include <stddef.h>

struct anadir;

/*
 * Ready the folder out (made if missing) for a new analysis, staged in a
 * temporary directory inside it: the analysis, or NULL with err.
 */
struct anadir *anadir_open(const char *out, char *err, size_t errlen);
/* Where the files are written until anadir_commit. */
const char *anadir_stage(const struct anadir *a);
/*
 * Put the run plots' scripts into the stage: the stock ones, but a
 * script of the folder that analyze did not write as it is now (the
 * user changed it) is kept, and copied in for drawing only. 0, or -1
 * with err.
 */
int anadir_scripts(struct anadir *a, char *err, size_t errlen);
/* The i-th script kept by anadir_scripts ("drift.gp"), or NULL past the last. */
const char *anadir_kept(const struct anadir *a, size_t i);
/*
 * Move the staged files into the folder, replacing only files of the
 * same names, and record their hashes in its manifest: 0, or -1 with err.
 */
int anadir_commit(struct anadir *a, char *err, size_t errlen);
/*
 * Done with a: what was not committed goes, and so does a folder that
 * anadir_open made and that is still empty.
 */
void anadir_close(struct anadir *a);

#endif

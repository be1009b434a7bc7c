/* analysis/out/keepdir.h -- an output folder of analyze or compare: staged whole, moved in file by file, the user's files kept */
#ifndef ANALYSIS_OUT_KEEPDIR_H
#define ANALYSIS_OUT_KEEPDIR_H

#include <stddef.h>
#include <stdio.h>

struct keepdir;
struct plot_set;

/*
 * Ready the folder out (made if missing) for new output, staged in a
 * temporary directory inside it, .NAME.tmp-PID (name: "analysis",
 * "compare"): the folder, or NULL with err.
 */
struct keepdir *keepdir_open(const char *out, const char *name, char *err,
    size_t errlen);
/* Where the files are written until keepdir_commit. */
const char *keepdir_stage(const struct keepdir *k);
/*
 * Put the scripts of set's plots into the stage: the stock ones, but a
 * script of the folder that was not written there as it is now (the
 * user changed it) is kept, and copied in for drawing only. 0, or -1
 * with err.
 */
int keepdir_scripts(struct keepdir *k, const struct plot_set *set, char *err,
    size_t errlen);
/* The i-th script keepdir_scripts kept ("drift.gp"), NULL past the last. */
const char *keepdir_kept(const struct keepdir *k, size_t i);
/*
 * One line onto to for each kept script, naming it in the folder and how
 * command cmd ("analyze") brings the stock one back.
 */
void keepdir_tell_kept(const struct keepdir *k, const char *cmd, FILE *to);
/*
 * Move the staged files into the folder, replacing only files of the
 * same names, and record their hashes in its manifest: 0, or -1 with err.
 */
int keepdir_commit(struct keepdir *k, char *err, size_t errlen);
/*
 * Done with k: what was not committed goes, and so does a folder that
 * keepdir_open made and that is still empty.
 */
void keepdir_close(struct keepdir *k);

#endif

/* analysis/out/manifest.h -- manifest.sha256: what analyze or compare wrote into a folder, a SHA-256 per file */
#ifndef ANALYSIS_OUT_MANIFEST_H
#define ANALYSIS_OUT_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#define MANIFEST_NAME	"manifest.sha256"

struct manifest;

/*
 * DIR/manifest.sha256 as the last analyze or compare into DIR left it;
 * an empty one when there is none. Lines that are not "HASH  NAME" are passed over. NULL
 * with err when it cannot be read.
 */
struct manifest *manifest_read(const char *dir, char *err, size_t errlen);
/* Is NAME's content, whose hash is hex, what the manifest says was written? */
bool manifest_wrote(const struct manifest *m, const char *name,
    const char *hex);
/*
 * Write stage/manifest.sha256 for the folder dir that stage's files are
 * about to replace files of: the hash of each file of stage, and what old
 * says of each file of dir that stage does not replace and dir still
 * holds. Sorted by name, in the format of sha256sum, so that
 * `sha256sum -c manifest.sha256` shows what was changed since. 0, or -1
 * with err.
 */
int manifest_write(const char *stage, const char *dir,
    const struct manifest *old, char *err, size_t errlen);
void manifest_free(struct manifest *m);

#endif

/* analysis/out/manifest.c -- manifest.sha256: what analyze or compare wrote into a folder, a SHA-256 per file */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/out/manifest.h"
#include "analysis/out/sha256.h"
#include "lib/errmsg.h"
#include "lib/outfile.h"

struct entry {
	char *name;		/* a file of the folder: no '/', not . or .. */
	char hex[SHA256_HEX];	/* its hash as written */
};

struct manifest {
	struct entry *e;
	size_t n, cap;
};

static void
clear(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].name);
	free(m->e);
}

void
manifest_free(struct manifest *m)
{
	if (m != NULL)
		clear(m);
	free(m);
}

static int
add(struct manifest *m, const char *name, const char *hex)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 32;
		struct entry *e = realloc(m->e, cap * sizeof *e);
		if (e == NULL)
			return -1;
		m->e = e;
		m->cap = cap;
	}
	if ((m->e[m->n].name = strdup(name)) == NULL)
		return -1;
	memcpy(m->e[m->n].hex, hex, SHA256_HEX - 1);
	m->e[m->n++].hex[SHA256_HEX - 1] = '\0';
	return 0;
}

static const struct entry *
find(const struct manifest *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].name, name) == 0)
			return &m->e[i];
	return NULL;
}

bool
manifest_wrote(const struct manifest *m, const char *name, const char *hex)
{
	const struct entry *e = find(m, name);

	return e != NULL && strcmp(e->hex, hex) == 0;
}

/*
 * "HASH  NAME" (or "HASH *NAME", sha256sum's binary mode), its newline
 * cut: NAME, or NULL for anything else, a name that is no file of the
 * folder or the manifest itself included.
 */
static const char *
parse_line(const char *line)
{
	size_t hexlen = strspn(line, "0123456789abcdef");
	const char *name;

	if (hexlen != SHA256_HEX - 1 || line[hexlen] != ' ' ||
	    (line[hexlen + 1] != ' ' && line[hexlen + 1] != '*'))
		return NULL;
	name = line + hexlen + 2;
	if (name[0] == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
	    strcmp(name, MANIFEST_NAME) == 0)
		return NULL;
	return name;
}

/* The first line of a name counts: a second one is not ours. */
static int
read_lines(FILE *f, struct manifest *m)
{
	char *line = NULL;
	const char *name;
	size_t cap = 0;
	int rc = 0;

	while (rc == 0 && getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((name = parse_line(line)) != NULL && find(m, name) == NULL)
			rc = add(m, name, line);
	}
	free(line);
	return rc;
}

struct manifest *
manifest_read(const char *dir, char *err, size_t errlen)
{
	char path[OUTFILE_PATH_MAX];
	struct manifest *m = calloc(1, sizeof *m);
	FILE *f;

	if (m == NULL) {
		errmsg_set(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(path, sizeof path, "%s/" MANIFEST_NAME, dir);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return m;
		errmsg_set(err, errlen, "%s: %s", path, strerror(errno));
		manifest_free(m);
		return NULL;
	}
	errno = 0;
	if (read_lines(f, m) == -1 || ferror(f)) {
		errmsg_set(err, errlen, "%s: %s", path, errno ? strerror(errno) :
		    "read error");
		manifest_free(m);
		m = NULL;
	}
	fclose(f);
	return m;
}

/* Every file of stage, hashed. */
static int
hash_stage(const char *stage, struct manifest *m, char *err, size_t errlen)
{
	char path[OUTFILE_PATH_MAX], hex[SHA256_HEX];
	DIR *d = opendir(stage);
	struct dirent *e;
	int rc = 0;

	if (d == NULL)
		return errmsg_set(err, errlen, "%s: %s", stage, strerror(errno));
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", stage, e->d_name);
		if (sha256_file(path, hex) == -1)
			rc = errmsg_set(err, errlen, "%s: %s", path,
			    strerror(errno));
		else if (add(m, e->d_name, hex) == -1)
			rc = errmsg_set(err, errlen, "out of memory");
	}
	closedir(d);
	return rc;
}

/*
 * What old says of the files of dir that stage does not replace: still
 * what was written, even if changed since, for as long as they are there.
 */
static int
carry(const struct manifest *old, const char *dir, struct manifest *m)
{
	char path[OUTFILE_PATH_MAX];
	struct stat st;

	for (size_t i = 0; i < old->n; i++) {
		const struct entry *e = &old->e[i];
		snprintf(path, sizeof path, "%s/%s", dir, e->name);
		if (find(m, e->name) == NULL && lstat(path, &st) == 0 &&
		    add(m, e->name, e->hex) == -1)
			return -1;
	}
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

int
manifest_write(const char *stage, const char *dir,
    const struct manifest *old, char *err, size_t errlen)
{
	struct manifest m = { NULL, 0, 0 };
	char path[OUTFILE_PATH_MAX];
	FILE *f;
	int rc = -1;

	if (hash_stage(stage, &m, err, errlen) == -1)
		goto done;
	if (carry(old, dir, &m) == -1) {
		errmsg_set(err, errlen, "out of memory");
		goto done;
	}
	if (m.n > 1)
		qsort(m.e, m.n, sizeof *m.e, by_name);
	if ((f = outfile_open(stage, MANIFEST_NAME, path, err, errlen)) == NULL)
		goto done;
	for (size_t i = 0; i < m.n; i++)
		fprintf(f, "%s  %s\n", m.e[i].hex, m.e[i].name);
	rc = outfile_close(f, path, err, errlen);
done:
	clear(&m);
	return rc;
}

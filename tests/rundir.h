/* tests/rundir.h -- temporary files and run directories for the analysis tests */
#ifndef TESTS_RUNDIR_H
#define TESTS_RUNDIR_H

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

/*
 * Every test works in its own directory under one base made by the
 * suite's unchecked fixture. That fixture runs in the parent process, so
 * the base is removed even when a forked test dies half-way.
 */
static char rundir_base[64];

static inline void
rundir_setup(void)
{
	strcpy(rundir_base, "/tmp/clockring-tests-XXXXXX");
	if (mkdtemp(rundir_base) == NULL) {
		perror("mkdtemp");
		abort();
	}
}

static inline int
rundir_unlink(const char *path, const struct stat *sb, int type,
    struct FTW *ftw)
{
	(void)sb, (void)type, (void)ftw;
	return remove(path);
}

static inline void
rundir_teardown(void)
{
	nftw(rundir_base, rundir_unlink, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh empty directory for one test. */
static inline void
rundir_make(char *dir, size_t len)
{
	ck_assert_int_lt(snprintf(dir, len, "%s/run-XXXXXX", rundir_base),
	    (int)len);
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Write n bytes as DIR/NAME, exactly: no newline is added. */
static inline void
rundir_write_raw(const char *dir, const char *name, const void *bytes,
    size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* Write DIR/NAME from lines, each followed by '\n'; NULL lines are left out. */
static inline void
rundir_write(const char *dir, const char *name, const char *const *lines,
    size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	for (size_t i = 0; i < n; i++)
		if (lines[i] != NULL)
			ck_assert_int_ge(fprintf(f, "%s\n", lines[i]), 0);
	ck_assert_int_eq(fclose(f), 0);
}

/* The names in dir, sorted, joined by spaces. */
static inline void
rundir_listing(const char *dir, char *buf, size_t len)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	ck_assert_int_ge(n, 0);
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			ck_assert_uint_lt(strlen(buf) + strlen(name) + 1, len);
			if (buf[0] != '\0')
				strcat(buf, " ");
			strcat(buf, name);
		}
		free(names[i]);
	}
	free(names);
}

/* One file of a hand-made run: its name and its lines. */
struct rundir_file {
	const char *name;
	const char *const *lines;
	size_t n;
};

/* Line `line` of file `name` becomes text; NULL deletes it, "\n" adds lines. */
struct rundir_edit {
	const char *name;
	size_t line;
	const char *text;
};

/* Write a run into a fresh directory, with the edits applied. */
static inline void
rundir_make_run(char *dir, size_t len, const struct rundir_file *run,
    size_t nfiles, const struct rundir_edit *edits, size_t nedits)
{
	const char *lines[64];

	rundir_make(dir, len);
	for (size_t f = 0; f < nfiles; f++) {
		ck_assert_uint_le(run[f].n, sizeof lines / sizeof lines[0]);
		memcpy(lines, run[f].lines, run[f].n * sizeof lines[0]);
		for (size_t e = 0; e < nedits; e++) {
			if (strcmp(edits[e].name, run[f].name) != 0)
				continue;
			ck_assert_uint_ge(edits[e].line, 1);
			ck_assert_uint_le(edits[e].line, run[f].n);
			lines[edits[e].line - 1] = edits[e].text;
		}
		rundir_write(dir, run[f].name, lines, run[f].n);
	}
}

#endif

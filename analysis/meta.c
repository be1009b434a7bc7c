/* analysis/meta.c -- reader of a run's run.meta (key=value lines) */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/errmsg.h"
#include "analysis/meta.h"
#include "vm/core/num.h"
#include "vm/core/vmend.h"

struct entry {
	char *line;		/* "key\0value", one allocation per line */
	const char *val;	/* into line */
	unsigned long lineno;
};

struct meta {
	struct entry *e;
	size_t n, cap;
};

void
meta_free(struct meta *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->e[i].line);
	free(m->e);
	free(m);
}

static const struct entry *
find(const struct meta *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->e[i].line, key) == 0)
			return &m->e[i];
	return NULL;
}

/*
 * Take one line (newline already stripped) into m; 0, or -1 with the
 * reason in err. Keys we do not know are kept: readers must ignore them,
 * not reject them (docs/FORMAT.md).
 */
static int
add(struct meta *m, char *line, size_t len, unsigned long lineno, char *err,
    size_t errlen)
{
	char *eq = strchr(line, '=');
	const struct entry *dup;
	struct entry *e;

	if (strlen(line) != len)
		return errmsg_set(err, errlen, "NUL byte in line");
	if (line[len - 1] == '\r')
		return errmsg_set(err, errlen, "%s", ERRMSG_CR);
	if (eq == NULL || eq == line)
		return errmsg_set(err, errlen, "expected key=value");
	*eq = '\0';
	if ((dup = find(m, line)) != NULL)
		return errmsg_set(err, errlen, "key '%.64s' already given on line "
		    "%lu", line, dup->lineno);
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		if ((e = realloc(m->e, cap * sizeof *e)) == NULL)
			return errmsg_set(err, errlen, "out of memory");
		m->e = e;
		m->cap = cap;
	}
	e = &m->e[m->n];
	if ((e->line = malloc(len + 1)) == NULL)
		return errmsg_set(err, errlen, "out of memory");
	memcpy(e->line, line, len + 1);	/* key, NUL, value, NUL */
	e->val = e->line + (eq - line) + 1;
	e->lineno = lineno;
	m->n++;
	return 0;
}

static int
read_lines(struct meta *m, FILE *f, const char *path, char *err,
    size_t errlen)
{
	char *line = NULL, why[160];
	size_t size = 0;
	unsigned long lineno = 0;
	ssize_t len;
	int rc = 0;

	while (rc == 0 && (len = getline(&line, &size, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0)
			continue;	/* a blank line says nothing */
		rc = add(m, line, (size_t)len, lineno, why, sizeof why);
		if (rc == -1)
			snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	return rc;
}

struct meta *
meta_load(const char *dir, char *err, size_t errlen)
{
	struct meta *m = NULL;
	char path[4096];
	FILE *f = NULL;

	if ((size_t)snprintf(path, sizeof path, "%s/run.meta", dir) >=
	    sizeof path) {
		snprintf(err, errlen, "%.64s...: path too long", dir);
		return NULL;
	}
	if ((f = fopen(path, "r")) == NULL ||
	    (m = calloc(1, sizeof *m)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (read_lines(m, f, path, err, errlen) == -1)
		goto fail;
	fclose(f);
	return m;
fail:
	if (f != NULL)
		fclose(f);
	meta_free(m);
	return NULL;
}

const char *
meta_get(const struct meta *m, const char *key)
{
	const struct entry *e = find(m, key);

	return e != NULL ? e->val : NULL;
}

unsigned long
meta_line(const struct meta *m, const char *key)
{
	const struct entry *e = find(m, key);

	return e != NULL ? e->lineno : 0;
}

int
meta_str(const struct meta *m, const char *key, const char **val, char *err,
    size_t errlen)
{
	if ((*val = meta_get(m, key)) == NULL)
		return errmsg_set(err, errlen, "missing key '%s'", key);
	return 0;
}

/* Digits only (vm/num.h): strtoull alone would take "-1", " 7" and "0x7". */
int
meta_u64(const struct meta *m, const char *key, uint64_t *val, char *err,
    size_t errlen)
{
	const char *s;

	if (meta_str(m, key, &s, err, errlen) == -1)
		return -1;
	if (num_uint(s, val) != 0)
		return errmsg_set(err, errlen, "%s '%.64s': not an unsigned 64-bit "
		    "integer", key, s);
	return 0;
}

bool
meta_exit_died(const char *exit)
{
	struct vmend e;

	return vmend_parse(exit, &e) == -1 || vmend_died(&e);
}

int
meta_double(const struct meta *m, const char *key, double *val, char *err,
    size_t errlen)
{
	const char *s;
	char *end;

	if (meta_str(m, key, &s, err, errlen) == -1)
		return -1;
	errno = 0;
	*val = strtod(s, &end);
	if (*s == '\0' || strchr("0123456789.-+", *s) == NULL || *end != '\0' ||
	    errno == ERANGE || !isfinite(*val))
		return errmsg_set(err, errlen, "%s '%.64s': not a number", key, s);
	return 0;
}

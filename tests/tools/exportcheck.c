/* tests/tools/exportcheck.c -- read a `clockring export` file back and check it as ShiViz or Perfetto would take it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/exportcheck.h"

/*
 * usage: exportcheck shiviz|perfetto FILE
 * Prints "ok: E events, H hosts, R receives matched, F flows" and exits
 * 0, or prints "exportcheck: FILE: why" and exits 1 (2: bad usage).
 */

/* The whole file, NUL-terminated (*len bytes before the NUL), or NULL. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n + 1 >= cap) {
			char *b = realloc(buf, cap = cap ? 2 * cap : 1 << 20);
			if (b == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int
main(int argc, char **argv)
{
	struct xc_stats st;
	char err[1024], *text;
	size_t len;
	int rc;

	if (argc != 3 || (strcmp(argv[1], "shiviz") != 0 &&
	    strcmp(argv[1], "perfetto") != 0)) {
		fputs("usage: exportcheck shiviz|perfetto FILE\n", stderr);
		return 2;
	}
	if ((text = slurp(argv[2], &len)) == NULL) {
		perror(argv[2]);
		return 1;
	}
	if (strlen(text) != len)
		rc = xc_fail(err, sizeof err, "a NUL byte in the file");
	else if (argv[1][0] == 's')
		rc = xc_shiviz_check(text, &st, err, sizeof err);
	else
		rc = xc_perfetto_check(text, len, &st, err, sizeof err);
	free(text);
	if (rc == -1) {
		fprintf(stderr, "exportcheck: %s: %s\n", argv[2], err);
		return 1;
	}
	printf("ok: %zu events, %zu hosts, %zu receives matched, %zu flows\n",
	    st.events, st.hosts, st.recvs, st.flows);
	return 0;
}

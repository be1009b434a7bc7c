/* tests/tools/rawread.c -- the speed reference for analysis: read and split a run's logs, nothing more */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define NFIELDS	9	/* vm,seq,event,wall_ns,lamport,queue_len,peers,src_seq,msg_lamport */

struct totals {
	uint64_t lines, fields, bytes;
};

/*
 * Split each line in place at its commas into field pointers, as any
 * parser must before it looks at a value. The counts are printed, so the
 * compiler cannot drop the work.
 */
static void
split_file(FILE *f, struct totals *t)
{
	char line[4096], *field[NFIELDS];

	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;
		int n = 0;
		field[n++] = p;
		while ((p = strchr(p, ',')) != NULL) {
			*p++ = '\0';
			if (n < NFIELDS)
				field[n++] = p;
		}
		t->lines++;
		t->fields += (uint64_t)n;
		t->bytes += (uint64_t)(field[n - 1] - line) + strlen(field[n - 1]);
	}
}

int
main(int argc, char **argv)
{
	struct totals t = { 0 };
	char path[4200];
	uint32_t vm;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: rawread RUN_DIR\n");
		return 2;
	}
	/* vm0.csv, vm1.csv, ... up to the first one missing. */
	for (vm = 0;; vm++) {
		snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", argv[1], vm);
		if ((f = fopen(path, "r")) == NULL)
			break;
		split_file(f, &t);
		if (ferror(f)) {
			fprintf(stderr, "rawread: %s: %s\n", path, strerror(errno));
			fclose(f);
			return 1;
		}
		fclose(f);
	}
	if (vm == 0 || errno != ENOENT) {
		fprintf(stderr, "rawread: %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("rawread: %" PRIu32 " files, %" PRIu64 " lines, %" PRIu64
	    " fields, %" PRIu64 " bytes\n", vm, t.lines, t.fields, t.bytes);
	return 0;
}

/* tests/tools/rawread.c -- the speed reference for analysis: a run's logs read in large blocks, every field made a number */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

/*
 * The least any reader of the logs must do, in one thread: read vm0.csv,
 * vm1.csv, ... (up to the first one missing) in 1 MiB blocks and turn
 * every field (a vector's entries too) into a number; a word (the event)
 * is hashed into one. Nothing is checked. The sum is printed, so the
 * compiler cannot drop the work.
 */
int
main(int argc, char **argv)
{
	static char buf[1 << 20];
	uint64_t lines = 0, fields = 0, bytes = 0, sum = 0, v = 0;
	char path[4200];
	uint32_t vm = 0;
	ssize_t n = 0;
	int fd;

	for (; argc == 2; vm++) {
		snprintf(path, sizeof path, "%s/vm%" PRIu32 ".csv", argv[1], vm);
		if ((fd = open(path, O_RDONLY)) == -1)
			break;
		while ((n = read(fd, buf, sizeof buf)) > 0) {
			bytes += (uint64_t)n;
			for (ssize_t i = 0; i < n; i++) {
				unsigned c = (unsigned char)buf[i], d = c - '0';
				if (d < 10)
					v = v * 10 + d;
				else if (c == ',' || c == ';' || c == '\n') {
					sum += v;
					v = 0;
					fields++;
					lines += c == '\n';
				} else
					v = v * 31 + c;
			}
		}
		close(fd);
		if (n == -1)
			break;
	}
	if (vm == 0 || n == -1) {
		fprintf(stderr, "usage: rawread RUN_DIR (with a readable vm0.csv)\n");
		return 2;
	}
	printf("rawread: %" PRIu32 " files, %" PRIu64 " lines, %" PRIu64
	    " fields, %" PRIu64 " bytes, sum %" PRIu64 "\n", vm, lines, fields,
	    bytes, sum);
	return 0;
}

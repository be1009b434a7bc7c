/* tests/fuzz/fuzz_options.c -- fuzz sim/options: the input split into words, as argv of run, vm and experiments */
#ifndef TESTS_FUZZ_FUZZ_OPTIONS_C
#define TESTS_FUZZ_FUZZ_OPTIONS_C

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/options.h"
#include "tests/fuzz/fuzz.h"

/*
 * Split a copy of data on NUL and newline into argv (every word its own
 * allocation, so AddressSanitizer sees reads past any of them). Empty
 * words are kept: a shell can pass "" too.
 */
static char **
fo_split(const uint8_t *data, size_t size, int *argc)
{
	size_t n = 1;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\0' || data[i] == '\n';
	char **argv = calloc(n + 1, sizeof *argv);
	FUZZ_ASSERT(argv != NULL);
	size_t start = 0, w = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] != '\0' && data[i] != '\n')
			continue;
		argv[w] = malloc(i - start + 1);
		FUZZ_ASSERT(argv[w] != NULL);
		memcpy(argv[w], data + start, i - start);
		argv[w++][i - start] = '\0';
		start = i + 1;
	}
	FUZZ_ASSERT(w == n);
	/* An input with no bytes is no words at all. */
	*argc = size == 0 ? 0 : (int)n;
	return argv;
}

static void
fo_free(char **argv)
{
	for (size_t i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

/* A message is one line, ended inside the buffer. */
static void
fo_check_err(int rc, const char *err, size_t errlen)
{
	FUZZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
	if (rc == -1) {
		FUZZ_ASSERT(memchr(err, '\0', errlen) != NULL && *err != '\0');
		/* No word holds a newline, so no message may either. */
		FUZZ_ASSERT(strchr(err, '\n') == NULL);
	}
}

int
fuzz_options(const uint8_t *data, size_t size)
{
	struct run_opts *ro = malloc(sizeof *ro);
	struct vm_opts *vo = malloc(sizeof *vo);
	struct suite_opts so;
	char err[512];
	int argc, rc;
	char **argv = fo_split(data, size, &argc);

	FUZZ_ASSERT(ro != NULL && vo != NULL);
	rc = options_run(argc, argv, ro, err, sizeof err);
	fo_check_err(rc, err, sizeof err);
	if (rc == 0) {
		FUZZ_ASSERT(ro->vms >= 2 && ro->vms <= OPT_MAX_VMS);
		FUZZ_ASSERT(ro->rate_min <= ro->rate_max);
		FUZZ_ASSERT(ro->nrates == 0 || ro->nrates == ro->vms);
	}
	rc = options_vm(argc, argv, vo, err, sizeof err);
	fo_check_err(rc, err, sizeof err);
	if (rc == 0) {
		FUZZ_ASSERT(memchr(vo->listen_host, '\0', sizeof vo->listen_host));
		FUZZ_ASSERT(memchr(vo->next_host, '\0', sizeof vo->next_host));
	}
	rc = options_suite(argc, argv, &so, err, sizeof err);
	fo_check_err(rc, err, sizeof err);
	if (rc == 0)
		FUZZ_ASSERT(so.nfiles >= 1 && so.nfiles <= argc);
	free(so.files);
	free(ro);
	free(vo);
	fo_free(argv);
	return 0;
}

#ifdef FUZZ_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_options(data, size);
}
#endif

#endif

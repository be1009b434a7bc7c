/* tests/fuzz/fuzz_logread.c -- fuzz analysis/logread: any bytes as a vmI.csv, read to the end */
#ifndef TESTS_FUZZ_FUZZ_LOGREAD_C
#define TESTS_FUZZ_FUZZ_LOGREAD_C

#include <stdint.h>
#include <string.h>

#include "analysis/logread.h"
#include "tests/fuzz/fuzz.h"

/* Fields a kind leaves empty must read as 0 (analysis/logread.h). */
static void
fl_check_event(const struct log_event *ev, unsigned long prev_line)
{
	FUZZ_ASSERT(ev->line > prev_line && ev->line >= 2);
	FUZZ_ASSERT(logread_kind_name(ev->kind) != NULL);
	switch (ev->kind) {
	case LOG_INTERNAL:
		FUZZ_ASSERT(ev->npeers == 0);
		break;
	case LOG_SEND:
		FUZZ_ASSERT(ev->npeers == 1 || ev->npeers == 2);
		FUZZ_ASSERT(ev->src_seq == 0 && ev->msg_lamport == 0);
		break;
	case LOG_RECV:
	case LOG_PENDING:
	case LOG_DROP:
		FUZZ_ASSERT(ev->npeers == 1);
		break;
	case LOG_PEER_DOWN:
		FUZZ_ASSERT(ev->npeers == 1);
		FUZZ_ASSERT(ev->src_seq == 0 && ev->msg_lamport == 0);
		break;
	default:
		FUZZ_ASSERT(!"unknown event kind");
	}
}

int
fuzz_logread(const uint8_t *data, size_t size)
{
	char dir[4096], path[4200], err[512];
	struct log_event ev;
	unsigned long prev = 1;
	int rc;

	if (fuzz_tmpfile(dir, sizeof dir, "vm0.csv", path, sizeof path, data,
	    size) == -1)
		return 0;	/* no room for the file: nothing to learn */
	struct logread *lr = logread_open(path, err, sizeof err);
	FUZZ_ASSERT(lr != NULL);
	while ((rc = logread_next(lr, &ev, err, sizeof err)) == 1) {
		fl_check_event(&ev, prev);
		prev = ev.line;
	}
	FUZZ_ASSERT(rc == 0 || rc == -1 || rc == -2);
	if (rc < 0) {
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
		FUZZ_ASSERT(logread_reason(lr) != NULL);
		/* The reader stays in its error state. */
		FUZZ_ASSERT(logread_next(lr, &ev, err, sizeof err) == rc);
	} else {
		FUZZ_ASSERT(logread_next(lr, &ev, err, sizeof err) == 0);
	}
	logread_close(lr);
	fuzz_tmpclean(dir, path);
	return 0;
}

#ifdef FUZZ_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_logread(data, size);
}
#endif

#endif

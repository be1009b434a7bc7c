/* tests/fuzz/fuzz_logread.c -- fuzz analysis/rundir/logread and vm/core/logline: any bytes as a vmI.csv, each line read written back */
#ifndef TESTS_FUZZ_FUZZ_LOGREAD_C
#define TESTS_FUZZ_FUZZ_LOGREAD_C

#include <stdint.h>
#include <string.h>

#include "analysis/rundir/logread.h"
#include "tests/fuzz/fuzz.h"

/* Fields a kind leaves empty must read as 0 (analysis/rundir/logread.h). */
static void
fl_check_event(const struct log_event *ev, unsigned long prev_line)
{
	FUZZ_ASSERT(ev->line > prev_line && ev->line >= 2);
	FUZZ_ASSERT(logline_kind_name(ev->kind) != NULL);
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
	case LOG_LOSS:
		FUZZ_ASSERT(ev->npeers == 1);
		break;
	default:
		FUZZ_ASSERT(!"unknown event kind");
	}
	/* A vector on every line of a vector log but PEER_DOWN's. */
	FUZZ_ASSERT(ev->nvec <= LOGLINE_VEC_MAX);
	FUZZ_ASSERT(ev->vcol || ev->nvec == 0);
	if (ev->vcol)
		FUZZ_ASSERT((ev->nvec == 0) == (ev->kind == LOG_PEER_DOWN));
}

/* Whatever line was read, the writer's line for it reads back the same. */
static void
fl_round_trip(const struct log_event *ev)
{
	static char line[LOGLINE_MAX_ANY + 1];
	static uint64_t v[LOGLINE_VEC_MAX];
	char why[256];
	struct log_event back;
	size_t n = logline_format(line, ev);

	FUZZ_ASSERT(n >= 1 && n - 1 <= LOGLINE_MAX_VEC(ev->nvec) &&
	    line[n - 1] == '\n');
	FUZZ_ASSERT(logline_parse(line, n - 1, &back, ev->vcol ? v : NULL, why,
	    sizeof why) == 0);
	FUZZ_ASSERT(back.vcol == ev->vcol && back.nvec == ev->nvec);
	for (uint32_t k = 0; k < ev->nvec; k++)
		FUZZ_ASSERT(back.vec[k] == ev->vec[k]);
	FUZZ_ASSERT(back.vm == ev->vm && back.seq == ev->seq &&
	    back.kind == ev->kind && back.wall_ns == ev->wall_ns &&
	    back.lamport == ev->lamport && back.queue_len == ev->queue_len &&
	    back.npeers == ev->npeers && back.src_seq == ev->src_seq &&
	    back.msg_lamport == ev->msg_lamport);
	for (uint32_t i = 0; i < ev->npeers; i++)
		FUZZ_ASSERT(back.peers[i] == ev->peers[i]);
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
		fl_round_trip(&ev);
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

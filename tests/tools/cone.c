/* tests/tools/cone.c -- the causal cone of one tick of a run, counted pair by pair: the viewer's test checks its page against it */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/causal/vclock.h"

/*
 * usage: cone RUN_DIR VM SEQ
 * prints "past P future F concurrent C lamport L kind K prev R msg M":
 * the ticks that happened before VM's tick SEQ, after it and neither
 * (vclock_before, tick by tick), its clock and kind, its VM's clock before
 * it and, for a RECV, the clock its message carried (else -1).
 */
int
main(int argc, char **argv)
{
	struct vclock_run r;
	char err[4352];
	size_t e = VCLOCK_NONE, past = 0, future = 0, conc = 0;
	uint64_t prev = 0;

	if (argc != 4) {
		fputs("usage: cone RUN_DIR VM SEQ\n", stderr);
		return 2;
	}
	if (vclock_load(argv[1], &r, err, sizeof err) == -1) {
		fprintf(stderr, "cone: %s\n", err);
		return 1;
	}
	uint32_t vm = (uint32_t)strtoul(argv[2], NULL, 10);
	uint64_t seq = strtoull(argv[3], NULL, 10);
	for (size_t i = 0; i < r.nev && e == VCLOCK_NONE; i++) {
		if (r.ev[i].vm == vm && r.ev[i].seq == seq)
			e = i;
		else if (r.ev[i].vm == vm)
			prev = r.ev[i].lamport;
	}
	if (e == VCLOCK_NONE) {
		fprintf(stderr, "cone: no tick vm%s seq %s\n", argv[2], argv[3]);
		vclock_free(&r);
		return 1;
	}
	for (size_t j = 0; j < r.nev; j++)
		if (vclock_before(&r, j, e))
			past++;
		else if (vclock_before(&r, e, j))
			future++;
		else if (j != e)
			conc++;
	size_t s = r.ev[e].send;
	printf("past %zu future %zu concurrent %zu lamport %" PRIu64 " kind %d "
	    "prev %" PRIu64 " msg %" PRId64 "\n", past, future, conc,
	    r.ev[e].lamport, (int)r.ev[e].kind, prev,
	    r.ev[e].kind == LOG_RECV && s != VCLOCK_NONE ?
	    (int64_t)r.ev[s].lamport : -1);
	vclock_free(&r);
	return 0;
}

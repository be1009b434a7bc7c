/* analysis/check/check.h -- `clockring check RUN_DIR`: verify a run's invariants */
#ifndef ANALYSIS_CHECK_CHECK_H
#define ANALYSIS_CHECK_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct checker;
struct log_event;

/* check's verdict on a run, as a caller takes it (analyze). */
struct check_verdict {
	unsigned long violations;	/* 0: every rule holds */
	uint32_t broken;		/* bit 1 << rule of each rule broken */
};

/* Room for check_verdict_text's words, every rule broken, with NUL. */
#define CHECK_VERDICT_TEXT_MAX	320

/*
 * Check the run directory against docs/FORMAT.md. Violations and the
 * verdict (or, when all is well, a summary) go to out; a reason why the
 * directory cannot be checked at all goes to err as one line. Returns the
 * exit status: 0 every rule holds, 1 some rule is broken, 2 unusable input.
 */
int check_run(const char *run_dir, FILE *out, FILE *err);

/*
 * Is run_dir a run directory this clockring reads (a directory with a
 * run.meta of a known format)? 0, or -1 with why: then check and analyze
 * alike call it bad input.
 */
int check_usable(const char *run_dir, char *why, size_t len);

/*
 * The same check as a stream, for a caller that wants each line of the
 * logs too (analyze): the logs are read once, by check_next. check_open
 * applies the rules on run.meta and opens the logs; NULL with the reason
 * in why if the run cannot be checked at all. Violations go to out.
 */
struct checker *check_open(const char *run_dir, FILE *out, char *why,
    size_t len);
/*
 * The next line of all logs, lowest wall_ns first, every rule applied to
 * it: 1 with *ev (valid until the next call) and the VM whose log it is
 * in *vm; 0 when every log was read. -1: log *vm cannot be read whole
 * (missing, or a bad line: a violation already), why says so as
 * "PATH[:LINE]: reason", and the other logs go on. -2: the run cannot be
 * checked (a read error, out of memory), why says why.
 */
int check_next(struct checker *c, const struct log_event **ev, uint32_t *vm,
    char *why, size_t len);
/*
 * Once check_next has returned 0: the rules on the logs as a whole, then
 * the verdict or the summary to out. Returns 0 every rule holds, 1 not,
 * or -2 with why (out of memory).
 */
int check_end(struct checker *c, char *why, size_t len);
/* The verdict so far: after check_end, the run's. */
void check_verdict(const struct checker *c, struct check_verdict *v);
/* "3 violations (lost, fifo)", as check's last line says it, into buf. */
void check_verdict_text(const struct check_verdict *v, char *buf,
    size_t len);
void check_free(struct checker *c);

#endif

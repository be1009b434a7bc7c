/* vm/core/runmeta.c -- run.meta, the record of what was run and how it ended: one typed struct, written and read here */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/core/num.h"
#include "vm/core/runmeta.h"
#include "vm/core/textline.h"

/*
 * One table says every key: its name, how its value is written and read,
 * where it lives in struct runmeta and when it is there. The writer and
 * the reader both walk it, so a new key is one row (and its field).
 */
enum type {
	T_FORMAT,	/* 1, 2 or 3; anything else: not a run.meta we read */
	T_TEXT,		/* not empty, shorter than RUNMETA_TEXT_MAX */
	T_HEX,		/* run_id: 32 hex digits */
	T_UINT,		/* digits, within lo..hi, in a field of 2, 4 or 8 bytes */
	T_REAL,		/* a positive number */
	T_MS,		/* a plain decimal, 0 or more: model milliseconds */
	T_SHARE,	/* a plain decimal from 0 to 1 */
	T_MODE,		/* real, virtual */
	T_POLICY,	/* stop, continue */
	T_LOG,		/* full, summary, off */
	T_FAULTS,	/* 0 .. FAULT_MAX: how many faultI follow */
	T_FAULT,	/* a spec that fits the run */
	T_END,		/* a vmI.exit name */
	T_STATUS,	/* running, complete, interrupted, failed */
	T_VM,		/* failed_vm: a VM of the run */
	T_OFFSET,	/* a signed 64-bit integer: digits, maybe a '-' first */
};

enum count { ONE, PER_VM, PER_FAULT };

enum when {
	ALWAYS,		/* written always, required */
	FORMAT2,	/* written and required from format 2 on */
	FORMAT3,	/* written and required from format 3 on */
	FORMAT4,	/* written and required from format 4 on */
	FORMAT5,	/* written and required from format 5 on */
	IF_REAL,	/* written and required unless mode=virtual */
	IF_BLAMED,	/* written when failed_vm >= 0; may be absent */
	IF_FAILED,	/* written with status=failed; may be absent */
	IF_MEASURED,	/* written when measured; may be absent */
	IF_PART,	/* written in a VM's part (vmI.meta); may be absent */
};

struct key {
	const char *name;	/* a list key's has %u for its index */
	enum type type;
	enum count count;
	enum when when;
	size_t off, size;	/* the field (entry 0 of a list) and its size */
	uint64_t lo, hi;	/* T_UINT: the values allowed; hi 0: up to
				 * what the field holds */
};

#define FIELD(f)	offsetof(struct runmeta, f), sizeof ((struct runmeta *)0)->f
#define ENTRY(f)	offsetof(struct runmeta, f), sizeof ((struct runmeta *)0)->f[0]

static const struct key keys[RUNMETA_KEYS] = {
	[RUNMETA_KEY_FORMAT] = { "format", T_FORMAT, ONE, ALWAYS, FIELD(format), 0, 0 },
	[RUNMETA_KEY_VERSION] = { "version", T_TEXT, ONE, ALWAYS, FIELD(version), 0, 0 },
	[RUNMETA_KEY_RUN_ID] = { "run_id", T_HEX, ONE, ALWAYS, FIELD(run_id), 0, 0 },
	[RUNMETA_KEY_SEED] = { "seed", T_UINT, ONE, ALWAYS, FIELD(seed), 0, 0 },
	[RUNMETA_KEY_VMS] = { "vms", T_UINT, ONE, ALWAYS, FIELD(vms), 2, RUNMETA_MAX_RING },
	[RUNMETA_KEY_PART] = { "part", T_VM, ONE, IF_PART, FIELD(part_vm), 0, 0 },
	[RUNMETA_KEY_DURATION] = { "duration_s", T_REAL, ONE, ALWAYS, FIELD(duration_s), 0, 0 },
	[RUNMETA_KEY_SPEED] = { "speed", T_REAL, ONE, ALWAYS, FIELD(speed), 0, 0 },
	[RUNMETA_KEY_DRAW_MAX] = { "draw_max", T_UINT, ONE, ALWAYS, FIELD(draw_max), 3, 0 },
	[RUNMETA_KEY_RATE_MIN] = { "rate_min", T_UINT, ONE, ALWAYS, FIELD(rate_min), 1, 0 },
	[RUNMETA_KEY_RATE_MAX] = { "rate_max", T_UINT, ONE, ALWAYS, FIELD(rate_max), 1, 0 },
	[RUNMETA_KEY_RATE] = { "vm%u.rate", T_UINT, PER_VM, ALWAYS, ENTRY(rate), 1, 0 },
	[RUNMETA_KEY_MODE] = { "mode", T_MODE, ONE, FORMAT3, FIELD(virtual), 0, 0 },
	[RUNMETA_KEY_LATENCY_MIN] = { "latency_min_ms", T_MS, ONE, FORMAT3, FIELD(latency_min_ms), 0, 0 },
	[RUNMETA_KEY_LATENCY_MAX] = { "latency_max_ms", T_MS, ONE, FORMAT3, FIELD(latency_max_ms), 0, 0 },
	[RUNMETA_KEY_LOSS] = { "loss", T_SHARE, ONE, FORMAT3, FIELD(loss), 0, 0 },
	[RUNMETA_KEY_VECTOR] = { "vector", T_UINT, ONE, FORMAT4, FIELD(vector), 0, 1 },
	[RUNMETA_KEY_LOG] = { "log", T_LOG, ONE, FORMAT5, FIELD(log), 0, 0 },
	[RUNMETA_KEY_BIND] = { "bind", T_TEXT, ONE, IF_REAL, FIELD(bind), 0, 0 },
	[RUNMETA_KEY_PORT] = { "vm%u.port", T_UINT, PER_VM, IF_REAL, ENTRY(port), 1, 65535 },
	[RUNMETA_KEY_ON_FAILURE] = { "on_failure", T_POLICY, ONE, FORMAT2, FIELD(on_failure), 0, 0 },
	[RUNMETA_KEY_FAULTS] = { "faults", T_FAULTS, ONE, FORMAT2, FIELD(nfaults), 0, FAULT_MAX },
	[RUNMETA_KEY_FAULT] = { "fault%u", T_FAULT, PER_FAULT, FORMAT2, ENTRY(fault), 0, 0 },
	[RUNMETA_KEY_START] = { "start_wall_ns", T_UINT, ONE, ALWAYS, FIELD(start_wall_ns), 0, 0 },
	[RUNMETA_KEY_END] = { "end_wall_ns", T_UINT, ONE, ALWAYS, FIELD(end_wall_ns), 0, 0 },
	[RUNMETA_KEY_EXIT] = { "vm%u.exit", T_END, PER_VM, ALWAYS, ENTRY(end), 0, 0 },
	[RUNMETA_KEY_STATUS] = { "status", T_STATUS, ONE, ALWAYS, FIELD(status), 0, 0 },
	[RUNMETA_KEY_FAILED_VM] = { "failed_vm", T_VM, ONE, IF_BLAMED, FIELD(failed_vm), 0, 0 },
	[RUNMETA_KEY_ERROR] = { "error", T_TEXT, ONE, IF_FAILED, FIELD(error), 0, 0 },
	[RUNMETA_KEY_NEXT_OFFSET] = { "vm%u.next_offset_ns", T_OFFSET, PER_VM, IF_MEASURED, ENTRY(next_offset_ns), 0, 0 },
	[RUNMETA_KEY_NEXT_RTT] = { "vm%u.next_rtt_ns", T_UINT, PER_VM, IF_MEASURED, ENTRY(next_rtt_ns), 0, 0 },
};

static const char *const status_name[] = {
	[RUN_UNKNOWN] = "?", [RUN_RUNNING] = "running",
	[RUN_COMPLETE] = "complete", [RUN_INTERRUPTED] = "interrupted",
	[RUN_FAILED] = "failed",
};

static const char *const log_name[] = { [RUNMETA_LOG_FULL] = "full",
	[RUNMETA_LOG_SUMMARY] = "summary", [RUNMETA_LOG_OFF] = "off" };

const char *
runmeta_log_name(enum runmeta_log l)
{
	return log_name[l];
}

bool
runmeta_per_vm(const struct runmeta *m)
{
	return m->vms <= RUNMETA_MAX_VMS;
}

const char *
runmeta_status_name(enum run_status s)
{
	return status_name[s];
}

static uint32_t
entries(enum runmeta_key k)
{
	switch (keys[k].count) {
	case PER_VM: return RUNMETA_MAX_VMS;
	case PER_FAULT: return FAULT_MAX;
	default: return 1;
	}
}

/* Where entry i of key k is in struct runmeta_seen. */
static size_t
slot(enum runmeta_key k, uint32_t i)
{
	size_t s = 0;

	for (int j = 0; j < (int)k; j++)
		s += entries((enum runmeta_key)j);
	assert(i < entries(k) && s + i < RUNMETA_SLOTS);
	return s + i;
}

unsigned long
runmeta_line(const struct runmeta_seen *s, enum runmeta_key k, uint32_t i)
{
	return s->line[slot(k, i)];
}

bool
runmeta_ok(const struct runmeta_seen *s, enum runmeta_key k, uint32_t i)
{
	return s->ok[slot(k, i)];
}

void
runmeta_key_name(enum runmeta_key k, uint32_t i, char *buf, size_t len)
{
	const char *name = keys[k].name, *pc = strstr(name, "%u");

	if (keys[k].count == ONE)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%.*s%u%s", (int)(pc - name), name,
		    (unsigned)i, pc + 2);
}

/* ---- writing ---- */

static bool
written(const struct runmeta *m, const struct key *k)
{
	switch (k->when) {
	case FORMAT2: return m->format >= 2;
	case FORMAT3: return m->format >= 3;
	case FORMAT4: return m->format >= 4;
	case FORMAT5: return m->format >= 5;
	case IF_REAL: return !m->virtual;
	case IF_BLAMED: return m->failed_vm >= 0;
	case IF_FAILED: return m->status == RUN_FAILED;
	case IF_MEASURED: return m->measured;
	case IF_PART: return m->is_part;
	default: return true;
	}
}

static uint64_t
get_uint(const void *p, size_t size)
{
	switch (size) {
	case 2: return *(const uint16_t *)p;
	case 4: return *(const uint32_t *)p;
	default: return *(const uint64_t *)p;
	}
}

static void
put_value(FILE *f, const struct key *k, const void *p)
{
	char buf[FAULT_TEXT_MAX];

	switch (k->type) {
	case T_TEXT:
		fputs(p, f);
		break;
	case T_HEX:
		for (size_t i = 0; i < k->size; i++)
			fprintf(f, "%02x", ((const uint8_t *)p)[i]);
		break;
	case T_FORMAT:
	case T_UINT:
	case T_FAULTS:
		fprintf(f, "%" PRIu64, get_uint(p, k->size));
		break;
	case T_REAL:
		fprintf(f, "%.15g", *(const double *)p);
		break;
	case T_MS:
	case T_SHARE:
		num_format(buf, sizeof buf, *(const double *)p);
		fputs(buf, f);
		break;
	case T_MODE:
		fputs(*(const bool *)p ? "virtual" : "real", f);
		break;
	case T_POLICY:
		fputs(vmend_policy_name(*(const enum vm_on_failure *)p), f);
		break;
	case T_LOG:
		fputs(log_name[*(const enum runmeta_log *)p], f);
		break;
	case T_FAULT:
		fault_format(p, buf, sizeof buf);
		fputs(buf, f);
		break;
	case T_END:
		vmend_format(p, buf, sizeof buf);
		fputs(buf, f);
		break;
	case T_STATUS:
		assert(*(const enum run_status *)p != RUN_UNKNOWN);
		fputs(status_name[*(const enum run_status *)p], f);
		break;
	case T_VM:
		fprintf(f, "%" PRId32, *(const int32_t *)p);
		break;
	case T_OFFSET:
		fprintf(f, "%" PRId64, *(const int64_t *)p);
		break;
	}
}

/* How many entries key k has in m. */
static uint32_t
count_in(const struct runmeta *m, const struct key *k)
{
	switch (k->count) {
	case PER_VM: return runmeta_per_vm(m) ? m->vms : 0;
	case PER_FAULT: return m->nfaults;
	default: return 1;
	}
}

/* A part has the vmI keys of its own VM only. */
static bool
own_entry(const struct runmeta *m, const struct key *k, uint32_t i)
{
	return k->count != PER_VM || !m->is_part || i == (uint32_t)m->part_vm;
}

char *
runmeta_format(const struct runmeta *m, size_t *len)
{
	char *text = NULL, name[32];
	FILE *f = open_memstream(&text, len);

	if (f == NULL)
		return NULL;
	for (int k = 0; k < RUNMETA_KEYS; k++) {
		const struct key *key = &keys[k];
		if (!written(m, key))
			continue;
		for (uint32_t i = 0; i < count_in(m, key); i++) {
			if (!own_entry(m, key, i))
				continue;
			runmeta_key_name((enum runmeta_key)k, i, name, sizeof name);
			fprintf(f, "%s=", name);
			put_value(f, key, (const char *)m + key->off + i * key->size);
			fputc('\n', f);
		}
	}
	if ((ferror(f) != 0) | (fclose(f) != 0)) {
		free(text);
		return NULL;
	}
	return text;
}

/* ---- reading ---- */

struct reader {
	const char *name;		/* the file, for messages */
	struct runmeta *m;
	struct runmeta_seen *seen;
	const char *val[RUNMETA_SLOTS];	/* each key's value, NULL: absent */
	runmeta_problem_fn *fn;
	void *ctx;
	char *err;
	size_t errlen;
	int problems;
	struct runmeta_seen own;	/* seen, when the caller has none */
};

/* The message into err, "NAME[:LINE]: ...": returns -1. */
__attribute__((format(printf, 3, 4))) static int
fatal(struct reader *r, unsigned long line, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(r->err, r->errlen, "%s:%lu: %s", r->name, line, why);
	else
		snprintf(r->err, r->errlen, "%s: %s", r->name, why);
	return -1;
}

/* A list key's name: pattern "vm%u.rate" against key; 0 with *index. */
static int
match_list(const char *pattern, const char *key, uint32_t max, uint32_t *index)
{
	const char *pc = strstr(pattern, "%u");
	size_t pre = (size_t)(pc - pattern), n;
	uint64_t i;

	if (strncmp(key, pattern, pre) != 0)
		return -1;
	key += pre;
	/* Only the spelling the writer uses: vm01.rate is not vm1.rate. */
	if ((n = num_scan_uint(key, &i)) == 0 || (key[0] == '0' && n > 1) ||
	    i >= max || strcmp(key + n, pc + 2) != 0)
		return -1;
	*index = (uint32_t)i;
	return 0;
}

/* The slot of a key we know, or -1. */
static long
find(const char *key)
{
	uint32_t i;

	for (int k = 0; k < RUNMETA_KEYS; k++) {
		if (keys[k].count == ONE ? strcmp(key, keys[k].name) == 0 :
		    match_list(keys[k].name, key, entries((enum runmeta_key)k),
		    &i) == 0)
			return (long)slot((enum runmeta_key)k,
			    keys[k].count == ONE ? 0 : i);
	}
	return -1;
}

/* One line, its newline cut: 0, or -1 when it is no key=value. */
static int
take_line(struct reader *r, char *line, size_t len, unsigned long lineno)
{
	char *eq = memchr(line, '=', len);
	long s;

	if (len == 0)
		return 0;	/* a blank line says nothing */
	if (memchr(line, '\0', len) != NULL)
		return fatal(r, lineno, "NUL byte in line");
	if (line[len - 1] == '\r')
		return fatal(r, lineno, "%s", TEXTLINE_CR);
	if (eq == NULL || eq == line)
		return fatal(r, lineno, "expected key=value");
	*eq = '\0';
	line[len] = '\0';
	if ((s = find(line)) == -1)
		return 0;	/* readers ignore keys they do not know */
	if (r->seen->line[s] != 0)
		return fatal(r, lineno, "key '%.64s' already given on line %"
		    PRIu32, line, r->seen->line[s]);
	r->seen->line[s] = (uint32_t)lineno;
	r->val[s] = eq + 1;
	return 0;
}

/* Cut text into lines and each known key's value (a NUL follows text). */
static int
split(struct reader *r, char *text, size_t len)
{
	unsigned long lineno = 0;
	char *p = text, *end = text + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (take_line(r, p, n, ++lineno) == -1)
			return -1;
		p += n + 1;
	}
	return 0;
}

/* A problem with key k (entry i): told, and the first one kept in err. */
__attribute__((format(printf, 4, 5))) static void
problem(struct reader *r, enum runmeta_key k, uint32_t i, const char *fmt, ...)
{
	size_t s = slot(k, i);
	struct runmeta_problem p = { k, i, r->seen->line[s], r->val[s], NULL };
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	p.why = why;
	if (r->problems++ == 0) {
		if (p.line > 0)
			snprintf(r->err, r->errlen, "%s:%lu: %s", r->name, p.line,
			    why);
		else
			snprintf(r->err, r->errlen, "%s: %s", r->name, why);
	}
	if (r->fn != NULL)
		r->fn(r->ctx, &p);
}

static void
set_uint(void *p, size_t size, uint64_t v)
{
	switch (size) {
	case 2: *(uint16_t *)p = (uint16_t)v; break;
	case 4: *(uint32_t *)p = (uint32_t)v; break;
	default: *(uint64_t *)p = v; break;
	}
}

/* Digits within lo..hi (0: the field's largest), as check has said it. */
static int
read_uint(struct reader *r, enum runmeta_key k, uint32_t i, const char *s,
    uint64_t lo, uint64_t hi, uint64_t *v)
{
	uint64_t most = keys[k].size == 8 ? UINT64_MAX : keys[k].size == 4 ?
	    UINT32_MAX : UINT16_MAX;
	bool bounded = hi != 0;
	char name[32];

	runmeta_key_name(k, i, name, sizeof name);
	if (num_uint(s, v) != 0) {
		problem(r, k, i, "%s '%.64s': not an unsigned 64-bit integer",
		    name, s);
		return -1;
	}
	hi = bounded ? hi : most;
	if (*v >= lo && *v <= hi)
		return 0;
	if (!bounded && *v < lo)
		problem(r, k, i, "%s=%" PRIu64 ": must be at least %" PRIu64,
		    name, *v, lo);
	else
		problem(r, k, i, "%s=%" PRIu64 ": not in %" PRIu64 "..%" PRIu64,
		    name, *v, lo, hi);
	return -1;
}

/* strtod's numbers, but finite, positive and without spaces or words. */
static int
read_real(struct reader *r, enum runmeta_key k, const char *s,
    const char *name, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (*s == '\0' || strchr("0123456789.-+", *s) == NULL || *end != '\0' ||
	    errno == ERANGE || !isfinite(*v)) {
		problem(r, k, 0, "%s '%.64s': not a number", name, s);
		return -1;
	}
	if (!(*v > 0)) {
		problem(r, k, 0, "%s=%s: must be positive", name, s);
		return -1;
	}
	return 0;
}

static int
read_text(struct reader *r, enum runmeta_key k, const char *s,
    const char *name, char *dst)
{
	size_t n = strlen(s);

	if (n == 0)
		problem(r, k, 0, "%s: empty", name);
	else if (n >= RUNMETA_TEXT_MAX)
		problem(r, k, 0, "%s: longer than %d bytes", name,
		    RUNMETA_TEXT_MAX - 1);
	else {
		memcpy(dst, s, n + 1);
		return 0;
	}
	return -1;
}

static int
read_hex(struct reader *r, enum runmeta_key k, const char *s,
    const char *name, uint8_t *dst, size_t size)
{
	if (*s == '\0') {
		problem(r, k, 0, "%s: empty", name);
		return -1;
	}
	if (strlen(s) != 2 * size || strspn(s, "0123456789abcdefABCDEF") !=
	    2 * size) {
		problem(r, k, 0, "%s '%.64s': not %zu hex digits", name, s,
		    2 * size);
		return -1;
	}
	for (size_t i = 0; i < size; i++) {
		unsigned b;
		sscanf(s + 2 * i, "%2x", &b);
		dst[i] = (uint8_t)b;
	}
	return 0;
}

static int
read_status(struct reader *r, const char *s, enum run_status *st)
{
	for (int i = RUN_RUNNING; i <= RUN_FAILED; i++) {
		if (strcmp(s, status_name[i]) == 0) {
			*st = (enum run_status)i;
			return 0;
		}
	}
	problem(r, RUNMETA_KEY_STATUS, 0, "status '%.64s': not running, "
	    "complete, interrupted or failed", s);
	return -1;
}

/* A fault that fits the run; without a usable duration, its ids still. */
static int
read_fault(struct reader *r, uint32_t i, const char *s, const char *name,
    struct fault *f)
{
	const struct runmeta *m = r->m;
	char why[128];

	/* Without a usable vms (told already), the spec is only parsed. */
	if (fault_parse(s, f, why, sizeof why) == 0 && (m->vms == 0 ||
	    fault_fits(f, m->vms, m->duration_s > 0 ? m->duration_s :
	    INFINITY, why, sizeof why) == 0))
		return 0;
	memset(f, 0, sizeof *f);
	problem(r, RUNMETA_KEY_FAULT, i, "%s '%.64s': %s", name, s, why);
	return -1;
}

static int
read_offset(struct reader *r, enum runmeta_key k, uint32_t i, const char *s,
    const char *name, int64_t *v)
{
	bool minus = *s == '-';
	uint64_t u;

	if (num_uint(s + minus, &u) != 0 || u > (uint64_t)INT64_MAX) {
		problem(r, k, i, "%s '%.64s': not a signed 64-bit integer", name, s);
		return -1;
	}
	*v = minus ? -(int64_t)u : (int64_t)u;
	return 0;
}

/* The value s of entry i of key k into its field: 0, or -1 (told). */
static int
convert(struct reader *r, enum runmeta_key k, uint32_t i, const char *s)
{
	const struct key *key = &keys[k];
	void *p = (char *)r->m + key->off + i * key->size;
	char name[32];
	uint64_t u;
	int rc = -1;

	runmeta_key_name(k, i, name, sizeof name);
	switch (key->type) {
	case T_FORMAT:	/* read before any other key */
		return 0;
	case T_TEXT:
		return read_text(r, k, s, name, p);
	case T_HEX:
		return read_hex(r, k, s, name, p, key->size);
	case T_UINT:
	case T_FAULTS:
		if ((rc = read_uint(r, k, i, s, key->lo, key->hi, &u)) == 0)
			set_uint(p, key->size, u);
		return rc;
	case T_REAL:
		return read_real(r, k, s, name, p);
	case T_MS:
		if ((rc = num_real(s, p)) == -1)
			problem(r, k, i, "%s '%.64s': not a plain decimal number "
			    "of milliseconds", name, s);
		return rc;
	case T_SHARE:
		if ((rc = num_real(s, p)) == -1 || *(double *)p > 1) {
			problem(r, k, i, "%s '%.64s': not a plain decimal from "
			    "0 to 1", name, s);
			return -1;
		}
		return 0;
	case T_MODE:
		if (strcmp(s, "real") != 0 && strcmp(s, "virtual") != 0) {
			problem(r, k, i, "%s '%.64s': not real or virtual", name, s);
			return -1;
		}
		*(bool *)p = strcmp(s, "virtual") == 0;
		return 0;
	case T_POLICY:
		if ((rc = vmend_policy_parse(s, p)) == -1)
			problem(r, k, i, "%s '%.64s': not stop or continue",
			    name, s);
		return rc;
	case T_LOG:
		for (int l = RUNMETA_LOG_FULL; l <= RUNMETA_LOG_OFF; l++)
			if (strcmp(s, log_name[l]) == 0) {
				*(enum runmeta_log *)p = (enum runmeta_log)l;
				return 0;
			}
		problem(r, k, i, "%s '%.64s': not full, summary or off", name, s);
		return -1;
	case T_FAULT:
		return read_fault(r, i, s, name, p);
	case T_END:
		if ((rc = vmend_parse(s, p)) == -1)
			problem(r, k, i, "%s '%.64s': not ok, interrupted, "
			    "link-broken, killed, error, 'exit N' or "
			    "'signal N'", name, s);
		return rc;
	case T_STATUS:
		return read_status(r, s, p);
	case T_VM:
		/* vms is read before: failed_vm is one of them, if known. */
		if (r->m->vms == 0)
			return -1;
		if ((rc = read_uint(r, k, i, s, 0, r->m->vms - 1, &u)) == 0)
			*(int32_t *)p = (int32_t)u;
		return rc;
	case T_OFFSET:
		return read_offset(r, k, i, s, name, p);
	}
	return -1;
}

/* Is key k read in a file of m's format (and mode, read before it)? */
static bool
applies(const struct runmeta *m, const struct key *key)
{
	return (key->when != FORMAT2 || m->format >= 2) &&
	    (key->when != FORMAT3 || m->format >= 3) &&
	    (key->when != FORMAT4 || m->format >= 4) &&
	    (key->when != FORMAT5 || m->format >= 5) &&
	    (key->when != IF_REAL || !m->virtual);
}

static bool
required(const struct key *key)
{
	return key->when == ALWAYS || key->when == FORMAT2 ||
	    key->when == FORMAT3 || key->when == FORMAT4 ||
	    key->when == FORMAT5 ||
	    key->when == IF_REAL;
}

/* Every entry of key k: its value, or its absence, judged. */
static void
read_key(struct reader *r, enum runmeta_key k)
{
	const struct key *key = &keys[k];
	uint32_t n = count_in(r->m, key);	/* 0 if vms or faults is bad */
	char name[32];

	for (uint32_t i = 0; i < n; i++) {
		size_t s = slot(k, i);
		if (!own_entry(r->m, key, i))
			continue;
		if (r->val[s] != NULL) {
			r->seen->ok[s] = convert(r, k, i, r->val[s]) == 0;
			/* The optional keys say what the file is. */
			r->m->is_part |= k == RUNMETA_KEY_PART && r->seen->ok[s];
			r->m->measured |= k == RUNMETA_KEY_NEXT_OFFSET;
		} else if (required(key)) {
			runmeta_key_name(k, i, name, sizeof name);
			problem(r, k, i, "missing key '%s'", name);
		}
	}
}

/* The format decides what else there is: one we do not know, nothing. */
static int
read_format(struct reader *r)
{
	const char *s = r->val[slot(RUNMETA_KEY_FORMAT, 0)];

	if (s == NULL)
		return fatal(r, 0, "no format key");
	if (strcmp(s, "1") != 0 && strcmp(s, "2") != 0 && strcmp(s, "3") != 0 &&
	    strcmp(s, "4") != 0 && strcmp(s, "5") != 0)
		return fatal(r, 0, "unsupported format '%.32s' (this clockring "
		    "reads formats 1 to 5)", s);
	r->m->format = (uint32_t)(s[0] - '0');
	r->seen->ok[slot(RUNMETA_KEY_FORMAT, 0)] = true;
	return 0;
}

int
runmeta_read(const char *name, char *text, size_t len, struct runmeta *m,
    struct runmeta_seen *seen, runmeta_problem_fn *fn, void *ctx, char *err,
    size_t errlen)
{
	struct reader *r = calloc(1, sizeof *r);
	int rc = -1;

	if (r == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	*r = (struct reader){ .name = name, .m = m, .fn = fn, .ctx = ctx,
	    .err = err, .errlen = errlen };
	r->seen = seen != NULL ? seen : &r->own;
	memset(r->seen, 0, sizeof *r->seen);
	memset(m, 0, sizeof *m);
	m->failed_vm = -1;
	m->part_vm = -1;
	if (split(r, text, len) == 0 && read_format(r) == 0) {
		for (int k = RUNMETA_KEY_FORMAT + 1; k < RUNMETA_KEYS; k++)
			if (applies(m, &keys[k]))
				read_key(r, (enum runmeta_key)k);
		rc = r->problems > 0;
	}
	free(r);
	return rc;
}

int
runmeta_offset(const struct runmeta *m, uint32_t i, int64_t *offset_ns,
    uint64_t *err_ns)
{
	*offset_ns = 0;
	*err_ns = 0;
	if (!m->measured)
		return -1;
	for (uint32_t j = 0; j < i && j < m->vms; j++) {
		*offset_ns += m->next_offset_ns[j];
		*err_ns += m->next_rtt_ns[j] / 2;
	}
	return 0;
}

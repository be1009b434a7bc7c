/* vm/core/logline.c -- one line of a vmI.csv, written and read in this one place */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vm/core/logline.h"

static const char *const kind_name[LOG_KINDS] = {
	[LOG_INTERNAL] = "INTERNAL", [LOG_SEND] = "SEND",
	[LOG_RECV] = "RECV", [LOG_PENDING] = "PENDING",
	[LOG_PEER_DOWN] = "PEER_DOWN", [LOG_DROP] = "DROP", [LOG_LOSS] = "LOSS",
};

const char *
logline_kind_name(enum log_kind kind)
{
	return kind_name[kind];
}

/* The model's event kinds are the log's, one for one. */
static enum log_kind
kind_of_step(enum step_kind k)
{
	switch (k) {
	case STEP_INTERNAL: return LOG_INTERNAL;
	case STEP_SEND: return LOG_SEND;
	case STEP_RECV: return LOG_RECV;
	case STEP_PENDING: return LOG_PENDING;
	case STEP_PEER_DOWN: return LOG_PEER_DOWN;
	case STEP_DROP: return LOG_DROP;
	case STEP_LOSS: return LOG_LOSS;
	}
	return LOG_KINDS;	/* never: every kind is above */
}

void
logline_of_step(struct log_event *ev, uint32_t vm, const struct step_event *s,
    uint64_t wall_ns, uint64_t queue_len)
{
	*ev = (struct log_event){ .vm = vm, .seq = s->seq,
	    .kind = kind_of_step(s->kind), .wall_ns = wall_ns,
	    .lamport = s->lamport, .queue_len = queue_len,
	    .vcol = s->nv > 0, .nvec = s->v != NULL ? s->nv : 0, .vec = s->v };
	switch (s->kind) {
	case STEP_INTERNAL:
		break;
	case STEP_SEND:
		ev->npeers = s->ndest;
		ev->peers[0] = s->dest[0];
		ev->peers[1] = s->ndest == 2 ? s->dest[1] : 0;
		break;
	case STEP_PEER_DOWN:
		ev->npeers = 1;
		ev->peers[0] = s->dest[0];
		break;
	case STEP_DROP:
	case STEP_LOSS:
		ev->npeers = 1;
		ev->peers[0] = s->dest[0];
		ev->src_seq = s->msg.src_seq;
		ev->msg_lamport = s->msg.lamport;
		break;
	case STEP_RECV:
	case STEP_PENDING:
		ev->npeers = 1;
		ev->peers[0] = s->msg.src;
		ev->src_seq = s->msg.src_seq;
		ev->msg_lamport = s->msg.lamport;
		break;
	}
}

/* "00" to "99": two digits a division. */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

/* v in decimal at p, then sep: past sep. By hand, as formatting lines is
 * most of what a virtual run does (printf took three times as long). */
static char *
put_num(char *p, uint64_t v, char sep)
{
	char tmp[20];
	size_t i = sizeof tmp;

	while (v >= 100) {
		const char *d = &digit_pairs[2 * (v % 100)];
		v /= 100;
		tmp[--i] = d[1];
		tmp[--i] = d[0];
	}
	if (v >= 10) {
		tmp[--i] = digit_pairs[2 * v + 1];
		tmp[--i] = digit_pairs[2 * v];
	} else
		tmp[--i] = (char)('0' + v);
	memcpy(p, tmp + i, sizeof tmp - i);
	p += sizeof tmp - i;
	*p++ = sep;
	return p;
}

static char *
put_word(char *p, const char *w, char sep)
{
	size_t n = strlen(w);

	memcpy(p, w, n);
	p[n] = sep;
	return p + n + 1;
}

/* peers, src_seq and msg_lamport as the kind has them, then '\n'. */
static char *
put_tail(char *p, const struct log_event *ev)
{
	switch (ev->kind) {
	case LOG_SEND:
		if (ev->npeers == 2)
			p = put_num(p, ev->peers[0], '|');
		p = put_num(p, ev->peers[ev->npeers == 2], ',');
		return put_word(p, ",", '\n');
	case LOG_PEER_DOWN:
		p = put_num(p, ev->peers[0], ',');
		return put_word(p, ",", '\n');
	case LOG_RECV:
	case LOG_PENDING:
	case LOG_DROP:
	case LOG_LOSS:
		p = put_num(p, ev->peers[0], ',');
		p = put_num(p, ev->src_seq, ',');
		return put_num(p, ev->msg_lamport, '\n');
	default:
		return put_word(p, ",,", '\n');
	}
}

/*
 * The entries of the vector from k on that c holds already, as they were
 * written, at p: past them. k moves past them, and c->off to where they
 * are now (each off read before it is written: in place).
 */
static char *
copy_same(char *p, const char *col, const struct log_event *ev, uint32_t *k,
    struct logline_vcache *c)
{
	uint32_t j = *k, from = c->off[*k];

	while (j < ev->nvec && ev->vec[j] == c->v[j])
		j++;
	memcpy(p, c->text + from, c->off[j] - from);
	for (; *k < j; (*k)++)
		c->off[*k] = c->off[*k] - from + (uint32_t)(p - col);
	return p + (c->off[j] - from);
}

/* The vector column after the line's nine, at p: "3;0;7\n" or "\n". */
static char *
put_vec(char *p, const struct log_event *ev, struct logline_vcache *c)
{
	const char *col = p;
	uint32_t n = ev->nvec;
	int same = c != NULL && c->n == n;

	p[-1] = ',';		/* the tail ended the line: it goes on */
	if (n == 0) {
		*p++ = '\n';
		return p;
	}
	for (uint32_t k = 0; k < n;) {
		if (same && ev->vec[k] == c->v[k]) {
			p = copy_same(p, col, ev, &k, c);
			continue;
		}
		if (c != NULL)
			c->off[k] = (uint32_t)(p - col);
		p = put_num(p, ev->vec[k], k + 1 < n ? ';' : '\n');
		k++;
	}
	if (c != NULL) {
		c->off[n] = (uint32_t)(p - col);
		memcpy(c->text, col, c->off[n]);
		memcpy(c->v, ev->vec, n * sizeof *c->v);
		c->n = n;
	}
	return p;
}

size_t
logline_format(char *buf, const struct log_event *ev)
{
	return logline_format_cached(buf, ev, NULL);
}

size_t
logline_format_cached(char *buf, const struct log_event *ev,
    struct logline_vcache *c)
{
	char *p = buf;

	p = put_num(p, ev->vm, ',');
	p = put_num(p, ev->seq, ',');
	p = put_word(p, kind_name[ev->kind], ',');
	p = put_num(p, ev->wall_ns, ',');
	p = put_num(p, ev->lamport, ',');
	p = put_num(p, ev->queue_len, ',');
	p = put_tail(p, ev);
	if (ev->vcol)
		p = put_vec(p, ev, c);
	return (size_t)(p - buf);
}

/* Every line but PEER_DOWN's (not an event) carries a vector, if any. */
static bool
has_vector(enum log_kind kind)
{
	return kind != LOG_PEER_DOWN;
}

/*
 * Two parsers of one grammar. The fast one walks the line once, byte by
 * byte, and gives up on anything unusual: it accepts only lines that the
 * careful one accepts too, with the same values. The careful one splits
 * the line into fields and says what is wrong with the first bad one; it
 * runs only on the lines the fast one gave up on (20-digit numbers, or
 * errors), so its cost does not matter.
 */
#define NFIELDS		9	/* without the vector column */
#define FAST_DIGITS	19	/* any 19 digits fit in 64 bits */

enum field { F_VM, F_SEQ, F_EVENT, F_WALL, F_LAMPORT, F_QUEUE, F_PEERS,
	F_SRC_SEQ, F_MSG_LAMPORT, F_VECTOR };

static const char *const field_name[NFIELDS + 1] = {
	"vm", "seq", "event", "wall_ns", "lamport", "queue_len", "peers",
	"src_seq", "msg_lamport", "vector",
};

/* 1 to 19 digits: the byte after them, or NULL. */
static const char *
digits(const char *p, uint64_t *v)
{
	const char *s = p;
	uint64_t x = 0;

	while ((unsigned)(*p - '0') < 10)
		x = x * 10 + (unsigned)(*p++ - '0');
	if (p == s || p - s > FAST_DIGITS)
		return NULL;
	*v = x;
	return p;
}

/* A number and the comma after it: past the comma, or NULL. */
static const char *
fast_num(const char *p, uint64_t *v)
{
	return (p = digits(p, v)) != NULL && *p == ',' ? p + 1 : NULL;
}

/* A peer id: at most 9 digits, so it fits 32 bits; then sep. */
static const char *
fast_peer(const char *p, char sep, uint32_t *id)
{
	const char *s = p;
	uint32_t x = 0;

	while ((unsigned)(*p - '0') < 10 && p - s < 9)
		x = x * 10 + (unsigned)(*p++ - '0');
	if (p == s || *p != sep)
		return NULL;
	*id = x;
	return p + 1;
}

/* The event column and its comma: past the comma, or NULL. */
static const char *
fast_kind(const char *p, enum log_kind *kind)
{
	static const char *const word[] = { "INTERNAL,", "SEND,", "RECV,",
		"PENDING,", "PEER_DOWN,", "DROP,", "LOSS," };
	const char *w;

	switch (*p) {
	case 'I': *kind = LOG_INTERNAL; break;
	case 'S': *kind = LOG_SEND; break;
	case 'R': *kind = LOG_RECV; break;
	case 'P': *kind = p[1] == 'E' && p[2] == 'N' ? LOG_PENDING :
		    LOG_PEER_DOWN; break;
	case 'D': *kind = LOG_DROP; break;
	case 'L': *kind = LOG_LOSS; break;
	default: return NULL;
	}
	/* The line's '\n' differs from every letter: no reading past it. */
	for (w = word[*kind]; *w != '\0'; w++, p++)
		if (*p != *w)
			return NULL;
	return p;
}

/*
 * peers, src_seq and msg_lamport: past them (the line's end, or the
 * vector column's comma), or NULL. A ',' read is within the line, so the
 * byte after it is too, or is the line's '\n'.
 */
static const char *
fast_tail(const char *p, struct log_event *ev)
{
	ev->npeers = 0;
	ev->src_seq = ev->msg_lamport = 0;
	if (ev->kind == LOG_INTERNAL)
		return p[0] == ',' && p[1] == ',' ? p + 2 : NULL;
	if (ev->kind == LOG_PEER_DOWN) {
		if ((p = fast_peer(p, ',', &ev->peers[0])) == NULL)
			return NULL;
		ev->npeers = 1;
		return p[0] == ',' ? p + 1 : NULL;
	}
	if (ev->kind == LOG_SEND) {
		const char *bar = fast_peer(p, '|', &ev->peers[0]);
		if (bar != NULL) {
			ev->npeers = 1;
			p = bar;
		}
		if ((p = fast_peer(p, ',', &ev->peers[ev->npeers])) == NULL)
			return NULL;
		ev->npeers++;
		return p[0] == ',' ? p + 1 : NULL;
	}
	if ((p = fast_peer(p, ',', &ev->peers[0])) == NULL ||
	    (p = fast_num(p, &ev->src_seq)) == NULL)
		return NULL;
	ev->npeers = 1;
	/* The last number ends at the newline or the vector's comma. */
	return digits(p, &ev->msg_lamport);
}

/* The vector column from p to eol into vec: 0, or -1 to leave it to careful. */
static int
fast_vec(const char *p, const char *eol, struct log_event *ev, uint64_t *vec)
{
	ev->vcol = true;
	ev->nvec = 0;
	ev->vec = vec;
	if (p == eol)
		return has_vector(ev->kind) ? -1 : 0;
	for (;;) {
		if (ev->nvec == LOGLINE_VEC_MAX ||
		    (p = digits(p, &vec[ev->nvec])) == NULL)
			return -1;
		ev->nvec++;
		if (p == eol)
			return has_vector(ev->kind) ? 0 : -1;
		if (*p++ != ';')
			return -1;
	}
}

static int
fast(const char *s, size_t n, struct log_event *ev, uint64_t *vec)
{
	uint64_t vm;
	const char *p = s;

	ev->vcol = false;
	ev->nvec = 0;
	ev->vec = NULL;

	if ((p = fast_num(p, &vm)) == NULL || vm > UINT32_MAX ||
	    (p = fast_num(p, &ev->seq)) == NULL ||
	    (p = fast_kind(p, &ev->kind)) == NULL ||
	    (p = fast_num(p, &ev->wall_ns)) == NULL ||
	    (p = fast_num(p, &ev->lamport)) == NULL ||
	    (p = fast_num(p, &ev->queue_len)) == NULL)
		return -1;
	ev->vm = (uint32_t)vm;
	if ((p = fast_tail(p, ev)) == NULL)
		return -1;
	if (vec == NULL)
		return p == s + n ? 0 : -1;
	return *p == ',' ? fast_vec(p + 1, s + n, ev, vec) : -1;
}

/* The careful parser: its state is the reason of the first failure. */
struct careful {
	char *why;
	size_t whylen;
};

__attribute__((format(printf, 2, 3))) static int
fail(struct careful *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, c->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Cut the line at its commas; returns the number of fields it has. */
static int
split(char *s, char *field[NFIELDS + 1])
{
	int n = 1;

	field[0] = s;
	for (; *s != '\0'; s++) {
		if (*s != ',')
			continue;
		if (n < NFIELDS + 1)
			field[n] = s + 1;
		*s = '\0';
		n++;
	}
	return n;
}

/* A decimal number in [0, max]: digits only, no sign, no spaces. */
static int
parse_num(struct careful *c, enum field f, const char *s, uint64_t max,
    uint64_t *v)
{
	uint64_t x = 0;
	const char *p = s;

	if (*p == '-')
		return fail(c, "%s '%s': negative", field_name[f], s);
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (x > (max - d) / 10)
			return fail(c, "%s '%s': too large", field_name[f], s);
		x = x * 10 + d;
	}
	if (p == s || *p != '\0')
		return fail(c, "%s '%s': not a number", field_name[f], s);
	*v = x;
	return 0;
}

static int
parse_kind(struct careful *c, const char *s, enum log_kind *kind)
{
	for (int k = LOG_INTERNAL; k < LOG_KINDS; k++) {
		if (strcmp(s, logline_kind_name((enum log_kind)k)) == 0) {
			*kind = (enum log_kind)k;
			return 0;
		}
	}
	return fail(c, "event '%s': not INTERNAL, SEND, RECV, PENDING, "
	    "PEER_DOWN, DROP or LOSS", s);
}

/* peers: empty for INTERNAL, "A" or "A|B" for SEND, "A" for the others. */
static int
parse_peers(struct careful *c, char *s, struct log_event *ev)
{
	const char *kind = logline_kind_name(ev->kind);
	uint32_t max = ev->kind == LOG_SEND ? 2 : 1;
	uint64_t id;
	char *bar;

	ev->npeers = 0;
	if (ev->kind == LOG_INTERNAL)
		return *s == '\0' ? 0 :
		    fail(c, "peers '%s': must be empty for INTERNAL", s);
	if (*s == '\0')
		return fail(c, "peers: missing for %s", kind);
	for (;;) {
		if ((bar = strchr(s, '|')) != NULL)
			*bar = '\0';
		if (ev->npeers == max)
			return fail(c, "peers: more than %u for %s", max, kind);
		if (parse_num(c, F_PEERS, s, UINT32_MAX, &id) == -1)
			return -1;
		ev->peers[ev->npeers++] = (uint32_t)id;
		if (bar == NULL)
			return 0;
		s = bar + 1;
	}
}

/* src_seq and msg_lamport: present for RECV, PENDING, DROP, LOSS; else empty. */
static int
parse_msg(struct careful *c, char *field[NFIELDS], struct log_event *ev)
{
	const char *kind = logline_kind_name(ev->kind);
	int want = ev->kind == LOG_RECV || ev->kind == LOG_PENDING ||
	    ev->kind == LOG_DROP || ev->kind == LOG_LOSS;

	for (enum field f = F_SRC_SEQ; f <= F_MSG_LAMPORT; f++) {
		if (want && *field[f] == '\0')
			return fail(c, "%s: missing for %s", field_name[f],
			    kind);
		if (!want && *field[f] != '\0')
			return fail(c, "%s '%s': must be empty for %s",
			    field_name[f], field[f], kind);
	}
	ev->src_seq = ev->msg_lamport = 0;
	if (!want)
		return 0;
	if (parse_num(c, F_SRC_SEQ, field[F_SRC_SEQ], UINT64_MAX,
	    &ev->src_seq) == -1)
		return -1;
	return parse_num(c, F_MSG_LAMPORT, field[F_MSG_LAMPORT], UINT64_MAX,
	    &ev->msg_lamport);
}

/* The vector column: counters joined by ';', empty for PEER_DOWN only. */
static int
parse_vec(struct careful *c, char *s, struct log_event *ev, uint64_t *vec)
{
	const char *kind = logline_kind_name(ev->kind);
	char *semi;

	ev->vcol = true;
	ev->nvec = 0;
	ev->vec = vec;
	if (*s == '\0')
		return has_vector(ev->kind) ? fail(c, "vector: missing for %s",
		    kind) : 0;
	if (!has_vector(ev->kind))
		return fail(c, "vector '%s': must be empty for %s", s, kind);
	for (;;) {
		if ((semi = strchr(s, ';')) != NULL)
			*semi = '\0';
		if (ev->nvec == LOGLINE_VEC_MAX)
			return fail(c, "vector: more than %d entries",
			    LOGLINE_VEC_MAX);
		if (parse_num(c, F_VECTOR, s, UINT64_MAX, &vec[ev->nvec]) == -1)
			return -1;
		ev->nvec++;
		if (semi == NULL)
			return 0;
		s = semi + 1;
	}
}

static int
careful(struct careful *c, char *line, struct log_event *ev, uint64_t *vec)
{
	char *field[NFIELDS + 1];
	uint64_t vm;
	int n, want = vec != NULL ? NFIELDS + 1 : NFIELDS;

	ev->vcol = false;
	ev->nvec = 0;
	ev->vec = NULL;
	if ((n = split(line, field)) != want)
		return fail(c, "%d fields, expected %d", n, want);
	if (parse_num(c, F_VM, field[F_VM], UINT32_MAX, &vm) == -1 ||
	    parse_num(c, F_SEQ, field[F_SEQ], UINT64_MAX, &ev->seq) == -1 ||
	    parse_kind(c, field[F_EVENT], &ev->kind) == -1 ||
	    parse_num(c, F_WALL, field[F_WALL], UINT64_MAX,
	    &ev->wall_ns) == -1 ||
	    parse_num(c, F_LAMPORT, field[F_LAMPORT], UINT64_MAX,
	    &ev->lamport) == -1 ||
	    parse_num(c, F_QUEUE, field[F_QUEUE], UINT64_MAX,
	    &ev->queue_len) == -1 ||
	    parse_peers(c, field[F_PEERS], ev) == -1 ||
	    parse_msg(c, field, ev) == -1 ||
	    (vec != NULL && parse_vec(c, field[F_VECTOR], ev, vec) == -1))
		return -1;
	ev->vm = (uint32_t)vm;
	return 0;
}

int
logline_parse(const char *s, size_t n, struct log_event *ev, uint64_t *vec,
    char *why, size_t whylen)
{
	struct careful c = { why, whylen };
	char line[LOGLINE_MAX_ANY + 1];

	if (fast(s, n, ev, vec) == 0)
		return 0;
	if (memchr(s, '\0', n) != NULL)
		return fail(&c, "NUL byte in line");
	memcpy(line, s, n);
	line[n] = '\0';
	return careful(&c, line, ev, vec);
}

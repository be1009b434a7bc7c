/* tests/exportcheck_shiviz.h -- a ShiViz export read back: its regex, every line, every clock recomputed (included by exportcheck.h) */
#ifndef TESTS_EXPORTCHECK_SHIVIZ_H
#define TESTS_EXPORTCHECK_SHIVIZ_H

#define XC_GROUPS	16

/* Line 1's expression as POSIX ERE: each (?<name> becomes ( and its name is kept. */
struct xc_regex {
	regex_t re;
	int ngroups;
	char name[XC_GROUPS][16];
};

static inline int
xc_regex_make(struct xc_regex *x, const char *line, size_t n, char *err,
    size_t len)
{
	char *ere = malloc(n + 1), *o = ere;
	const char *p = line, *end = line + n;

	if (ere == NULL)
		return xc_fail(err, len, "out of memory");
	x->ngroups = 0;
	while (p < end) {
		if (p + 3 < end && memcmp(p, "(?<", 3) == 0) {
			const char *close = memchr(p, '>', (size_t)(end - p));
			if (close == NULL || x->ngroups == XC_GROUPS ||
			    close - p - 3 >= 16) {
				free(ere);
				return xc_fail(err, len, "line 1: a bad group name");
			}
			snprintf(x->name[x->ngroups++], 16, "%.*s",
			    (int)(close - p - 3), p + 3);
			*o++ = '(';
			p = close + 1;
		} else if (*p == '(' && p + 1 < end && p[1] == '?') {
			free(ere);
			return xc_fail(err, len, "line 1: a (? group that is no "
			    "named group");
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	int rc = regcomp(&x->re, ere, REG_EXTENDED);
	free(ere);
	if (rc != 0)
		return xc_fail(err, len, "line 1: not a regular expression");
	return 0;
}

/* The group named name: its index (1..), or 0. */
static inline int
xc_group(const struct xc_regex *x, const char *name)
{
	for (int g = 0; g < x->ngroups; g++)
		if (strcmp(x->name[g], name) == 0)
			return g + 1;
	return 0;
}

struct xc_line {
	char host[16], clock[4096], kind[16], seq[24], lamport[24],
	    event[256];
};

static inline void
xc_copy(char *out, size_t len, const char *s, regmatch_t m)
{
	size_t n = m.rm_so < 0 ? 0 : (size_t)(m.rm_eo - m.rm_so);

	snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1),
	    s + (m.rm_so < 0 ? 0 : m.rm_so));
}

/* Match line (NUL-terminated) and take its groups. */
static inline int
xc_match(const struct xc_regex *x, const char *line, struct xc_line *l)
{
	regmatch_t m[XC_GROUPS + 1];

	if (regexec(&x->re, line, XC_GROUPS + 1, m, 0) != 0)
		return -1;
	xc_copy(l->host, sizeof l->host, line, m[xc_group(x, "host")]);
	xc_copy(l->clock, sizeof l->clock, line, m[xc_group(x, "clock")]);
	xc_copy(l->kind, sizeof l->kind, line, m[xc_group(x, "kind")]);
	xc_copy(l->seq, sizeof l->seq, line, m[xc_group(x, "seq")]);
	xc_copy(l->lamport, sizeof l->lamport, line, m[xc_group(x, "lamport")]);
	xc_copy(l->event, sizeof l->event, line, m[xc_group(x, "event")]);
	return 0;
}

struct xc_clock {
	uint32_t *v;
	size_t n;
	const char *bad;
};

static inline int
xc_clock_member(struct xc_json *j, const char *key, void *ctx)
{
	struct xc_clock *c = ctx;
	int k = xc_vm(key);
	double d;

	if (xc_number(j, &d) == -1)
		return -1;
	if (k < 0 || (size_t)k >= c->n)
		c->bad = "a key that is no host of the log";
	else if (d < 1 || d != (uint32_t)d)
		c->bad = "an entry that is not a whole number above 0";
	else if (c->v[k] != 0)
		c->bad = "a host given twice";
	else
		c->v[k] = (uint32_t)d;
	return 0;
}

/* The clock's JSON into v (n entries, 0 where absent). */
static inline const char *
xc_clock_parse(const char *text, uint32_t *v, size_t n)
{
	struct xc_json j = { text, text + strlen(text), text, "" };
	struct xc_clock c = { v, n, NULL };

	memset(v, 0, n * sizeof *v);
	if (xc_object(&j, xc_clock_member, &c, 0) == -1 || xc_end(&j) == -1)
		return "not a JSON object";
	return c.bad;
}

struct xc_shiviz {
	struct xc_regex x;
	size_t n;		/* hosts: the highest vmK + 1 */
	uint32_t *prev;		/* n clocks: each host's latest */
	uint32_t *v, *want;
	struct xc_sends sends;
	struct xc_stats *st;
};

/* One event line: its clock as ShiViz would recompute it. */
static inline int
xc_shiviz_line(struct xc_shiviz *s, const struct xc_line *l, char *err,
    size_t len)
{
	int h = xc_vm(l->host);
	uint32_t from;
	uint64_t src, seq = strtoull(l->seq, NULL, 10);
	const uint32_t *send = NULL;
	const char *why;

	if ((why = xc_clock_parse(l->clock, s->v, s->n)) != NULL)
		return xc_fail(err, len, "clock %s: %s", l->clock, why);
	if (s->v[h] == 0)
		return xc_fail(err, len, "the clock lacks its own host %s",
		    l->host);
	if (s->v[h] != s->prev[h * s->n + h] + 1)
		return xc_fail(err, len, "%s's own entry goes from %u to %u",
		    l->host, s->prev[h * s->n + h], s->v[h]);
	if (strcmp(l->kind, "RECV") == 0) {
		if (sscanf(l->event, "RECV from vm%u seq %" SCNu64, &from,
		    &src) != 2)
			return xc_fail(err, len, "a RECV that names no sender: %s",
			    l->event);
		size_t k = xc_sends_find(&s->sends, from, src);
		if (k != SIZE_MAX) {
			send = s->sends.v + k * s->n;
			s->st->recvs++;
		}
	}
	xc_expect(s->want, s->prev + h * s->n, send, s->n, (size_t)h);
	if (memcmp(s->want, s->v, s->n * sizeof *s->v) != 0)
		return xc_fail(err, len, "clock %s is not max(previous, "
		    "sender's) + 1", l->clock);
	memcpy(s->prev + h * s->n, s->v, s->n * sizeof *s->v);
	if (strcmp(l->kind, "SEND") == 0 && xc_sends_add(&s->sends,
	    (uint32_t)h, seq, s->v, strtoull(l->lamport, NULL, 10)) == -1)
		return xc_fail(err, len, "out of memory");
	s->st->events++;
	return 0;
}

/* Each line after the first two, NUL-terminated in turn, to fn. */
typedef int xc_line_fn(struct xc_shiviz *s, char *line, char *err,
    size_t len);

static inline int
xc_lines(struct xc_shiviz *s, char *text, xc_line_fn *fn, char *err,
    size_t len)
{
	char *p = strchr(text, '\n'), *nl;
	unsigned long no = 3;

	p = strchr(p + 1, '\n') + 1;	/* the caller saw both */
	for (; *p != '\0'; p = nl + 1, no++) {
		char why[512];
		if ((nl = strchr(p, '\n')) == NULL)
			return xc_fail(err, len, "line %lu: no newline at the "
			    "end", no);
		*nl = '\0';
		int rc = fn(s, p, why, sizeof why);
		*nl = '\n';
		if (rc == -1)
			return xc_fail(err, len, "line %lu: %s", no, why);
	}
	return 0;
}

/* The first pass: every line matches; how many hosts there are. */
static inline int
xc_shiviz_host(struct xc_shiviz *s, char *line, char *err, size_t len)
{
	struct xc_line l;
	int h;

	if (xc_match(&s->x, line, &l) == -1)
		return xc_fail(err, len, "does not match line 1's expression");
	if ((h = xc_vm(l.host)) < 0)
		return xc_fail(err, len, "host '%s' is no vmK", l.host);
	if ((size_t)h + 1 > s->n)
		s->n = (size_t)h + 1;
	return 0;
}

static inline int
xc_shiviz_event(struct xc_shiviz *s, char *line, char *err, size_t len)
{
	struct xc_line l;

	xc_match(&s->x, line, &l);	/* it did in the first pass */
	return xc_shiviz_line(s, &l, err, len);
}

/* The whole text (NUL-terminated, modified while read, then restored). */
static inline int
xc_shiviz_check(char *text, struct xc_stats *st, char *err, size_t len)
{
	struct xc_shiviz s;
	char *nl = strchr(text, '\n');
	int rc = -1;

	memset(&s, 0, sizeof s);
	memset(st, 0, sizeof *st);
	s.st = st;
	if (nl == NULL || nl[1] != '\n')
		return xc_fail(err, len, "line 2 is not empty (or no line 2)");
	if (xc_regex_make(&s.x, text, (size_t)(nl - text), err, len) == -1)
		return -1;
	if (!xc_group(&s.x, "host") || !xc_group(&s.x, "clock") ||
	    !xc_group(&s.x, "event") || !xc_group(&s.x, "kind") ||
	    !xc_group(&s.x, "seq") || !xc_group(&s.x, "lamport"))
		xc_fail(err, len, "line 1: a group of host, clock, event, "
		    "kind, seq, lamport missing");
	else if (xc_lines(&s, text, xc_shiviz_host, err, len) == 0) {
		s.sends.n = s.n;
		s.prev = calloc(s.n * s.n + 1, sizeof *s.prev);
		s.v = calloc(s.n + 1, sizeof *s.v);
		s.want = calloc(s.n + 1, sizeof *s.want);
		if (s.prev == NULL || s.v == NULL || s.want == NULL)
			xc_fail(err, len, "out of memory");
		else
			rc = xc_lines(&s, text, xc_shiviz_event, err, len);
	}
	for (size_t h = 0; rc == 0 && h < s.n; h++)
		st->hosts += s.prev[h * s.n + h] > 0;
	regfree(&s.x.re);
	free(s.prev);
	free(s.v);
	free(s.want);
	xc_sends_free(&s.sends);
	return rc;
}

#endif

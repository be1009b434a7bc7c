/* tests/exportcheck_perfetto.h -- a Perfetto (Trace Event Format) export read back: valid JSON, tracks, slices, flows, counters (included by exportcheck.h) */
#ifndef TESTS_EXPORTCHECK_PERFETTO_H
#define TESTS_EXPORTCHECK_PERFETTO_H

/* One element of traceEvents: the members the checks look at. */
struct xc_ev {
	char ph[8], name[96], kind[16], vector[4096], pname[128];
	double pid, ts, dur, bind, lamport, seq, qlen, cval;
	int has_pid, has_ts, has_dur, has_bind, fin, fout;
	int has_lamport, has_seq, has_qlen, has_kind, has_vector, ncounter;
};

static inline int
xc_num(struct xc_json *j, double *v, int *has)
{
	*has = 1;
	return xc_number(j, v);
}

static inline int
xc_args_member(struct xc_json *j, const char *key, void *ctx)
{
	struct xc_ev *e = ctx;

	if (strcmp(key, "lamport") == 0)
		return xc_num(j, &e->lamport, &e->has_lamport);
	if (strcmp(key, "seq") == 0)
		return xc_num(j, &e->seq, &e->has_seq);
	if (strcmp(key, "queue_len") == 0)
		return xc_num(j, &e->qlen, &e->has_qlen);
	if (strcmp(key, "kind") == 0) {
		e->has_kind = 1;
		return xc_string(j, e->kind, sizeof e->kind);
	}
	if (strcmp(key, "vector") == 0) {
		e->has_vector = 1;
		return xc_string(j, e->vector, sizeof e->vector);
	}
	if (strcmp(key, "name") == 0)
		return xc_string(j, e->pname, sizeof e->pname);
	if (e->ph[0] == 'C') {
		e->ncounter++;
		return xc_number(j, &e->cval);
	}
	return xc_value(j, 2);
}

static inline int
xc_ev_member(struct xc_json *j, const char *key, void *ctx)
{
	struct xc_ev *e = ctx;

	if (strcmp(key, "ph") == 0)
		return xc_string(j, e->ph, sizeof e->ph);
	if (strcmp(key, "name") == 0)
		return xc_string(j, e->name, sizeof e->name);
	if (strcmp(key, "pid") == 0)
		return xc_num(j, &e->pid, &e->has_pid);
	if (strcmp(key, "ts") == 0)
		return xc_num(j, &e->ts, &e->has_ts);
	if (strcmp(key, "dur") == 0)
		return xc_num(j, &e->dur, &e->has_dur);
	if (strcmp(key, "bind_id") == 0)
		return xc_num(j, &e->bind, &e->has_bind);
	if (strcmp(key, "flow_in") == 0)
		return xc_bool(j, &e->fin);
	if (strcmp(key, "flow_out") == 0)
		return xc_bool(j, &e->fout);
	if (strcmp(key, "args") == 0)
		return xc_object(j, xc_args_member, e, 1);
	return xc_value(j, 1);
}

/* What each track (pid) has shown so far. */
struct xc_track {
	int named, ticks;
	double ts, seq, lamport, qlen, qshown;
	int lamport_due;	/* its last slice's Lamport counter not seen yet */
};

struct xc_perfetto {
	struct xc_track t[XC_MAXVM + 1];
	size_t n;		/* vector entries (the first slice's) */
	uint32_t *prev;		/* n clocks per track */
	uint32_t *v, *want;
	struct xc_sends sends;	/* flow starts by bind_id */
	struct xc_stats *st;
	char why[512];
};

/* "[a,b,...]" into v; its length the first time (n 0), then the same. */
static inline const char *
xc_vector(struct xc_perfetto *p, const char *s)
{
	size_t k = 0;
	char *e;

	if (*s++ != '[')
		return "vector: no '['";
	if (p->n == 0) {
		for (const char *c = s; *c; c++)
			p->n += *c == ',';
		p->n++;
		p->prev = calloc((XC_MAXVM + 1) * p->n, sizeof *p->prev);
		p->v = calloc(p->n, sizeof *p->v);
		p->want = calloc(p->n, sizeof *p->want);
		p->sends.n = p->n;
		if (p->prev == NULL || p->v == NULL || p->want == NULL)
			return "out of memory";
	}
	for (;;) {
		unsigned long x = strtoul(s, &e, 10);
		if (e == s || k == p->n)
			return "vector: not n numbers";
		p->v[k++] = (uint32_t)x;
		if (*e == ']' && e[1] == '\0')
			break;
		if (*e != ',')
			return "vector: a bad separator";
		s = e + 1;
	}
	return k == p->n ? NULL : "vector: fewer entries than the first";
}

static inline int
xc_slice_flow(struct xc_perfetto *p, const struct xc_ev *e,
    const uint32_t **send, double *send_l)
{
	size_t k;

	*send = NULL;
	if (!e->has_bind)
		return e->fin || e->fout ? xc_fail(p->why, sizeof p->why,
		    "a flow without bind_id") : 0;
	k = xc_sends_find(&p->sends, 0, (uint64_t)e->bind);
	if (e->fout)
		return k != SIZE_MAX ? xc_fail(p->why, sizeof p->why, "bind_id "
		    "%.0f starts two flows", e->bind) : 0;
	if (!e->fin)
		return xc_fail(p->why, sizeof p->why, "bind_id without a "
		    "direction");
	if (k == SIZE_MAX)
		return xc_fail(p->why, sizeof p->why, "flow %.0f ends before "
		    "it starts, or never starts", e->bind);
	if (e->ts < p->sends.t[k])
		return xc_fail(p->why, sizeof p->why, "flow %.0f ends at %.3f, "
		    "before its start slice ends (%.3f)", e->bind, e->ts,
		    p->sends.t[k]);
	p->sends.ends[k]++;
	p->st->flows++;
	*send = p->sends.v + k * p->n;
	*send_l = (double)p->sends.lamport[k];
	return 0;
}

/* A slice: its args, its place on its track, its clocks by their rules. */
static inline int
xc_slice(struct xc_perfetto *p, const struct xc_ev *e, int pid)
{
	struct xc_track *t = &p->t[pid];
	const uint32_t *send;
	double send_l = 0;
	const char *why;

	if (!e->has_ts || !e->has_dur || e->dur < 0 || !e->has_lamport ||
	    !e->has_seq || !e->has_qlen || !e->has_kind || !e->has_vector)
		return xc_fail(p->why, sizeof p->why, "a slice without ts, dur "
		    "or one of the args lamport, vector, queue_len, kind, seq");
	if (t->lamport_due || (t->ticks && t->qshown != t->qlen))
		return xc_fail(p->why, sizeof p->why, "pid %d: the counters "
		    "of its previous slice are missing", pid);
	if (t->ticks && (e->ts < t->ts || e->seq <= t->seq))
		return xc_fail(p->why, sizeof p->why, "pid %d: a slice before "
		    "the one it follows", pid);
	if ((why = xc_vector(p, e->vector)) != NULL)
		return xc_fail(p->why, sizeof p->why, "%s", why);
	if ((size_t)pid > p->n)
		return xc_fail(p->why, sizeof p->why, "pid %d: no entry in the "
		    "vector", pid);
	if (xc_slice_flow(p, e, &send, &send_l) == -1)
		return -1;
	xc_expect(p->want, p->prev + pid * p->n, send, p->n, (size_t)pid - 1);
	if (memcmp(p->want, p->v, p->n * sizeof *p->v) != 0)
		return xc_fail(p->why, sizeof p->why, "vector %s is not "
		    "max(previous, sender's) + 1", e->vector);
	if (e->lamport != (send_l > t->lamport ? send_l : t->lamport) + 1)
		return xc_fail(p->why, sizeof p->why, "Lamport %.0f is not "
		    "max(previous, sender's) + 1", e->lamport);
	if (e->fout && xc_sends_add(&p->sends, 0, (uint64_t)e->bind, p->v,
	    (uint64_t)e->lamport) == -1)
		return xc_fail(p->why, sizeof p->why, "out of memory");
	if (e->fout)
		p->sends.t[p->sends.len - 1] = e->ts + e->dur;
	memcpy(p->prev + pid * p->n, p->v, p->n * sizeof *p->v);
	t->ticks++;
	t->ts = e->ts, t->seq = e->seq, t->lamport = e->lamport;
	t->qlen = e->qlen, t->lamport_due = 1;
	p->st->events++;
	return 0;
}

/* A counter repeats its track's last slice: Lamport clock or queue length. */
static inline int
xc_counter(struct xc_perfetto *p, const struct xc_ev *e, int pid)
{
	struct xc_track *t = &p->t[pid];
	int lamport = strcmp(e->name, "Lamport") == 0;

	if (e->ncounter != 1 || !e->has_ts || !t->ticks || e->ts != t->ts)
		return xc_fail(p->why, sizeof p->why, "pid %d: a counter not "
		    "at a slice of its track", pid);
	if (lamport && (!t->lamport_due || e->cval != t->lamport))
		return xc_fail(p->why, sizeof p->why, "pid %d: Lamport counter "
		    "%.0f, the slice says %.0f", pid, e->cval, t->lamport);
	if (!lamport && (strcmp(e->name, "queue") != 0 || e->cval != t->qlen))
		return xc_fail(p->why, sizeof p->why, "pid %d: counter %s %.0f, "
		    "the slice's queue is %.0f", pid, e->name, e->cval, t->qlen);
	if (lamport)
		t->lamport_due = 0;
	else
		t->qshown = e->cval;
	return 0;
}

static inline int
xc_event(struct xc_json *j, void *ctx)
{
	struct xc_perfetto *p = ctx;
	struct xc_ev e;
	int pid;

	memset(&e, 0, sizeof e);
	if (xc_object(j, xc_ev_member, &e, 1) == -1)
		return -1;
	pid = (int)e.pid;
	if (!e.has_pid || e.pid != pid || pid < 1 || pid > XC_MAXVM)
		return xc_fail(p->why, sizeof p->why, "an event without a pid "
		    "of 1..%d", XC_MAXVM);
	if (strcmp(e.ph, "M") == 0) {
		p->t[pid].named |= strcmp(e.name, "process_name") == 0 &&
		    e.pname[0] != '\0';
		return 0;
	}
	if (!p->t[pid].named)
		return xc_fail(p->why, sizeof p->why, "pid %d: not named by a "
		    "process_name before its events", pid);
	if (strcmp(e.ph, "X") == 0)
		return xc_slice(p, &e, pid);
	if (strcmp(e.ph, "C") == 0)
		return xc_counter(p, &e, pid);
	return xc_fail(p->why, sizeof p->why, "an event of phase '%s'", e.ph);
}

static inline int
xc_top_member(struct xc_json *j, const char *key, void *ctx)
{
	if (strcmp(key, "traceEvents") == 0) {
		((struct xc_perfetto *)ctx)->st->hosts = 1;	/* seen */
		return xc_array(j, xc_event, ctx, 1);
	}
	return xc_value(j, 1);
}

/* The whole text, len bytes. */
static inline int
xc_perfetto_check(const char *text, size_t len, struct xc_stats *st,
    char *err, size_t errlen)
{
	struct xc_perfetto *p = calloc(1, sizeof *p);
	struct xc_json j = { text, text + len, text, "" };
	int rc = -1;

	memset(st, 0, sizeof *st);
	if (p == NULL)
		return xc_fail(err, errlen, "out of memory");
	p->st = st;
	if (xc_object(&j, xc_top_member, p, 0) == -1 || xc_end(&j) == -1)
		xc_fail(err, errlen, "%s", p->why[0] ? p->why : j.why);
	else if (st->hosts == 0)
		xc_fail(err, errlen, "no traceEvents");
	else
		rc = 0;
	st->hosts = 0;
	for (int pid = 1; pid <= XC_MAXVM; pid++) {
		const struct xc_track *t = &p->t[pid];
		st->hosts += t->named;
		if (rc == 0 && (t->lamport_due || t->qshown != t->qlen))
			rc = xc_fail(err, errlen, "pid %d: the counters of its "
			    "last slice are missing", pid);
	}
	for (size_t k = 0; rc == 0 && k < p->sends.len; k++)
		if (p->sends.ends[k] == 0)
			rc = xc_fail(err, errlen, "a flow that never ends");
	free(p->prev);
	free(p->v);
	free(p->want);
	xc_sends_free(&p->sends);
	free(p);
	return rc;
}

#endif

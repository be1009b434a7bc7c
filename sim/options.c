/* sim/options.c -- command-line options of `run` and `vm`: parsing, validation */
#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/options.h"
#include "vm/core/num.h"
#include "vm/core/step.h"

/* K_TOGGLE: a flag that sets an int to min (--vector 1, --no-vector 0). */
enum kind { K_UINT, K_REAL, K_STR, K_FLAG, K_TOGGLE, K_RATES, K_RUN_ID,
    K_FAULT, K_ON_FAILURE, K_LATENCY, K_SHARE };

/* One option: where its value goes and the range it must be in. */
struct opt {
	const char *name;	/* without the leading "--" */
	enum kind kind;
	void *dst;		/* uint32_t or uint64_t (by max), double, char *,
				 * bool, struct opt_faults, int */
	double min, max;	/* K_UINT inclusive; K_REAL above min, up to max */
	bool *seen;		/* set when given, or NULL */
};

static int
bad(char *err, size_t errlen, const struct opt *o, const char *val,
    const char *why)
{
	snprintf(err, errlen, "--%s '%s': %s", o->name, val, why);
	return -1;
}

static int
set_uint(const struct opt *o, const char *val, char *err, size_t errlen)
{
	char why[64];
	uint64_t v;
	int rc = num_uint(val, &v);

	if (rc < 0)
		return bad(err, errlen, o, val, rc == -2 ? "too large" :
		    "not a whole number");
	if ((double)v < o->min || (double)v > o->max) {
		snprintf(why, sizeof why, "must be from %.0f to %.0f", o->min, o->max);
		return bad(err, errlen, o, val, why);
	}
	if (o->max > UINT32_MAX)
		*(uint64_t *)o->dst = v;
	else
		*(uint32_t *)o->dst = (uint32_t)v;
	return 0;
}

static int
set_real(const struct opt *o, const char *val, char *err, size_t errlen)
{
	char why[64];
	double v;

	if (num_real(val, &v) == -1)
		return bad(err, errlen, o, val, "not a plain decimal number");
	if (v <= o->min || v > o->max) {
		snprintf(why, sizeof why, v <= o->min ? "must be more than %g" :
		    "must be at most %g", v <= o->min ? o->min : o->max);
		return bad(err, errlen, o, val, why);
	}
	*(double *)o->dst = v;
	return 0;
}

/* "3,1,6": each a rate; the count is checked against --vms afterwards. */
static int
set_rates(const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct run_opts *r = o->dst;
	const char *p = val;
	char num[32], why[80];

	r->nrates = 0;
	r->rates_arg = val;
	for (;;) {
		size_t len = strcspn(p, ",");
		uint64_t v;
		snprintf(num, sizeof num, "%.*s", (int)(len < 31 ? len : 31), p);
		if (len == 0 || len > 30 || num_uint(num, &v) != 0 ||
		    v < 1 || v > OPT_MAX_RATE) {
			snprintf(why, sizeof why, "rate '%s' is not a whole number "
			    "from 1 to %d", num, OPT_MAX_RATE);
			return bad(err, errlen, o, val, why);
		}
		if (r->nrates == OPT_MAX_VMS)
			return bad(err, errlen, o, val, "more than 256 rates");
		r->rates[r->nrates++] = (uint32_t)v;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int
set_run_id(const struct opt *o, const char *val, char *err, size_t errlen)
{
	uint8_t *id = o->dst;

	if (strlen(val) != 2 * WIRE_RUN_ID_LEN)
		return bad(err, errlen, o, val, "must be 32 hex digits");
	for (int i = 0; i < WIRE_RUN_ID_LEN; i++) {
		int hi = hex_digit(val[2 * i]), lo = hex_digit(val[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return bad(err, errlen, o, val, "must be 32 hex digits");
		id[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* One more --fault: its syntax now, whether it fits the run later. */
static int
add_fault(const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct opt_faults *fl = o->dst;
	char why[128];

	if (fl->n == FAULT_MAX) {
		snprintf(err, errlen, "--%s: at most %d", o->name, FAULT_MAX);
		return -1;
	}
	if (fault_parse(val, &fl->f[fl->n], why, sizeof why) == -1)
		return bad(err, errlen, o, val, why);
	fl->arg[fl->n++] = val;
	return 0;
}

static int
set_on_failure(const struct opt *o, const char *val, char *err, size_t errlen)
{
	if (vmend_policy_parse(val, (enum vm_on_failure *)o->dst) == -1)
		return bad(err, errlen, o, val, "must be stop or continue");
	return 0;
}

struct inbox_net
options_net(const struct opt_latency *l)
{
	return (struct inbox_net){ (uint64_t)llround(l->min_ms * 1e6),
		(uint64_t)llround(l->max_ms * 1e6) };
}

/* A share, 0 to 1: unlike K_REAL, 0 is allowed. */
static int
set_share(const struct opt *o, const char *val, char *err, size_t errlen)
{
	double *v = o->dst;

	if (num_real(val, v) == -1 || *v > 1)
		return bad(err, errlen, o, val, "must be a plain decimal from 0 "
		    "to 1");
	return 0;
}

/* "MIN" or "MIN:MAX", model milliseconds, MIN <= MAX. */
static int
set_latency(const struct opt *o, const char *val, char *err, size_t errlen)
{
	struct opt_latency *l = o->dst;
	size_t n = num_scan(val, &l->min_ms);
	char why[80];

	l->max_ms = l->min_ms;
	if (n == 0 || (val[n] != '\0' && (val[n] != ':' ||
	    num_real(val + n + 1, &l->max_ms) == -1)))
		return bad(err, errlen, o, val, "expected MIN or MIN:MAX, model "
		    "milliseconds");
	if (l->max_ms < l->min_ms)
		return bad(err, errlen, o, val, "MAX is below MIN");
	if (l->max_ms > OPT_LATENCY_MAX_MS) {
		snprintf(why, sizeof why, "must be at most %d ms",
		    OPT_LATENCY_MAX_MS);
		return bad(err, errlen, o, val, why);
	}
	l->given = true;
	return 0;
}

static int
set_value(const struct opt *o, const char *val, char *err, size_t errlen)
{
	switch (o->kind) {
	case K_UINT: return set_uint(o, val, err, errlen);
	case K_REAL: return set_real(o, val, err, errlen);
	case K_RATES: return set_rates(o, val, err, errlen);
	case K_RUN_ID: return set_run_id(o, val, err, errlen);
	case K_FAULT: return add_fault(o, val, err, errlen);
	case K_ON_FAILURE: return set_on_failure(o, val, err, errlen);
	case K_LATENCY: return set_latency(o, val, err, errlen);
	case K_SHARE: return set_share(o, val, err, errlen);
	case K_STR:
		if (*val == '\0')
			return bad(err, errlen, o, val, "must not be empty");
		*(const char **)o->dst = val;
		return 0;
	case K_FLAG:
	case K_TOGGLE:
		break;
	}
	return -1;
}

static const struct opt *
find(const struct opt *opts, size_t nopts, const char *name, size_t len)
{
	for (size_t i = 0; i < nopts; i++)
		if (strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
			return &opts[i];
	return NULL;
}

/*
 * Accepts "--name value" and "--name=value"; a later option wins, except
 * --fault, which adds one more each time. Other words go to pos (which has
 * room for argc) when given, else are errors.
 */
static int
parse(const struct opt *opts, size_t nopts, int argc, char **argv, char **pos,
    int *npos, char *err, size_t errlen)
{
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
			return 1;
		if (strncmp(arg, "--", 2) != 0 && pos != NULL) {
			pos[(*npos)++] = argv[i];
			continue;
		}
		if (strncmp(arg, "--", 2) != 0) {
			snprintf(err, errlen, "unexpected argument '%s'", arg);
			return -1;
		}
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		const struct opt *o = find(opts, nopts, arg + 2, len);
		if (o == NULL) {
			snprintf(err, errlen, "unknown option '%.*s'", (int)len + 2, arg);
			return -1;
		}
		if (o->seen != NULL)
			*o->seen = true;
		if (o->kind == K_FLAG && eq == NULL) {
			*(bool *)o->dst = true;
			continue;
		}
		if (o->kind == K_TOGGLE && eq == NULL) {
			*(int *)o->dst = (int)o->min;
			continue;
		}
		if (o->kind == K_FLAG || o->kind == K_TOGGLE) {
			snprintf(err, errlen, "--%s '%s': takes no value", o->name,
			    eq + 1);
			return -1;
		}
		const char *val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (val == NULL || (eq == NULL && strncmp(val, "--", 2) == 0)) {
			snprintf(err, errlen, "--%s: missing value", o->name);
			return -1;
		}
		if (set_value(o, val, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* Every --fault against the ring and the run it is meant for. */
static int
check_faults(const struct opt_faults *fl, uint32_t vms, double duration_s,
    char *err, size_t errlen)
{
	char why[128];

	for (uint32_t i = 0; i < fl->n; i++)
		if (fault_fits(&fl->f[i], vms, duration_s, why, sizeof why) == -1) {
			snprintf(err, errlen, "--fault '%s': %s", fl->arg[i], why);
			return -1;
		}
	return 0;
}

/* Given rates are not drawn: a range beside them would be ignored. */
static int
check_rates(const struct run_opts *o, bool min_given, bool max_given,
    char *err, size_t errlen)
{
	if (o->nrates > 0 && (min_given || max_given)) {
		snprintf(err, errlen, "--rates '%s' and --%s: give the rates or "
		    "the range to draw them from, not both", o->rates_arg,
		    min_given ? "rate-min" : "rate-max");
		return -1;
	}
	if (o->rate_min > o->rate_max) {
		snprintf(err, errlen, "--rate-min %u is more than --rate-max %u",
		    (unsigned)o->rate_min, (unsigned)o->rate_max);
		return -1;
	}
	return 0;
}

static int
check_run(struct run_opts *o, char *err, size_t errlen)
{
	if (o->nrates > 0 && o->nrates != o->vms) {
		snprintf(err, errlen, "--rates '%s': %u rates for %u VMs",
		    o->rates_arg, (unsigned)o->nrates, (unsigned)o->vms);
		return -1;
	}
	if (o->base_port != 0 && o->base_port + o->vms - 1 > 65535) {
		snprintf(err, errlen, "--base-port %u: ports up to %u do not exist",
		    (unsigned)o->base_port, (unsigned)(o->base_port + o->vms - 1));
		return -1;
	}
	return check_faults(&o->faults, o->vms, o->duration_s, err, errlen);
}

/*
 * A virtual run has no sockets and no real time: options about those
 * would be ignored, so they are refused; but for --live, --speed paces
 * the view.
 */
static int
check_virtual(const struct run_opts *o, const bool *real_given,
    const char *const *real_name, size_t nreal, char *err, size_t errlen)
{
	for (size_t i = 0; o->virtual && i < nreal; i++)
		if (real_given[i]) {
			snprintf(err, errlen, "--%s: no meaning with --virtual, "
			    "which has no %s", real_name[i], i == 0 ?
			    "real time to pace" : "sockets");
			return -1;
		}
	return 0;
}

/*
 * Inside one VM only a slow fault or a partition means anything: they
 * delay what it receives. Kill and pause are signals the orchestrator of
 * `run` sends.
 */
static int
hand_faults(const struct opt_faults *fl, char *err, size_t errlen)
{
	for (uint32_t i = 0; i < fl->n; i++)
		if (fl->f[i].kind != FAULT_SLOW &&
		    fl->f[i].kind != FAULT_PARTITION) {
			snprintf(err, errlen, "--fault '%s': only slow links and "
			    "partitions apply to one VM (kill and pause need "
			    "clockring run)", fl->arg[i]);
			return -1;
		}
	return 0;
}

/* --hosts H0,H1,...: one host per VM, none empty or too long. */
static int
check_hosts(const struct run_opts *o, char *err, size_t errlen)
{
	uint32_t n = 0;

	for (const char *p = o->hosts;; p += strcspn(p, ",") + 1) {
		size_t len = strcspn(p, ",");
		if (len == 0 || len > 255) {
			snprintf(err, errlen, "--hosts '%s': %s host", o->hosts,
			    len ? "a too long" : "an empty");
			return -1;
		}
		n++;
		if (p[len] == '\0')
			break;
	}
	if (n != o->vms) {
		snprintf(err, errlen, "--hosts '%s': %u hosts for %u VMs", o->hosts,
		    (unsigned)n, (unsigned)o->vms);
		return -1;
	}
	return 0;
}

/*
 * --print-commands plans a ring of hand-started VMs: a VM alone cannot be
 * killed or paused by anyone, and nothing is written or run here.
 */
static int
check_handout(const struct run_opts *o, bool bind_given, char *err,
    size_t errlen)
{
	const char *alone = o->hosts != NULL ? "--hosts" : NULL;

	if (!o->print_commands && alone != NULL) {
		snprintf(err, errlen, "%s: only with --print-commands", alone);
		return -1;
	}
	if (!o->print_commands)
		return 0;
	if (bind_given && o->hosts != NULL) {
		snprintf(err, errlen, "--bind: no meaning with --print-commands "
		    "and --hosts, whose hosts say where each VM listens");
		return -1;
	}
	const char *no = o->virtual ? "--virtual" : o->out ? "--out" :
	    o->force ? "--force" : o->no_check ? "--no-check" :
	    o->live ? "--live" : NULL;
	if (no != NULL) {
		snprintf(err, errlen, "%s: no meaning with --print-commands, "
		    "which runs nothing and writes nothing", no);
		return -1;
	}
	if (hand_faults(&o->faults, err, errlen) == -1)
		return -1;
	return o->hosts != NULL ? check_hosts(o, err, errlen) : 0;
}

static const char *const log_name[] = { [OPT_LOG_FULL] = "full",
	[OPT_LOG_SUMMARY] = "summary", [OPT_LOG_OFF] = "off" };

const char *
options_log_name(enum opt_log l)
{
	return log_name[l];
}

/* --log LEVEL: summary and off only in virtual time, whose driver writes them. */
static int
check_log(struct run_opts *o, const char *log, char *err, size_t errlen)
{
	uint32_t l = 0;

	while (log != NULL && l < 3 && strcmp(log, log_name[l]) != 0)
		l++;
	if (l == 3) {
		snprintf(err, errlen, "--log '%s': must be full, summary or off",
		    log);
		return -1;
	}
	o->log = (enum opt_log)l;
	if (o->log != OPT_LOG_FULL && !o->virtual) {
		snprintf(err, errlen, "--log %s: only with --virtual (real-time VMs "
		    "write their own full logs)", log);
		return -1;
	}
	return 0;
}

/*
 * The ring's size against the mode: a process per VM in real time, a few
 * hundred bytes in virtual time. What grows with N * N is refused where
 * it would not fit: vector clocks (N counters in each VM and message) and
 * the terminal view (a lane per VM).
 */
static int
check_size(struct run_opts *o, const char *log, int vector, char *err,
    size_t errlen)
{
	if (!o->virtual && o->vms > OPT_MAX_VMS) {
		snprintf(err, errlen, "--vms '%u': at most %d in real time, where "
		    "each VM is a process (--virtual takes up to %u)",
		    (unsigned)o->vms, OPT_MAX_VMS, (unsigned)OPT_MAX_VIRTUAL_VMS);
		return -1;
	}
	if (vector == 1 && o->vms > STEP_VEC_MAX) {
		snprintf(err, errlen, "--vector: at most %d VMs (each VM and each "
		    "message keeps N counters, N*N in all), not %u", STEP_VEC_MAX,
		    (unsigned)o->vms);
		return -1;
	}
	if (o->live && o->vms > OPT_MAX_VMS) {
		snprintf(err, errlen, "--live: at most %d VMs, a lane each, not %u",
		    OPT_MAX_VMS, (unsigned)o->vms);
		return -1;
	}
	return check_log(o, log, err, errlen);
}

/* --vector or --no-vector, the later winning; neither: on for small rings. */
static bool
vector_on(int given, uint32_t vms)
{
	return given >= 0 ? given == 1 : vms <= OPT_VECTOR_AUTO_MAX;
}

int
options_run(int argc, char **argv, struct run_opts *o, char *err, size_t errlen)
{
	static const char *const real_name[] = { "speed", "base-port", "bind",
		"connect-timeout" };
	bool min_given = false, max_given = false, real_given[4] = { false };
	int vector = -1;
	const char *log = NULL;

	*o = (struct run_opts){ .vms = 3, .duration_s = 60, .speed = 1,
	    .rate_min = 1, .rate_max = 6, .draw_max = 10, .bind = "127.0.0.1",
	    .connect_timeout_s = 10 };
	const struct opt opts[] = {
		{ "vms", K_UINT, &o->vms, 2, OPT_MAX_VIRTUAL_VMS, NULL },
		{ "duration", K_REAL, &o->duration_s, 0, 1e7, NULL },
		{ "speed", K_REAL, &o->speed, 0, 1e6, &real_given[0] },
		{ "rate-min", K_UINT, &o->rate_min, 1, OPT_MAX_RATE, &min_given },
		{ "rate-max", K_UINT, &o->rate_max, 1, OPT_MAX_RATE, &max_given },
		{ "rates", K_RATES, o, 0, 0, NULL },
		{ "draw-max", K_UINT, &o->draw_max, 3, 1000000, NULL },
		{ "seed", K_UINT, &o->seed, 0, (double)UINT64_MAX, &o->seed_given },
		{ "out", K_STR, &o->out, 0, 0, NULL },
		{ "force", K_FLAG, &o->force, 0, 0, NULL },
		{ "base-port", K_UINT, &o->base_port, 0, 65535, &real_given[1] },
		{ "bind", K_STR, &o->bind, 0, 0, &real_given[2] },
		{ "connect-timeout", K_REAL, &o->connect_timeout_s, 0, 3600,
		    &real_given[3] },
		{ "quiet", K_FLAG, &o->quiet, 0, 0, NULL },
		{ "no-check", K_FLAG, &o->no_check, 0, 0, NULL },
		{ "fault", K_FAULT, &o->faults, 0, 0, NULL },
		{ "on-failure", K_ON_FAILURE, &o->on_failure, 0, 0, NULL },
		{ "virtual", K_FLAG, &o->virtual, 0, 0, NULL },
		{ "latency", K_LATENCY, &o->latency, 0, 0, NULL },
		{ "loss", K_SHARE, &o->loss, 0, 0, NULL },
		{ "vector", K_TOGGLE, &vector, 1, 0, NULL },
		{ "no-vector", K_TOGGLE, &vector, 0, 0, NULL },
		{ "live", K_FLAG, &o->live, 0, 0, NULL },
		{ "print-commands", K_FLAG, &o->print_commands, 0, 0, NULL },
		{ "hosts", K_STR, &o->hosts, 0, 0, NULL },
		{ "log", K_STR, &log, 0, 0, NULL },
	};
	int rc = parse(opts, sizeof opts / sizeof opts[0], argc, argv, NULL, NULL,
	    err, errlen);
	if (rc != 0)
		return rc;
	o->connect_timeout_given = real_given[3];
	o->vector = vector_on(vector, o->vms);
	real_given[0] = real_given[0] && !o->live;
	if (check_size(o, log, vector, err, errlen) == -1 ||
	    check_rates(o, min_given, max_given, err, errlen) == -1 ||
	    check_virtual(o, real_given, real_name, 4, err, errlen) == -1 ||
	    check_handout(o, real_given[2], err, errlen) == -1)
		return -1;
	if (!o->latency.given && o->virtual)
		o->latency.min_ms = o->latency.max_ms = OPT_LATENCY_VIRTUAL_MS;
	/* Virtual time stays model time in the logs, whatever the pace. */
	o->pace = o->speed;
	if (o->virtual)
		o->speed = 1;
	return check_run(o, err, errlen);
}

/* "host:port", the port after the last colon ("[::1]:7000" for IPv6). */
static int
split_addr(const char *name, const char *s, char *host, size_t hostlen,
    uint16_t *port, char *err, size_t errlen)
{
	const char *colon = strrchr(s, ':'), *arg = s;
	uint64_t p;

	if (colon == NULL || colon == s ||
	    num_uint(colon + 1, &p) != 0 || p > 65535 ||
	    (size_t)(colon - s) >= hostlen) {
		snprintf(err, errlen, "--%s '%s': not HOST:PORT", name, s);
		return -1;
	}
	size_t len = (size_t)(colon - s);
	if (s[0] == '[' && colon[-1] == ']') {
		s++;
		len -= 2;
	}
	if (len == 0) {
		snprintf(err, errlen, "--%s '%s': no host before the port", name,
		    arg);
		return -1;
	}
	snprintf(host, hostlen, "%.*s", (int)len, s);
	*port = (uint16_t)p;
	return 0;
}

/* The faults of `clockring vm`: kinds one VM can apply, fitting the run. */
static int
vm_faults(const struct opt_faults *fl, uint32_t vms, double duration_s,
    char *err, size_t errlen)
{
	if (hand_faults(fl, err, errlen) == -1)
		return -1;
	return check_faults(fl, vms, duration_s, err, errlen);
}

/* DIR/vmI.meta for the log DIR/NAME (or NAME: ./vmI.meta). */
static int
part_beside(const char *log, uint32_t id, char *path, size_t len, char *err,
    size_t errlen)
{
	const char *slash = strrchr(log, '/');
	int dir = slash == NULL ? 0 : (int)(slash - log + 1);

	if ((size_t)snprintf(path, len, "%.*svm%u.meta", dir, log,
	    (unsigned)id) >= len) {
		snprintf(err, errlen, "--log '%.64s...': too long", log);
		return -1;
	}
	return 0;
}

int
options_vm(int argc, char **argv, struct vm_opts *o, char *err, size_t errlen)
{
	struct vm_conf *c = &o->conf;
	bool have_id = false, have_run_id = false;
	int vector = -1;

	*o = (struct vm_opts){ .conf = { .n = 3, .rate = 1, .draw_max = 10,
	    .duration_s = 60, .speed = 1, .connect_timeout_s = 10,
	    .listen_fd = -1, .ctl_fd = -1 } };
	const struct opt opts[] = {
		{ "id", K_UINT, &c->id, 0, OPT_MAX_VMS - 1, &have_id },
		{ "vms", K_UINT, &c->n, 2, OPT_MAX_VMS, NULL },
		{ "rate", K_UINT, &c->rate, 1, OPT_MAX_RATE, NULL },
		{ "draw-max", K_UINT, &c->draw_max, 3, 1000000, NULL },
		{ "duration", K_REAL, &c->duration_s, 0, 1e7, NULL },
		{ "speed", K_REAL, &c->speed, 0, 1e6, NULL },
		{ "seed", K_UINT, &c->seed, 0, (double)UINT64_MAX, NULL },
		{ "run-id", K_RUN_ID, c->run_id, 0, 0, &have_run_id },
		{ "listen", K_STR, &o->listen, 0, 0, NULL },
		{ "next", K_STR, &o->next, 0, 0, NULL },
		{ "log", K_STR, &c->log_path, 0, 0, NULL },
		{ "connect-timeout", K_REAL, &c->connect_timeout_s, 0, 3600, NULL },
		{ "start-at", K_REAL, &o->start_at, 0, 1e10, NULL },
		{ "fault", K_FAULT, &o->faults, 0, 0, NULL },
		{ "on-failure", K_ON_FAILURE, &o->on_failure, 0, 0, NULL },
		{ "latency", K_LATENCY, &o->latency, 0, 0, NULL },
		{ "loss", K_SHARE, &c->loss, 0, 0, NULL },
		{ "vector", K_TOGGLE, &vector, 1, 0, NULL },
		{ "no-vector", K_TOGGLE, &vector, 0, 0, NULL },
	};
	int rc = parse(opts, sizeof opts / sizeof opts[0], argc, argv, NULL, NULL,
	    err, errlen);
	if (rc != 0)
		return rc;
	c->net = options_net(&o->latency);
	c->vector = vector_on(vector, c->n);
	const char *missing = !have_id ? "--id" : !have_run_id ? "--run-id" :
	    o->listen == NULL ? "--listen" : o->next == NULL ? "--next" :
	    c->log_path == NULL ? "--log" : NULL;
	if (missing != NULL) {
		snprintf(err, errlen, "vm: %s is required", missing);
		return -1;
	}
	if (c->id >= c->n) {
		snprintf(err, errlen, "--id %u: must be below --vms %u",
		    (unsigned)c->id, (unsigned)c->n);
		return -1;
	}
	if (split_addr("listen", o->listen, o->listen_host, sizeof o->listen_host,
	    &o->listen_port, err, errlen) == -1 ||
	    split_addr("next", o->next, o->next_host, sizeof o->next_host,
	    &c->next_port, err, errlen) == -1)
		return -1;
	c->next_host = o->next_host;
	c->listen_host = o->listen_host;
	c->listen_port = o->listen_port;
	if (part_beside(c->log_path, c->id, o->part_path, sizeof o->part_path,
	    err, errlen) == -1)
		return -1;
	c->part_path = o->part_path;
	c->start_wall_ns = (uint64_t)(o->start_at * 1e9);
	if (vm_faults(&o->faults, c->n, c->duration_s, err, errlen) == -1)
		return -1;
	c->on_failure = o->on_failure;
	c->faults = o->faults.f;
	c->nfaults = o->faults.n;
	return 0;
}

int
options_suite(int argc, char **argv, struct suite_opts *o, char *err,
    size_t errlen)
{
	*o = (struct suite_opts){ .out = "results", .jobs = 16, .speed = 1 };
	const struct opt opts[] = {
		{ "out", K_STR, &o->out, 0, 0, NULL },
		{ "jobs", K_UINT, &o->jobs, 1, 256, NULL },
		{ "speed", K_REAL, &o->speed, 0, 1e6, NULL },
		{ "force", K_FLAG, &o->force, 0, 0, NULL },
		{ "plan", K_FLAG, &o->plan, 0, 0, NULL },
	};
	o->files = calloc((size_t)argc + 1, sizeof *o->files);
	if (o->files == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = parse(opts, sizeof opts / sizeof opts[0], argc, argv, o->files,
	    &o->nfiles, err, errlen);
	if (rc == 0 && o->nfiles == 0) {
		snprintf(err, errlen, "experiments: no experiment file given");
		rc = -1;
	}
	return rc;
}

int
options_replay(int argc, char **argv, struct replay_opts *o, char *err,
    size_t errlen)
{
	*o = (struct replay_opts){ .speed = 1 };
	/* --at may be 0: a K_REAL is "above min", and no plain decimal is
	 * below 0, so -1 admits exactly the decimals from 0. */
	const struct opt opts[] = {
		{ "speed", K_REAL, &o->speed, 0, 1e6, NULL },
		{ "at", K_REAL, &o->at_s, -1, 1e9, NULL },
		{ "paused", K_FLAG, &o->paused, 0, 0, NULL },
	};
	char **pos = calloc((size_t)argc + 1, sizeof *pos);
	int npos = 0, rc;

	if (pos == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = parse(opts, sizeof opts / sizeof opts[0], argc, argv, pos, &npos,
	    err, errlen);
	if (rc == 0 && npos != 1) {
		snprintf(err, errlen, npos == 0 ? "replay: no run directory given" :
		    "replay takes one run directory");
		rc = -1;
	}
	o->dir = rc == 0 ? pos[0] : NULL;
	free(pos);
	return rc;
}

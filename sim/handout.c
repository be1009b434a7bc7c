/* sim/handout.c -- clockring run --print-commands: the clockring vm command of each VM of a planned ring */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sim/handout.h"
#include "sim/orch.h"
#include "vm/core/fault.h"
#include "vm/core/num.h"

/* A word as the shell reads it back: bare when plain, else in '...'. */
static void
word(FILE *out, const char *s)
{
	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789_.,:/=+-@%[]") == strlen(s)) {
		fputs(s, out);
		return;
	}
	fputc('\'', out);
	for (; *s != '\0'; s++)
		if (*s == '\'')
			fputs("'\\''", out);
		else
			fputc(*s, out);
	fputc('\'', out);
}

static void
option_real(FILE *out, const char *name, double v)
{
	char buf[NUM_TEXT_MAX];

	num_format(buf, sizeof buf, v);
	fprintf(out, " --%s %s", name, buf);
}

/* Host i of --hosts, or --bind for all. */
static void
host(const struct run_opts *o, uint32_t i, char *buf, size_t len)
{
	const char *p = o->hosts;

	if (p == NULL) {
		snprintf(buf, len, "%s", o->bind);
		return;
	}
	while (i-- > 0)
		p += strcspn(p, ",") + 1;
	snprintf(buf, len, "%.*s", (int)strcspn(p, ","), p);
}

/* "HOST:PORT", an IPv6 address in brackets. */
static void
address(const struct run_opts *o, uint32_t i, char *buf, size_t len)
{
	uint32_t base = o->base_port ? o->base_port : HANDOUT_BASE_PORT;
	char h[256];

	host(o, i, h, sizeof h);
	snprintf(buf, len, strchr(h, ':') ? "[%s]:%u" : "%s:%u", h,
	    (unsigned)(base + i));
}

/* What every VM is given alike. */
static void
common(const struct run_opts *o, FILE *out)
{
	char buf[FAULT_TEXT_MAX];

	option_real(out, "duration", o->duration_s);
	option_real(out, "speed", o->speed);
	fprintf(out, " --draw-max %u", (unsigned)o->draw_max);
	option_real(out, "connect-timeout", o->connect_timeout_given ?
	    o->connect_timeout_s : HANDOUT_WAIT_S);
	if (o->on_failure == VM_ON_FAILURE_CONTINUE)
		fputs(" --on-failure continue", out);
	if (o->latency.given) {
		option_real(out, "latency", o->latency.min_ms);
		num_format(buf, sizeof buf, o->latency.max_ms);
		fprintf(out, ":%s", buf);
	}
	if (o->loss > 0)
		option_real(out, "loss", o->loss);
	/* Said always: each VM's default hangs on --vms alone, but plain. */
	fputs(o->vector ? " --vector" : " --no-vector", out);
	for (uint32_t i = 0; i < o->faults.n; i++) {
		fault_format(&o->faults.f[i], buf, sizeof buf);
		fputs(" --fault ", out);
		word(out, buf);
	}
}

void
handout_print(const struct run_opts *o, const char *prog, FILE *out)
{
	uint8_t id[WIRE_RUN_ID_LEN];
	uint32_t rates[OPT_MAX_VMS], lo, hi;
	uint64_t seed = o->seed;
	char a[300];

	orch_run_id(id);
	if (!o->seed_given)
		memcpy(&seed, id, sizeof seed);
	orch_rates(o, seed, rates, &lo, &hi);
	for (uint32_t i = 0; i < o->vms; i++) {
		word(out, prog);
		fprintf(out, " vm --id %u --vms %u --run-id ", (unsigned)i,
		    (unsigned)o->vms);
		for (int k = 0; k < WIRE_RUN_ID_LEN; k++)
			fprintf(out, "%02x", id[k]);
		fprintf(out, " --seed %" PRIu64 " --rate %u", seed,
		    (unsigned)rates[i]);
		common(o, out);
		address(o, i, a, sizeof a);
		fputs(" --listen ", out);
		word(out, a);
		address(o, (i + 1) % o->vms, a, sizeof a);
		fputs(" --next ", out);
		word(out, a);
		fprintf(out, " --log vm%u.csv\n", (unsigned)i);
	}
}

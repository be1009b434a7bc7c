/* sim/runmeta.c -- writes run.meta, the record of what was run and how it ended */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/run.h"
#include "vm/fault.h"

/* The policy, then each fault in its one spelling, in the order given. */
static void
put_faults(FILE *f, const struct run_opts *o)
{
	char spec[FAULT_TEXT_MAX];

	fprintf(f, "on_failure=%s\nfaults=%u\n", o->on_failure ==
	    OPT_ON_FAILURE_CONTINUE ? "continue" : "stop", (unsigned)o->faults.n);
	for (uint32_t i = 0; i < o->faults.n; i++) {
		fault_format(&o->faults.f[i], spec, sizeof spec);
		fprintf(f, "fault%u=%s\n", (unsigned)i, spec);
	}
}

static void
put_meta(FILE *f, const struct run *r)
{
	const struct run_opts *o = r->o;

	fprintf(f, "format=2\nversion=%s\nrun_id=", CLOCKRING_VERSION);
	for (int i = 0; i < WIRE_RUN_ID_LEN; i++)
		fprintf(f, "%02x", r->run_id[i]);
	fprintf(f, "\nseed=%" PRIu64 "\nvms=%u\nduration_s=%.15g\nspeed=%.15g\n"
	    "draw_max=%u\nrate_min=%u\nrate_max=%u\n", r->seed, (unsigned)o->vms,
	    o->duration_s, o->speed, (unsigned)o->draw_max,
	    (unsigned)r->rate_min, (unsigned)r->rate_max);
	for (uint32_t i = 0; i < o->vms; i++)
		fprintf(f, "vm%u.rate=%u\n", (unsigned)i, (unsigned)r->rates[i]);
	fprintf(f, "bind=%s\n", o->bind);
	for (uint32_t i = 0; i < o->vms; i++)
		fprintf(f, "vm%u.port=%u\n", (unsigned)i, (unsigned)r->ports[i]);
	put_faults(f, o);
	fprintf(f, "start_wall_ns=%" PRIu64 "\nend_wall_ns=%" PRIu64 "\n",
	    r->start_wall_ns, r->end_wall_ns);
	for (uint32_t i = 0; i < o->vms; i++)
		fprintf(f, "vm%u.exit=%s\n", (unsigned)i,
		    r->exit[i][0] ? r->exit[i] : "running");
	fprintf(f, "status=%s\n", r->status);
	if (r->failed_vm >= 0)
		fprintf(f, "failed_vm=%d\n", r->failed_vm);
	if (strcmp(r->status, "failed") == 0)
		fprintf(f, "error=%s\n", r->error);
}

/* Write beside, then rename: a reader sees the old run.meta or the new one. */
int
runmeta_write(const struct run *r, char *err, size_t errlen)
{
	char path[PATH_MAX + 16], tmp[PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/run.meta", r->dir);
	snprintf(tmp, sizeof tmp, "%s/.run.meta.tmp", r->dir);
	FILE *f = fopen(tmp, "w");
	if (f == NULL)
		goto fail;
	put_meta(f, r);
	if (ferror(f) | (fclose(f) == EOF) || rename(tmp, path) == -1) {
		remove(tmp);
		goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}

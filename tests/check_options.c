/* tests/check_options.c -- unit tests of sim/options: defaults, both option forms, every bad value */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "sim/options.h"
#include "tests/suites.h"

#define RUN_ID		"00112233445566778899aabbccddeeff"

static char err[256];

static int
count(const char *const *args)
{
	int n = 0;

	while (args[n] != NULL)
		n++;
	return n;
}

/* The parsers never write to argv; the casts only satisfy their prototypes. */
static int
run_args(struct run_opts *o, const char *const *args)
{
	err[0] = '\0';
	return options_run(count(args), (char **)args, o, err, sizeof err);
}

static int
vm_args(struct vm_opts *o, const char *const *args)
{
	err[0] = '\0';
	return options_vm(count(args), (char **)args, o, err, sizeof err);
}

#define RUN(o, ...)	run_args((o), (const char *[]){ __VA_ARGS__, NULL })

/* err must hold every non-NULL needle. */
static void
err_has(const char *const *needles, int n)
{
	for (int i = 0; i < n && needles[i] != NULL; i++)
		ck_assert_msg(strstr(err, needles[i]) != NULL,
		    "error '%s' lacks '%s'", err, needles[i]);
}

START_TEST(run_defaults_apply_without_options)
{
	struct run_opts o;

	memset(&o, 0xa5, sizeof o);
	ck_assert_int_eq(run_args(&o, (const char *[]){ NULL }), 0);
	ck_assert_uint_eq(o.vms, 3);
	ck_assert_double_eq(o.duration_s, 60);
	ck_assert_double_eq(o.speed, 1);
	ck_assert_uint_eq(o.rate_min, 1);
	ck_assert_uint_eq(o.rate_max, 6);
	ck_assert_uint_eq(o.nrates, 0);
	ck_assert_uint_eq(o.draw_max, 10);
	ck_assert(!o.seed_given);
	ck_assert_ptr_null(o.out);
	ck_assert(!o.force);
	ck_assert_uint_eq(o.base_port, 0);
	ck_assert_str_eq(o.bind, "127.0.0.1");
	ck_assert_double_eq(o.connect_timeout_s, 10);
	ck_assert(!o.quiet);
	ck_assert_uint_eq(o.faults.n, 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_STOP);
}
END_TEST

enum type { U32, U64, DBL, STR };

/* One option and value, and where and what the parsed value must be. */
struct good {
	const char *name, *value;
	enum type type;
	size_t off;
	uint64_t u;
	double d;
};

#define F(field)	offsetof(struct run_opts, field)

static const struct good run_good[] = {
	{ "vms", "256", U32, F(vms), 256, 0 },
	{ "vms", "2", U32, F(vms), 2, 0 },
	{ "duration", "0.5", DBL, F(duration_s), 0, 0.5 },
	{ "speed", "12.5", DBL, F(speed), 0, 12.5 },
	{ "rate-min", "2", U32, F(rate_min), 2, 0 },
	{ "rate-max", "1000", U32, F(rate_max), 1000, 0 },
	{ "draw-max", "3", U32, F(draw_max), 3, 0 },
	{ "seed", "18446744073709551615", U64, F(seed), UINT64_MAX, 0 },
	{ "seed", "0", U64, F(seed), 0, 0 },
	{ "out", "runs/x", STR, F(out), 0, 0 },
	{ "base-port", "65533", U32, F(base_port), 65533, 0 },
	{ "bind", "::1", STR, F(bind), 0, 0 },
	{ "connect-timeout", "2.5", DBL, F(connect_timeout_s), 0, 2.5 },
};

/* The field g names, in o, must hold g's value. */
static void
check_field(const struct run_opts *o, const struct good *g)
{
	const char *p = (const char *)o + g->off;

	switch (g->type) {
	case U32: ck_assert_uint_eq(*(const uint32_t *)p, g->u); break;
	case U64: ck_assert_uint_eq(*(const uint64_t *)p, g->u); break;
	case DBL: ck_assert_double_eq(*(const double *)p, g->d); break;
	case STR: ck_assert_str_eq(*(const char *const *)p, g->value); break;
	}
}

START_TEST(run_option_is_parsed_in_both_forms)
{
	const struct good *g = &run_good[_i];
	char opt[64], joined[128];
	struct run_opts o;

	snprintf(opt, sizeof opt, "--%s", g->name);
	ck_assert_int_eq(RUN(&o, opt, g->value), 0);
	check_field(&o, g);
	snprintf(joined, sizeof joined, "--%s=%s", g->name, g->value);
	ck_assert_int_eq(RUN(&o, joined), 0);
	check_field(&o, g);
}
END_TEST

START_TEST(seed_option_marks_the_seed_as_given)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--seed", "0"), 0);
	ck_assert(o.seed_given);
	ck_assert_int_eq(RUN(&o, "--seed=7"), 0);
	ck_assert(o.seed_given);
}
END_TEST

START_TEST(flags_set_force_and_quiet)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--force", "--quiet"), 0);
	ck_assert(o.force);
	ck_assert(o.quiet);
}
END_TEST

START_TEST(later_option_wins)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--vms", "4", "--vms=5"), 0);
	ck_assert_uint_eq(o.vms, 5);
}
END_TEST

START_TEST(rates_set_nrates_and_rates)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--rates", "3,1,1000"), 0);
	ck_assert_uint_eq(o.nrates, 3);
	ck_assert_uint_eq(o.rates[0], 3);
	ck_assert_uint_eq(o.rates[1], 1);
	ck_assert_uint_eq(o.rates[2], 1000);
	ck_assert_int_eq(RUN(&o, "--vms=2", "--rates=6,2"), 0);
	ck_assert_uint_eq(o.nrates, 2);
	ck_assert_uint_eq(o.rates[0], 6);
	ck_assert_uint_eq(o.rates[1], 2);
}
END_TEST

START_TEST(faults_are_kept_in_the_order_given)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--fault", "kill:2@20", "--fault=pause:0@5+2.5",
	    "--fault", "slow:1->2@0+60:200ms"), 0);
	ck_assert_uint_eq(o.faults.n, 3);
	ck_assert_int_eq(o.faults.f[0].kind, FAULT_KILL);
	ck_assert_uint_eq(o.faults.f[0].vm, 2);
	ck_assert_double_eq(o.faults.f[0].at_s, 20);
	ck_assert_str_eq(o.faults.arg[0], "kill:2@20");
	ck_assert_int_eq(o.faults.f[1].kind, FAULT_PAUSE);
	ck_assert_double_eq(o.faults.f[1].for_s, 2.5);
	ck_assert_str_eq(o.faults.arg[1], "pause:0@5+2.5");
	ck_assert_int_eq(o.faults.f[2].kind, FAULT_SLOW);
	ck_assert_uint_eq(o.faults.f[2].to, 2);
	ck_assert_double_eq(o.faults.f[2].delay_s, 0.2);
}
END_TEST

/* A fault is judged against the ring and the run once all options are in. */
START_TEST(faults_fit_the_run_whatever_the_order_of_options)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--fault", "kill:4@3", "--vms", "5"), 0);
	ck_assert_int_eq(RUN(&o, "--vms", "5", "--fault", "kill:4@3"), 0);
	ck_assert_int_eq(RUN(&o, "--fault", "pause:0@70+20", "--duration", "90"), 0);
	ck_assert_int_eq(RUN(&o, "--duration", "90", "--fault", "pause:0@70+20"), 0);
	ck_assert_int_eq(RUN(&o, "--fault", "slow:0->4@1+1:1s", "--vms", "5"), 0);
	/* The last --duration is the one the fault must fit. */
	ck_assert_int_eq(RUN(&o, "--duration", "100", "--fault", "kill:1@70",
	    "--duration", "50"), -1);
	ck_assert_ptr_nonnull(strstr(err, "--fault 'kill:1@70'"));
	ck_assert_ptr_nonnull(strstr(err, "--duration 50"));
	ck_assert_int_eq(RUN(&o, "--vms", "5", "--fault", "kill:4@3", "--vms",
	    "4"), -1);
	ck_assert_ptr_nonnull(strstr(err, "no vm 4 in a ring of 4"));
}
END_TEST

START_TEST(fault_may_be_given_at_most_sixteen_times)
{
	const char *args[2 * FAULT_MAX + 3];
	struct run_opts o;
	int n = 0;

	for (int i = 0; i < FAULT_MAX; i++) {
		args[n++] = "--fault";
		args[n++] = "kill:1@30";
	}
	args[n] = NULL;
	ck_assert_int_eq(run_args(&o, args), 0);
	ck_assert_uint_eq(o.faults.n, FAULT_MAX);
	args[n++] = "--fault=kill:2@1";
	args[n] = NULL;
	ck_assert_int_eq(run_args(&o, args), -1);
	ck_assert_str_eq(err, "--fault: at most 16");
}
END_TEST

START_TEST(on_failure_is_stop_or_continue_and_the_later_wins)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--on-failure", "continue"), 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_CONTINUE);
	ck_assert_int_eq(RUN(&o, "--on-failure=stop"), 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_STOP);
	ck_assert_int_eq(RUN(&o, "--on-failure=stop", "--on-failure",
	    "continue"), 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_CONTINUE);
}
END_TEST

START_TEST(virtual_takes_the_measured_loopback_latency_unless_given)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--vms", "4"), 0);
	ck_assert(!o.virtual);
	ck_assert(o.latency.min_ms == 0 && o.latency.max_ms == 0);
	ck_assert_int_eq(RUN(&o, "--virtual"), 0);
	ck_assert(o.virtual);
	ck_assert(o.latency.min_ms == OPT_LATENCY_VIRTUAL_MS &&
	    o.latency.max_ms == OPT_LATENCY_VIRTUAL_MS);
	ck_assert_int_eq(RUN(&o, "--latency=2.5", "--virtual"), 0);
	ck_assert(o.latency.min_ms == 2.5 && o.latency.max_ms == 2.5);
	ck_assert_int_eq(RUN(&o, "--latency", "0:40"), 0);
	ck_assert(o.latency.min_ms == 0 && o.latency.max_ms == 40);
	ck_assert(o.loss == 0);
	ck_assert_int_eq(RUN(&o, "--loss", "0.25"), 0);
	ck_assert(o.loss == 0.25);
	ck_assert_int_eq(RUN(&o, "--loss=1"), 0);
	ck_assert(o.loss == 1);
}
END_TEST

/* --speed paces a live view; a virtual run's model keeps speed 1. */
START_TEST(live_speed_paces_the_view_and_a_virtual_model_stays_at_1)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--speed", "4"), 0);
	ck_assert(!o.live && o.speed == 4 && o.pace == 4);
	ck_assert_int_eq(RUN(&o, "--live", "--speed", "4"), 0);
	ck_assert(o.live && o.speed == 4 && o.pace == 4);
	ck_assert_int_eq(RUN(&o, "--virtual", "--speed", "4", "--live"), 0);
	ck_assert(o.live && o.virtual && o.speed == 1 && o.pace == 4);
	ck_assert_int_eq(RUN(&o, "--virtual", "--live"), 0);
	ck_assert(o.speed == 1 && o.pace == 1);
	ck_assert_int_eq(RUN(&o, "--virtual", "--live", "--bind", "::1"), -1);
	ck_assert_str_eq(err, "--bind: no meaning with --virtual, which has no "
	    "sockets");
}
END_TEST

START_TEST(latency_and_virtual_refuse_what_cannot_be)
{
	struct run_opts o;
	static const struct {
		const char *a, *b, *needle;
	} bad[] = {
		{ "--latency", "5:2", "--latency '5:2': MAX is below MIN" },
		{ "--latency", "1:", "expected MIN or MIN:MAX" },
		{ "--latency", ":3", "expected MIN or MIN:MAX" },
		{ "--latency", "0x10", "expected MIN or MIN:MAX" },
		{ "--latency", "60001", "must be at most 60000 ms" },
		{ "--speed", "2", "--speed: no meaning with --virtual" },
		{ "--bind", "::1", "--bind: no meaning with --virtual" },
		{ "--base-port", "7000", "--base-port: no meaning with --virtual" },
		{ "--connect-timeout", "2", "--connect-timeout: no meaning" },
		{ "--loss", "1.5", "--loss '1.5': must be a plain decimal from 0 "
		  "to 1" },
		{ "--loss", "-0.1", "--loss '-0.1': must be a plain decimal" },
		{ "--loss", "5%", "--loss '5%': must be a plain decimal" },
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(RUN(&o, "--virtual", bad[i].a, bad[i].b), -1);
		ck_assert_msg(strstr(err, bad[i].needle) != NULL,
		    "%s %s: '%s' lacks '%s'", bad[i].a, bad[i].b, err,
		    bad[i].needle);
	}
}
END_TEST

START_TEST(help_returns_1)
{
	struct run_opts o;
	struct vm_opts v;

	ck_assert_int_eq(RUN(&o, "--help"), 1);
	ck_assert_int_eq(RUN(&o, "--vms", "4", "-h"), 1);
	ck_assert_int_eq(vm_args(&v, (const char *[]){ "--help", NULL }), 1);
}
END_TEST

/* Bad input and what its one-line error must say. */
struct bad {
	const char *args[8];
	const char *need[3];
};

static const struct bad run_bad[] = {
	{ { "--vms" }, { "--vms", "missing value" } },
	{ { "--vms", "--speed", "2" }, { "--vms", "missing value" } },
	{ { "--duration" }, { "--duration", "missing value" } },
	{ { "--vms", "abc" }, { "--vms", "'abc'" } },
	{ { "--vms", "" }, { "--vms", "''" } },
	{ { "--vms=" }, { "--vms", "''" } },
	{ { "--vms", "1e3x" }, { "--vms", "'1e3x'" } },
	{ { "--vms", "-1" }, { "--vms", "'-1'" } },
	{ { "--seed", "-1" }, { "--seed", "'-1'" } },
	{ { "--vms", " 5" }, { "--vms", "' 5'" } },
	{ { "--vms", "5 " }, { "--vms", "'5 '" } },
	{ { "--duration", "abc" }, { "--duration", "'abc'" } },
	{ { "--duration", "" }, { "--duration", "''" } },
	{ { "--duration", "1e3x" }, { "--duration", "'1e3x'" } },
	{ { "--speed", " 5" }, { "--speed", "' 5'" } },
	{ { "--vms", "1" }, { "--vms", "'1'" } },
	{ { "--vms", "257" }, { "--vms", "'257'" } },
	{ { "--rate-min", "0" }, { "--rate-min", "'0'" } },
	{ { "--rate-max", "0" }, { "--rate-max", "'0'" } },
	{ { "--rate-max", "1001" }, { "--rate-max", "'1001'" } },
	{ { "--rate-min", "5", "--rate-max", "3" }, { "--rate-min 5", "--rate-max 3" } },
	{ { "--rates", "1,2,3", "--rate-min", "1" },
	    { "--rates '1,2,3' and --rate-min", "not both" } },
	{ { "--rate-max", "6", "--rates", "1,2,3" },
	    { "--rates '1,2,3' and --rate-max", "not both" } },
	{ { "--rates", "1,2" }, { "--rates '1,2'", "2 rates for 3" } },
	{ { "--vms", "2", "--rates", "1,2,3" }, { "--rates '1,2,3'", "3 rates for 2" } },
	{ { "--rates", "1,0,3" }, { "--rates", "'1,0,3'", "'0'" } },
	{ { "--rates", "1,x,3" }, { "--rates", "'1,x,3'", "'x'" } },
	{ { "--rates", "1,,3" }, { "--rates", "'1,,3'" } },
	{ { "--rates", "1,2," }, { "--rates", "'1,2,'" } },
	{ { "--rates", "" }, { "--rates", "''" } },
	{ { "--rates", "1,2,1001" }, { "--rates", "'1001'" } },
	{ { "--draw-max", "2" }, { "--draw-max", "'2'" } },
	{ { "--duration", "0" }, { "--duration", "'0'" } },
	{ { "--duration", "-1" }, { "--duration", "'-1'" } },
	{ { "--duration", "nan" }, { "--duration", "'nan'" } },
	{ { "--duration", "inf" }, { "--duration", "'inf'" } },
	{ { "--duration", "1e400" }, { "--duration", "'1e400'" } },
	{ { "--speed", "0" }, { "--speed", "'0'" } },
	{ { "--connect-timeout", "0" }, { "--connect-timeout", "'0'" } },
	{ { "--seed", "18446744073709551616" },
	    { "--seed", "'18446744073709551616'", "too large" } },
	{ { "--base-port", "65535" }, { "--base-port 65535", "65537" } },
	{ { "--base-port", "65534" }, { "--base-port 65534", "65536" } },
	{ { "--vms", "256", "--base-port", "65281" }, { "--base-port 65281", "65536" } },
	{ { "--base-port", "65536" }, { "--base-port", "'65536'" } },
	{ { "--out", "" }, { "--out", "''" } },
	{ { "--bogus", "1" }, { "unknown option", "'--bogus'" } },
	{ { "--bogus=1" }, { "unknown option", "'--bogus'" } },
	{ { "--vm", "3" }, { "unknown option", "'--vm'" } },
	{ { "stray" }, { "unexpected argument", "'stray'" } },
	{ { "--vms", "3", "7" }, { "unexpected argument", "'7'" } },
	{ { "-v" }, { "unexpected argument", "'-v'" } },
	{ { "--force=yes" }, { "--force 'yes'", "takes no value" } },
};

START_TEST(bad_run_value_fails_naming_the_option_and_value)
{
	const struct bad *b = &run_bad[_i];
	struct run_opts o;

	ck_assert_int_eq(run_args(&o, b->args), -1);
	err_has(b->need, 3);
	ck_assert_ptr_null(strchr(err, '\n'));
}
END_TEST

/* A valid `vm` command line; an option listed later overrides it. */
static const char *const vm_base[] = {
	"--id", "1", "--vms", "3", "--run-id", RUN_ID,
	"--listen", "127.0.0.1:7001", "--next", "localhost:7002",
	"--log", "/tmp/vm1.csv",
};

#define VM_BASE_LEN	(sizeof vm_base / sizeof vm_base[0])

/* vm_base without option skip (or NULL), then name value if name given. */
static int
vm_with(struct vm_opts *o, const char *skip, const char *name,
    const char *value)
{
	const char *args[VM_BASE_LEN + 3];
	size_t n = 0;

	for (size_t i = 0; i < VM_BASE_LEN; i += 2) {
		if (skip != NULL && strcmp(vm_base[i], skip) == 0)
			continue;
		args[n++] = vm_base[i];
		args[n++] = vm_base[i + 1];
	}
	if (name != NULL) {
		args[n++] = name;
		args[n++] = value;
	}
	args[n] = NULL;
	return vm_args(o, args);
}

START_TEST(vm_options_are_parsed)
{
	static const char *const more[] = {
		"--rate", "7", "--draw-max", "12", "--duration", "30",
		"--speed", "4", "--seed", "99", "--connect-timeout", "3",
		"--start-at=1700000000.5", NULL,
	};
	const char *args[VM_BASE_LEN + sizeof more / sizeof more[0]];
	struct vm_opts o;

	memcpy(args, vm_base, sizeof vm_base);
	memcpy(args + VM_BASE_LEN, more, sizeof more);
	ck_assert_int_eq(vm_args(&o, args), 0);
	ck_assert_uint_eq(o.conf.id, 1);
	ck_assert_uint_eq(o.conf.n, 3);
	ck_assert_uint_eq(o.conf.rate, 7);
	ck_assert_uint_eq(o.conf.draw_max, 12);
	ck_assert_double_eq(o.conf.duration_s, 30);
	ck_assert_double_eq(o.conf.speed, 4);
	ck_assert_uint_eq(o.conf.seed, 99);
	ck_assert_double_eq(o.conf.connect_timeout_s, 3);
	ck_assert_uint_eq(o.conf.run_id[0], 0x00);
	ck_assert_uint_eq(o.conf.run_id[1], 0x11);
	ck_assert_uint_eq(o.conf.run_id[15], 0xff);
	ck_assert_str_eq(o.listen_host, "127.0.0.1");
	ck_assert_uint_eq(o.listen_port, 7001);
	ck_assert_str_eq(o.conf.next_host, "localhost");
	ck_assert_uint_eq(o.conf.next_port, 7002);
	ck_assert_str_eq(o.conf.log_path, "/tmp/vm1.csv");
	ck_assert_uint_eq(o.conf.start_wall_ns, UINT64_C(1700000000500000000));
	ck_assert_int_eq(o.conf.listen_fd, -1);
	ck_assert_int_eq(o.conf.ctl_fd, -1);
}
END_TEST

START_TEST(vm_without_start_at_starts_when_linked)
{
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, NULL, NULL), 0);
	ck_assert_uint_eq(o.conf.start_wall_ns, 0);
}
END_TEST

static const char *const vm_required[] = {
	"--id", "--run-id", "--listen", "--next", "--log",
};

START_TEST(vm_names_each_missing_required_option)
{
	const char *need[] = { vm_required[_i], "required" };
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, vm_required[_i], NULL, NULL), -1);
	err_has(need, 2);
}
END_TEST

START_TEST(vm_id_must_be_below_vms)
{
	const char *need[] = { "--id 3", "--vms 3" };
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, "--id", "3"), -1);
	err_has(need, 2);
	ck_assert_int_eq(vm_with(&o, NULL, "--id", "2"), 0);
	ck_assert_int_eq(vm_with(&o, NULL, "--id", "256"), -1);
	ck_assert_ptr_nonnull(strstr(err, "'256'"));
}
END_TEST

/* An address option with a bad value, and that value. */
static const char *const bad_addr[][2] = {
	{ "--listen", "localhost" },
	{ "--listen", ":7000" },
	{ "--listen", "host:" },
	{ "--listen", "host:abc" },
	{ "--listen", "host:70000" },
	{ "--listen", "host:-1" },
	{ "--listen", "host: 7000" },
	{ "--listen", "[::1]" },
	{ "--next", "127.0.0.1" },
	{ "--next", "127.0.0.1:7x" },
	{ "--next", "127.0.0.1:65536" },
	{ "--next", "" },
	{ "--listen", "[]:7000" },
};

START_TEST(vm_rejects_a_bad_host_port)
{
	char quoted[64];
	const char *need[] = { bad_addr[_i][0], quoted };
	struct vm_opts o;

	snprintf(quoted, sizeof quoted, "'%s'", bad_addr[_i][1]);
	ck_assert_int_eq(vm_with(&o, NULL, bad_addr[_i][0], bad_addr[_i][1]), -1);
	err_has(need, 2);
}
END_TEST

START_TEST(vm_parses_a_bracketed_ipv6_address)
{
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, "--listen", "[::1]:7000"), 0);
	ck_assert_str_eq(o.listen_host, "::1");
	ck_assert_uint_eq(o.listen_port, 7000);
	ck_assert_int_eq(vm_with(&o, NULL, "--next", "[fe80::1]:65535"), 0);
	ck_assert_str_eq(o.conf.next_host, "fe80::1");
	ck_assert_uint_eq(o.conf.next_port, 65535);
}
END_TEST

static const char *const bad_run_id[] = {
	"",
	"00112233445566778899aabbccddeef",	/* 31 digits */
	"00112233445566778899aabbccddeeff0",	/* 33 */
	"g0112233445566778899aabbccddeeff",	/* high nibble */
	"00112233445566778899aabbccddeefg",	/* low nibble */
	"0011223344556677 899aabbccddeeff",
	"0x112233445566778899aabbccddeeff",
};

START_TEST(vm_rejects_a_run_id_that_is_not_32_hex_digits)
{
	char quoted[64];
	const char *need[] = { "--run-id", quoted };
	struct vm_opts o;

	snprintf(quoted, sizeof quoted, "'%s'", bad_run_id[_i]);
	ck_assert_int_eq(vm_with(&o, NULL, "--run-id", bad_run_id[_i]), -1);
	err_has(need, 2);
}
END_TEST

/* An errno left over from earlier must not turn "-1" into "too large". */
START_TEST(a_stale_errno_does_not_change_the_error)
{
	struct run_opts o;
	const char *need[] = { "--vms '-1'", "not a whole number" };

	errno = ERANGE;
	ck_assert_int_eq(run_args(&o, (const char *[]){ "--vms", "-1", NULL }), -1);
	err_has(need, 2);
}
END_TEST

/* Past 1e10 s (the year 2286) a start time in ns no longer fits 64 bits. */
START_TEST(vm_start_at_beyond_64_bit_nanoseconds_is_refused)
{
	struct vm_opts o;
	const char *need[] = { "--start-at '10000000001'", "at most" };

	ck_assert_int_eq(vm_with(&o, NULL, "--start-at", "10000000001"), -1);
	err_has(need, 2);
}
END_TEST

START_TEST(vm_takes_on_failure_and_slow_faults)
{
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, NULL, NULL), 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_STOP);
	ck_assert_uint_eq(o.faults.n, 0);
	ck_assert_int_eq(vm_with(&o, NULL, "--on-failure", "continue"), 0);
	ck_assert_int_eq(o.on_failure, VM_ON_FAILURE_CONTINUE);
	ck_assert_int_eq(vm_with(&o, NULL, "--fault", "slow:0->1@2+3:50ms"), 0);
	ck_assert_uint_eq(o.faults.n, 1);
	ck_assert_int_eq(o.faults.f[0].kind, FAULT_SLOW);
	ck_assert_int_eq(vm_with(&o, NULL, "--on-failure", "later"), -1);
	ck_assert_ptr_nonnull(strstr(err, "--on-failure 'later'"));
}
END_TEST

/* Kill and pause are the orchestrator's signals; a lone VM cannot have them. */
START_TEST(vm_refuses_kill_and_pause_and_faults_that_do_not_fit)
{
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, "--fault", "kill:1@2"), -1);
	ck_assert_ptr_nonnull(strstr(err, "--fault 'kill:1@2': only slow links and partitions"));
	ck_assert_int_eq(vm_with(&o, NULL, "--fault", "pause:1@2+1"), -1);
	ck_assert_ptr_nonnull(strstr(err, "only slow links and partitions"));
	ck_assert_int_eq(vm_with(&o, NULL, "--fault", "slow:0->3@2+1:1s"), -1);
	ck_assert_ptr_nonnull(strstr(err, "no vm 3 in a ring of 3"));
	ck_assert_int_eq(vm_with(&o, NULL, "--fault", "slow:0->1@60+1:1s"), -1);
	ck_assert_ptr_nonnull(strstr(err, "end of the run"));
}
END_TEST

START_TEST(vm_run_id_accepts_upper_case_hex)
{
	struct vm_opts o;

	ck_assert_int_eq(vm_with(&o, NULL, "--run-id",
	    "FFEEDDCCBBAA99887766554433221100"), 0);
	ck_assert_uint_eq(o.conf.run_id[0], 0xff);
	ck_assert_uint_eq(o.conf.run_id[5], 0xaa);
	ck_assert_uint_eq(o.conf.run_id[15], 0x00);
}
END_TEST

/* Every numeric option of run, vm and experiments, and a good value. */
static const char *const number_opt[][3] = {
	{ "run", "--vms", "2" }, { "run", "--duration", "2.5" },
	{ "run", "--speed", "0.5" }, { "run", "--rate-min", "2" },
	{ "run", "--rate-max", "2" }, { "run", "--rates", "2,2,2" },
	{ "run", "--draw-max", "3" }, { "run", "--seed", "2" },
	{ "run", "--base-port", "2000" }, { "run", "--connect-timeout", "2" },
	{ "vm", "--id", "2" }, { "vm", "--vms", "4" }, { "vm", "--rate", "2" },
	{ "vm", "--draw-max", "3" }, { "vm", "--duration", "2.5" },
	{ "vm", "--speed", "0.5" }, { "vm", "--seed", "2" },
	{ "vm", "--connect-timeout", "2" }, { "vm", "--start-at", "2.5" },
	{ "experiments", "--jobs", "2" }, { "experiments", "--speed", "0.5" },
};

/* What strtod or strtoul would take, but a plain decimal is not. */
static const char *const not_plain[] = {
	"0x10", "0X2", "1e1", "2E0", "+2", " 2", "2 ", "2.", ".5", "inf", "nan",
	"2,5", "",
};

static int
number_args(const char *cmd, const char *name, const char *value)
{
	const char *args[] = { name, value, "x.exp", NULL };
	struct suite_opts so;
	struct run_opts ro;
	struct vm_opts vo;
	int rc;

	if (strcmp(cmd, "run") == 0)
		return RUN(&ro, name, value);
	if (strcmp(cmd, "vm") == 0)
		return vm_with(&vo, NULL, name, value);
	err[0] = '\0';
	rc = options_suite(3, (char **)args, &so, err, sizeof err);
	free(so.files);
	return rc;
}

START_TEST(numbers_are_plain_decimals_in_every_option)
{
	const char *cmd = number_opt[_i][0], *name = number_opt[_i][1];
	char quoted[32];
	const char *need[] = { name, quoted };

	for (size_t k = 0; k < sizeof not_plain / sizeof *not_plain; k++) {
		snprintf(quoted, sizeof quoted, "'%s'", not_plain[k]);
		ck_assert_msg(number_args(cmd, name, not_plain[k]) == -1,
		    "%s %s '%s' was taken", cmd, name, not_plain[k]);
		err_has(need, 2);
	}
	ck_assert_int_eq(number_args(cmd, name, number_opt[_i][2]), 0);
}
END_TEST

#define NELEM(a)	((int)(sizeof (a) / sizeof (a)[0]))

/* --print-commands plans a ring by hand: what has no meaning there is refused. */
static const struct {
	const char *args[4];
	const char *needle;
} bad_handout[] = {
	{ { "--hosts", "a,b,c" }, "--hosts: only with --print-commands" },
	{ { "--print-commands", "--hosts", "a,b" }, "--hosts 'a,b': 2 hosts for 3 VMs" },
	{ { "--print-commands", "--hosts", "a,,c" }, "--hosts 'a,,c': an empty host" },
	{ { "--print-commands", "--virtual" }, "--virtual: no meaning with --print-commands" },
	{ { "--print-commands", "--out", "x" }, "--out: no meaning with --print-commands" },
	{ { "--print-commands", "--fault", "kill:1@2" }, "--fault 'kill:1@2': only slow links and partitions" },
	{ { "--print-commands", "--hosts", "a,b,c", "--bind=d" }, "--bind: no meaning with --print-commands and --hosts, whose hosts" },
	{ { "--print-commands", "--live" }, "--live: no meaning with --print-commands, which runs nothing" },
	{ { "--print-commands", "--virtual", "--hosts", "a,b,c" }, "--virtual: no meaning with --print-commands, which runs nothing" },
};

START_TEST(print_commands_refuses_what_has_no_meaning)
{
	struct run_opts o;
	const char *const *a = bad_handout[_i].args;
	const char *args[5] = { a[0], a[1], a[2], a[3], NULL };

	ck_assert_int_eq(run_args(&o, args), -1);
	ck_assert_msg(strstr(err, bad_handout[_i].needle) != NULL,
	    "error '%s' lacks '%s'", err, bad_handout[_i].needle);
}
END_TEST

START_TEST(print_commands_takes_a_host_per_vm)
{
	struct run_opts o;

	ck_assert_int_eq(RUN(&o, "--print-commands", "--vms", "2", "--hosts",
	    "10.0.0.1,::1"), 0);
	ck_assert(o.print_commands);
	ck_assert_str_eq(o.hosts, "10.0.0.1,::1");
	ck_assert(!o.connect_timeout_given);
	ck_assert_int_eq(RUN(&o, "--connect-timeout", "5"), 0);
	ck_assert(o.connect_timeout_given);
}
END_TEST

START_TEST(vm_part_goes_beside_the_log)
{
	struct vm_opts o;
	const char *base[] = { "--id", "2", "--run-id", RUN_ID, "--listen",
		"h:1", "--next", "h:2", "--log", NULL, NULL };

	base[9] = "dir/sub/my.csv";
	ck_assert_int_eq(vm_args(&o, base), 0);
	ck_assert_str_eq(o.conf.part_path, "dir/sub/vm2.meta");
	base[9] = "log.csv";
	ck_assert_int_eq(vm_args(&o, base), 0);
	ck_assert_str_eq(o.conf.part_path, "vm2.meta");
	ck_assert_str_eq(o.conf.listen_host, "h");
	ck_assert_uint_eq(o.conf.listen_port, 1);
}
END_TEST

Suite *
make_options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *run = tcase_create("run");
	TCase *vm = tcase_create("vm");

	tcase_add_test(run, run_defaults_apply_without_options);
	tcase_add_loop_test(run, print_commands_refuses_what_has_no_meaning, 0,
	    (int)(sizeof bad_handout / sizeof bad_handout[0]));
	tcase_add_test(run, print_commands_takes_a_host_per_vm);
	tcase_add_test(run, vm_part_goes_beside_the_log);
	tcase_add_loop_test(run, run_option_is_parsed_in_both_forms, 0,
	    NELEM(run_good));
	tcase_add_test(run, seed_option_marks_the_seed_as_given);
	tcase_add_test(run, flags_set_force_and_quiet);
	tcase_add_test(run, later_option_wins);
	tcase_add_test(run, rates_set_nrates_and_rates);
	tcase_add_test(run, faults_are_kept_in_the_order_given);
	tcase_add_test(run, faults_fit_the_run_whatever_the_order_of_options);
	tcase_add_test(run, fault_may_be_given_at_most_sixteen_times);
	tcase_add_test(run, on_failure_is_stop_or_continue_and_the_later_wins);
	tcase_add_test(run, help_returns_1);
	tcase_add_test(run, virtual_takes_the_measured_loopback_latency_unless_given);
	tcase_add_test(run, latency_and_virtual_refuse_what_cannot_be);
	tcase_add_test(run, live_speed_paces_the_view_and_a_virtual_model_stays_at_1);
	tcase_add_loop_test(run, bad_run_value_fails_naming_the_option_and_value,
	    0, NELEM(run_bad));
	tcase_add_test(run, a_stale_errno_does_not_change_the_error);
	tcase_add_loop_test(run, numbers_are_plain_decimals_in_every_option, 0,
	    NELEM(number_opt));
	suite_add_tcase(s, run);

	tcase_add_test(vm, vm_options_are_parsed);
	tcase_add_test(vm, vm_without_start_at_starts_when_linked);
	tcase_add_loop_test(vm, vm_names_each_missing_required_option, 0,
	    NELEM(vm_required));
	tcase_add_test(vm, vm_id_must_be_below_vms);
	tcase_add_loop_test(vm, vm_rejects_a_bad_host_port, 0, NELEM(bad_addr));
	tcase_add_test(vm, vm_parses_a_bracketed_ipv6_address);
	tcase_add_loop_test(vm, vm_rejects_a_run_id_that_is_not_32_hex_digits, 0,
	    NELEM(bad_run_id));
	tcase_add_test(vm, vm_run_id_accepts_upper_case_hex);
	tcase_add_test(vm, vm_takes_on_failure_and_slow_faults);
	tcase_add_test(vm, vm_refuses_kill_and_pause_and_faults_that_do_not_fit);
	tcase_add_test(vm, vm_start_at_beyond_64_bit_nanoseconds_is_refused);
	suite_add_tcase(s, vm);
	return s;
}

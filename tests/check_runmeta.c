/* tests/check_runmeta.c -- unit tests of vm/core/runmeta: run.meta written and read back, and what the reader says of a bad one */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/runmeta.h"

static struct runmeta m, back;
static struct runmeta_seen seen;
static char err[512];

/* What the reader told, one line per problem: "LINE key[I]: why". */
static char told[8192];

static void
tell(void *ctx, const struct runmeta_problem *p)
{
	char name[32];
	size_t n = strlen(told);

	(void)ctx;
	runmeta_key_name(p->key, p->index, name, sizeof name);
	snprintf(told + n, sizeof told - n, "%lu %s: %s\n", p->line, name,
	    p->why);
}

/* Read the text (copied, NUL after) into back: the reader's answer. */
static int
read_text(const char *text, size_t len)
{
	char *copy = malloc(len + 1);
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	copy[len] = '\0';
	told[0] = '\0';
	rc = runmeta_read("run.meta", copy, len, &back, &seen, tell, NULL, err,
	    sizeof err);
	free(copy);
	return rc;
}

static int
read_str(const char *text)
{
	return read_text(text, strlen(text));
}

/* A run of n VMs with every field set, at the edges where there are some. */
static void
fill(uint32_t n)
{
	static const struct vmend ends[] = { { VMEND_OK, 0 },
		{ VMEND_INTERRUPTED, 0 }, { VMEND_LINK_BROKEN, 0 },
		{ VMEND_KILLED, 0 }, { VMEND_ERROR, 0 }, { VMEND_EXIT, 2 },
		{ VMEND_SIGNAL, 9 }, { VMEND_RUNNING, 0 } };
	static const char *const specs[] = { "kill:1@5", "pause:0@0.5+0.25",
		"slow:1->0@10+20:5ms" };
	char why[128];

	memset(&m, 0, sizeof m);
	m.format = 2;
	snprintf(m.version, sizeof m.version, "0.2.0");
	for (size_t i = 0; i < sizeof m.run_id; i++)
		m.run_id[i] = (uint8_t)(0xf0 + i);
	m.seed = UINT64_MAX;
	m.vms = n;
	m.duration_s = 60;
	m.speed = 0.5;
	m.draw_max = UINT32_MAX;
	m.rate_min = 1;
	m.rate_max = 1000;
	snprintf(m.bind, sizeof m.bind, "::1");
	for (uint32_t i = 0; i < n; i++) {
		m.rate[i] = i % 2 ? 1 : 1000;
		m.port[i] = (uint16_t)(65535 - i);
		m.end[i] = ends[i % (sizeof ends / sizeof ends[0])];
	}
	m.on_failure = VM_ON_FAILURE_CONTINUE;
	m.nfaults = FAULT_MAX;
	for (uint32_t i = 0; i < FAULT_MAX; i++)
		ck_assert_int_eq(fault_parse(specs[i % 3], &m.fault[i], why,
		    sizeof why), 0);
	m.start_wall_ns = UINT64_MAX - 60000000000 * 2;
	m.end_wall_ns = UINT64_MAX;
	m.status = RUN_FAILED;
	m.failed_vm = (int32_t)n - 1;
	snprintf(m.error, sizeof m.error, "vm %u: killed by --fault kill:1@5",
	    (unsigned)n - 1);
}

/* back holds what m held, field by field (doubles exactly). */
static void
assert_read_back(void)
{
	ck_assert_uint_eq(back.format, m.format);
	ck_assert_str_eq(back.version, m.version);
	ck_assert_mem_eq(back.run_id, m.run_id, sizeof m.run_id);
	ck_assert_uint_eq(back.seed, m.seed);
	ck_assert_uint_eq(back.vms, m.vms);
	ck_assert(back.duration_s == m.duration_s && back.speed == m.speed);
	ck_assert_uint_eq(back.draw_max, m.draw_max);
	ck_assert_uint_eq(back.rate_min, m.rate_min);
	ck_assert_uint_eq(back.rate_max, m.rate_max);
	ck_assert_mem_eq(back.rate, m.rate, sizeof m.rate);
	ck_assert_str_eq(back.bind, m.bind);
	ck_assert_mem_eq(back.port, m.port, sizeof m.port);
	ck_assert_int_eq(back.on_failure, m.on_failure);
	ck_assert_uint_eq(back.nfaults, m.nfaults);
	for (uint32_t i = 0; i < m.nfaults; i++)
		ck_assert(back.fault[i].kind == m.fault[i].kind &&
		    back.fault[i].vm == m.fault[i].vm &&
		    back.fault[i].to == m.fault[i].to &&
		    back.fault[i].at_s == m.fault[i].at_s &&
		    back.fault[i].for_s == m.fault[i].for_s &&
		    back.fault[i].delay_s == m.fault[i].delay_s);
	ck_assert_uint_eq(back.start_wall_ns, m.start_wall_ns);
	ck_assert_uint_eq(back.end_wall_ns, m.end_wall_ns);
	for (uint32_t i = 0; i < m.vms && i < RUNMETA_MAX_VMS; i++)
		ck_assert(back.end[i].kind == m.end[i].kind &&
		    back.end[i].code == m.end[i].code);
	ck_assert_int_eq(back.log, m.log);
	ck_assert_int_eq(back.status, m.status);
	ck_assert_int_eq(back.failed_vm, m.failed_vm);
	ck_assert_str_eq(back.error, m.error);
}

/* Write m, read it back whole, and write the very same text again. */
static char *
round_trip(size_t *len)
{
	size_t len2;
	char *text = runmeta_format(&m, len), *again;

	ck_assert_ptr_nonnull(text);
	ck_assert_msg(read_text(text, *len) == 0, "%s\n%s", err, told);
	assert_read_back();
	ck_assert_ptr_nonnull(again = runmeta_format(&back, &len2));
	ck_assert_uint_eq(len2, *len);
	ck_assert_mem_eq(again, text, *len);
	free(again);
	return text;
}

START_TEST(every_key_round_trips_at_the_edges)
{
	size_t len;

	fill(RUNMETA_MAX_VMS);
	free(round_trip(&len));
	fill(2);
	free(round_trip(&len));
}
END_TEST

/* Each key is where docs/FORMAT.md has it, and only the ones it should. */
START_TEST(a_big_ring_round_trips_with_its_log_level_and_no_vm_keys)
{
	size_t len;
	char *text;

	fill(2);
	memset(m.rate, 0, sizeof m.rate);
	memset(m.port, 0, sizeof m.port);
	memset(m.end, 0, sizeof m.end);
	m.format = RUNMETA_FORMAT;
	m.virtual = true;
	m.bind[0] = '\0';	/* a virtual run's has none */
	m.log = RUNMETA_LOG_SUMMARY;
	m.vms = RUNMETA_MAX_RING;
	ck_assert(!runmeta_per_vm(&m));
	text = round_trip(&len);
	ck_assert_ptr_nonnull(strstr(text, "\nvms=1048576\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nlog=summary\n"));
	ck_assert_ptr_null(strstr(text, "\nvm0."));
	free(text);
}
END_TEST

START_TEST(keys_are_written_in_the_order_of_the_format)
{
	size_t len;
	char *text;

	fill(2);
	m.nfaults = 1;
	text = round_trip(&len);
	ck_assert_str_eq(text, "format=2\nversion=0.2.0\n"
	    "run_id=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff\n"
	    "seed=18446744073709551615\nvms=2\nduration_s=60\nspeed=0.5\n"
	    "draw_max=4294967295\nrate_min=1\nrate_max=1000\nvm0.rate=1000\n"
	    "vm1.rate=1\nbind=::1\nvm0.port=65535\nvm1.port=65534\n"
	    "on_failure=continue\nfaults=1\nfault0=kill:1@5\n"
	    "start_wall_ns=18446743953709551615\n"
	    "end_wall_ns=18446744073709551615\nvm0.exit=ok\n"
	    "vm1.exit=interrupted\nstatus=failed\nfailed_vm=1\n"
	    "error=vm 1: killed by --fault kill:1@5\n");
	free(text);
}
END_TEST

/* Format 1 has no policy and no faults: stop and none when read. */
START_TEST(format_1_round_trips_without_the_keys_of_format_2)
{
	size_t len;
	char *text;

	fill(3);
	m.format = 1;
	m.on_failure = VM_ON_FAILURE_STOP;
	m.nfaults = 0;
	m.status = RUN_COMPLETE;
	m.failed_vm = -1;
	m.error[0] = '\0';
	text = round_trip(&len);
	ck_assert_ptr_null(strstr(text, "on_failure"));
	ck_assert_ptr_null(strstr(text, "fault"));
	ck_assert_ptr_null(strstr(text, "failed_vm"));
	ck_assert_ptr_null(strstr(text, "error="));
	free(text);
	/* A format 1 file's format 2 keys are not read: they are none. */
	ck_assert_int_eq(read_str("format=1\non_failure=continue\nfaults=1\n"
	    "fault0=kill:0@1\n"), 1);
	ck_assert_int_eq(back.on_failure, VM_ON_FAILURE_STOP);
	ck_assert_uint_eq(back.nfaults, 0);
}
END_TEST

/* A run still going: every VM running, no failure yet. */
START_TEST(a_running_run_round_trips)
{
	size_t len;

	fill(4);
	m.status = RUN_RUNNING;
	m.failed_vm = -1;
	m.error[0] = '\0';
	for (uint32_t i = 0; i < m.vms; i++)
		m.end[i] = (struct vmend){ VMEND_RUNNING, 0 };
	free(round_trip(&len));
	ck_assert_int_eq(back.failed_vm, -1);
}
END_TEST

/* A good run.meta of 3 VMs, one key per line, and the line it is on. */
static const char good3[] =
	"format=2\nversion=0.2.0\nrun_id=0123456789abcdef0123456789abcdef\n"
	"seed=42\nvms=3\nduration_s=2\nspeed=1\ndraw_max=10\nrate_min=2\n"
	"rate_max=3\nvm0.rate=2\nvm1.rate=2\nvm2.rate=3\nbind=127.0.0.1\n"
	"vm0.port=40000\nvm1.port=40001\nvm2.port=40002\non_failure=stop\n"
	"faults=0\nstart_wall_ns=1000\nend_wall_ns=2000001000\nvm0.exit=ok\n"
	"vm1.exit=ok\nvm2.exit=ok\nstatus=complete\n";

/* good3 with the line starting "key=" replaced by line (NULL: dropped). */
static int
read_edited(const char *key, const char *line)
{
	char text[2048] = "";
	const char *p = good3;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, key, strlen(key)) != 0 || p[strlen(key)] != '=')
			strncat(text, p, (size_t)(nl + 1 - p));
		else if (line != NULL)
			strcat(strcat(text, line), "\n");
		p = nl + 1;
	}
	return read_str(text);
}

/* good3's format line made format 5's, with the keys formats 3 and 4 add. */
#define F5	"format=5\nmode=real\nlatency_min_ms=0\nlatency_max_ms=0\n" \
	"loss=0\nvector=0"

/*
 * Format 5 says what a virtual run logged; before it, every run logged
 * everything (full).
 */
START_TEST(format_5_says_what_was_logged)
{
	ck_assert_int_eq(read_str(good3), 0);
	ck_assert_int_eq(back.log, RUNMETA_LOG_FULL);
	ck_assert_int_eq(read_edited("format", F5 "\nlog=summary"), 0);
	ck_assert_int_eq(back.log, RUNMETA_LOG_SUMMARY);
	ck_assert_int_eq(read_edited("format", F5 "\nlog=off"), 0);
	ck_assert_int_eq(back.log, RUNMETA_LOG_OFF);
	ck_assert_int_eq(read_edited("format", F5 "\nlog=some"), 1);
	ck_assert_ptr_nonnull(strstr(told, "log 'some': not full, summary or "
	    "off"));
	ck_assert_int_eq(read_edited("format", F5), 1);
	ck_assert_ptr_nonnull(strstr(told, "missing key 'log'"));
}
END_TEST

START_TEST(a_good_file_reads_without_a_word)
{
	ck_assert_int_eq(read_str(good3), 0);
	ck_assert_str_eq(told, "");
	ck_assert_uint_eq(back.vms, 3);
	ck_assert_uint_eq(runmeta_line(&seen, RUNMETA_KEY_RATE, 1), 12);
	ck_assert(runmeta_ok(&seen, RUNMETA_KEY_EXIT, 2));
	ck_assert_uint_eq(runmeta_line(&seen, RUNMETA_KEY_FAILED_VM, 0), 0);
}
END_TEST

static const struct {
	const char *key, *line;	/* good3's line of key becomes line */
	const char *told;	/* what the reader says */
} bad_values[] = {
	{ "seed", NULL, "0 seed: missing key 'seed'\n" },
	{ "seed", "seed=-3",
	  "4 seed: seed '-3': not an unsigned 64-bit integer\n" },
	{ "vms", "vms=1", "5 vms: vms=1: not in 2..1048576\n" },
	{ "draw_max", "draw_max=2", "8 draw_max: draw_max=2: must be at least 3\n" },
	{ "speed", "speed=fast", "7 speed: speed 'fast': not a number\n" },
	{ "duration_s", "duration_s=0",
	  "6 duration_s: duration_s=0: must be positive\n" },
	{ "run_id", "run_id=abc", "3 run_id: run_id 'abc': not 32 hex digits\n" },
	{ "bind", "bind=", "14 bind: bind: empty\n" },
	{ "vm1.rate", NULL, "0 vm1.rate: missing key 'vm1.rate'\n" },
	{ "vm2.port", "vm2.port=65536",
	  "17 vm2.port: vm2.port=65536: not in 1..65535\n" },
	{ "on_failure", "on_failure=maybe",
	  "18 on_failure: on_failure 'maybe': not stop or continue\n" },
	{ "faults", "faults=17", "19 faults: faults=17: not in 0..16\n" },
	{ "faults", "faults=1\nfault0=kill:5@1",
	  "20 fault0: fault0 'kill:5@1': no vm 5 in a ring of 3\n" },
	{ "vm1.exit", "vm1.exit=gone",
	  "23 vm1.exit: vm1.exit 'gone': not ok, interrupted, link-broken, "
	  "killed, error, 'exit N' or 'signal N'\n" },
	{ "status", "status=done", "25 status: status 'done': not running, "
	  "complete, interrupted or failed\n" },
	{ "status", "status=failed\nfailed_vm=3",
	  "26 failed_vm: failed_vm=3: not in 0..2\n" },
	{ "status", "status=failed\nerror=", "26 error: error: empty\n" },
};

/* Each bad value is told once, on its line, and left at its default. */
START_TEST(each_bad_value_is_told_on_its_line)
{
	ck_assert_int_eq(read_edited(bad_values[_i].key, bad_values[_i].line),
	    1);
	ck_assert_str_eq(told, bad_values[_i].told);
	/* err holds it too, where it is, for readers that stop there. */
	char want[512];
	unsigned long line = strtoul(told, NULL, 10);
	const char *why = strchr(told, ':') + 2;
	if (line > 0)
		snprintf(want, sizeof want, "run.meta:%lu: %.*s", line,
		    (int)strcspn(why, "\n"), why);
	else
		snprintf(want, sizeof want, "run.meta: %.*s",
		    (int)strcspn(why, "\n"), why);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(keys_not_known_are_ignored)
{
	ck_assert_int_eq(read_edited("bind", "bind=127.0.0.1\na_future_key=x\n"
	    "vm3.rate=junk\nvm01.rate=junk\nfault0=junk\nvm1.rate.x=1"), 0);
	ck_assert_str_eq(told, "");
}
END_TEST

/* Without a usable vms, no key of a VM can be judged, and none is told. */
START_TEST(a_bad_vms_is_told_alone)
{
	ck_assert_int_eq(read_edited("vms", "vms=many"), 1);
	ck_assert_str_eq(told, "5 vms: vms 'many': not an unsigned 64-bit "
	    "integer\n");
	ck_assert_uint_eq(back.vms, 0);
	ck_assert(!runmeta_ok(&seen, RUNMETA_KEY_VMS, 0));
}
END_TEST

static const struct {
	const char *key, *line, *err;
} unreadable[] = {
	{ "format", NULL, "run.meta: no format key" },
	{ "format", "format=6", "run.meta: unsupported format '6' (this "
	  "clockring reads formats 1 to 5)" },
	{ "seed", "seed 42", "run.meta:4: expected key=value" },
	{ "seed", "=42", "run.meta:4: expected key=value" },
	{ "seed", "seed=42\r", "run.meta:4: line ends in CR (a file with "
	  "Windows line ends? convert it with dos2unix)" },
	{ "vms", "vms=3\nseed=1", "run.meta:6: key 'seed' already given on "
	  "line 4" },
};

START_TEST(a_file_that_is_no_run_meta_is_refused_whole)
{
	ck_assert_int_eq(read_edited(unreadable[_i].key, unreadable[_i].line),
	    -1);
	ck_assert_str_eq(err, unreadable[_i].err);
}
END_TEST

START_TEST(a_nul_byte_is_refused_and_a_last_line_needs_no_newline)
{
	static const char nul[] = "format=2\nver\0sion=1\n";
	char text[sizeof good3];

	ck_assert_int_eq(read_text(nul, sizeof nul - 1), -1);
	ck_assert_str_eq(err, "run.meta:2: NUL byte in line");
	memcpy(text, good3, sizeof good3);
	text[sizeof good3 - 2] = '\0';	/* "status=complete", no newline */
	ck_assert_int_eq(read_str(text), 0);
	ck_assert_int_eq(back.status, RUN_COMPLETE);
}
END_TEST

/* A VM's part has its own vmI keys only, and reads back as a part. */
START_TEST(a_part_round_trips_with_its_own_vm_keys_only)
{
	size_t len;

	fill(3);
	m.format = 3;
	m.is_part = true;
	m.part_vm = 1;
	m.failed_vm = 1;
	m.measured = true;
	for (uint32_t i = 0; i < 3; i += 2) {	/* not VM 1's: not written */
		m.rate[i] = m.port[i] = 0;
		m.end[i] = (struct vmend){ VMEND_RUNNING, 0 };
	}
	m.next_offset_ns[1] = -INT64_MAX;
	m.next_rtt_ns[1] = UINT64_MAX;
	char *text = round_trip(&len);
	ck_assert_ptr_nonnull(strstr(text, "\npart=1\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nvm1.next_offset_ns=-9223372036854775807\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nvm1.next_rtt_ns=18446744073709551615\n"));
	ck_assert_ptr_null(strstr(text, "vm0."));
	ck_assert_ptr_null(strstr(text, "vm2."));
	ck_assert(back.is_part && back.measured);
	ck_assert_int_eq(back.part_vm, 1);
	ck_assert_int_eq(back.next_offset_ns[1], -INT64_MAX);
	ck_assert_uint_eq(back.next_rtt_ns[1], UINT64_MAX);
	free(text);
	/* A whole run's file has neither part nor offsets unless measured. */
	fill(3);
	m.format = 3;
	text = runmeta_format(&m, &len);
	ck_assert_ptr_null(strstr(text, "part="));
	ck_assert_ptr_null(strstr(text, "offset"));
	free(text);
}
END_TEST

START_TEST(a_bad_offset_or_part_is_told)
{
	fill(3);
	m.format = 3;
	m.measured = true;
	char *text = runmeta_format(&m, &(size_t){ 0 }), buf[8192];

	snprintf(buf, sizeof buf, "%spart=3\n", text);
	ck_assert_int_eq(read_str(buf), 1);
	ck_assert_ptr_nonnull(strstr(told, "part=3: not in 0..2"));
	ck_assert(!back.is_part);
	snprintf(buf, sizeof buf, "%s", text);
	char *at = strstr(buf, "vm1.next_offset_ns=0");
	ck_assert_ptr_nonnull(at);
	memcpy(at + strlen("vm1.next_offset_ns="), "x", 1);
	ck_assert_int_eq(read_str(buf), 1);
	ck_assert_ptr_nonnull(strstr(told, "vm1.next_offset_ns 'x': not a signed "
	    "64-bit integer"));
	free(text);
}
END_TEST

/* VM i's clock from VM 0's: the offsets of the VMs before it, added up. */
START_TEST(offsets_compose_around_the_ring)
{
	int64_t off;
	uint64_t bound;

	memset(&m, 0, sizeof m);
	m.vms = 3;
	ck_assert_int_eq(runmeta_offset(&m, 1, &off, &bound), -1);
	m.measured = true;
	m.next_offset_ns[0] = 5000;
	m.next_offset_ns[1] = -2000;
	m.next_offset_ns[2] = -2900;	/* back to VM 0: 100 ns of error */
	m.next_rtt_ns[0] = 10;
	m.next_rtt_ns[1] = 4;
	m.next_rtt_ns[2] = 1000;
	ck_assert_int_eq(runmeta_offset(&m, 0, &off, &bound), 0);
	ck_assert(off == 0 && bound == 0);
	ck_assert_int_eq(runmeta_offset(&m, 1, &off, &bound), 0);
	ck_assert(off == 5000 && bound == 5);
	ck_assert_int_eq(runmeta_offset(&m, 2, &off, &bound), 0);
	ck_assert(off == 3000 && bound == 7);
}
END_TEST

Suite *
make_runmeta_suite(void)
{
	Suite *s = suite_create("runmeta");
	TCase *tc = tcase_create("round trip");
	TCase *rd = tcase_create("reader");

	tcase_add_test(tc, every_key_round_trips_at_the_edges);
	tcase_add_test(tc, a_big_ring_round_trips_with_its_log_level_and_no_vm_keys);
	tcase_add_test(tc, keys_are_written_in_the_order_of_the_format);
	tcase_add_test(tc, format_1_round_trips_without_the_keys_of_format_2);
	tcase_add_test(tc, a_running_run_round_trips);
	tcase_add_test(tc, a_part_round_trips_with_its_own_vm_keys_only);
	tcase_add_test(tc, offsets_compose_around_the_ring);
	suite_add_tcase(s, tc);
	tcase_add_test(rd, a_good_file_reads_without_a_word);
	tcase_add_test(rd, format_5_says_what_was_logged);
	tcase_add_loop_test(rd, each_bad_value_is_told_on_its_line, 0,
	    (int)(sizeof bad_values / sizeof bad_values[0]));
	tcase_add_test(rd, keys_not_known_are_ignored);
	tcase_add_test(rd, a_bad_vms_is_told_alone);
	tcase_add_test(rd, a_bad_offset_or_part_is_told);
	tcase_add_loop_test(rd, a_file_that_is_no_run_meta_is_refused_whole, 0,
	    (int)(sizeof unreadable / sizeof unreadable[0]));
	tcase_add_test(rd, a_nul_byte_is_refused_and_a_last_line_needs_no_newline);
	suite_add_tcase(s, rd);
	return s;
}

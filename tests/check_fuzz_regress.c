/* tests/check_fuzz_regress.c -- replays the fuzz harnesses' saved inputs (tests/fuzz/) without libFuzzer */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
/* The harnesses themselves, so both builds run the very same checks. */
#include "tests/fuzz/fuzz_expfile.c"
#include "tests/fuzz/fuzz_logread.c"
#include "tests/fuzz/fuzz_meta.c"
#include "tests/fuzz/fuzz_options.c"
#include "tests/fuzz/fuzz_wire.c"

/* Inputs are small; the meta and expfile ones stay under 100 KiB. */
#define REGRESS_MAX	(1 << 20)

/* Read path whole into an exact-size heap buffer (ASan sees overreads). */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(REGRESS_MAX);

	ck_assert_msg(f != NULL, "%s: cannot open", path);
	ck_assert_ptr_nonnull(buf);
	*size = fread(buf, 1, REGRESS_MAX, f);
	ck_assert_msg(!ferror(f) && *size < REGRESS_MAX, "%s: unreadable or "
	    "over 1 MiB", path);
	fclose(f);
	uint8_t *exact = malloc(*size > 0 ? *size : 1);
	ck_assert_ptr_nonnull(exact);
	memcpy(exact, buf, *size);
	free(buf);
	return exact;
}

/* Run every file of dir through fn; the number of files replayed. */
static int
replay(const char *dir, int (*fn)(const uint8_t *, size_t))
{
	char path[4096];
	struct dirent *de;
	int n = 0;
	DIR *d = opendir(dir);

	ck_assert_msg(d != NULL, "%s: cannot open (run from the top directory)",
	    dir);
	while ((de = readdir(d)) != NULL) {
		size_t size;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		uint8_t *data = slurp(path, &size);
		ck_assert_int_eq(fn(data, size), 0);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

/* Both the regression inputs and the seed corpus must replay cleanly. */
static void
replay_both(const char *name, int (*fn)(const uint8_t *, size_t))
{
	char dir[256];

	snprintf(dir, sizeof dir, "tests/fuzz/regress/%s", name);
	ck_assert_int_gt(replay(dir, fn), 0);
	snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", name);
	ck_assert_int_gt(replay(dir, fn), 0);
}

START_TEST(wire_inputs_decode_and_re_encode_consistently)
{
	replay_both("wire", fuzz_wire);
}
END_TEST

START_TEST(logread_inputs_read_to_the_end_or_a_clean_error)
{
	replay_both("logread", fuzz_logread);
}
END_TEST

START_TEST(meta_inputs_load_or_fail_with_a_message)
{
	replay_both("meta", fuzz_meta);
}
END_TEST

START_TEST(expfile_inputs_parse_or_fail_with_a_message)
{
	replay_both("expfile", fuzz_expfile);
}
END_TEST

START_TEST(options_inputs_parse_or_fail_with_one_line)
{
	replay_both("options", fuzz_options);
}
END_TEST

Suite *
make_fuzz_regress_suite(void)
{
	Suite *s = suite_create("fuzz_regress");
	TCase *tc = tcase_create("replay");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, wire_inputs_decode_and_re_encode_consistently);
	tcase_add_test(tc, logread_inputs_read_to_the_end_or_a_clean_error);
	tcase_add_test(tc, meta_inputs_load_or_fail_with_a_message);
	tcase_add_test(tc, expfile_inputs_parse_or_fail_with_a_message);
	tcase_add_test(tc, options_inputs_parse_or_fail_with_one_line);
	suite_add_tcase(s, tc);
	return s;
}

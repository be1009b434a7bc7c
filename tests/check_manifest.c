/* tests/check_manifest.c -- SHA-256 and manifest.sha256: what analyze wrote, read back as sha256sum would */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/out/manifest.h"
#include "analysis/out/sha256.h"
#include "tests/anarun.h"
#include "tests/suites.h"

/* FIPS 180-4's examples, and the digest of nothing. */
static const struct {
	const char *text;
	const char *hex;
} known[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
};

START_TEST(sha256_of_the_standard_examples)
{
	char hex[SHA256_HEX];
	struct sha256 s;

	sha256_init(&s);
	sha256_add(&s, known[_i].text, strlen(known[_i].text));
	sha256_hex(&s, hex);
	ck_assert_str_eq(hex, known[_i].hex);
}
END_TEST

/* A million 'a's, fed in pieces that straddle every block boundary. */
START_TEST(sha256_of_a_million_a_in_odd_pieces)
{
	char piece[7], hex[SHA256_HEX];
	struct sha256 s;
	size_t left = 1000000;

	memset(piece, 'a', sizeof piece);
	sha256_init(&s);
	for (; left >= sizeof piece; left -= sizeof piece)
		sha256_add(&s, piece, sizeof piece);
	sha256_add(&s, piece, left);
	sha256_hex(&s, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(sha256_of_a_file_is_that_of_its_bytes)
{
	char dir[256], path[300], hex[SHA256_HEX];

	rundir_make(dir, sizeof dir);
	rundir_write_raw(dir, "abc", "abc", 3);
	snprintf(path, sizeof path, "%s/abc", dir);
	ck_assert_int_eq(sha256_file(path, hex), 0);
	ck_assert_str_eq(hex, known[1].hex);
	snprintf(path, sizeof path, "%s/none", dir);
	ck_assert_int_eq(sha256_file(path, hex), -1);
}
END_TEST

#define H_A	"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
#define H_B	"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"
#define H_OLD	"1111111111111111111111111111111111111111111111111111111111111111"

/*
 * The stage's files are hashed; of the old entries, those of files the
 * stage does not replace and the folder still holds are carried over,
 * changed since or not.
 */
START_TEST(manifest_hashes_the_stage_and_keeps_what_it_knew_of_the_rest)
{
	static const char *const old[] = {
		H_OLD "  a", H_OLD "  kept.gp", H_OLD "  gone.png",
	};
	char dir[256], stage[300], err[512] = "", *text;
	struct manifest *m;

	rundir_make(dir, sizeof dir);
	snprintf(stage, sizeof stage, "%s/.stage", dir);
	ck_assert_int_eq(mkdir(stage, 0755), 0);
	rundir_write(dir, MANIFEST_NAME, old, NELEM(old));
	rundir_write_raw(dir, "kept.gp", "changed by hand\n", 16);
	rundir_write_raw(stage, "b", "b", 1);
	rundir_write_raw(stage, "a", "a", 1);
	ck_assert_ptr_nonnull(m = manifest_read(dir, err, sizeof err));
	ck_assert_msg(manifest_write(stage, dir, m, err, sizeof err) == 0, "%s",
	    err);
	manifest_free(m);
	snprintf(stage + strlen(stage), 64, "/" MANIFEST_NAME);
	ck_assert_ptr_nonnull(text = anarun_slurp(stage));
	ck_assert_str_eq(text, H_A "  a\n" H_B "  b\n" H_OLD "  kept.gp\n");
	free(text);
}
END_TEST

/* Only "HASH  NAME" of a file in the folder counts; the first of a name wins. */
START_TEST(manifest_lines_not_ours_are_passed_over)
{
	static const char *const lines[] = {
		H_A "  a", H_B "  a", H_A " *bin", H_A "  sub/x",
		"CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB  up",
		H_A "  ..", H_A "  " MANIFEST_NAME, H_A " one-space", "", "# x",
		H_A "  spaced name",
	};
	char dir[256], err[512] = "";
	struct manifest *m;

	rundir_make(dir, sizeof dir);
	rundir_write(dir, MANIFEST_NAME, lines, NELEM(lines));
	ck_assert_ptr_nonnull(m = manifest_read(dir, err, sizeof err));
	ck_assert(manifest_wrote(m, "a", H_A));
	ck_assert(!manifest_wrote(m, "a", H_B));
	ck_assert(manifest_wrote(m, "bin", H_A));
	ck_assert(manifest_wrote(m, "spaced name", H_A));
	ck_assert(!manifest_wrote(m, "sub/x", H_A));
	ck_assert(!manifest_wrote(m, "up", H_A));
	ck_assert(!manifest_wrote(m, "..", H_A));
	ck_assert(!manifest_wrote(m, MANIFEST_NAME, H_A));
	ck_assert(!manifest_wrote(m, "one-space", H_A));
	manifest_free(m);
}
END_TEST

START_TEST(no_manifest_is_an_empty_one_and_an_unreadable_one_an_error)
{
	char dir[256], sub[300], err[512] = "";
	struct manifest *m;

	rundir_make(dir, sizeof dir);
	ck_assert_ptr_nonnull(m = manifest_read(dir, err, sizeof err));
	ck_assert(!manifest_wrote(m, "a", H_A));
	manifest_free(m);
	snprintf(sub, sizeof sub, "%s/" MANIFEST_NAME, dir);
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_ptr_null(manifest_read(dir, err, sizeof err));
	ck_assert_msg(strncmp(err, sub, strlen(sub)) == 0, "%s", err);
}
END_TEST

Suite *
make_manifest_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *t = tcase_create("manifest");

	tcase_add_unchecked_fixture(t, rundir_setup, rundir_teardown);
	tcase_add_loop_test(t, sha256_of_the_standard_examples, 0,
	    (int)NELEM(known));
	tcase_add_test(t, sha256_of_a_million_a_in_odd_pieces);
	tcase_add_test(t, sha256_of_a_file_is_that_of_its_bytes);
	tcase_add_test(t, manifest_hashes_the_stage_and_keeps_what_it_knew_of_the_rest);
	tcase_add_test(t, manifest_lines_not_ours_are_passed_over);
	tcase_add_test(t, no_manifest_is_an_empty_one_and_an_unreadable_one_an_error);
	suite_add_tcase(s, t);
	return s;
}

/* tests/check_num.c -- unit tests of vm/core/num: plain decimals read and written one way */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "tests/suites.h"
#include "vm/core/num.h"

START_TEST(plain_decimals_are_read)
{
	static const struct { const char *s; double v; } good[] = {
		{ "0", 0 }, { "12", 12 }, { "0.5", 0.5 }, { "007", 7 },
		{ "1234567.125", 1234567.125 }, { "10000000", 1e7 },
		{ "0.00001", 1e-5 },
	};
	double v;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_msg(num_real(good[i].s, &v) == 0, "'%s'", good[i].s);
		ck_assert_double_eq(v, good[i].v);
	}
}
END_TEST

/* Each of these strtod would take, in whole or in part. */
START_TEST(anything_else_is_not_a_number)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "+1", "-1", "0x10", "0X10", "1e3", "1E3", "1e-3",
		"1.", ".5", "1..5", "1.5.", "inf", "INF", "nan", "infinity", "1,5",
		"1_000", "\t1", "1\n",
	};
	double v;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(num_real(bad[i], &v) == -1, "'%s' was read", bad[i]);
}
END_TEST

/* Longer than anything num_format writes: not read, not even in part. */
START_TEST(a_decimal_of_hundreds_of_digits_is_refused)
{
	char big[NUM_TEXT_MAX + 2];
	double v;

	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_int_eq(num_real(big, &v), -1);
	ck_assert_uint_eq(num_scan(big, &v), 0);
	big[300] = '\0';
	ck_assert_int_eq(num_real(big, &v), 0);		/* 1e300 */
	ck_assert(isfinite(v));
}
END_TEST

START_TEST(a_scan_stops_where_the_number_ends)
{
	double v;
	uint64_t u;

	ck_assert_uint_eq(num_scan("2.5:10", &v), 3);
	ck_assert_double_eq(v, 2.5);
	ck_assert_uint_eq(num_scan("20ms", &v), 2);
	ck_assert_uint_eq(num_scan("2.ms", &v), 0);
	ck_assert_uint_eq(num_scan("x2", &v), 0);
	/* Not "1e5", and not 0x10 read as hex. */
	ck_assert_uint_eq(num_scan("1e5", &v), 1);
	ck_assert_double_eq(v, 1);
	ck_assert_uint_eq(num_scan("0x10", &v), 1);
	ck_assert_double_eq(v, 0);
	ck_assert_uint_eq(num_scan_uint("255->0", &u), 3);
	ck_assert_uint_eq(u, 255);
	ck_assert_uint_eq(num_scan_uint("->0", &u), 0);
}
END_TEST

START_TEST(whole_numbers_are_digits_up_to_64_bits)
{
	uint64_t u;

	ck_assert_int_eq(num_uint("18446744073709551615", &u), 0);
	ck_assert_uint_eq(u, UINT64_MAX);
	ck_assert_int_eq(num_uint("0", &u), 0);
	ck_assert_uint_eq(u, 0);
	ck_assert_int_eq(num_uint("18446744073709551616", &u), -2);
	ck_assert_int_eq(num_uint("99999999999999999999999", &u), -2);
	ck_assert_uint_eq(num_scan_uint("18446744073709551616", &u), 0);
	ck_assert_int_eq(num_uint("", &u), -1);
	ck_assert_int_eq(num_uint("-1", &u), -1);
	ck_assert_int_eq(num_uint("+1", &u), -1);
	ck_assert_int_eq(num_uint(" 1", &u), -1);
	ck_assert_int_eq(num_uint("0x10", &u), -1);
	ck_assert_int_eq(num_uint("1.0", &u), -1);
	ck_assert_int_eq(num_uint("1e3", &u), -1);
}
END_TEST

START_TEST(numbers_are_written_without_an_exponent)
{
	static const struct { double v; const char *s; } want[] = {
		{ 0, "0" }, { 16, "16" }, { 0.5, "0.5" }, { 1e-5, "0.00001" },
		{ 1e7, "10000000" }, { 1e16, "10000000000000000" },
		{ 0.1 + 0.2, "0.3" }, { 1.0 / 3, "0.333333333333333" },
		{ 123456.789, "123456.789" }, { 200, "200" },
	};
	char buf[NUM_TEXT_MAX];

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		num_format(buf, sizeof buf, want[i].v);
		ck_assert_str_eq(buf, want[i].s);
	}
}
END_TEST

/* Whatever num_format writes, num_real reads back, to 15 digits. */
START_TEST(what_is_written_reads_back)
{
	static const double vs[] = {
		DBL_MAX, DBL_MIN, DBL_TRUE_MIN, 1e-300, 4.9e-7, 0.000123456789,
		59.999999999999, 1e15, 123456789012345678.0,
	};
	char buf[NUM_TEXT_MAX];
	double v;

	for (size_t i = 0; i < sizeof vs / sizeof vs[0]; i++) {
		num_format(buf, sizeof buf, vs[i]);
		ck_assert_msg(num_real(buf, &v) == 0, "'%s' does not read", buf);
		ck_assert_msg(fabs(v - vs[i]) <= vs[i] * 1e-14, "%.17g became "
		    "'%s'", vs[i], buf);
	}
}
END_TEST

START_TEST(digits_are_counted_to_the_widest_64_bits)
{
	ck_assert_uint_eq(num_digits(0), 1);
	ck_assert_uint_eq(num_digits(9), 1);
	ck_assert_uint_eq(num_digits(10), 2);
	ck_assert_uint_eq(num_digits(99999), 5);
	ck_assert_uint_eq(num_digits(100000), 6);
	ck_assert_uint_eq(num_digits(UINT64_MAX), 20);
}
END_TEST

START_TEST(a_window_is_two_plain_decimals_in_order)
{
	static const char *const bad[] = { "", "5", "5:", ":5", "1:2:3", "2:1",
		"3:3", "0x1:2", "1:2s", "1e1:20", "-:1" };
	double t0, t1;
	char why[96];

	ck_assert_int_eq(num_window("0.5:20", &t0, &t1, why, sizeof why), 0);
	ck_assert(t0 == 0.5 && t1 == 20);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(num_window(bad[i], &t0, &t1, why, sizeof why) == -1,
		    "'%s' taken", bad[i]);
	ck_assert_int_eq(num_window("2:1", &t0, &t1, why, sizeof why), -1);
	ck_assert_str_eq(why, "T1 must be greater than T0");
}
END_TEST

Suite *
make_num_suite(void)
{
	Suite *s = suite_create("num");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, plain_decimals_are_read);
	tcase_add_test(tc, anything_else_is_not_a_number);
	tcase_add_test(tc, a_decimal_of_hundreds_of_digits_is_refused);
	tcase_add_test(tc, a_scan_stops_where_the_number_ends);
	tcase_add_test(tc, whole_numbers_are_digits_up_to_64_bits);
	tcase_add_test(tc, numbers_are_written_without_an_exponent);
	tcase_add_test(tc, what_is_written_reads_back);
	tcase_add_test(tc, digits_are_counted_to_the_widest_64_bits);
	tcase_add_test(tc, a_window_is_two_plain_decimals_in_order);
	suite_add_tcase(s, tc);
	return s;
}

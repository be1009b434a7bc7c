/* tests/check_style.c -- the look of the plots: VM colours, heat maps, tic steps, space-time labels */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "analysis/plot/style.h"
#include "tests/suites.h"

/* 0xRRGGBB in CIE L*a*b* (D65), where distance is how different colours look. */
static void
to_lab(uint32_t rgb, double lab[3])
{
	double c[3], xyz[3];

	for (int i = 0; i < 3; i++) {
		double u = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
		c[i] = u <= 0.04045 ? u / 12.92 : pow((u + 0.055) / 1.055, 2.4);
	}
	xyz[0] = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
	xyz[1] = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
	xyz[2] = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
	for (int i = 0; i < 3; i++)
		xyz[i] = xyz[i] > 0.008856 ? cbrt(xyz[i]) :
		    7.787 * xyz[i] + 16.0 / 116;
	lab[0] = 116 * xyz[1] - 16;
	lab[1] = 500 * (xyz[0] - xyz[1]);
	lab[2] = 200 * (xyz[1] - xyz[2]);
}

/* CIE76 colour difference: about 2.3 is just noticeable. */
static double
delta_e(uint32_t a, uint32_t b)
{
	double p[3], q[3];

	to_lab(a, p);
	to_lab(b, q);
	return sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) *
	    (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

/*
 * 26 is the distance of the closest pair of the Okabe-Ito colours, blue
 * and sky blue, which are told apart on any projector.
 */
START_TEST(sixteen_vms_get_colours_no_two_alike)
{
	for (int i = 0; i < STYLE_COLOURS; i++)
		for (int j = i + 1; j < STYLE_COLOURS; j++)
			ck_assert_msg(delta_e(style_palette[i],
			    style_palette[j]) >= 26, "VM %d #%06x and VM %d "
			    "#%06x look alike: %.1f", i, style_palette[i], j,
			    style_palette[j], delta_e(style_palette[i],
			    style_palette[j]));
}
END_TEST

START_TEST(no_vm_colour_is_pale_on_white)
{
	for (int i = 0; i < STYLE_COLOURS; i++)
		ck_assert_msg(delta_e(style_palette[i], 0xFFFFFF) >= 40,
		    "VM %d #%06x is pale: %.1f", i, style_palette[i],
		    delta_e(style_palette[i], 0xFFFFFF));
}
END_TEST

START_TEST(heat_maps_start_past_sixteen_vms)
{
	ck_assert(!style_heat(2));
	ck_assert(!style_heat(8));
	ck_assert(!style_heat(16));
	ck_assert(style_heat(17));
	ck_assert(style_heat(256));
}
END_TEST

/* (top, most) -> step */
static const struct { uint64_t top; unsigned most; uint64_t step; } tics[] = {
	{ 0, 8, 1 },		/* an empty queue: 0 alone, never 0.2 */
	{ 1, 8, 1 },		/* one message: 0, 1 */
	{ 8, 8, 1 },
	{ 9, 8, 2 },
	{ 17, 8, 5 },		/* 2 would need 9 steps */
	{ 40, 8, 5 },
	{ 60, 8, 10 },
	{ 100, 8, 20 },
	{ 255, 8, 50 },		/* VM ids of 256 VMs */
	{ 12345, 8, 2000 },
	{ 3, 1, 5 },
	{ UINT64_MAX, 8, 5000000000000000000u },
};

START_TEST(tic_steps_are_whole_and_round)
{
	uint64_t got = style_tic_step(tics[_i].top, tics[_i].most);

	ck_assert_msg(got == tics[_i].step, "top %llu, at most %u steps: "
	    "%llu, expected %llu", (unsigned long long)tics[_i].top,
	    tics[_i].most, (unsigned long long)got,
	    (unsigned long long)tics[_i].step);
}
END_TEST

/* Lanes 395 / 3 = 132 pixels: labels above and below, messages too. */
START_TEST(a_small_ring_gets_two_rows_of_labels_and_the_messages)
{
	struct style_labels l = style_labels(3, 41, 41, 10);

	ck_assert_uint_eq(l.rows, 2);
	ck_assert(l.messages);
	/* Two digits: 995 / (2 * 8 + 6) = 45 labels a row. */
	ck_assert_uint_eq(l.limit, 90);
	ck_assert(l.event_dy > 0 && l.event_dy < 0.5);
	ck_assert(l.message_dy > l.event_dy && l.message_dy < 1);
}
END_TEST

START_TEST(labels_are_left_out_of_a_crowded_window_which_says_what_fits)
{
	/* 8 lanes of 49 pixels: one row, 45 labels of two digits. */
	struct style_labels l = style_labels(8, 51, 51, 10);

	ck_assert_uint_eq(l.rows, 0);
	ck_assert(!l.messages);
	ck_assert_uint_eq(l.limit, 45);
	/* 10 s * 45 / 51 = 8.8 s, rounded down to 5. */
	ck_assert_double_eq(l.fit_s, 5);
	l = style_labels(8, 45, 51, 10);
	ck_assert_uint_eq(l.rows, 1);
	ck_assert(l.messages);
}
END_TEST

START_TEST(longer_clocks_fit_fewer_labels)
{
	/* Three digits: 995 / 30 = 33 a row. */
	ck_assert_uint_eq(style_labels(8, 10, 999, 10).limit, 33);
	ck_assert_uint_eq(style_labels(8, 34, 999, 10).rows, 0);
	ck_assert_uint_eq(style_labels(8, 33, 999, 10).rows, 1);
}
END_TEST

START_TEST(labels_stop_at_sixteen_lanes_and_messages_at_eight)
{
	struct style_labels l = style_labels(16, 20, 30, 5);

	ck_assert_uint_eq(l.rows, 1);
	ck_assert(!l.messages);
	ck_assert(style_labels(9, 20, 30, 5).rows == 1 &&
	    !style_labels(9, 20, 30, 5).messages);
	l = style_labels(17, 1, 1, 5);
	ck_assert_uint_eq(l.rows, 0);
	ck_assert_uint_eq(l.limit, 0);
}
END_TEST

/* style_write's text, NUL-terminated (caller frees). */
static char *
written(const struct style_run *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	style_write(f, r);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static void
expect_line(const char *text, const char *line)
{
	ck_assert_msg(strstr(text, line) != NULL, "no '%s' in:\n%s", line,
	    text);
}

START_TEST(plotvars_get_the_look_of_a_big_ring)
{
	struct style_run r = { .nvms = 24, .clock_top = 350, .drift_top = 190,
		.queue_top = 3, .busiest = 60, .max_lamport = 61, .win_t0 = 0,
		.win_t1 = 10 };
	char *text = written(&r);

	expect_line(text, "\nheat = 1\n");
	expect_line(text, "\narray vm_rgb[16] = [0x0072B2, 0xD55E00, ");
	expect_line(text, "\nclock_tic = 50\ndrift_tic = 50\nqueue_tic = 1\n"
	    "vm_tic = 5\n");
	expect_line(text, "\nlabel_rows = 0\nlabel_messages = 0\n"
	    "label_limit = 0\nlabel_busiest = 60\n");
	free(text);
}
END_TEST

START_TEST(plotvars_get_the_window_that_would_fit_as_a_real)
{
	struct style_run r = { .nvms = 4, .busiest = 400, .max_lamport = 9,
		.win_t0 = 0, .win_t1 = 10 };
	char *text = written(&r);

	/* 2 * 71 labels fit of 400: 10 s * 142 / 400 = 3.55, down to 2. */
	expect_line(text, "\nlabel_rows = 0\n");
	expect_line(text, "\nlabel_fit_s = 2.00\n");
	free(text);
}
END_TEST

Suite *
make_style_suite(void)
{
	Suite *s = suite_create("style");
	TCase *c = tcase_create("look");

	tcase_add_test(c, sixteen_vms_get_colours_no_two_alike);
	tcase_add_test(c, no_vm_colour_is_pale_on_white);
	tcase_add_test(c, heat_maps_start_past_sixteen_vms);
	tcase_add_loop_test(c, tic_steps_are_whole_and_round, 0,
	    sizeof tics / sizeof tics[0]);
	tcase_add_test(c, a_small_ring_gets_two_rows_of_labels_and_the_messages);
	tcase_add_test(c, labels_are_left_out_of_a_crowded_window_which_says_what_fits);
	tcase_add_test(c, longer_clocks_fit_fewer_labels);
	tcase_add_test(c, labels_stop_at_sixteen_lanes_and_messages_at_eight);
	tcase_add_test(c, plotvars_get_the_look_of_a_big_ring);
	tcase_add_test(c, plotvars_get_the_window_that_would_fit_as_a_real);
	suite_add_tcase(s, c);
	return s;
}

/* analysis/plot/style.c -- what the plots' look depends on: VM colours, heat maps, tic steps, space-time labels */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/plot/style.h"
#include "vm/core/num.h"

/*
 * The Okabe-Ito colours first (safe for colour-blind eyes; yellow left
 * out, too faint on a projector), then nine more from Paul Tol's,
 * Tableau's and ColorBrewer's sets, picked so that no two of the sixteen
 * are closer than the closest Okabe-Ito pair (blue and sky blue, a CIE76
 * distance of 26) and none is pale on white. The line plots also dash
 * VMs 8 to 15.
 */
const uint32_t style_palette[STYLE_COLOURS] = {
	0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9,
	0x000000, 0x882255, 0x999933, 0x332288, 0x8C564B, 0x7F7F7F,
	0xE31A1C, 0x66A61E, 0x004949, 0x920000,
};

/*
 * The space-time diagram at its 1280x720 size (look.gp, spacetime.gp):
 * the plot area is about 995 pixels wide and 395 high. A label (font 12)
 * takes 8 pixels a digit and wants 6 clear beside it; its middle is 18
 * pixels above its lane's (11 in lanes under 40 pixels: nearer its own
 * lane than the next), or below for every other event when the lanes
 * are far apart. A message's (font 11, boxed) sits 15 pixels below the
 * upper of the last two lanes its arrow crosses, or 40 under a row of
 * labels below.
 */
#define PLOT_W_PX	995
#define PLOT_H_PX	395
#define DIGIT_PX	8
#define GAP_PX		6
#define EVENT_DY_PX	18
#define EVENT_DY_NEAR_PX	11
#define LANE_NEAR_PX		40
#define LANE_ONE_ROW_PX		24	/* above the marks: up to 16 lanes */
#define LANE_TWO_ROWS_PX	77	/* and below, messages under: 5 */
#define LANE_MESSAGES_PX	49	/* messages under one row: 8 */
#define MESSAGE_DY_PX		15
#define MESSAGE_DY_TWO_PX	40

bool
style_heat(uint32_t nvms)
{
	return nvms > STYLE_COLOURS;
}

uint64_t
style_tic_step(uint64_t top, unsigned most)
{
	static const uint64_t mult[] = { 1, 2, 5 };

	for (uint64_t mag = 1; ; mag *= 10) {
		for (int i = 0; i < 3; i++) {
			uint64_t step = mult[i] * mag;
			if (top / step + (top % step != 0) <= most)
				return step;
		}
		if (mag > UINT64_MAX / 10 / 10)
			return mag * 10;	/* 10^19: two steps cover any top */
	}
}

/* The round length (1, 2 or 5 times a power of ten) at or below x > 0. */
static double
round_below(double x)
{
	double mag = pow(10, floor(log10(x)));

	return x >= 5 * mag ? 5 * mag : x >= 2 * mag ? 2 * mag : mag;
}

struct style_labels
style_labels(uint32_t nvms, uint64_t busiest, uint64_t max_lamport,
    double win_s)
{
	struct style_labels l = { .fit_s = win_s };
	double lane = (double)PLOT_H_PX / (nvms > 0 ? nvms : 1);
	unsigned rows = lane >= LANE_TWO_ROWS_PX ? 2 :
	    lane >= LANE_ONE_ROW_PX ? 1 : 0;

	l.limit = rows * (uint64_t)(PLOT_W_PX /
	    (num_digits(max_lamport) * DIGIT_PX + GAP_PX));
	if (busiest > l.limit) {
		if (l.limit > 0)
			l.fit_s = round_below(win_s * (double)l.limit /
			    (double)busiest);
		return l;
	}
	l.rows = rows;
	l.messages = lane >= LANE_MESSAGES_PX;
	l.event_dy = (lane < LANE_NEAR_PX ? EVENT_DY_NEAR_PX : EVENT_DY_PX) /
	    lane;
	l.message_dy = (rows == 2 ? MESSAGE_DY_TWO_PX : MESSAGE_DY_PX) / lane;
	return l;
}

/* Tics for an axis that starts at 0 and holds whole numbers up to top. */
static void
tic(FILE *f, const char *name, uint64_t top)
{
	fprintf(f, "%s = %" PRIu64 "\n", name, style_tic_step(top, 8));
}

void
style_write(FILE *f, const struct style_run *r)
{
	struct style_labels l = style_labels(r->nvms, r->busiest,
	    r->max_lamport, r->win_t1 - r->win_t0);

	fputs("# the look (analysis/plot/style.c): heat maps over 16 VMs, "
	    "VM colours, tic steps\n", f);
	fprintf(f, "heat = %d\narray vm_rgb[%d] = [", style_heat(r->nvms),
	    STYLE_COLOURS);
	for (int i = 0; i < STYLE_COLOURS; i++)
		fprintf(f, "%s0x%06" PRIX32, i ? ", " : "", style_palette[i]);
	fputs("]\n", f);
	tic(f, "clock_tic", r->clock_top);
	tic(f, "drift_tic", r->drift_top);
	tic(f, "queue_tic", r->queue_top);
	tic(f, "vm_tic", r->nvms > 0 ? r->nvms - 1 : 0);
	fputs("# space-time labels: rows 0 (none), 1 (above) or 2 (above and "
	    "below), on messages\n# too or not; they fit while the busiest "
	    "lane holds at most label_limit events\n", f);
	fprintf(f, "label_rows = %u\nlabel_messages = %d\n"
	    "label_limit = %" PRIu64 "\nlabel_busiest = %" PRIu64 "\n",
	    l.rows, l.messages, l.limit, r->busiest);
	fprintf(f, "label_event_dy = %.4f\nlabel_message_dy = %.4f\n",
	    l.event_dy, l.message_dy);
	/* With its point: gnuplot must not divide it as an integer. */
	fprintf(f, "label_fit_s = %#.3g\n", l.fit_s);
}

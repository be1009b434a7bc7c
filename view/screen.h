/* view/screen.h -- what the parts of the terminal view share (private to view/) */
#ifndef VIEW_SCREEN_H
#define VIEW_SCREEN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "view/view.h"

struct view {
	struct view_conf c;	/* rates and faults: our own copies */
	uint32_t *rates;
	struct fault *faults;
	char *title;
	SCREEN *scr;
	int ncolours;		/* VM colours, 0 without colour */
	bool help;		/* the key list is over the view */
	uint64_t col_ns;	/* model time of one strip column */
};

/* Where the label column of the strip ends and its lanes start. */
#define SCREEN_LANE_X	6

/* VM vm's colour attribute (A_NORMAL without colour). */
attr_t screen_vm_attr(const struct view *v, uint32_t vm);
/*
 * The space-time strip: `lanes` VM lanes from row top, `pitch` rows
 * apart, the newest event at the right edge (s->now_ns).
 */
void strip_draw(const struct view *v, int top, uint32_t lanes, int pitch,
    const struct view_state *s, const struct log_event *ev, size_t n);
/* Under the strip at row y: marks of round model times up to now. */
void strip_axis(const struct view *v, int y, uint64_t now);

#endif

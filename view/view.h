/* view/view.h -- the ring on a terminal: a row per VM, a space-time strip, time and faults, and the keys */
#ifndef VIEW_VIEW_H
#define VIEW_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "view/state.h"
#include "vm/core/fault.h"
#include "vm/core/logline.h"

enum view_mode { VIEW_LIVE, VIEW_REPLAY };

struct view_conf {
	enum view_mode mode;	/* which keys apply, what the help lists */
	const char *title;	/* the run directory shown */
	uint32_t n;
	const uint32_t *rates;	/* ticks per model second of each VM */
	uint64_t duration_ns;	/* the planned model time */
	const struct fault *faults;	/* the run's, drawn as they happen */
	uint32_t nfaults;
};

/* What a key asks of the caller (the help, resize and redraw the view does
 * itself). */
enum view_cmd {
	VIEW_NONE,	/* no key in time, or one the view took itself */
	VIEW_QUIT,	/* q: end a live run cleanly, leave a replay */
	VIEW_PAUSE,	/* space: pause or go on */
	VIEW_FORWARD,	/* replay: one event forward */
	VIEW_BACK,	/* replay: one event back */
	VIEW_FASTER,	/* replay: twice the pace */
	VIEW_SLOWER,	/* replay: half the pace */
	VIEW_JUMP,	/* replay: to model second *arg */
};

/*
 * Take over the terminal. NULL when there is none (standard input or
 * output not a terminal, or one too small), with the reason in err, so
 * that the caller says so and goes on without a view.
 */
struct view *view_open(const struct view_conf *c, char *err, size_t errlen);
/*
 * Draw the ring as s has it, the strip from the events strip[0..nstrip)
 * (model-time order, ending at s->now_ns), and a status line (such as
 * "paused", "x4"). Cheap enough for 20 frames a second.
 */
void view_draw(struct view *v, const struct view_state *s,
    const struct log_event *strip, size_t nstrip, const char *status);
/* How much model time the strip shows at the terminal's width now. */
uint64_t view_strip_ns(const struct view *v);
/* The next key, waiting up to timeout_ms; VIEW_JUMP sets *arg. */
enum view_cmd view_key(struct view *v, int timeout_ms, double *arg);
/* Give the terminal back as it was. */
void view_close(struct view *v);

#endif

/* view/strip.c -- the space-time strip: a lane per VM, each event with its Lamport value, each message an arrow with the value it carried */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "view/screen.h"

/* How far back a RECV looks for its SEND among the strip's events. */
#define SEND_LOOKBACK	4096

struct geom {
	int top, pitch;		/* lane i is row top + i * pitch */
	int x0, w;		/* columns x0 .. x0 + w - 1 */
	uint32_t lanes;
	uint64_t now, col_ns;
};

/* The column of model time ns, newest (now) at the right; -1 left of it. */
static int
column(const struct geom *g, uint64_t ns)
{
	uint64_t back = g->now > ns ? (g->now - ns) / g->col_ns : 0;

	return back >= (uint64_t)g->w ? -1 : g->x0 + g->w - 1 - (int)back;
}

static int
lane_row(const struct geom *g, uint32_t vm)
{
	return g->top + (int)vm * g->pitch;
}

/* A cell nothing but a lane or the blank between lanes holds yet. */
static bool
is_free(const struct geom *g, int y, int x)
{
	chtype ch;

	if (x < g->x0 || x >= g->x0 + g->w)
		return false;
	ch = mvinch(y, x) & A_CHARTEXT;
	return ch == '-' || ch == ' ';
}

/* text at (y, x) if every cell of it is free. */
static bool
put_if_free(const struct geom *g, int y, int x, const char *text, attr_t a)
{
	int len = (int)strlen(text);

	for (int i = 0; i < len; i++)
		if (!is_free(g, y, x + i))
			return false;
	attron(a);
	mvaddstr(y, x, text);
	attroff(a);
	return true;
}

/* A number beside the cell (y, x): right of it where it fits, else left. */
static void
label(const struct geom *g, int y, int x, uint64_t value, attr_t a)
{
	char text[24];

	snprintf(text, sizeof text, "%" PRIu64, value);
	if (!put_if_free(g, y, x + 1, text, a))
		put_if_free(g, y, x - (int)strlen(text), text, a);
}

static chtype
marker(const struct log_event *ev)
{
	switch (ev->kind) {
	case LOG_SEND:
		return '*';
	case LOG_RECV:	/* the arrow's head: from a lane above or below */
		return ev->peers[0] < ev->vm ? 'v' : '^';
	case LOG_PENDING:
		return '?';
	case LOG_DROP:
	case LOG_LOSS:
		return 'x';
	case LOG_PEER_DOWN:
		return '!';
	default:
		return 'o';
	}
}

static bool
shown(const struct geom *g, const struct log_event *ev)
{
	return ev->vm < g->lanes && column(g, ev->wall_ns) >= 0;
}

static void
lanes(const struct view *v, const struct geom *g)
{
	char name[16];

	for (uint32_t i = 0; i < g->lanes; i++) {
		attr_t a = screen_vm_attr(v, i);

		snprintf(name, sizeof name, "vm%" PRIu32, i);
		attron(a);
		mvaddnstr(lane_row(g, i), 0, name, SCREEN_LANE_X - 1);
		mvhline(lane_row(g, i), g->x0, '-', g->w);
		attroff(a);
	}
}

/*
 * The column of the SEND that event i (a RECV) took, found by (source,
 * seq) among the strip's events before it; -1 when it was sent before the
 * strip's left edge.
 */
static int
send_column(const struct geom *g, const struct log_event *ev, size_t i)
{
	const struct log_event *r = &ev[i];
	size_t stop = i > SEND_LOOKBACK ? i - SEND_LOOKBACK : 0;

	while (i-- > stop)
		if (ev[i].vm == r->peers[0] && ev[i].seq == r->src_seq &&
		    ev[i].kind == LOG_SEND)
			return column(g, ev[i].wall_ns);
	return -1;
}

/* ch at (y, x) if the cell is free. */
static void
put_free(const struct geom *g, int y, int x, chtype ch)
{
	if (is_free(g, y, x))
		mvaddch(y, x, ch);
}

/*
 * The value a message carried on its run along row y from x to x2: in the
 * middle, a free cell each side so that two values never run together;
 * beside the receiver's column when the run is too short for it.
 */
static void
carried(const struct geom *g, int y, int x, int x2, uint64_t value, attr_t a)
{
	char text[24];
	int len, at;

	snprintf(text, sizeof text, "%" PRIu64, value);
	len = (int)strlen(text);
	at = x + (x2 - x - len) / 2;
	if (x2 - x <= len)
		label(g, y, x2, value, a);
	else if (is_free(g, y, at - 1) && is_free(g, y, at + len))
		put_if_free(g, y, at, text, a);
}

/*
 * A message sent at column x1 on row y1 (x1 < x0: before the strip)
 * and taken at (x2, y2): it leaves the sender into the blank row next to
 * its lane, runs along it to the receiver's column with the value it
 * carried in the middle, then down or up that column to the receiver,
 * whose marker is the head. Lanes one row apart leave no blank row: the
 * head and the column are all there is room for.
 */
static void
arrow(const struct geom *g, int x1, int y1, int x2, int y2, uint64_t value,
    attr_t a)
{
	int dir = y2 > y1 ? 1 : -1;
	int y = y1 + dir, x = x1 < g->x0 ? g->x0 : x1;

	if (g->pitch > 1 && y != y2) {
		if (x == x1)
			put_free(g, y, x++, (dir > 0 ? '\\' : '/') | a);
		for (int i = x; i < x2; i++)
			put_free(g, y, i, '-' | a);
		carried(g, y, x, x2, value, a);
		y += dir;
	}
	for (; y != y2; y += dir)
		put_free(g, y, x2, '|' | a);
}

static void
markers(const struct view *v, const struct geom *g, const struct log_event *ev,
    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (shown(g, &ev[i]))
			mvaddch(lane_row(g, ev[i].vm), column(g, ev[i].wall_ns),
			    marker(&ev[i]) | screen_vm_attr(v, ev[i].vm) | A_BOLD);
}

static void
messages(const struct view *v, const struct geom *g, const struct log_event *ev,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct log_event *r = &ev[i];
		int from, x;

		if (r->kind != LOG_RECV || !shown(g, r) || r->peers[0] >= g->lanes)
			continue;
		from = send_column(g, ev, i);
		x = column(g, r->wall_ns);
		arrow(g, from < 0 ? g->x0 - 1 : from, lane_row(g, r->peers[0]), x,
		    lane_row(g, r->vm), r->msg_lamport,
		    screen_vm_attr(v, r->peers[0]));
	}
}

/* Each event's clock beside it, the newest first: they win the room. */
static void
clocks(const struct view *v, const struct geom *g, const struct log_event *ev,
    size_t n)
{
	while (n-- > 0)
		if (shown(g, &ev[n]))
			label(g, lane_row(g, ev[n].vm), column(g, ev[n].wall_ns),
			    ev[n].lamport, screen_vm_attr(v, ev[n].vm));
}

void
strip_draw(const struct view *v, int top, uint32_t nlanes, int pitch,
    const struct view_state *s, const struct log_event *ev, size_t n)
{
	struct geom g = {
		.top = top, .pitch = pitch, .x0 = SCREEN_LANE_X,
		.w = COLS - SCREEN_LANE_X, .lanes = nlanes, .now = s->now_ns,
		.col_ns = v->col_ns,
	};

	if (g.w < 1 || nlanes == 0)
		return;
	lanes(v, &g);
	markers(v, &g, ev, n);
	messages(v, &g, ev, n);
	clocks(v, &g, ev, n);
}

/* The time between two marks of the axis: 1, 2 or 5 times a power of ten
 * ns, a dozen columns at least, room for a mark and its time. */
static uint64_t
mark_step(uint64_t col_ns)
{
	uint64_t want = col_ns * 12, step = 1;

	while (step < want) {
		if (step * 2 >= want)
			return step * 2;
		if (step * 5 >= want)
			return step * 5;
		step *= 10;
	}
	return step;
}

void
strip_axis(const struct view *v, int y, uint64_t now)
{
	struct geom g = { .x0 = SCREEN_LANE_X, .w = COLS - SCREEN_LANE_X,
	    .now = now, .col_ns = v->col_ns };
	uint64_t step = mark_step(v->col_ns), span = view_strip_ns(v);
	uint64_t t = now > span ? (now - span) / step * step : 0;
	/* as many decimals as the step needs */
	int dec = step >= 1000000000 ? 0 : step >= 100000000 ? 1 :
	    step >= 10000000 ? 2 : step >= 1000000 ? 3 : step >= 100000 ? 4 : 6;
	char text[32];

	if (g.w < 1)
		return;
	mvaddstr(y, 0, "model");
	for (; t <= now; t += step) {
		int x = column(&g, t);

		if (x < 0)
			continue;
		snprintf(text, sizeof text, "|%.*fs", dec, (double)t / 1e9);
		mvaddnstr(y, x, text, COLS - x);
	}
}

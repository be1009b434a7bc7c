/* view/draw.c -- one frame of the view: the title, a row per VM, the strip, the faults, the keys */
#include <assert.h>
#include <curses.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "view/screen.h"
#include "vm/core/fault.h"
#include "vm/core/num.h"

/* Where each part goes at the terminal's size now. */
struct layout {
	int rows;		/* VM rows shown, from row 2 */
	int lane_top;		/* the strip's first lane */
	uint32_t lanes;		/* lanes shown */
	int pitch;		/* rows from lane to lane: 2 leaves room for arrows */
};

/*
 * Text at (y, x), or after the cursor with y < 0, cut at the right edge:
 * ncurses would wrap it onto the next row.
 */
static void put(int y, int x, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
put(int y, int x, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (y < 0)
		getyx(stdscr, y, x);
	if (x >= COLS || y >= LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	mvaddnstr(y, x, buf, COLS - x);
}

/* Rows shown of n wanted in an area of `room` rows, the last of which
 * says "+K more" when not all fit. */
static int
fitting(uint32_t n, int room)
{
	if (room <= 0)
		return 0;
	return n <= (uint32_t)room ? (int)n : room - 1;
}

static void
plan(const struct view *v, struct layout *l)
{
	uint32_t n = v->c.n;
	/* title, table header, strip header, footer, and the faults' line */
	int avail = LINES - 4 - (v->c.nfaults > 0);
	int rows_room = avail >= (int)(2 * n) ? (int)n : (avail + 1) / 2;
	int lane_room = avail - (rows_room > (int)n ? (int)n : rows_room);

	l->rows = fitting(n, rows_room);
	l->lanes = (uint32_t)fitting(n, lane_room);
	l->pitch = n > 1 && lane_room >= (int)(2 * n - 1) ? 2 : 1;
	l->lane_top = 2 + (n <= (uint32_t)rows_room ? (int)n : rows_room) + 1;
}

static void
title(const struct view *v, const struct view_state *s, const char *status)
{
	char right[160];
	int rlen, room;
	const char *dir = v->c.title;
	const char *mode = v->c.mode == VIEW_LIVE ? "live" : "replay";

	snprintf(right, sizeof right, "  t %.3f / %.3f s  %s",
	    (double)s->now_ns / 1e9, (double)v->c.duration_ns / 1e9,
	    status ? status : "");
	rlen = (int)strlen(right);
	room = COLS - rlen - (int)strlen(mode) - 12;
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	if (room > 3 && (int)strlen(dir) > room)
		put(0, 0, "clockring %s ...%s", mode, dir + strlen(dir) - (room - 3));
	else
		put(0, 0, "clockring %s %.*s", mode, room > 0 ? room : 0, dir);
	mvaddnstr(0, COLS - rlen > 0 ? COLS - rlen : 0, right, COLS);
	attroff(A_REVERSE);
}

/* The kinds counted in the table: three always, the rest once seen. */
static int
kinds(const struct view_state *s, enum log_kind *k)
{
	static const enum log_kind always[] = { LOG_RECV, LOG_SEND, LOG_INTERNAL };
	static const enum log_kind rare[] = { LOG_DROP, LOG_LOSS, LOG_PEER_DOWN,
	    LOG_PENDING };
	int m = 0;

	for (size_t i = 0; i < 3; i++)
		k[m++] = always[i];
	for (size_t i = 0; i < 4; i++)
		for (uint32_t j = 0; j < s->n; j++)
			if (s->vm[j].count[rare[i]] > 0) {
				k[m++] = rare[i];
				break;
			}
	return m;
}

static const char *
kind_head(enum log_kind k)
{
	static const char *name[LOG_KINDS] = { "int", "send", "recv", "pend",
	    "down", "drop", "loss" };

	return name[k];
}

/* The table's columns at this width. */
struct table {
	int clockw, countw, barw, driftw, queuew;
	enum log_kind kind[LOG_KINDS];
	int nkinds;
	uint64_t top, spread, qmax;	/* highest clock, top - lowest, longest queue */
};

static void
measure(const struct view_state *s, struct table *t)
{
	uint64_t low = UINT64_MAX, cmax = 0;

	memset(t, 0, sizeof *t);
	t->nkinds = kinds(s, t->kind);
	for (uint32_t i = 0; i < s->n; i++) {
		const struct view_vm *m = &s->vm[i];

		t->top = m->lamport > t->top ? m->lamport : t->top;
		low = m->lamport < low ? m->lamport : low;
		t->qmax = m->queue_len > t->qmax ? m->queue_len : t->qmax;
		for (int k = 0; k < t->nkinds; k++)
			cmax = m->count[t->kind[k]] > cmax ? m->count[t->kind[k]] : cmax;
	}
	t->spread = s->n > 0 ? t->top - low : 0;
	t->clockw = num_digits(t->top) > 5 ? (int)num_digits(t->top) : 5;
	t->countw = num_digits(cmax) > 4 ? (int)num_digits(cmax) : 4;
	t->driftw = (int)num_digits(t->spread) + 1;
	t->queuew = (int)num_digits(t->qmax);
	/* id 5, rate 7, then " clock", two bars with their numbers, counts */
	int rest = COLS - 12 - (t->clockw + 1) - t->nkinds * (t->countw + 1) -
	    (t->driftw + 1) - (t->queuew + 1) - 4;
	t->barw = rest >= 6 ? rest / 2 : 0;
}

/* A bar of w cells, full at `full`. */
static void
bar(int y, int x, int w, uint64_t value, uint64_t full)
{
	int fill = full > 0 ? (int)((value * (uint64_t)w + full - 1) / full) : 0;

	fill = fill > w ? w : fill;
	mvhline(y, x, '#', fill);
	mvhline(y, x + fill, '.', w - fill);
}

static void
table_head(const struct table *t)
{
	int x = 12 + t->clockw + 1;

	attron(A_BOLD);
	put(1, 0, "vm    rate %*s", t->clockw, "clock");
	put(1, x + 1, "behind");
	x += t->barw + t->driftw + 2;
	put(1, x + 1, "queue");
	x += t->barw + t->queuew + 2;
	for (int k = 0; k < t->nkinds; k++, x += t->countw + 1)
		put(1, x, " %*s", t->countw, kind_head(t->kind[k]));
	attroff(A_BOLD);
}

static void
table_row(const struct view *v, const struct view_state *s,
    const struct table *t, uint32_t i, int y)
{
	const struct view_vm *m = &s->vm[i];
	int x = 12 + t->clockw + 1;
	char behind[24];
	/* A short queue shows as short: the bar is full at 8 at least. */
	uint64_t qfull = t->qmax > 8 ? t->qmax : 8;

	attron(screen_vm_attr(v, i) | A_BOLD);
	put(y, 0, "vm%-3" PRIu32, i);
	attroff(screen_vm_attr(v, i) | A_BOLD);
	put(y, 5, " %4" PRIu32 "/s %*" PRIu64, v->c.rates ? v->c.rates[i] : 0,
	    t->clockw, m->lamport);
	if (t->barw > 0)
		bar(y, x + 1, t->barw, t->top - m->lamport, t->spread);
	snprintf(behind, sizeof behind, t->top > m->lamport ? "-%" PRIu64 : "0",
	    t->top - m->lamport);
	put(y, x + 1 + t->barw, " %*s", t->driftw, behind);
	x += t->barw + t->driftw + 2;
	if (t->barw > 0)
		bar(y, x + 1, t->barw, m->queue_len, qfull);
	put(y, x + 1 + t->barw, " %*" PRIu64, t->queuew, m->queue_len);
	x += t->barw + t->queuew + 2;
	for (int k = 0; k < t->nkinds; k++, x += t->countw + 1)
		put(y, x, " %*" PRIu64, t->countw, m->count[t->kind[k]]);
}

static void
table(const struct view *v, const struct view_state *s, int rows)
{
	struct table t;

	measure(s, &t);
	table_head(&t);
	for (int i = 0; i < rows; i++)
		table_row(v, s, &t, (uint32_t)i, 2 + i);
	if ((uint32_t)rows < s->n)
		put(2 + rows, 0, "+%" PRIu32 " more", s->n - (uint32_t)rows);
}

static void
strip_head(const struct view *v, int y)
{
	double span = (double)view_strip_ns(v) / 1e9;
	double col = (double)v->col_ns / 1e6;

	attron(A_BOLD);
	mvhline(y, 0, ' ', COLS);
	put(y, 0, "last %.3g s, %.3g ms a column:", span, col);
	attroff(A_BOLD);
	put(-1, 0, " o int  * send  v^ recv  x lost  ! down");
}

/* Each fault once it has begun, and whether it is on now. */
static void
faults(const struct view *v, uint64_t now, int y)
{
	char spec[FAULT_TEXT_MAX];
	int begun = 0;

	put(y, 0, "faults:");
	for (uint32_t i = 0; i < v->c.nfaults; i++) {
		const struct fault *f = &v->c.faults[i];
		double t = (double)now / 1e9;

		if (t < f->at_s)
			continue;
		fault_format(f, spec, sizeof spec);
		put(-1, 0, "  %s%s", spec, f->kind == FAULT_KILL ? "" :
		    t < f->at_s + f->for_s ? " (on)" : " (over)");
		begun++;
	}
	if (begun == 0)
		put(-1, 0, "  %" PRIu32 " planned, none begun yet", v->c.nfaults);
}

static const char *const keys_replay[] = {
	"q           leave the replay",
	"space       pause / play (at the end: replay)",
	"-> or n     one event forward",
	"<- or p     one event back",
	"+ / -       twice / half the pace",
	"g           jump to a model second",
	"?           this list (any key hides it)",
};
static const char *const keys_live[] = {
	"q           end the run cleanly (as Ctrl-C)",
	"space       freeze the view (the run goes on)",
	"?           this list (any key hides it)",
};

static void
footer(const struct view *v)
{
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, v->c.mode == VIEW_REPLAY ?
	    " q leave  space pause  <- -> step  + - pace  g jump  ? keys" :
	    " q end the run  space freeze the view  ? keys", COLS);
	attroff(A_REVERSE);
}

static void
help(const struct view *v)
{
	const char *const *line = v->c.mode == VIEW_REPLAY ? keys_replay : keys_live;
	int n = v->c.mode == VIEW_REPLAY ?
	    (int)(sizeof keys_replay / sizeof *keys_replay) :
	    (int)(sizeof keys_live / sizeof *keys_live);
	int w = 48, h = n + 4;
	int y = (LINES - h) / 2 > 0 ? (LINES - h) / 2 : 0;
	int x = (COLS - w) / 2 > 0 ? (COLS - w) / 2 : 0;

	for (int i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	attron(A_BOLD);
	mvhline(y, x, '-', w);
	mvhline(y + h - 1, x, '-', w);
	mvaddstr(y + 1, x + 2, "keys");
	attroff(A_BOLD);
	for (int i = 0; i < n; i++)
		mvaddnstr(y + 3 + i, x + 2, line[i], w - 4);
}

void
view_draw(struct view *v, const struct view_state *s,
    const struct log_event *strip, size_t nstrip, const char *status)
{
	struct layout l;
	int axis;

	assert(s->n == v->c.n);	/* the ring the view was opened for */
	erase();
	plan(v, &l);
	title(v, s, status);
	table(v, s, l.rows);
	strip_head(v, l.lane_top - 1);
	strip_draw(v, l.lane_top, l.lanes, l.pitch, s, strip, nstrip);
	axis = l.lane_top + (l.lanes > 0 ? (int)(l.lanes - 1) * l.pitch + 1 : 0);
	if (l.lanes < s->n)
		put(axis++, 0, "+%" PRIu32 " more lanes", s->n - l.lanes);
	if (axis < LINES - 1 - (v->c.nfaults > 0))
		strip_axis(v, axis, s->now_ns);
	if (v->c.nfaults > 0)
		faults(v, s->now_ns, LINES - 2);
	footer(v);
	if (v->help)
		help(v);
	refresh();
}

/* view/view.c -- the terminal taken and given back, the keys read, the key list shown */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "view/screen.h"
#include "vm/core/num.h"

/* The smallest terminal the view draws on. */
#define MIN_COLS	40
#define MIN_ROWS	10
/* Columns a strip event of the fastest VM gets: a marker and its clock. */
#define COLS_PER_TICK	6

/*
 * One strip column: a round model time (1, 2 or 5 times a power of ten
 * ns) at which the fastest VM's events land COLS_PER_TICK columns apart,
 * room for each to show its clock.
 */
static uint64_t
column_ns(const struct view_conf *c)
{
	uint32_t rmax = 1;
	uint64_t want, step = 1;

	for (uint32_t i = 0; i < c->n; i++)
		if (c->rates != NULL && c->rates[i] > rmax)
			rmax = c->rates[i];
	want = 1000000000ull / ((uint64_t)rmax * COLS_PER_TICK);
	while (step * 10 <= want)
		step *= 10;
	if (step * 5 <= want)
		return step * 5;
	return step * 2 <= want ? step * 2 : step;
}

/* Our copies of what the caller lent, so the view needs nothing of it. */
static int
keep_conf(struct view *v, const struct view_conf *c)
{
	v->c = *c;
	v->rates = calloc(c->n ? c->n : 1, sizeof *v->rates);
	v->faults = calloc(c->nfaults ? c->nfaults : 1, sizeof *v->faults);
	v->title = strdup(c->title ? c->title : "");
	if (v->rates == NULL || v->faults == NULL || v->title == NULL)
		return -1;
	if (c->rates != NULL)
		memcpy(v->rates, c->rates, c->n * sizeof *v->rates);
	if (c->faults != NULL)
		memcpy(v->faults, c->faults, c->nfaults * sizeof *v->faults);
	v->c.rates = v->rates;
	v->c.faults = v->faults;
	v->c.title = v->title;
	return 0;
}

/* Colours in pairs 1.., one per VM up to the terminal's 8 or 16. */
static void
colours(struct view *v)
{
	static const short base[] = { COLOR_CYAN, COLOR_YELLOW, COLOR_GREEN,
	    COLOR_MAGENTA, COLOR_BLUE, COLOR_RED, COLOR_WHITE };
	int n = sizeof base / sizeof base[0];

	short bg;

	if (!has_colors() || start_color() == ERR)
		return;
	/* The terminal's own background where it lets us keep it. */
	bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
	for (int i = 0; i < n; i++)
		init_pair((short)(i + 1), base[i], bg);
	/* The bright seven, where there are 16 colours. */
	for (int i = 0; COLORS >= 16 && COLOR_PAIRS > 2 * n && i < n; i++)
		init_pair((short)(n + i + 1), (short)(base[i] + 8), bg);
	v->ncolours = COLORS >= 16 && COLOR_PAIRS > 2 * n ? 2 * n : n;
}

attr_t
screen_vm_attr(const struct view *v, uint32_t vm)
{
	if (v->ncolours == 0)
		return A_NORMAL;
	return COLOR_PAIR((short)(vm % (uint32_t)v->ncolours + 1));
}

static const char *
no_terminal(void)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return "standard input or output is not a terminal";
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return "TERM names no terminal the view can draw on";
	return NULL;
}

struct view *
view_open(const struct view_conf *c, char *err, size_t errlen)
{
	struct view *v = calloc(1, sizeof *v);
	const char *why = no_terminal();

	if (why != NULL) {
		snprintf(err, errlen, "%s", why);
		goto fail;
	}
	if (v == NULL || keep_conf(v, c) == -1) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if ((v->scr = newterm(NULL, stdout, stdin)) == NULL) {
		snprintf(err, errlen, "terminal '%s' is not known", getenv("TERM"));
		goto fail;
	}
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		snprintf(err, errlen, "terminal %dx%d is too small (the view needs "
		    "%dx%d)", COLS, LINES, MIN_COLS, MIN_ROWS);
		goto fail;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	colours(v);
	v->col_ns = column_ns(c);
	return v;
fail:
	view_close(v);
	return NULL;
}

void
view_close(struct view *v)
{
	if (v == NULL)
		return;
	if (v->scr != NULL) {
		endwin();
		delscreen(v->scr);
	}
	free(v->rates);
	free(v->faults);
	free(v->title);
	free(v);
}

uint64_t
view_strip_ns(const struct view *v)
{
	int w = COLS - SCREEN_LANE_X;

	return v->col_ns * (uint64_t)(w > 1 ? w : 1);
}

/* The model second to jump to, typed on the bottom line: 0, or -1. */
static int
prompt_second(double *arg)
{
	char buf[32] = "";
	size_t len = 0;
	int ch;

	timeout(-1);
	curs_set(1);
	for (;;) {
		move(LINES - 1, 0);
		clrtoeol();
		printw("jump to model second: %s", buf);
		refresh();
		ch = getch();
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == 27 || ch == ERR) {	/* Escape: no jump */
			len = 0;
			break;
		}
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len > 0)
			buf[--len] = '\0';
		else if (((ch >= '0' && ch <= '9') || ch == '.') &&
		    len + 1 < sizeof buf) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	return len > 0 && num_real(buf, arg) == 0 ? 0 : -1;
}

/* What a key asks of a replay; VIEW_NONE for one a live run ignores. */
static enum view_cmd
replay_key(int ch, double *arg)
{
	switch (ch) {
	case KEY_RIGHT: case 'n':
		return VIEW_FORWARD;
	case KEY_LEFT: case 'p':
		return VIEW_BACK;
	case '+': case '=':
		return VIEW_FASTER;
	case '-': case '_':
		return VIEW_SLOWER;
	case 'g':
		return prompt_second(arg) == 0 ? VIEW_JUMP : VIEW_NONE;
	default:
		return VIEW_NONE;
	}
}

enum view_cmd
view_key(struct view *v, int timeout_ms, double *arg)
{
	int ch;

	timeout(timeout_ms);
	ch = getch();
	if (ch == ERR || ch == KEY_RESIZE)
		return VIEW_NONE;	/* the next draw takes the new size */
	if (v->help) {	/* any key puts the key list away */
		v->help = false;
		return VIEW_NONE;
	}
	if (ch == '?') {
		v->help = true;
		return VIEW_NONE;
	}
	if (ch == 'q' || ch == 'Q')
		return VIEW_QUIT;
	if (ch == ' ')
		return VIEW_PAUSE;
	return v->c.mode == VIEW_REPLAY ? replay_key(ch, arg) : VIEW_NONE;
}

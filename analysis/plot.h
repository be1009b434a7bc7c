/* analysis/plot.h -- draw the plots of analysis/NAME.gp with gnuplot */
#ifndef ANALYSIS_PLOT_H
#define ANALYSIS_PLOT_H

#include <stddef.h>
#include <stdio.h>

/* The plots, in the order they are drawn: NAME.gp makes NAME.png. */
extern const char *const plot_names[];
extern const size_t plot_count;

/*
 * Is file, the name of a compiled-in script (gp_scripts.h), one that a
 * run's plots draw or load? Those are the scripts analyze writes.
 */
int plot_run_script(const char *file);

/*
 * Draw each plot of a run with the scripts in dir, which holds them, the
 * data files and plotvars.gp, as dir/NAME.png, or NAME.svg when svg. 0
 * ok; 1 gnuplot is not installed (err says how to get it); -1 gnuplot
 * failed or printed anything at all, warnings included (err names the
 * script and quotes gnuplot's message).
 */
int plot_render(const char *dir, int svg, char *err, size_t errlen);

/*
 * A family of plots drawn together in one directory: NAME.gp draws
 * NAME.png (or .svg), loading the library scripts libs.
 */
struct plot_set {
	const char *const *names;
	size_t count;
	const char *const *libs;	/* e.g. "common.gp" */
	size_t nlibs;
};

/*
 * Write set's scripts, as compiled in, into dir, and draw its plots as
 * plot_render does; only set's scripts are written.
 */
int plot_render_set(const char *dir, const struct plot_set *set, int svg,
    char *err, size_t errlen);

/*
 * Draw the drift plot as text (gnuplot's dumb terminal) onto out, sized
 * to out's terminal, or 100x30 when out is not one, with the scripts in
 * dir. Returns as above.
 */
int plot_term(const char *dir, FILE *out, char *err, size_t errlen);

#endif

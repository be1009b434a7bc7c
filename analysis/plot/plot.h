/* analysis/plot/plot.h -- draw the plots of the NAME.gp scripts in a folder with gnuplot */
#ifndef ANALYSIS_PLOT_PLOT_H
#define ANALYSIS_PLOT_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The plots, in the order they are drawn: NAME.gp makes NAME.png. */
extern const char *const plot_names[];
extern const size_t plot_count;

/*
 * A family of plots drawn together in one directory: PREFIXNAME.gp draws
 * NAME.png (or .svg), loading the library scripts libs.
 */
struct plot_set {
	const char *prefix;	/* of the scripts' names: "" or "summary_" */
	const char *const *names;
	size_t count;
	const char *const *libs;	/* e.g. "common.gp" */
	size_t nlibs;
};

/* A run's plots, plot_names, and the scripts they load: what analyze draws. */
extern const struct plot_set plot_run_set;
/* A summary run's (--log summary): clock, drift, jumps and queue, drawn
 * by summary_NAME.gp from series.csv and jumps.csv. */
extern const struct plot_set plot_summary_set;

/*
 * Is file, the name of a compiled-in script (gp_scripts.h), one that
 * set's plots draw or load? Those are the scripts of set's folder.
 */
bool plot_set_has(const struct plot_set *set, const char *file);

/*
 * Draw each plot of set with the scripts in dir, which holds them and
 * the data they plot, as dir/NAME.png, or NAME.svg when svg. 0 ok; 1
 * gnuplot is not installed (err says how to get it); -1 gnuplot failed
 * or printed anything at all, warnings included (err names the script
 * and quotes gnuplot's message).
 */
int plot_render_set(const char *dir, const struct plot_set *set, int svg,
    char *err, size_t errlen);

/*
 * Draw set's drift plot as text (gnuplot's dumb terminal) onto out, sized
 * to out's terminal, or 100x30 when out is not one, with the scripts in
 * dir. Returns as above.
 */
int plot_term(const char *dir, const struct plot_set *set, FILE *out,
    char *err, size_t errlen);

#endif

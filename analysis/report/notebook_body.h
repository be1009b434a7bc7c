/* analysis/report/notebook_body.h -- what the lab notebook says, in order: one description for Markdown and HTML */
#ifndef ANALYSIS_REPORT_NOTEBOOK_BODY_H
#define ANALYSIS_REPORT_NOTEBOOK_BODY_H

#include "analysis/compare/compare.h"
#include "analysis/report/doc.h"

/* Where the report's pieces are, as paths the report writer can open. */
struct notebook_where {
	const char *out;	/* the directory of report.md and report.html */
	const char *compare;	/* the comparison's files and plots */
};

/*
 * The notebook after its title: what was run, the comparison at a
 * glance, each experiment (settings from its runs' run.meta, runs, plots
 * of its typical run and links to the others), the comparison tables
 * and plots, the observations. Images and links are relative to w->out.
 * 0, or -1 out of memory.
 */
int notebook_body(struct doc *d, const struct compare *c,
    const struct notebook_where *w);

#endif

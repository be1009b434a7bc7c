/* analysis/report/notebook.h -- `clockring report RESULTS_DIR`: the lab notebook, report.md and report.html */
#ifndef ANALYSIS_REPORT_NOTEBOOK_H
#define ANALYSIS_REPORT_NOTEBOOK_H

/*
 * argv holds what follows "report". Returns the exit status: 0 written,
 * 1 no complete experiment or a file not written, 2 bad usage.
 */
int notebook_main(int argc, char **argv);

#endif

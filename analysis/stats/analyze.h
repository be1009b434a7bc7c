/* analysis/stats/analyze.h -- `clockring analyze RUN_DIR...`: statistics, data files and plots */
#ifndef ANALYSIS_STATS_ANALYZE_H
#define ANALYSIS_STATS_ANALYZE_H

/*
 * argv holds what follows "analyze". Returns the exit status: 0 every run
 * analyzed; 1 a bad run (fails check without --no-check, unreadable or
 * truncated logs); 2 bad usage, nothing analyzed.
 */
int analyze_main(int argc, char **argv);

#endif

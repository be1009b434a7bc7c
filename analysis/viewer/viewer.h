/* analysis/viewer/viewer.h -- clockring view: a run as one self-contained interactive HTML page */
#ifndef ANALYSIS_VIEWER_VIEWER_H
#define ANALYSIS_VIEWER_VIEWER_H

/* The command: argv holds its arguments only. Returns the exit status. */
int viewer_main(int argc, char **argv);

#endif

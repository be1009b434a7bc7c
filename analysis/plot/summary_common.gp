# summary_common.gp -- what the plots of a summary run (--log summary) share: its numbers, the look, the time axis
#
# Each summary_NAME.gp sets plot_name, then loads this file, which loads
# the run's numbers from plotvars.gp and the common look from look.gp.
# The data are the driver's files, copied beside the scripts by analyze:
# series.csv (sampled over time) and jumps.csv (jump sizes), read as CSV.

load "plotvars.gp"
load "look.gp"
set datafile separator ","
series = "series.csv"
jumps = "jumps.csv"
run_text = sprintf("%s: %s VMs, seed %s", title_run, n_text, seed)
if (strlen(stopped) > 0) { run_text = run_text . ", " . stopped }
t_axis = t_end > 0 ? t_end : 1
set xlabel "model time (s)"
set xrange [0:t_axis]
set key top left

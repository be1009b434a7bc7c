# compare_drift.gp -- drift over model time per experiment (compare_drift.dat), mean and band
plot_name = "compare_drift"
band_file = "compare_drift.dat"
band_title = "Drift (clock ticks): how far the furthest-behind VM trails the highest clock"
load "compare_band.gp"

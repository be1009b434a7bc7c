# compare_queue.gp -- queue length over model time per experiment (compare_queue.dat), mean and band
plot_name = "compare_queue"
band_file = "compare_queue.dat"
band_title = "Queues (messages): how many wait at the VM with the longest queue"
load "compare_band.gp"

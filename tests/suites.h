/* tests/suites.h -- one suite maker per module, gathered by check_main.c */
#ifndef TESTS_SUITES_H
#define TESTS_SUITES_H

#include <check.h>

Suite *make_rng_suite(void);
Suite *make_sumrun_suite(void);
Suite *make_fault_suite(void);
Suite *make_num_suite(void);
Suite *make_inject_suite(void);
Suite *make_step_suite(void);
Suite *make_core_suite(void);
Suite *make_shared_suite(void);
Suite *make_logw_suite(void);
Suite *make_logline_suite(void);
Suite *make_vmend_suite(void);
Suite *make_runmeta_suite(void);
Suite *make_vqueue_suite(void);
Suite *make_reader_suite(void);
Suite *make_links_suite(void);
Suite *make_wire_suite(void);
Suite *make_options_suite(void);
Suite *make_logread_suite(void);
Suite *make_logpar_suite(void);
Suite *make_check_suite(void);
Suite *make_faults_suite(void);
Suite *make_stats_suite(void);
Suite *make_findings_suite(void);
Suite *make_analyze_suite(void);
Suite *make_plot_suite(void);
Suite *make_style_suite(void);
Suite *make_outfile_suite(void);
Suite *make_stage_suite(void);
Suite *make_manifest_suite(void);
Suite *make_keepdir_suite(void);
Suite *make_expfile_suite(void);
Suite *make_stale_suite(void);
Suite *make_compare_suite(void);
Suite *make_notebook_suite(void);
Suite *make_fuzz_regress_suite(void);
Suite *make_view_suite(void);
Suite *make_replay_suite(void);
Suite *make_feed_suite(void);
Suite *make_recent_suite(void);
Suite *make_gather_suite(void);
Suite *make_vclock_suite(void);
Suite *make_viewdata_suite(void);
Suite *make_export_suite(void);
Suite *make_hb_suite(void);

#endif

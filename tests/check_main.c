/* tests/check_main.c -- runs every unit-test suite in Check's fork mode */
#include <stdlib.h>

#include "tests/suites.h"

int
main(void)
{
	Suite *(*makers[])(void) = {
		make_rng_suite, make_step_suite, make_core_suite, make_shared_suite, make_wire_suite,
		make_options_suite, make_logread_suite, make_logpar_suite, make_check_suite,
		make_expfile_suite, make_stale_suite, make_plot_suite, make_style_suite,
		make_outfile_suite, make_stage_suite, make_manifest_suite,
		make_keepdir_suite, make_stats_suite, make_findings_suite,
		make_vqueue_suite,
		make_analyze_suite, make_compare_suite, make_notebook_suite,
		make_fuzz_regress_suite, make_fault_suite, make_faults_suite,
		make_inject_suite, make_logw_suite, make_reader_suite,
		make_links_suite, make_num_suite, make_logline_suite,
		make_vmend_suite, make_runmeta_suite, make_view_suite,
		make_replay_suite, make_feed_suite, make_recent_suite,
		make_gather_suite, make_vclock_suite, make_viewdata_suite,
		make_export_suite, make_hb_suite, make_sumrun_suite,
	};
	SRunner *sr = srunner_create(NULL);
	for (size_t i = 0; i < sizeof makers / sizeof makers[0]; i++)
		srunner_add_suite(sr, makers[i]());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

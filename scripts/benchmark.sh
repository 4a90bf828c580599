#!/usr/bin/env bash
# KPI benchmark (not part of the tests): a scratch site with 100k complaints and 500k callbacks,
# timing the month scorecard and the complaint analysis beside raw SQL. Both must stay under 1 s.
#   bash scripts/benchmark.sh            (CSC_BENCH_SITE, CSC_BENCH_COMPLAINTS, CSC_BENCH_CALLBACKS to tune)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
BENCH_SITE="${CSC_BENCH_SITE:-csc-bench.localhost}"
started_here=0
db_running || started_here=1
bash "$CSC_REPO/scripts/setup.sh"
cleanup() { [ "$started_here" = 1 ] && stop_services; return 0; }
trap cleanup EXIT
start_services
if create_site_if_missing "$BENCH_SITE"; then
	bench_cmd --site "$BENCH_SITE" execute erpnext.setup.utils.before_tests >"$CSC_LOG_DIR/before-tests-bench.log" 2>&1
	app_schema_hash >"$BENCH_DIR/sites/$BENCH_SITE/.csc_schema_hash"
fi
migrate_if_changed "$BENCH_SITE"
cd "$BENCH_DIR/sites"
SITES_PATH="$BENCH_DIR/sites" PYTHONPATH="$CSC_REPO" "$BENCH_DIR/env/bin/python" "$CSC_REPO/scripts/benchmark_kpis.py" "$BENCH_SITE"

#!/usr/bin/env bash
# README command 2: run the test suite on its own site (never the demo site) and exit non-zero
# on any failure. Builds or reuses the bench, starts MariaDB and Redis if they are not running
# (and stops what it started), creates or migrates the test site. Extra arguments go to pytest,
# e.g. scripts/test.sh tests/test_masters.py -k phone
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
export CI="${CI:-}"
started_here=0
db_running || started_here=1

bash "$CSC_REPO/scripts/setup.sh"
cleanup() { [ "$started_here" = 1 ] && stop_services; return 0; }
trap cleanup EXIT
start_services

if create_site_if_missing "$TEST_SITE"; then
	bench_cmd --site "$TEST_SITE" set-config allow_tests true >/dev/null
	bench_cmd --site "$TEST_SITE" set-config -p mute_emails 1 >/dev/null
	# tests create many real users quickly; frappe throttles more than 60 new users a minute
	bench_cmd --site "$TEST_SITE" set-config -p throttle_user_limit 100000 >/dev/null
	log "preparing ERPNext test records on $TEST_SITE (erpnext.setup.utils.before_tests)"
	bench_cmd --site "$TEST_SITE" execute erpnext.setup.utils.before_tests >"$CSC_LOG_DIR/before-tests.log" 2>&1 \
		|| die "before_tests failed, see $CSC_LOG_DIR/before-tests.log"
	app_schema_hash >"$BENCH_DIR/sites/$TEST_SITE/.csc_schema_hash"
fi
migrate_if_changed "$TEST_SITE"

log "running pytest on $TEST_SITE"
# Frappe writes its logs relative to the sites folder, so pytest runs from there; test paths given
# relative to the checkout are resolved against it, and with none the whole tests/ folder runs.
args=() has_path=0
for arg in "$@"; do
	if [[ "$arg" != -* && -e "$CSC_REPO/${arg%%::*}" ]]; then
		args+=("$CSC_REPO/$arg") has_path=1
	else
		args+=("$arg")
	fi
done
[ "$has_path" = 1 ] || args+=("$CSC_REPO/tests")
cd "$BENCH_DIR/sites"
set +e
CSC_TEST_SITE="$TEST_SITE" SITES_PATH="$BENCH_DIR/sites" PYTHONPATH="$CSC_REPO${PYTHONPATH:+:$PYTHONPATH}" \
	"$BENCH_DIR/env/bin/python" -m pytest -c "$CSC_REPO/pyproject.toml" --rootdir "$CSC_REPO" "${args[@]}"
status=$?
set -e
exit $status

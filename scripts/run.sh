#!/usr/bin/env bash
# README command 1: build or reuse the bench, prepare the demo site with demo data, and serve the
# desk on http://127.0.0.1:$CSC_WEB_PORT (loopback only) with the scheduler, a background worker
# and the realtime server. Ctrl-C stops everything it started.
#   scripts/run.sh              serve in the foreground
#   scripts/run.sh --detach     serve in the background (stop with scripts/services.sh stop)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
detach=0
[ "${1:-}" = "--detach" ] && detach=1
SOCKETIO_PORT="${CSC_SOCKETIO_PORT:-9000}"
PID_DIR="$CSC_HOME/pids"
mkdir -p "$PID_DIR"

bash "$CSC_REPO/scripts/setup.sh"
start_services
bench_cmd set-config -g -p socketio_port "$SOCKETIO_PORT" >/dev/null

if create_site_if_missing "$DEMO_SITE"; then
	app_schema_hash >"$BENCH_DIR/sites/$DEMO_SITE/.csc_schema_hash"
fi
migrate_if_changed "$DEMO_SITE"
bench_cmd use "$DEMO_SITE" >/dev/null

log "loading demo data (idempotent); log: $CSC_LOG_DIR/demo.log"
bench_cmd --site "$DEMO_SITE" execute csc_app.demo.setup.setup_demo >"$CSC_LOG_DIR/demo.log" 2>&1 \
	|| die "demo data failed, see $CSC_LOG_DIR/demo.log"
bench_cmd --site "$DEMO_SITE" enable-scheduler >/dev/null 2>&1 || true

stop_processes() {
	local f
	for f in "$PID_DIR"/*.pid; do
		[ -f "$f" ] || continue
		kill "$(cat "$f")" 2>/dev/null || true
		rm -f "$f"
	done
}
stop_processes

start_process() { # name, command...
	local name="$1"; shift
	(cd "$BENCH_DIR/sites" && exec nohup "$@" >>"$CSC_LOG_DIR/$name.log" 2>&1) &
	echo $! >"$PID_DIR/$name.pid"
}

log "starting web (gunicorn on 127.0.0.1:$WEB_PORT), realtime, worker and scheduler; logs in $CSC_LOG_DIR"
# DEV_SERVER=1 makes the desk reach the realtime server on its own port (there is no nginx to proxy it).
CSC_SITE="$DEMO_SITE" start_process web env CSC_SITE="$DEMO_SITE" DEV_SERVER=1 "$BENCH_DIR/env/bin/gunicorn" \
	--bind "127.0.0.1:$WEB_PORT" --workers 2 --threads 4 --timeout 120 --chdir "$BENCH_DIR/sites" \
	--pythonpath "$CSC_REPO/scripts" site_wsgi:application
start_process realtime node --require "$CSC_REPO/scripts/loopback-only.js" "$BENCH_DIR/apps/frappe/socketio.js"
start_process worker "$BENCH_DIR/env/bin/python" -m frappe.utils.bench_helper frappe worker
start_process scheduler "$BENCH_DIR/env/bin/python" -m frappe.utils.bench_helper frappe schedule

for _ in $(seq 1 60); do
	curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/api/method/ping" 2>/dev/null && break
	sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/api/method/ping" || die "the web server did not answer, see $CSC_LOG_DIR/web.log"

cat <<MSG

  csc_app is running: http://127.0.0.1:$WEB_PORT/app/csc   (site $DEMO_SITE)

  Demo logins (password for every demo user: Csc@demo2026)
    Administrator              admin (password: $ADMIN_PASSWORD)
    manager@csc.example        CSC Manager, every hall (English UI)
    supervisor@csc.example     CSC Supervisor, 一号馆 + 二号馆
    agent@csc.example          CSC Agent, 一号馆
    agent.b@csc.example        CSC Agent, 二号馆
    archivist@csc.example      CSC Archivist, all three halls
    handler@csc.example        CSC Department Handler, 物流部
    captain@csc.example        Guide Vehicle Captain
    driver@csc.example         Guide Vehicle Driver

MSG

if [ "$detach" = 1 ]; then
	log "running in the background; stop with: bash scripts/services.sh stop"
	exit 0
fi
trap 'log "stopping"; stop_processes; stop_services; exit 0' INT TERM
log "press Ctrl-C to stop"
wait

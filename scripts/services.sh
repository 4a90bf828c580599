#!/usr/bin/env bash
# Start, stop or show the private MariaDB, the bench's Redis and the demo server processes.
#   scripts/services.sh start|stop|status
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
PID_DIR="$CSC_HOME/pids"
case "${1:-status}" in
start) start_services ;;
stop)
	for f in "$PID_DIR"/*.pid; do
		[ -f "$f" ] || continue
		kill "$(cat "$f")" 2>/dev/null || true
		rm -f "$f"
	done
	stop_services
	;;
status)
	db_running && echo "mariadb: running on 127.0.0.1:$DB_PORT" || echo "mariadb: stopped"
	for name in redis_cache redis_queue; do
		[ -f "$BENCH_DIR/config/$name.conf" ] || continue
		redis_running "$name" && echo "$name: running on 127.0.0.1:$(redis_port "$name")" || echo "$name: stopped"
	done
	for f in "$PID_DIR"/*.pid; do
		[ -f "$f" ] || continue
		kill -0 "$(cat "$f")" 2>/dev/null && echo "$(basename "$f" .pid): running" || echo "$(basename "$f" .pid): stopped"
	done
	;;
*) die "usage: scripts/services.sh start|stop|status" ;;
esac

#!/usr/bin/env bash
# Build the bench from nothing, or reuse it: OS packages, the bench CLI, a private MariaDB,
# `bench init` (frappe version-15), ERPNext version-15 and this checkout soft-linked in.
# Idempotent: a second run only re-points the app link and refreshes what changed.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

ensure_os_packages
ensure_bench_cli
start_db

bench_parent="$(dirname "$BENCH_DIR")"
bench_name="$(basename "$BENCH_DIR")"
if [ ! -f "$BENCH_DIR/.csc_init_done" ]; then
	if [ -d "$BENCH_DIR" ]; then
		log "removing the unfinished bench at $BENCH_DIR"
		rm -rf "$BENCH_DIR"
	fi
	mkdir -p "$bench_parent/sites"
	# bench refuses to run as root unless the calling folder names root as the frappe user.
	if [ "$(id -u)" = 0 ] && [ ! -f "$bench_parent/sites/common_site_config.json" ]; then
		echo '{"frappe_user": "root"}' >"$bench_parent/sites/common_site_config.json"
	fi
	log "bench init $BENCH_DIR (frappe $FRAPPE_BRANCH); this takes several minutes, log: $CSC_LOG_DIR/bench-init.log"
	(cd "$bench_parent" && bench init "$bench_name" --frappe-path "$FRAPPE_URL" --frappe-branch "$FRAPPE_BRANCH" \
		--python "$(command -v python3)" --no-backups --skip-assets) >"$CSC_LOG_DIR/bench-init.log" 2>&1 \
		|| die "bench init failed, see $CSC_LOG_DIR/bench-init.log"
	# setuptools 81+ drops pkg_resources, which new-site still imports.
	uv pip install -q --python "$BENCH_DIR/env/bin/python" 'setuptools<81'
	[ "$(id -u)" = 0 ] && bench_cmd config set-common-config -c frappe_user root >/dev/null 2>&1 || true
	touch "$BENCH_DIR/.csc_init_done"
fi

# apps.txt as bench writes it may lack a final newline; list each app once, one per line.
ensure_in_apps_txt() {
	local f="$BENCH_DIR/sites/apps.txt"
	python3 - "$f" "$1" <<'PY'
import sys
path, app = sys.argv[1], sys.argv[2]
apps = [a.strip() for a in open(path).read().split() if a.strip()]
if app not in apps:
    apps.append(app)
open(path, "w").write("\n".join(apps) + "\n")
PY
}

bench_cmd set-config -g db_host 127.0.0.1 >/dev/null
bench_cmd set-config -g -p db_port "$DB_PORT" >/dev/null
bench_cmd set-config -g -p webserver_port "$WEB_PORT" >/dev/null

if [ ! -d "$BENCH_DIR/apps/erpnext" ]; then
	log "bench get-app erpnext ($FRAPPE_BRANCH); log: $CSC_LOG_DIR/get-erpnext.log"
	bench_cmd get-app --branch "$FRAPPE_BRANCH" --skip-assets "$ERPNEXT_URL" >"$CSC_LOG_DIR/get-erpnext.log" 2>&1 \
		|| die "bench get-app erpnext failed, see $CSC_LOG_DIR/get-erpnext.log"
fi

# This checkout, soft-linked through a stable path so that a fresh clone elsewhere re-points it.
mkdir -p "$CSC_HOME/src"
link="$CSC_HOME/src/csc_app"
previous="$(readlink "$link" 2>/dev/null || true)"
ln -sfn "$CSC_REPO" "$link"
if [ ! -e "$BENCH_DIR/apps/csc_app" ]; then
	log "bench get-app --soft-link $link"
	bench_cmd get-app --soft-link --skip-assets "$link" >"$CSC_LOG_DIR/get-csc_app.log" 2>&1 \
		|| die "bench get-app csc_app failed, see $CSC_LOG_DIR/get-csc_app.log"
	previous=""
fi
ensure_in_apps_txt csc_app
if [ "$previous" != "$CSC_REPO" ] || ! "$BENCH_DIR/env/bin/python" -c 'import csc_app' 2>/dev/null; then
	log "installing csc_app from $CSC_REPO into the bench env"
	uv pip install -q --python "$BENCH_DIR/env/bin/python" -e "$BENCH_DIR/apps/csc_app"
fi

# Dev requirements (pytest, playwright, ...) whenever the app's pyproject changes.
req_stamp="$BENCH_DIR/.csc_requirements"
req_hash="$(sha1sum "$CSC_REPO/pyproject.toml" | cut -d' ' -f1)"
if [ "$(cat "$req_stamp" 2>/dev/null)" != "$req_hash" ]; then
	log "bench setup requirements --dev; log: $CSC_LOG_DIR/requirements.log"
	bench_cmd setup requirements --dev --python >"$CSC_LOG_DIR/requirements.log" 2>&1 \
		|| die "bench setup requirements failed, see $CSC_LOG_DIR/requirements.log"
	uv pip install -q --python "$BENCH_DIR/env/bin/python" 'setuptools<81'
	echo "$req_hash" >"$req_stamp"
fi

# Front-end assets: everything once, then only csc_app when its public files change.
assets_stamp="$BENCH_DIR/sites/.csc_assets_hash"
# (a fresh clone has no csc_app/public until the app ships front-end files)
assets_hash="$( (cd "$CSC_REPO" && if [ -d csc_app/public ]; then find csc_app/public -type f -print0 | sort -z | xargs -0 -r sha1sum; fi) | sha1sum | cut -d' ' -f1)"
if [ ! -f "$BENCH_DIR/sites/assets/assets.json" ]; then
	log "building front-end assets (a few minutes); log: $CSC_LOG_DIR/build.log"
	bench_cmd build --force >"$CSC_LOG_DIR/build.log" 2>&1 || die "bench build failed, see $CSC_LOG_DIR/build.log"
	echo "$assets_hash" >"$assets_stamp"
elif [ "$(cat "$assets_stamp" 2>/dev/null)" != "$assets_hash" ]; then
	log "building csc_app assets; log: $CSC_LOG_DIR/build.log"
	bench_cmd build --app csc_app >"$CSC_LOG_DIR/build.log" 2>&1 || die "bench build failed, see $CSC_LOG_DIR/build.log"
	echo "$assets_hash" >"$assets_stamp"
fi

start_redis
log "bench ready at $BENCH_DIR"

#!/usr/bin/env bash
# Shared settings and helpers for the csc_app scripts. Sourced, never run.
# Everything lives outside the checkout, under CSC_HOME (see README "Configuration").
set -euo pipefail

CSC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CSC_HOME="${CSC_HOME:-$HOME/csc-bench}"
BENCH_DIR="${CSC_BENCH_DIR:-$CSC_HOME/frappe-bench}"
BENCH_CLI_VENV="$CSC_HOME/bench-cli"
CSC_LOG_DIR="$CSC_HOME/logs"
DB_DIR="$CSC_HOME/mariadb"
DB_PORT="${CSC_DB_PORT:-3307}"
DB_SOCKET="$DB_DIR/mysqld.sock"
DB_ROOT_PASSWORD="${CSC_DB_ROOT_PASSWORD:-csc_root}"
WEB_PORT="${CSC_WEB_PORT:-8000}"
DEMO_SITE="${CSC_DEMO_SITE:-csc.localhost}"
TEST_SITE="${CSC_TEST_SITE:-csc-test.localhost}"
ADMIN_PASSWORD="${CSC_ADMIN_PASSWORD:-admin}"
FRAPPE_URL="https://github.com/frappe/frappe"
ERPNEXT_URL="https://github.com/frappe/erpnext"
FRAPPE_BRANCH="version-15"

export PATH="$BENCH_CLI_VENV/bin:$HOME/.local/bin:$PATH"
export CI="${CI:-}"
mkdir -p "$CSC_HOME" "$CSC_LOG_DIR"

log() { printf '\033[1;34m[csc]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[csc] error:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
bench_cmd() { (cd "$BENCH_DIR" && bench "$@"); }

# --- OS packages ---------------------------------------------------------------------------
ensure_os_packages() {
	local missing=()
	command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
	command -v mariadb >/dev/null 2>&1 || missing+=(mariadb-client)
	command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
	command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
	dpkg -s libmariadb-dev >/dev/null 2>&1 || missing+=(libmariadb-dev)
	command -v git >/dev/null 2>&1 || missing+=(git)
	command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
	command -v curl >/dev/null 2>&1 || missing+=(curl)
	command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-noto-cjk)  # the browser test
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing OS packages: ${missing[*]}"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$CSC_LOG_DIR/apt.log" 2>&1 \
			|| die "apt-get install failed, see $CSC_LOG_DIR/apt.log"
	fi
	if ! command -v yarn >/dev/null 2>&1 || [[ "$(yarn --version 2>/dev/null)" != 1.* ]]; then
		log "installing yarn classic (1.22.22)"
		as_root npm install -g --silent yarn@1.22.22 >"$CSC_LOG_DIR/npm-yarn.log" 2>&1 || die "npm install yarn failed"
	fi
}

ensure_bench_cli() {
	if [ ! -x "$BENCH_CLI_VENV/bin/bench" ] || [ ! -x "$BENCH_CLI_VENV/bin/uv" ]; then
		log "installing the frappe-bench CLI and uv into $BENCH_CLI_VENV"
		{ python3 -m venv "$BENCH_CLI_VENV" &&
			"$BENCH_CLI_VENV/bin/pip" install -q --upgrade pip &&
			"$BENCH_CLI_VENV/bin/pip" install -q frappe-bench uv; } >"$CSC_LOG_DIR/bench-cli.log" 2>&1 \
			|| die "installing frappe-bench failed, see $CSC_LOG_DIR/bench-cli.log"
	fi
}

# --- private MariaDB ---------------------------------------------------------------------
db_running() { [ -S "$DB_SOCKET" ] && mariadb-admin --socket="$DB_SOCKET" -uroot -p"$DB_ROOT_PASSWORD" ping >/dev/null 2>&1; }

write_db_config() {
	cat >"$DB_DIR/my.cnf" <<CNF
[mysqld]
datadir=$DB_DIR/data
socket=$DB_SOCKET
pid-file=$DB_DIR/mysqld.pid
log-error=$CSC_LOG_DIR/mariadb.log
port=$DB_PORT
bind-address=127.0.0.1
user=$(id -un)
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
skip-character-set-client-handshake
innodb_file_per_table=1
innodb_buffer_pool_size=1G
innodb_flush_log_at_trx_commit=2
innodb_log_file_size=256M
max_allowed_packet=256M
skip-log-bin
[mysql]
default-character-set=utf8mb4
CNF
}

start_db() {
	mkdir -p "$DB_DIR"
	write_db_config
	if db_running; then return 0; fi
	if [ ! -d "$DB_DIR/data/mysql" ]; then
		log "initialising private MariaDB in $DB_DIR/data"
		mariadb-install-db --defaults-file="$DB_DIR/my.cnf" --auth-root-authentication-method=normal \
			>"$CSC_LOG_DIR/mariadb-install.log" 2>&1 || die "mariadb-install-db failed, see $CSC_LOG_DIR/mariadb-install.log"
		local fresh=1
	fi
	log "starting MariaDB on 127.0.0.1:$DB_PORT"
	nohup mariadbd --defaults-file="$DB_DIR/my.cnf" >>"$CSC_LOG_DIR/mariadb.log" 2>&1 &
	for _ in $(seq 1 60); do
		if [ -S "$DB_SOCKET" ] && mariadb-admin --socket="$DB_SOCKET" -uroot ping >/dev/null 2>&1 || db_running; then break; fi
		sleep 1
	done
	if [ "${fresh:-0}" = 1 ]; then
		mariadb --socket="$DB_SOCKET" -uroot <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
	fi
	db_running || die "MariaDB did not start, see $CSC_LOG_DIR/mariadb.log"
}

stop_db() {
	if db_running; then
		log "stopping MariaDB"
		mariadb-admin --socket="$DB_SOCKET" -uroot -p"$DB_ROOT_PASSWORD" shutdown || true
	fi
}

# --- the bench's Redis (config written by bench init, bound to 127.0.0.1) ------------------
redis_port() { sed -n 's/^port //p' "$BENCH_DIR/config/$1.conf"; }
redis_running() { redis-cli -h 127.0.0.1 -p "$(redis_port "$1")" ping >/dev/null 2>&1; }

start_redis() {
	local name
	for name in redis_cache redis_queue; do
		redis_running "$name" && continue
		log "starting $name on 127.0.0.1:$(redis_port "$name")"
		(cd "$BENCH_DIR" && redis-server "config/$name.conf" --daemonize yes \
			--logfile "$CSC_LOG_DIR/$name.log") >/dev/null
		for _ in $(seq 1 20); do redis_running "$name" && break; sleep 0.5; done
		redis_running "$name" || die "$name did not start, see $CSC_LOG_DIR/$name.log"
	done
}

stop_redis() {
	local name
	for name in redis_cache redis_queue; do
		redis_running "$name" && redis-cli -h 127.0.0.1 -p "$(redis_port "$name")" shutdown nosave >/dev/null 2>&1 || true
	done
}

start_services() { start_db; [ -d "$BENCH_DIR/config" ] && start_redis; return 0; }
stop_services() { [ -d "$BENCH_DIR/config" ] && stop_redis; stop_db; }

# --- sites -----------------------------------------------------------------------------------
site_exists() { [ -f "$BENCH_DIR/sites/$1/site_config.json" ]; }

# Create a site with ERPNext and csc_app unless it exists. Returns 0 when it was created now.
create_site_if_missing() {
	local site="$1"
	site_exists "$site" && return 1
	log "creating site $site with ERPNext and csc_app (about 3 minutes); log: $CSC_LOG_DIR/new-site-$site.log"
	bench_cmd new-site "$site" --db-host 127.0.0.1 --db-port "$DB_PORT" \
		--db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
		--mariadb-user-host-login-scope 127.0.0.1 --admin-password "$ADMIN_PASSWORD" \
		--install-app erpnext --install-app csc_app --force >"$CSC_LOG_DIR/new-site-$site.log" 2>&1 \
		|| { rm -rf "$BENCH_DIR/sites/$site"; die "new-site $site failed, see $CSC_LOG_DIR/new-site-$site.log"; }
	return 0
}

# A fingerprint of everything `bench migrate` reads from this app (schema, fixtures, patches,
# install hooks, translations); .py-only edits do not need a migrate.
app_schema_hash() {
	(cd "$CSC_REPO" && find csc_app -type f \( -name '*.json' -o -name 'hooks.py' -o -name 'patches.txt' \
		-o -path '*/setup/*.py' -o -path '*/patches/*.py' -o -name '*.csv' -o -name '*.po' \
		-o -path '*/doctype/*.js' -o -path '*/report/*.js' \) -print0 \
		| sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}

# Migrate a site when the app's schema fingerprint changed since its last migrate.
migrate_if_changed() {
	local site="$1" stamp="$BENCH_DIR/sites/$1/.csc_schema_hash" hash
	hash="$(app_schema_hash)"
	if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
		log "bench --site $site migrate; log: $CSC_LOG_DIR/migrate-$site.log"
		bench_cmd --site "$site" migrate >"$CSC_LOG_DIR/migrate-$site.log" 2>&1 \
			|| die "migrate of $site failed, see $CSC_LOG_DIR/migrate-$site.log"
		echo "$hash" >"$stamp"
	fi
}

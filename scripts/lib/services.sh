#!/usr/bin/env bash
# shellcheck shell=bash
#
# Ledgerdesk development services: Node modules, PostgreSQL and Redis.
#
# Source this file from another script (scripts/start.sh, scripts/test.sh), then call:
#
#   ensure_node_modules        run `npm ci` when node_modules is missing or older than
#                              package-lock.json
#   ensure_services [DB]       make PostgreSQL and Redis available, export DATABASE_URL and
#                              REDIS_URL, and make sure database DB exists (default: ledgerdesk)
#   stop_local_services        stop the project-local instances under .local/ (if running)
#
# For each service separately, the first option that works is used:
#   a. DATABASE_URL / REDIS_URL already set   -> used as is (it must answer)
#   b. the local default answers              -> postgres@127.0.0.1:5432, 127.0.0.1:6379
#   c. server binaries are installed          -> project-local instance, data and logs in
#                                                .local/, ports 54329 / 63799, 127.0.0.1 only
#   d. root on Debian (apt-get)               -> apt-get install postgresql / redis-server, then c
#   e. otherwise                              -> stop with the command to run
#
# It can also be run directly:  bash scripts/lib/services.sh up [DB] | status | stop
#
# Environment (all optional):
#   DATABASE_URL, REDIS_URL        use these servers (option a)
#   LEDGERDESK_PG_DEFAULT_PORT     port probed for option b (5432)
#   LEDGERDESK_REDIS_DEFAULT_PORT  port probed for option b (6379)
#   LEDGERDESK_PG_LOCAL_PORT       port of the project-local PostgreSQL (54329)
#   LEDGERDESK_REDIS_LOCAL_PORT    port of the project-local Redis (63799)
#   LEDGERDESK_LOCAL_DIR           where local instances keep data and logs (<repo>/.local)
#   LEDGERDESK_PG_BINDIR           directory holding initdb/pg_ctl (searched for if unset)
#   LEDGERDESK_AUTO_INSTALL        set to 0 to never run apt-get (option d)

LEDGERDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LEDGERDESK_LOCAL_DIR="${LEDGERDESK_LOCAL_DIR:-$LEDGERDESK_ROOT/.local}"
LEDGERDESK_PG_DEFAULT_PORT="${LEDGERDESK_PG_DEFAULT_PORT:-5432}"
LEDGERDESK_REDIS_DEFAULT_PORT="${LEDGERDESK_REDIS_DEFAULT_PORT:-6379}"
LEDGERDESK_PG_LOCAL_PORT="${LEDGERDESK_PG_LOCAL_PORT:-54329}"
LEDGERDESK_REDIS_LOCAL_PORT="${LEDGERDESK_REDIS_LOCAL_PORT:-63799}"
LEDGERDESK_AUTO_INSTALL="${LEDGERDESK_AUTO_INSTALL:-1}"

# ---------------------------------------------------------------------------------------------
# Output helpers
# ---------------------------------------------------------------------------------------------

services_log() {
  printf '[services] %s\n' "$*" >&2
}

services_die() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# Hide the password of a URL before printing it.
redact_url() {
  printf '%s' "$1" | sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#'
}

# ---------------------------------------------------------------------------------------------
# Node modules
# ---------------------------------------------------------------------------------------------

ensure_node_modules() {
  command -v node >/dev/null 2>&1 || services_die "Node.js is not installed (Node 20.19+ is required)."
  command -v npm >/dev/null 2>&1 || services_die "npm is not installed (it ships with Node.js)."

  local marker="$LEDGERDESK_ROOT/node_modules/.package-lock.json"
  if [[ -d "$LEDGERDESK_ROOT/node_modules" && -f "$marker" && ! "$LEDGERDESK_ROOT/package-lock.json" -nt "$marker" ]]; then
    return 0
  fi
  services_log "installing Node modules (npm ci)"
  (cd "$LEDGERDESK_ROOT" && npm ci --no-audit --no-fund) || services_die "npm ci failed."
}

require_node_modules() {
  [[ -d "$LEDGERDESK_ROOT/node_modules/pg" && -d "$LEDGERDESK_ROOT/node_modules/ioredis" ]] ||
    services_die "node_modules is incomplete; run ensure_node_modules (npm ci) first."
}

# ---------------------------------------------------------------------------------------------
# Probes (Node + the project's own pg / ioredis packages, so psql and redis-cli aren't needed)
# ---------------------------------------------------------------------------------------------

# probe_postgres URL: exit 0 when the server accepts the connection (a missing database counts
# as answering: ensure_database creates it); otherwise print the reason and return non-zero.
probe_postgres() {
  (cd "$LEDGERDESK_ROOT" && node -e '
    const { Client } = require("pg");
    setTimeout(() => { console.log("timed out"); process.exit(1); }, 8000).unref();
    const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect()
      .then(() => client.query("SELECT 1"))
      .then(() => client.end())
      .then(() => process.exit(0), (e) => {
        if (e && e.code === "3D000") process.exit(0);
        const inner = e && Array.isArray(e.errors) ? e.errors.map((x) => x.message).join("; ") : "";
        console.log((e && (e.message || inner || e.code)) || String(e));
        process.exit(1);
      });
  ' "$1" 2>&1)
}

# probe_redis URL: exit 0 when the server answers PING; otherwise print the reason.
probe_redis() {
  (cd "$LEDGERDESK_ROOT" && node -e '
    const ioredis = require("ioredis");
    const Redis = ioredis.default || ioredis.Redis || ioredis;
    setTimeout(() => { console.log("timed out"); process.exit(1); }, 8000).unref();
    const redis = new Redis(process.argv[1], {
      lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0,
      enableOfflineQueue: false, retryStrategy: () => null,
    });
    let lastError;
    redis.on("error", (e) => { lastError = e; });
    redis.connect()
      .then(() => redis.ping())
      .then(() => { redis.disconnect(); process.exit(0); }, (e) => {
        const error = lastError || e;
        console.log((error && (error.message || error.code)) || String(error));
        process.exit(1);
      });
  ' "$1" 2>&1)
}

# ensure_database URL: create the URL's database when it does not exist yet.
# Prints "exists" or "created".
ensure_database() {
  (cd "$LEDGERDESK_ROOT" && node -e '
    const { Client } = require("pg");
    const target = new URL(process.argv[1]);
    const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
    async function connect(url) {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      return client;
    }
    async function main() {
      if (!name) return "exists";
      try {
        await (await connect(target.href)).end();
        return "exists";
      } catch (e) {
        if (e.code !== "3D000") throw e;
      }
      let lastError;
      for (const maintenance of ["postgres", "template1"]) {
        const admin = new URL(target.href);
        admin.pathname = "/" + maintenance;
        let client;
        try {
          client = await connect(admin.href);
        } catch (e) {
          lastError = e;
          continue;
        }
        try {
          await client.query("CREATE DATABASE " + client.escapeIdentifier(name));
          return "created";
        } catch (e) {
          if (e.code === "42P04") return "exists";
          throw e;
        } finally {
          await client.end();
        }
      }
      throw lastError;
    }
    main().then((result) => { console.log(result); process.exit(0); }, (e) => {
      console.error("cannot create database " + JSON.stringify(name) + ": " + (e.message || e.code));
      process.exit(1);
    });
  ' "$1")
}

# Replace the database (path) of a postgres URL.
postgres_url_with_database() {
  local url="$1" database="$2"
  (cd "$LEDGERDESK_ROOT" && node -e '
    const url = new URL(process.argv[1]);
    url.pathname = "/" + encodeURIComponent(process.argv[2]);
    console.log(url.href);
  ' "$url" "$database")
}

# ---------------------------------------------------------------------------------------------
# Installing packages (option d)
# ---------------------------------------------------------------------------------------------

can_auto_install() {
  [[ "$LEDGERDESK_AUTO_INSTALL" != 0 && "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1
}

LEDGERDESK_APT_UPDATED=0
apt_install() {
  services_log "installing $* with apt-get (running as root)"
  export DEBIAN_FRONTEND=noninteractive
  if [[ "$LEDGERDESK_APT_UPDATED" != 1 ]]; then
    apt-get update -qq || services_die "apt-get update failed."
    LEDGERDESK_APT_UPDATED=1
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    services_die "apt-get install -y $* failed."
}

# The command a user should run to install the given Debian packages.
install_hint() {
  local sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo "
  if command -v apt-get >/dev/null 2>&1; then
    printf '%sapt-get install -y %s' "$sudo" "$*"
  elif command -v brew >/dev/null 2>&1; then
    printf 'brew install %s' "$(printf '%s\n' "$@" | sed -e 's/^postgresql$/postgresql@16/' -e 's/^redis-server$/redis/' | tr '\n' ' ')"
  else
    printf 'install the packages that provide %s with your package manager' "$*"
  fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

# Print the directory holding initdb and pg_ctl; prefer the version a data dir was made with.
find_postgres_bindir() {
  local wanted_version="${1:-}" dir
  if [[ -n "${LEDGERDESK_PG_BINDIR:-}" ]]; then
    [[ -x "$LEDGERDESK_PG_BINDIR/initdb" && -x "$LEDGERDESK_PG_BINDIR/pg_ctl" ]] ||
      services_die "LEDGERDESK_PG_BINDIR=$LEDGERDESK_PG_BINDIR does not contain initdb and pg_ctl."
    printf '%s\n' "$LEDGERDESK_PG_BINDIR"
    return 0
  fi
  if [[ -n "$wanted_version" && -x "/usr/lib/postgresql/$wanted_version/bin/pg_ctl" ]]; then
    printf '%s\n' "/usr/lib/postgresql/$wanted_version/bin"
    return 0
  fi
  while IFS= read -r dir; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -r -V)
  dir="$(command -v initdb 2>/dev/null || true)"
  if [[ -n "$dir" ]]; then
    dir="$(dirname "$dir")"
    if [[ -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  fi
  return 1
}

# Run a command as the owner of the PostgreSQL data: the postgres system user when we are
# root (PostgreSQL refuses to run as root), else the current user.
run_as_postgres_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

local_postgres_dir() { printf '%s\n' "$LEDGERDESK_LOCAL_DIR/postgres"; }

# Start (or reuse) the project-local PostgreSQL; the binaries must exist.
start_local_postgres() {
  local bindir="$1" url="$2"
  local dir data log reason
  dir="$(local_postgres_dir)"
  data="$dir/data"
  log="$dir/postgres.log"

  mkdir -p "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 ||
      services_die "running as root, but there is no 'postgres' system user to run PostgreSQL as (create one: useradd --system --create-home postgres)."
    command -v runuser >/dev/null 2>&1 || services_die "running as root, but runuser is missing (util-linux)."
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  run_as_postgres_owner test -w "$dir" ||
    services_die "the postgres user cannot write $dir (a parent directory is not accessible to it); set LEDGERDESK_LOCAL_DIR to a directory it can reach, or set DATABASE_URL."

  if [[ ! -s "$data/PG_VERSION" ]]; then
    run_as_postgres_owner "$bindir/initdb" --pgdata="$data" --username=postgres --auth=trust \
      --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      services_die "initdb failed; see $dir/initdb.log"
    {
      printf '\n# Ledgerdesk project-local instance (scripts/lib/services.sh)\n'
      printf "listen_addresses = '127.0.0.1'\n"
      printf "unix_socket_directories = ''\n"
    } >>"$data/postgresql.conf"
  fi

  if run_as_postgres_owner "$bindir/pg_ctl" status --pgdata="$data" >/dev/null 2>&1; then
    # Running, but not answering on the expected port (e.g. the port was changed): restart.
    run_as_postgres_owner "$bindir/pg_ctl" stop --pgdata="$data" --mode=fast --wait >/dev/null 2>&1 || true
  fi
  run_as_postgres_owner "$bindir/pg_ctl" start --pgdata="$data" --log="$log" --wait --timeout=60 \
    -o "-p $LEDGERDESK_PG_LOCAL_PORT" >/dev/null ||
    services_die "PostgreSQL did not start; see $log"

  reason="$(probe_postgres "$url")" ||
    services_die "the project-local PostgreSQL started but does not answer at $url: $reason (see $log)"
}

stop_local_postgres() {
  local data version bindir
  data="$(local_postgres_dir)/data"
  [[ -s "$data/postmaster.pid" ]] || return 0
  version="$(cat "$data/PG_VERSION" 2>/dev/null || true)"
  bindir="$(find_postgres_bindir "$version")" || services_die "cannot find pg_ctl to stop $data"
  run_as_postgres_owner "$bindir/pg_ctl" stop --pgdata="$data" --mode=fast --wait >/dev/null 2>&1 || true
  services_log "postgres: stopped the project-local instance"
}

ensure_postgres() {
  local database="${1:-ledgerdesk}"
  local url reason how bindir version created

  if [[ -n "${DATABASE_URL:-}" ]]; then
    url="$DATABASE_URL"
    reason="$(probe_postgres "$url")" ||
      services_die "DATABASE_URL=$(redact_url "$url") cannot be used: $reason"
    how="DATABASE_URL from the environment ($(redact_url "$url"))"
  else
    url="postgres://postgres@127.0.0.1:$LEDGERDESK_PG_DEFAULT_PORT/$database"
    if probe_postgres "$url" >/dev/null; then
      how="local server at 127.0.0.1:$LEDGERDESK_PG_DEFAULT_PORT"
    else
      url="postgres://postgres@127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT/$database"
      if probe_postgres "$url" >/dev/null; then
        how="project-local instance at 127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT (already running)"
      else
        version="$(cat "$(local_postgres_dir)/data/PG_VERSION" 2>/dev/null || true)"
        if ! bindir="$(find_postgres_bindir "$version")"; then
          if can_auto_install; then
            apt_install postgresql
            bindir="$(find_postgres_bindir "$version")" ||
              services_die "apt-get installed postgresql, but initdb/pg_ctl were not found."
            how="installed postgresql; started a project-local instance at 127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT"
          else
            local packages=(postgresql)
            if [[ -z "${REDIS_URL:-}" ]] && ! command -v redis-server >/dev/null 2>&1; then
              packages+=(redis-server)
            fi
            services_die "PostgreSQL is not available: nothing answers at 127.0.0.1:$LEDGERDESK_PG_DEFAULT_PORT and no PostgreSQL server binaries were found.
  Install it:  $(install_hint "${packages[@]}")
  or use a running server:  DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/$database npm start"
          fi
        else
          how="started a project-local instance at 127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT ($bindir)"
        fi
        start_local_postgres "$bindir" "$url"
      fi
    fi
  fi

  created="$(ensure_database "$url")" || services_die "could not make sure the database of $(redact_url "$url") exists."
  if [[ "$created" == created ]]; then
    how="$how; created its database"
  fi
  export DATABASE_URL="$url"
  services_log "postgres: $how"
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------

local_redis_dir() { printf '%s\n' "$LEDGERDESK_LOCAL_DIR/redis"; }

start_local_redis() {
  local url="$1" dir reason
  dir="$(local_redis_dir)"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$LEDGERDESK_REDIS_LOCAL_PORT" --protected-mode yes \
    --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" ||
    services_die "redis-server did not start; see $dir/redis.log"
  for _ in $(seq 1 40); do
    if reason="$(probe_redis "$url")"; then
      return 0
    fi
    sleep 0.25
  done
  services_die "the project-local Redis does not answer at $url: $reason (see $dir/redis.log)"
}

stop_local_redis() {
  local pidfile pid
  pidfile="$(local_redis_dir)/redis.pid"
  [[ -s "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    services_log "redis: stopped the project-local instance"
  fi
  rm -f "$pidfile"
}

ensure_redis() {
  local url reason how

  if [[ -n "${REDIS_URL:-}" ]]; then
    url="$REDIS_URL"
    reason="$(probe_redis "$url")" ||
      services_die "REDIS_URL=$(redact_url "$url") cannot be used: $reason"
    how="REDIS_URL from the environment ($(redact_url "$url"))"
  else
    url="redis://127.0.0.1:$LEDGERDESK_REDIS_DEFAULT_PORT"
    if probe_redis "$url" >/dev/null; then
      how="local server at 127.0.0.1:$LEDGERDESK_REDIS_DEFAULT_PORT"
    else
      url="redis://127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT"
      if probe_redis "$url" >/dev/null; then
        how="project-local instance at 127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT (already running)"
      else
        if command -v redis-server >/dev/null 2>&1; then
          how="started a project-local instance at 127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT"
        elif can_auto_install; then
          apt_install redis-server
          command -v redis-server >/dev/null 2>&1 ||
            services_die "apt-get installed redis-server, but redis-server is not on PATH."
          how="installed redis-server; started a project-local instance at 127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT"
        else
          services_die "Redis is not available: nothing answers at 127.0.0.1:$LEDGERDESK_REDIS_DEFAULT_PORT and redis-server is not installed.
  Install it:  $(install_hint redis-server)
  or use a running server:  REDIS_URL=redis://HOST:6379 npm start"
        fi
        start_local_redis "$url"
      fi
    fi
  fi

  export REDIS_URL="$url"
  services_log "redis: $how"
}

# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------

# ensure_services [DATABASE]: PostgreSQL (with DATABASE created, default ledgerdesk) and Redis.
ensure_services() {
  require_node_modules
  ensure_postgres "${1:-ledgerdesk}"
  ensure_redis
}

stop_local_services() {
  stop_local_postgres
  stop_local_redis
}

services_main() {
  case "${1:-}" in
    up)
      ensure_node_modules
      ensure_services "${2:-ledgerdesk}"
      printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "$(redact_url "$DATABASE_URL")" "$(redact_url "$REDIS_URL")"
      ;;
    stop) stop_local_services ;;
    status)
      local reason
      if reason="$(probe_postgres "postgres://postgres@127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT/postgres")"; then
        echo "postgres: project-local instance running at 127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT"
      else
        echo "postgres: no project-local instance at 127.0.0.1:$LEDGERDESK_PG_LOCAL_PORT ($reason)"
      fi
      if reason="$(probe_redis "redis://127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT")"; then
        echo "redis: project-local instance running at 127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT"
      else
        echo "redis: no project-local instance at 127.0.0.1:$LEDGERDESK_REDIS_LOCAL_PORT ($reason)"
      fi
      ;;
    *)
      echo "usage: bash scripts/lib/services.sh up [DATABASE] | status | stop" >&2
      return 2
      ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  services_main "$@"
fi

#!/usr/bin/env bash
#
# Quick start (`npm start`): install Node modules, make PostgreSQL and Redis available, build,
# migrate, seed the demo data, then run the API and the worker together until Ctrl-C.
# Running it again is safe: every step is idempotent.
#
# Environment (all optional):
#   PORT                     HTTP port of the API (3000)
#   NODE_ENV                 development unless set (production requires JWT_SECRET, 32+ chars)
#   DATABASE_URL, REDIS_URL  use these servers instead of local/project-local ones
#                            (see scripts/lib/services.sh for the other LEDGERDESK_* knobs)
#   LEDGERDESK_START_TIMEOUT seconds to wait for /health after starting (120)
#   LEDGERDESK_STOP_TIMEOUT  seconds to wait for a clean stop before SIGKILL (10)
#
# Exit status: 0 after a requested stop (Ctrl-C / SIGTERM) once the app was up; the failing
# process's status (or 1) when the API or the worker dies; non-zero when a step fails.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh

readonly API_ENTRY="dist/apps/api/apps/api/src/main.js"
readonly WORKER_ENTRY="dist/apps/worker/apps/worker/src/main.js"
readonly CLI_ENTRY="dist/apps/cli/apps/cli/src/main.js"
readonly START_TIMEOUT="${LEDGERDESK_START_TIMEOUT:-120}"
readonly STOP_TIMEOUT="${LEDGERDESK_STOP_TIMEOUT:-10}"

api_pid=""
worker_pid=""
api_output_pid=""
worker_output_pid=""
mailsink_pid=""
# shellcheck disable=SC2034 # set by start_process
mailsink_output_pid=""
run_mail_sink=0
app_running=0
stopping=0

log() {
  printf '[start] %s\n' "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------------------------

check_configuration() {
  export NODE_ENV="${NODE_ENV:-development}"
  export PORT="${PORT:-3000}"
  # The demo's agents work the "Billing Operations" queue: new email tickets land there.
  export INBOUND_TEAM="${INBOUND_TEAM-Billing Operations}"
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number (got '$PORT')."
  # Outbound mail goes to the local development sink unless SMTP_URL names a real relay.
  if [[ -z "${SMTP_URL:-}" && "$NODE_ENV" != production ]]; then
    export LEDGERDESK_MAIL_SINK_PORT="${LEDGERDESK_MAIL_SINK_PORT:-1025}"
    export SMTP_URL="smtp://127.0.0.1:$LEDGERDESK_MAIL_SINK_PORT"
    run_mail_sink=1
  fi
  local secret="${JWT_SECRET:-}"
  if [[ "$NODE_ENV" == production && ${#secret} -lt 32 ]]; then
    die "NODE_ENV=production needs JWT_SECRET of at least 32 characters (e.g. JWT_SECRET=\$(openssl rand -hex 32))."
  fi
}

# The host the health check connects to: the API's HOST unless it is a wildcard address.
health_host() {
  case "${HOST:-}" in
    "" | 0.0.0.0 | :: | "[::]") printf '127.0.0.1' ;;
    *:*) printf '[%s]' "$HOST" ;;
    *) printf '%s' "$HOST" ;;
  esac
}

# Succeeds when something already accepts connections on the port.
port_in_use() {
  node -e '
    const socket = require("net").connect({ host: process.argv[1], port: Number(process.argv[2]) });
    socket.setTimeout(1000);
    socket.on("connect", () => process.exit(0));
    socket.on("timeout", () => process.exit(1));
    socket.on("error", () => process.exit(1));
  ' "$(health_host | tr -d '[]')" "$PORT"
}

health_ok() {
  node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
      .then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1));
  ' "$1"
}

# ---------------------------------------------------------------------------------------------
# Running the API and the worker
# ---------------------------------------------------------------------------------------------

# Copy stdin to stdout with a label in front of every line. Ignores INT/TERM so it keeps
# relaying the processes' shutdown output; it ends when they close their output.
prefix_output() {
  local label="$1" line
  trap '' INT TERM
  while IFS= read -r line || [[ -n "$line" ]]; do
    printf '%s %s\n' "$label" "$line"
  done
}

# start_process NAME ENTRY [ARGS...]: start `node ENTRY ARGS` in its own process group with its
# output prefixed by [NAME]; sets <NAME>_pid and <NAME>_output_pid.
start_process() {
  local name="$1" entry="$2" label out pid
  printf -v label '%-8s' "[$name]"
  exec {out}> >(prefix_output "$label")
  printf -v "${name}_output_pid" '%s' "$!"
  set -m # job control: the background job below becomes the leader of its own process group
  node "$entry" "${@:3}" </dev/null >&"$out" 2>&1 {out}>&- &
  pid=$!
  set +m
  exec {out}>&-
  printf -v "${name}_pid" '%s' "$pid"
}

process_alive() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null
}

# Send a signal to a started process's group (falling back to the process alone).
signal_process() {
  local signal="$1" pid="$2"
  [[ -n "$pid" ]] || return 0
  kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
}

group_alive() {
  [[ -n "$1" ]] && { kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; }
}

stop_processes() {
  local pid waited=0
  for pid in "$api_pid" "$worker_pid" "$mailsink_pid"; do
    signal_process TERM "$pid"
  done
  while group_alive "$api_pid" || group_alive "$worker_pid" || group_alive "$mailsink_pid"; do
    if ((waited >= STOP_TIMEOUT * 4)); then
      log "still running after ${STOP_TIMEOUT}s; killing"
      signal_process KILL "$api_pid"
      signal_process KILL "$worker_pid"
      signal_process KILL "$mailsink_pid"
      break
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  for pid in "$api_pid" "$worker_pid" "$mailsink_pid"; do
    [[ -n "$pid" ]] && { wait "$pid" 2>/dev/null || true; }
  done
  # Give the output relays a moment to print the last lines.
  waited=0
  while ((waited < 8)) && { process_alive "$api_output_pid" || process_alive "$worker_output_pid"; }; do
    sleep 0.25
    waited=$((waited + 1))
  done
}

# shellcheck disable=SC2317 # trap handler
on_signal() {
  local status="$1"
  ((stopping)) && return 0 # npm forwards the terminal's SIGINT too: handle it once
  stopping=1
  if [[ -n "$api_pid$worker_pid" ]]; then
    log "stopping the API and the worker"
    stop_processes
  fi
  if ((app_running)); then
    log "stopped"
    exit 0
  fi
  exit "$status"
}

# shellcheck disable=SC2317 # trap handler
on_exit() {
  if ((!stopping)) && [[ -n "$api_pid$worker_pid" ]]; then
    stopping=1
    stop_processes
  fi
}

wait_until_healthy() {
  local url="$1" deadline=$((SECONDS + START_TIMEOUT))
  log "waiting for $url"
  until health_ok "$url"; do
    process_alive "$api_pid" || return 1
    process_alive "$worker_pid" || return 1
    ((SECONDS < deadline)) || die "the API did not answer $url within ${START_TIMEOUT}s."
    sleep 0.5
  done
}

# Exit with the status of whichever process ended, after stopping the other one.
exit_after_process_death() {
  local name pid status=0
  if ! process_alive "$api_pid"; then name=api pid="$api_pid"; else name=worker pid="$worker_pid"; fi
  wait "$pid" 2>/dev/null || status=$?
  ((status != 0)) || status=1
  log "the $name exited unexpectedly (status $status); stopping"
  stopping=1
  stop_processes
  exit "$status"
}

print_banner() {
  local base="http://localhost:$PORT" logins="$1" mailbox=""
  ((run_mail_sink)) && mailbox=" (dev sink; received mail: $base/api/dev/mailbox)"
  cat <<BANNER

========================================================================
  Ledgerdesk is running  (NODE_ENV=$NODE_ENV)

    Console    $base/
    API        $base/api
    API docs   $base/api/docs
    Health     $base/health
    Contact    $base/contact  (the customers' web form)
    Chat       $base/chat     (the customers' web chat)
    Outbound   $SMTP_URL$mailbox

  Demo logins:
$(if [[ -n "$logins" ]]; then printf '%s\n' "$logins" | sed 's/^/    /'; else printf '    (the seed command printed none)\n'; fi)

  Press Ctrl-C to stop.
========================================================================

BANNER
}

main() {
  trap 'on_signal 130' INT
  trap 'on_signal 143' TERM
  trap on_exit EXIT

  check_configuration
  ensure_node_modules
  ensure_services ledgerdesk

  if port_in_use; then
    die "port $PORT is already in use (is Ledgerdesk already running?). Stop that process or set PORT."
  fi

  log "building the api, worker, cli and the web console (npm run build)"
  npm run build
  log "running migrations"
  npm run migration:run
  log "seeding demo data"
  local logins
  logins="$(npm run --silent cli -- seed-demo)"

  if ((run_mail_sink)); then
    log "starting the development mail sink on $SMTP_URL (GET /api/dev/mailbox shows what it received)"
    start_process mailsink "$CLI_ENTRY" mail-sink --port "$LEDGERDESK_MAIL_SINK_PORT"
  fi
  log "starting the API and the worker"
  start_process api "$API_ENTRY"
  start_process worker "$WORKER_ENTRY"

  wait_until_healthy "http://$(health_host):$PORT/health" || exit_after_process_death
  app_running=1
  print_banner "$logins"

  while process_alive "$api_pid" && process_alive "$worker_pid"; do
    sleep 1 &
    wait $! || true
  done
  exit_after_process_death
}

main "$@"

#!/usr/bin/env bash
#
# The test command (`npm test`, also run by .ci/run): install Node modules, make PostgreSQL and
# Redis available, then lint, unit tests, end-to-end tests, the console's component tests and the
# browser tests (Chromium, installed when missing). Stops at the first failing step
# with that step's exit status.
#
# Environment (all optional):
#   DATABASE_URL  a PostgreSQL server for the e2e tests; its database may be the `postgres`
#                 maintenance database: the tests create (and drop) their own database on it.
#                 Unset: a local or project-local server is used (see scripts/lib/services.sh).
#   REDIS_URL     a Redis server for the e2e tests (they use their own key prefix).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib/services.sh
source scripts/lib/services.sh

log() {
  printf '[test] %s\n' "$*" >&2
}

# run_step NAME COMMAND...: run one step; on failure, stop with its exit status.
run_step() {
  local name="$1" status=0
  shift
  log "---- $name: $*"
  "$@" || status=$?
  if ((status != 0)); then
    log "FAILED: $name (exit status $status)"
    exit "$status"
  fi
  log "passed: $name"
}

# The browser tests drive Debian's Chromium (playwright-core downloads no browser). Install it
# when missing as root; otherwise stop with the command to run.
ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [[ -x "$chromium" ]] && return 0
  if [[ "$chromium" == /usr/bin/chromium && "$(id -u)" == 0 && "${LEDGERDESK_AUTO_INSTALL:-1}" != 0 ]] &&
    command -v apt-get >/dev/null; then
    log "installing Chromium for the browser tests (apt-get install -y chromium)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2; } ||
      { log "FAILED: could not install Chromium"; exit 1; }
    return 0
  fi
  log "FAILED: the browser tests need Chromium at $chromium. Install it with:"
  log "  sudo apt-get install -y chromium      (or set CHROMIUM_PATH to a Chromium binary)"
  exit 1
}

main() {
  ensure_node_modules
  ensure_services postgres

  run_step lint npm run lint
  run_step unit npm run test:unit
  run_step e2e npm run test:e2e

  # ---- console and browser tests --------------------------------------------------------------
  run_step console npm run test:console
  ensure_chromium
  run_step browser npm run test:browser

  log "all steps passed"
}

main "$@"

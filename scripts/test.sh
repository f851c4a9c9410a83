#!/usr/bin/env bash
#
# The test command (`npm test`, also run by .ci/run): install Node modules, make PostgreSQL and
# Redis available, then lint, unit tests and end-to-end tests. Stops at the first failing step
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

main() {
  ensure_node_modules
  ensure_services postgres

  run_step lint npm run lint
  run_step unit npm run test:unit
  run_step e2e npm run test:e2e

  # ---- HOOK: browser tests (not implemented yet) ---------------------------------------------
  # A later step runs the browser tests here. It will need Chromium; on Debian:
  #   apt-get install -y chromium        (as root; otherwise print the sudo command and stop,
  #                                       like scripts/lib/services.sh does)
  # then something like:
  #   run_step browser npm run test:browser
  # ----------------------------------------------------------------------------------------------

  log "all steps passed"
}

main "$@"

#!/usr/bin/env bash
# The one test command: installs what is missing, starts the local stack, then runs every check.
# Ends with a plain `N passed, N failed` line; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
failed_names=()
step() {
  local name="$1"; shift
  echo "[test] ── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$name"); fi
}

setup_started=$SECONDS
bash scripts/install.sh || { echo "[test] npm install failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/local-stack/up.sh || { echo "[test] the local stack did not start"; echo "0 passed, 1 failed"; exit 1; }
echo "[test] set-up took $((SECONDS - setup_started)) s"

step "lint (biome)" npx biome check .
step "typecheck (tsc)" npx tsc -p tsconfig.json --noEmit

# URR's own processes share global keys with the tests (queue:active-events, the operator's watch on
# every namespace), so the integration tests run with them stopped; they come back for the browser test.
bash scripts/apps.sh stop

summary_file="$(mktemp)"
echo "[test] ── vitest"
URR_TEST_SUMMARY_FILE="$summary_file" npx vitest run "$@"
vitest_status=$?
vitest_failed=0
if [ -s "$summary_file" ]; then
  read -r vitest_passed vitest_failed < <(node -e \
    'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(s.passed, s.failed)' \
    "$summary_file")
  passed=$((passed + vitest_passed))
fi
# A run that crashed, or failed on unhandled errors without a failing test, still counts as a failure.
[ $vitest_status -ne 0 ] && [ "$vitest_failed" -eq 0 ] && vitest_failed=1
[ "$vitest_failed" -gt 0 ] && failed_names+=("vitest")
failed=$((failed + vitest_failed))
rm -f "$summary_file"

[ ${#failed_names[@]} -gt 0 ] && echo "[test] failed steps: ${failed_names[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The one test command: installs what is missing, starts the local stack, then runs every check:
# lint, type checks, import rules, all vitest suites on the real servers, the browser test, a whole sale under
# faults (npm run sellout) and the API contract fuzzed (schemathesis) on the whole stack, and
# the local Kubernetes node's tests (npm run cluster brings the node up, or leaves it as it is), and
# URR's images on that node (npm run images builds them).
# Ends with a plain `N passed, N failed` line; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
failed_names=()
failed_tests_file="$(mktemp)"
step() {
  local name="$1"; shift
  echo "[test] ── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$name"); fi
}

# run_vitest NAME ARGS... — runs vitest and adds its test counts; a crash or an unhandled error
# without a failing test still counts as one failure.
run_vitest() {
  local name="$1"; shift
  local summary_file vitest_status vitest_passed=0 vitest_failed=0
  summary_file="$(mktemp)"
  echo "[test] ── $name"
  URR_TEST_SUMMARY_FILE="$summary_file" npx vitest run \
    --reporter=default --reporter="$PWD/scripts/vitest-summary-reporter.ts" "$@"
  vitest_status=$?
  if [ -s "$summary_file" ]; then
    read -r vitest_passed vitest_failed < <(node -e \
      'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(s.passed, s.failed)' \
      "$summary_file")
    node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const t of s.failedTests ?? []) console.log(`[test] failed test: ${t.name}: ${t.reason}`)' \
      "$summary_file" >>"$failed_tests_file"
  fi
  rm -f "$summary_file"
  [ $vitest_status -ne 0 ] && [ "$vitest_failed" -eq 0 ] && vitest_failed=1
  [ "$vitest_failed" -gt 0 ] && failed_names+=("$name")
  passed=$((passed + vitest_passed))
  failed=$((failed + vitest_failed))
}

setup_started=$SECONDS
bash scripts/install.sh || { echo "[test] npm install failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/local-stack/up.sh || { echo "[test] the local stack did not start"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/local-stack/browser.sh || { echo "[test] chromium could not be installed"; echo "0 passed, 1 failed"; exit 1; }
echo "[test] set-up took $((SECONDS - setup_started)) s"

step "lint (biome)" npx biome check .
step "typecheck (tsc)" npx tsc -p tsconfig.json --noEmit
step "typecheck frontend (tsc)" npm run -s typecheck:frontend
step "import rules (dependency-cruiser)" npm run -s lint:deps

# URR's own processes share global keys with the tests (queue:active-events, the operator's watch on
# every namespace), so the integration tests run with them stopped; they come back for the browser test.
bash scripts/apps.sh stop
run_vitest "vitest (services, lambdas, operator, manifests, infra, local stack)" "$@"
run_vitest "vitest (frontend units)" --config frontend/vitest.config.ts

echo "[test] ── starting the whole stack for the browser test"
if bash scripts/apps.sh start && bash scripts/seed-demo.sh; then
  run_vitest "browser test (chromium, through the local edge)" --config frontend/vitest.e2e.config.ts
  # The kB of JavaScript each route of the build just served makes a phone download (docs/adr/0046).
  step "JavaScript budget per route (npm run js-budget -w @urr/frontend)" npm run -s js-budget -w @urr/frontend
  # A whole sale under faults, judged from the databases and the PSP (docs/adr/0037-the-sellout-harness.md).
  mkdir -p test-results
  step "sell-out (npm run sellout -- --fans 2000 --seats 200 --faults)" \
    bash -c 'npm run -s sellout -- --fans 2000 --seats 200 --faults --out test-results/sellout 2>&1 \
      | tee test-results/sellout.log; exit "${PIPESTATUS[0]}"'
  # The API contract, fuzzed against the running gateway as a user and as an admin (docs/adr/0030).
  step "API contract (npm run test:contract, schemathesis)" bash scripts/contract/schemathesis.sh
else
  failed=$((failed + 1)); failed_names+=("whole stack start")
fi

echo "[test] ── the local Kubernetes node (npm run cluster)"
if bash scripts/local-stack/cluster.sh up; then
  run_vitest "vitest (local Kubernetes node)" --config scripts/local-stack/node/vitest.cluster.config.ts
  # URR's images on the node: built (cached by layer) and imported, then run against the outside servers.
  # The operator pod opens a demo sale there, so URR's own processes (their operator watches every
  # namespace) stop meanwhile; they come back after, and the demo sales are applied and reconciled again.
  step "images (npm run images)" bash scripts/images/build.sh
  bash scripts/apps.sh stop
  run_vitest "vitest (URR on the local Kubernetes node)" --config scripts/cluster-e2e/vitest.config.ts
  if ! { bash scripts/apps.sh start && bash scripts/seed-demo.sh; }; then
    failed=$((failed + 1)); failed_names+=("whole stack restart after the cluster tests")
  fi
else
  failed=$((failed + 1)); failed_names+=("local Kubernetes node (npm run cluster)")
fi

[ ${#failed_names[@]} -gt 0 ] && echo "[test] failed: ${failed_names[*]}"
# The failed tests by name, repeated here where a truncated log still shows them.
head -20 "$failed_tests_file"; rm -f "$failed_tests_file"
# A failed sale's reasons, repeated here where a truncated log still shows them.
if [[ " ${failed_names[*]} " == *" sell-out "* ]] && [ -f test-results/sellout.log ]; then
  grep -E 'VIOLATION|Error|fan .*: ' test-results/sellout.log | head -20 | sed 's/^/[test] sell-out: /'
fi
echo "[test] URR's processes are still running (npm stop ends them); logs in ${URR_STATE_DIR:-/tmp/urr-stack}/logs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

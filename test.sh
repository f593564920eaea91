#!/usr/bin/env bash
# Builds the solution and runs every test. Installs what the tests need when it is missing.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

chromium_path="${SPACECOMBAT_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found at $chromium_path: installing Debian's chromium package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at $chromium_path. Install it (e.g. 'sudo apt-get install chromium') or set SPACECOMBAT_CHROMIUM." >&2
    exit 1
  fi
fi
export SPACECOMBAT_CHROMIUM="$chromium_path"

# redis-server for the tests of Storage = Redis (each test class starts its own on a free loopback port).
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server not found: installing Debian's redis-server package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "redis-server not found. Install it (e.g. 'sudo apt-get install redis-server')." >&2
    exit 1
  fi
fi

# axe-core (npm) for the accessibility browser tests, pinned by SpaceCombat.E2E.Tests/axe/package-lock.json.
if [ ! -f SpaceCombat.E2E.Tests/axe/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "npm not found: installing Debian's npm package"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
      echo "npm not found. Install Node.js and npm, or run as root on Debian." >&2
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
  if ! (cd SpaceCombat.E2E.Tests/axe && npm ci --no-audit --no-fund --silent); then
    echo "0 passed, 1 failed"
    echo "npm ci failed in SpaceCombat.E2E.Tests/axe (axe-core)." >&2
    exit 1
  fi
fi

if ! dotnet build SpaceCombat.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed"
  echo "Build failed." >&2
  exit 1
fi

results_dir="TestResults"
mkdir -p "$results_dir"
log="$results_dir/test-output.txt"
# A test still running after 15 minutes (the longest take about 3, bounded by their own timeouts) is taken as hung: its
# host is dumped (threads' stacks, into TestResults) and stopped, and the run names it and fails, instead of waiting
# for CI's limit.
dotnet test SpaceCombat.sln -c Release --no-build -nologo --logger "console;verbosity=normal" --results-directory "$results_dir" \
  --blame-hang-timeout 15m --blame-hang-dump-type mini 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary per test assembly: "Passed!  - Failed: 0, Passed: 6, ..." at minimal verbosity, or a
# "Total tests: / Passed: 6 / Failed: 1" block at normal verbosity (what the console logger above prints).
summary=$(grep -E '^\s*(Passed|Failed)! +- ' "$log")
if [ -n "$summary" ]; then
  passed=$(printf '%s\n' "$summary" | awk -F'Passed: *' 'NF>1 { split($2, a, ","); sum += a[1] } END { print sum + 0 }')
  failed=$(printf '%s\n' "$summary" | awk -F'Failed: *' 'NF>1 { split($2, a, ","); sum += a[1] } END { print sum + 0 }')
else
  passed=$(grep -E '^\s+Passed: +[0-9]+\s*$' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
  failed=$(grep -E '^\s+Failed: +[0-9]+\s*$' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
fi
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# The failing tests' names, just above the summary line, so a log that keeps only its tail still says what failed.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  awk '/^ +Failed [A-Za-z_]/ { sub(/^ +/, "  "); print; want = 1; next }
       want && /Error Message:/ { getline; sub(/^ +/, "      "); print substr($0, 1, 300); want = 0 }
       /The test running when the crash occurred:/ { getline; sub(/^ +/, ""); print "  Hung or crashed its test host: " $0 }' "$log" | head -60
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]

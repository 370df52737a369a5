#!/usr/bin/env bash
# Runs every test of ApexAgent Portal and prints a last line "N passed, N failed".
# Installs what the tests need and is missing: Debian's chromium for the browser tests.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests…"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null \
        || { echo "Could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi
export APEXAGENT_CHROMIUM="${APEXAGENT_CHROMIUM:-$(command -v chromium)}"

log="$(mktemp)"
if ! dotnet build ApexAgent.sln -c Debug 2>&1 | tee "$log" | tail -3; then
    echo "Build failed:"; grep -E "error" "$log" | sort -u | head -40
    echo "0 passed, 1 failed"; exit 1
fi
if grep -qE "^Build FAILED|[1-9][0-9]* Error\(s\)" "$log"; then
    grep -E " error " "$log" | sort -u | head -40
    echo "0 passed, 1 failed"; exit 1
fi

dotnet test ApexAgent.sln --no-build -c Debug 2>&1 | tee "$log"; status=${PIPESTATUS[0]}

passed=0; failed=0
while read -r line; do
    p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done < <(grep -E "(Passed|Failed)! +- " "$log")

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status without a failing test: treating the run as failed."
    failed=1
fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

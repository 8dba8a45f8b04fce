#!/usr/bin/env bash
# Builds SmtpGen and runs every test project, then prints one closing line "N passed, N failed".
# This is the README's test command and what CI (.ci/run) calls; it installs what the tests need.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet is not on PATH: install the .NET 10 SDK (see global.json)" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build SmtpGen.sln -c Release -nologo -clp:NoSummary 2>&1 | tee "$log" | grep -E "error|warn" || true
if ! grep -q "Build succeeded" "$log" || grep -qE "[1-9][0-9]* Error\(s\)" "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test SmtpGen.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary per test assembly: "Passed!  - Failed:     0, Passed:    51, ..."
passed=$(grep -oE "Passed: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE "Failed: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }')
assemblies=$(grep -cE "^(Passed|Failed)! +-" "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the runner itself failed (a crash, a missing assembly): never report that as green
fi
if [ "$assemblies" -eq 0 ]; then
  echo "no test assembly ran"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The coverage-guided fuzzing harness: SmtpGen's parsers and DATA codec instrumented with SharpFuzz and driven by AFL++.
# Usage: bash tests/SmtpGen.Fuzzing/run.sh TARGET SECONDS   (TARGET: command | reply | data | kinds)
# Needs Debian's afl++ and the .NET tool SharpFuzz.CommandLine (dotnet tool install --global SharpFuzz.CommandLine).
# Findings go to tests/SmtpGen.Fuzzing/findings/TARGET (not committed); a crash there is an input to turn into a test.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: command, reply, data or kinds}
seconds=${2:?seconds to run}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish -c Release -o "$out" -nologo -v:q -clp:ErrorsOnly >/dev/null
for assembly in SmtpGen.dll SmtpGen.Smtp.dll; do
  "${SHARPFUZZ:-$HOME/.dotnet/tools/sharpfuzz}" "$out/$assembly" >/dev/null
done

mkdir -p "findings/$target"
# dotnet itself is not instrumented: SharpFuzz instruments the assemblies, so the binary check is skipped.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
afl-fuzz -V "$seconds" -i "corpus/$target" -o "findings/$target" -t 10000 -m none -- dotnet "$out/SmtpGen.Fuzzing.dll" "$target" >"findings/$target.log" 2>&1 || true
stats="findings/$target/default/fuzzer_stats"
grep -E "^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time) " "$stats"

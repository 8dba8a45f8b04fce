#!/usr/bin/env bash
# How smtpgen serve's rate settles as its JIT works: the server on core 0 under smtp-source on core 1 (1 KiB, 8 sessions),
# RUNS loads of 20,000 messages one after another from its start, each printed as msg/s and µs of server CPU a message
# (utime + stime from /proc/PID/stat). Environment variables given after the name of the run go to the server only, to
# compare runtime settings: benchmarks/e2e/warmup.sh default; benchmarks/e2e/warmup.sh no-quick-jit DOTNET_TC_QuickJit=0
# Usage: [RUNS=N] benchmarks/e2e/warmup.sh NAME [VARIABLE=VALUE...]
set -euo pipefail
cd "$(dirname "$0")/../.."

name=${1:?usage: warmup.sh NAME [VARIABLE=VALUE...]}; shift
runs=${RUNS:-5} messages=20000 port=2890
for program in /usr/sbin/smtp-source taskset; do
  command -v "$program" >/dev/null || { echo "missing $program: install Debian's postfix and util-linux" >&2; exit 1; }
done
dotnet build src/SmtpGen.Cli -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build failed" >&2; exit 1; }
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done  # skip a port another program listens on

env "$@" taskset -c 0 dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll \
  serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 >/dev/null 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
line="$name:"
for _ in $(seq "$runs"); do
  before=$(ticks) start=$(date +%s.%N)
  taskset -c 1 /usr/sbin/smtp-source -d -s 8 -m "$messages" -l 1024 -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1
  end=$(date +%s.%N) after=$(ticks)
  line+=$(awk -v n="$messages" -v s="$start" -v e="$end" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf " %.0f (%.0f)", n / (e - s), t / hz / n * 1e6 }')
done
echo "$line   msg/s (µs of server CPU a message), $messages messages a run"

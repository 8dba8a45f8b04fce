#!/usr/bin/env bash
# What the thread pool's spin costs smtpgen serve on one processor: the server on core 0 (so Environment.ProcessorCount
# is 1) offering STARTTLS, under smtpgen load --starttls required --connection-per-message on core 1 (1 KiB, 8 sessions:
# a TLS handshake for each message), RUNS alternating pairs: the runtime's default spin of 70 on x64
# (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0x46: the runtime reads the variable as hexadecimal) and none (0),
# smtpgen serve's own choice on one processor (src/SmtpGen.Cli/RuntimeSwitches.cs). Each run: 2,000 messages to
# warm up, then MESSAGES (3,000) measured: msg/s, the server's CPU per message (utime + stime from /proc/PID/stat) and its
# sched_yield and futex calls per message (perf stat on the syscalls' tracepoints; needs Debian's linux-perf, as root).
# UNPINNED=1 runs both without taskset: the server sees every processor, where smtpgen serve keeps the runtime's default
# (so the variable is what sets 0 there).
# Usage: [RUNS=N] [MESSAGES=N] [UNPINNED=1] benchmarks/e2e/spin.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${RUNS:-3} messages=${MESSAGES:-3000} port=2950
for program in perf taskset; do
  command -v "$program" >/dev/null || { echo "missing $program (Debian: linux-perf, util-linux)" >&2; exit 1; }
done
for project in src/SmtpGen.Cli benchmarks/SmtpGen.LoadPeers; do
  dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
smtpgen=(dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll)
out=$(mktemp -d)
server_pid=
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$out"' EXIT
# The certificate of run.sh's TLS rows, trusted by the load alone.
dotnet benchmarks/SmtpGen.LoadPeers/bin/Release/net10.0/SmtpGen.LoadPeers.dll certificate "$out"
server_cpu=(taskset -c 0) load_cpu=(taskset -c 1)
[ -n "${UNPINNED:-}" ] && server_cpu=() load_cpu=()
load=(load --size 1024 --sessions 8 --connection-per-message --starttls required --trust "$out/cert.pem" --no-progress)

one_run() {  # name [VARIABLE=VALUE...]: the server with those variables, its figures on one line
  local name=$1; shift
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done  # skip a port another program listens on
  env "$@" "${server_cpu[@]}" "${smtpgen[@]}" serve --port "$port" --discard --quiet --tls-certificate "$out/cert.pem" --tls-key "$out/key.pem" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  "${load_cpu[@]}" "${smtpgen[@]}" "${load[@]}" --server "127.0.0.1:$port" --messages 2000 >/dev/null
  local before after rate
  before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
  perf stat -e syscalls:sys_enter_sched_yield,syscalls:sys_enter_futex -p "$server_pid" -o "$out/calls" >/dev/null 2>&1 &
  local perf_pid=$!
  sleep 0.3
  rate=$("${load_cpu[@]}" "${smtpgen[@]}" "${load[@]}" --server "127.0.0.1:$port" --messages "$messages" | awk '/^rate/ { print $2 }')
  after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
  kill -INT "$perf_pid" 2>/dev/null || true; wait "$perf_pid" || true
  grep -q sys_enter_sched_yield "$out/calls" 2>/dev/null || { echo "perf counted no system calls (run as root, with Debian's linux-perf)" >&2; exit 1; }
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  awk -v name="$name" -v rate="$rate" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$messages" '
    /sys_enter_sched_yield/ { gsub(",", "", $1); yields = $1 } /sys_enter_futex/ { gsub(",", "", $1); futexes = $1 }
    END { printf "%-32s %8s msg/s  server %.3f ms CPU a message  %6.1f sched_yield  %5.1f futex a message\n", name, rate, t / hz / n * 1000, yields / n, futexes / n }' "$out/calls"
}

for run in $(seq "$runs"); do
  one_run "spin 70 (the runtime's default)" DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0x46
  one_run "spin 0" DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
done

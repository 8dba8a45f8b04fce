#!/usr/bin/env bash
# Where SmtpGen.Server's CPU goes per message: `smtpgen serve --discard` on core 0 under Postfix's smtp-source on core 1
# (1 KiB messages, 8 sessions as in run.sh's headline row, or SESSIONS), warmed up with 20,000 messages (or WARMUP), then
# sampled by perf while 40,000 more (or as many as the argument says) go through. Prints the rate, the server's CPU per
# 1,000 messages (utime + stime from /proc/PID/stat), and the top frames as microseconds of CPU per message: each frame's
# share of the samples (self, or with its callees for the system calls) times the CPU per message.
# LOAD=smtpgen sends with smtpgen load instead (pipelined: MAIL, RCPT and BDAT with its chunk in one write).
# CONNECTION=each has the load open a connection for each message (as most mail arrives) instead of reusing them.
# TLS=1 has the server offer STARTTLS and smtpgen load require it (implies LOAD=smtpgen: smtp-source speaks no TLS).
# KEEP=FILE keeps perf's samples there, for perf report -i FILE beyond the summary below.
# Usage: [SESSIONS=N] [WARMUP=N] [LOAD=smtp-source|smtpgen] [CONNECTION=each] [TLS=1] [KEEP=FILE] benchmarks/e2e/profile.sh [messages]   (needs perf: Debian's linux-perf; run as root, or with perf_event_paranoid <= 1)
set -euo pipefail
cd "$(dirname "$0")/../.."

messages=${1:-40000} sessions=${SESSIONS:-8} load=${LOAD:-smtp-source} port=2790
tls_server=() tls_load=()
if [ -n "${TLS:-}" ]; then
  [ "$load" = smtpgen ] || [ -z "${LOAD:-}" ] || { echo "TLS=1 needs LOAD=smtpgen: smtp-source speaks no TLS" >&2; exit 1; }
  load=smtpgen
fi
reuse=(-d) each=(); [ "${CONNECTION:-}" = each ] && reuse=() each=(--connection-per-message)
command -v perf >/dev/null || { echo "missing perf (Debian: linux-perf)" >&2; exit 1; }
dotnet build src/SmtpGen.Cli -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build failed" >&2; exit 1; }
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done  # skip a port another program listens on
out=$(mktemp -d) server_pid=
trap 'kill "$server_pid" 2>/dev/null || true; if [ -n "${KEEP:-}" ] && [ -f "$out/perf.data" ]; then cp "$out/perf.data" "$KEEP"; fi; rm -rf "$out"' EXIT
if [ -n "${TLS:-}" ]; then
  # The certificate of run.sh's TLS rows (benchmarks/SmtpGen.LoadPeers makes it), trusted by the load alone.
  dotnet build benchmarks/SmtpGen.LoadPeers -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build failed" >&2; exit 1; }
  dotnet benchmarks/SmtpGen.LoadPeers/bin/Release/net10.0/SmtpGen.LoadPeers.dll certificate "$out"
  tls_server=(--tls-certificate "$out/cert.pem" --tls-key "$out/key.pem") tls_load=(--starttls required --trust "$out/cert.pem")
fi

# The perf map names the JIT's code; without W^X double mapping, perf can attribute samples to it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 taskset -c 0 dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll \
  serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 "${tls_server[@]}" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
source_load() {
  if [ "$load" = smtpgen ]; then
    taskset -c 1 dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll load --server "127.0.0.1:$port" --messages "$1" --sessions "$sessions" --size 1024 --no-progress "${each[@]}" "${tls_load[@]}" >/dev/null
  else
    taskset -c 1 /usr/sbin/smtp-source "${reuse[@]}" -s "$sessions" -m "$1" -l 1024 -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1
  fi
}
source_load "${WARMUP:-20000}"

ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
perf record -F 4999 -g -p "$server_pid" -o "$out/perf.data" >/dev/null 2>&1 &
perf_pid=$!
sleep 0.5
before=$(ticks) start=$(date +%s.%N)
source_load "$messages"
end=$(date +%s.%N) after=$(ticks)
kill -INT "$perf_pid"; wait "$perf_pid" || true
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

us_per_message=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$messages" 'BEGIN { printf "%.2f", t / hz / n * 1e6 }')
awk -v n="$messages" -v s="$start" -v e="$end" -v us="$us_per_message" \
  'BEGIN { printf "%.0f msg/s; server CPU %.3f s per 1,000 messages (%s us per message)\n", n / (e - s), us / 1000, us }'

# System calls with what the kernel does under them (on loopback, a send runs the receiver's TCP too).
echo; echo "system calls, with the kernel's work under them (us of CPU per message):"
perf report -i "$out/perf.data" --children --sort symbol -g none --stdio 2>/dev/null \
  | awk -v us="$us_per_message" '$3 == "[k]" && $4 ~ /^__x64_sys_/ { sub(/%/, "", $1); printf "  %-28s %6.2f\n", substr($4, 11), $1 * us / 100 }' | head -8
echo; echo "by where the code is (self time, us per message):"
perf report -i "$out/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null \
  | awk -v us="$us_per_message" '/%/ && $1 ~ /%$/ { sub(/%/, "", $1); $1 = sprintf("%6.2f", $1 * us / 100); print "  " $0 }' | sed 's/\[JIT\] tid [0-9]*/JIT-compiled .NET code/' | head -8
echo; echo "top .NET frames (self time, us per message):"
perf report -i "$out/perf.data" --no-children --sort symbol -g none --stdio 2>/dev/null \
  | awk -v us="$us_per_message" '$2 == "[.]" && /\[(System|SmtpGen)[^]]*\]/ { sub(/%/, "", $1); pct = $1; $1 = ""; $2 = ""; name = $0; sub(/^ +/, "", name); sub(/( +-)+ *$/, "", name); sub(/\[[A-Za-z0-9]*\]$/, "", name); printf "  %6.2f  %s\n", pct * us / 100, substr(name, 1, 150) }' | head -12

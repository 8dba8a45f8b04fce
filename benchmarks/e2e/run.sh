#!/usr/bin/env bash
# End-to-end SMTP on loopback, one table: messages/s and MB/s for 1 KiB and 100 KiB messages over 8 sessions.
#  - servers: SmtpGen.Server (smtpgen serve --discard), the SmtpServer library (discarding store; as shipped,
#    and with TCP_NODELAY set), Postfix's smtp-sink (the C reference);
#  - load generators: smtpgen load and Postfix's smtp-source, the same for every server;
#  - clients: smtpgen load and MailKit's SmtpClient, both into smtp-sink.
# The server runs on core 0 and the load generator on core 1 where the machine has two cores (taskset).
# Usage: benchmarks/e2e/run.sh [--smoke]   (--smoke: few messages, to check that everything runs; no claims)
set -euo pipefail
cd "$(dirname "$0")/../.."

small=10000 large=1000 sessions=8
if [ "${1:-}" = "--smoke" ]; then small=200 large=20; fi

for project in src/SmtpGen.Cli benchmarks/SmtpGen.LoadPeers; do
  dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
smtpgen=(dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll)
peers=(dotnet benchmarks/SmtpGen.LoadPeers/bin/Release/net10.0/SmtpGen.LoadPeers.dll)
for program in /usr/sbin/smtp-sink /usr/sbin/smtp-source taskset; do
  command -v "$program" >/dev/null || { echo "missing $program: install Debian's postfix and util-linux (tests/run.sh does)" >&2; exit 1; }
done
server_cpu=() load_cpu=()
if [ "$(nproc)" -ge 2 ]; then server_cpu=(taskset -c 0); load_cpu=(taskset -c 1); fi
sink_user=(); [ "$(id -u)" = 0 ] && sink_user=(-u nobody)

port=2700
server_pid=
start_server() {  # name → starts it on a new port, waits until it accepts
  port=$((port + 1))
  case "$1" in
    smtpgen) "${server_cpu[@]}" "${smtpgen[@]}" serve --port "$port" --discard --quiet --max-message-size 1000000000 >/dev/null 2>&1 & ;;
    smtpserver) "${server_cpu[@]}" "${peers[@]}" smtpserver --port "$port" >/dev/null 2>&1 & ;;
    smtpserver-nodelay) "${server_cpu[@]}" "${peers[@]}" smtpserver --port "$port" --nodelay >/dev/null 2>&1 & ;;
    smtp-sink) "${server_cpu[@]}" /usr/sbin/smtp-sink "${sink_user[@]}" "127.0.0.1:$port" 1000 >/dev/null 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done
  echo "$1 did not start on port $port" >&2; exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
trap stop_server EXIT

# Each load prints "messages/s MB/s".
load_smtpgen() {  # messages size
  "${load_cpu[@]}" "${smtpgen[@]}" load --server "127.0.0.1:$port" --messages "$1" --sessions "$sessions" --size "$2" --no-progress \
    | awk '/^sent/ && $(NF - 1) != "0" { failed = 1 } /^rate/ { rate = $2 " " $4 } END { if (failed) print "failed"; else print rate }'
}
load_mailkit() {
  "${load_cpu[@]}" "${peers[@]}" mailkit-load --port "$port" --messages "$1" --sessions "$sessions" --size "$2" | awk '/^rate/ { print $2 " " $4 }'
}
load_smtp_source() {  # -d: one message after another over each connection, as smtpgen load sends (-l: the body's size)
  local start end
  start=$(date +%s.%N)
  "${load_cpu[@]}" /usr/sbin/smtp-source -d -s "$sessions" -m "$1" -l "$2" -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1 || { echo failed; return; }
  end=$(date +%s.%N)
  awk -v n="$1" -v size="$2" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f %.2f\n", n / (e - s), n * size / 1e6 / (e - s) }'
}

rows=()
measure() {  # server load-generator
  start_server "$1"
  for size in 1024 102400; do
    messages=$small; [ "$size" -gt 1024 ] && messages=$large
    read -r rate mb <<<"$("load_$2" "$messages" "$size")"
    rows+=("$(printf '%-20s %-12s %8s %10s %9s %9s' "$1" "${2//_/-}" "$size" "$messages" "$rate" "${mb:-}")")
  done
  stop_server
}

for server in smtpgen smtpserver smtpserver-nodelay smtp-sink; do
  measure "$server" smtpgen
  measure "$server" smtp_source
done
measure smtp-sink mailkit

echo
echo "End to end on loopback, $sessions sessions, $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
printf '%-20s %-12s %8s %10s %9s %9s\n' server load size messages "msg/s" "MB/s"
printf '%s\n' "${rows[@]}"
if printf '%s\n' "${rows[@]}" | grep -q " failed"; then
  echo "some loads failed" >&2
  exit 1
fi

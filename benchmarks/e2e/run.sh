#!/usr/bin/env bash
# End-to-end SMTP on loopback, one table: messages/s, MB/s and the server's CPU seconds per 1,000 messages for 1 KiB and
# 100 KiB messages over 8 sessions.
#  - servers: SmtpGen.Server (smtpgen serve --discard, as the .NET tool runs it on the JIT, and as the NativeAOT
#    executable), the SmtpServer library (discarding store; as shipped, and with TCP_NODELAY set), Postfix's smtp-sink
#    (the C reference);
#  - load generators: smtpgen load and Postfix's smtp-source, the same for every server;
#  - clients: smtpgen load and MailKit's SmtpClient (TCP_NODELAY, the same warm-up), both into smtp-sink;
#  - over TLS: SmtpGen.Server (both builds) and SmtpServer with TCP_NODELAY, each offering STARTTLS with the same
#    certificate, under smtpgen load --starttls required (smtp-sink and smtp-source speak no TLS).
# The server runs on core 0 and the load generator on core 1 where the machine has two cores (taskset). Every server is
# warmed up with the same 60,000 messages before it is measured, and smtpgen load warms itself up with 20,000 (1,000 for
# the rows of 100 KiB): a server lives for days, and the figure is its steady state, not its JIT's first seconds (a
# process on one core with the JIT compiling in the background settles by its third load of 20,000 messages:
# warmup.sh, and benchmarks/e2e/README.md, "Dynamic PGO"). The client's warm-up stays at 20,000: it goes through the
# server measured, and SmtpServer as shipped takes 181 messages a second from smtpgen load.
# Usage: [LOAD_OPTIONS="..."] benchmarks/e2e/run.sh [--smoke | --headline | --smtpserver | --connections | --scale | --client | --tls | --mailkit] [--smoke]
#   LOAD_OPTIONS  more options for every smtpgen load, e.g. --data (DATA where CHUNKING is offered, as to smtp-sink)
#   --smoke     few messages, to check that everything runs; no claims (after another mode, e.g. --tls --smoke: that mode so)
#   --headline  smtpgen against smtp-sink at 1 KiB, under smtp-source and smtpgen load, 3 alternating runs of 40,000
#               messages each: each run's rates and the median ratio
#   --smtpserver  smtpgen against the SmtpServer library (as shipped) at 1 KiB under smtp-source, 3 alternating runs of
#               40,000 messages each: each run's rates and the median ratio
#   --scale     smtpgen and smtp-sink under smtp-source at 1 KiB with 1, 8, 64 and 512 sessions (2,000 messages a row,
#               and 20,000 over 512 sessions), with 8 sessions that open a connection for each message, and with 8 busy
#               sessions beside 2,000 idle ones
#   --connections  smtpgen against smtp-sink at 1 KiB under smtp-source with a connection for each message (as most mail
#               arrives), 8 at a time, 3 alternating runs of 20,000 messages each: each run's rates and the median ratio
#   --client    the clients into one smtp-sink at 1 KiB, 3 alternating runs: smtp-source, smtpgen load from its start,
#               smtpgen load after a warm-up of 20,000 messages (--warmup), and the NativeAOT
#               smtpgen load from its start; the median ratios
#   --tls       smtpgen against SmtpServer (TCP_NODELAY) at 1 KiB over STARTTLS under smtpgen load, 3 alternating runs
#               of 20,000 messages each over 8 connections, then of 4,000 with a connection (and a TLS handshake) for
#               each message after a warm-up of 2,000: each run's rates and the median ratios
#   --mailkit   the table's rows of the two .NET clients alone: smtpgen load and MailKit into one smtp-sink, 1 KiB and
#               100 KiB, each after the same warm-up
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-table}
small=10000 large=1000 sessions=8 warm=60000 client_warm=20000
if [ "$mode" = "--headline" ] || [ "$mode" = "--smtpserver" ]; then small=40000; fi  # a run of 10,000 lasts a fifth of a second under smtpgen load
if [ "$mode" = "--connections" ] || [ "$mode" = "--tls" ]; then small=20000; fi
if [ "$mode" = "--smoke" ] || [ "${2:-}" = "--smoke" ]; then small=200 large=20 warm=20 client_warm=20; fi

for project in src/SmtpGen.Cli benchmarks/SmtpGen.LoadPeers; do
  dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
smtpgen=(dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll)
# The same tool published as a NativeAOT executable for this machine (README.md; clang and zlib1g-dev are the toolchain).
aot_dir=artifacts/e2e-aot
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish src/SmtpGen.Cli -c Release -r "$rid" -o "$aot_dir" -nologo -v:q -clp:ErrorsOnly >/dev/null ||
  { echo "NativeAOT publish of smtpgen failed (missing clang or zlib1g-dev?)" >&2; exit 1; }
smtpgen_aot=("$aot_dir/SmtpGen.Cli")
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
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done  # skip a port another program listens on
  case "$1" in
    smtpgen) "${server_cpu[@]}" "${smtpgen[@]}" serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 >/dev/null 2>&1 & ;;
    smtpgen-aot) "${server_cpu[@]}" "${smtpgen_aot[@]}" serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 >/dev/null 2>&1 & ;;
    smtpserver) "${server_cpu[@]}" "${peers[@]}" smtpserver --port "$port" >/dev/null 2>&1 & ;;
    smtpserver-nodelay) "${server_cpu[@]}" "${peers[@]}" smtpserver --port "$port" --nodelay >/dev/null 2>&1 & ;;
    smtpgen-tls) "${server_cpu[@]}" "${smtpgen[@]}" serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 "${tls_server[@]}" >/dev/null 2>&1 & ;;
    smtpgen-aot-tls) "${server_cpu[@]}" "${smtpgen_aot[@]}" serve --port "$port" --discard --quiet --max-message-size 1000000000 --max-sessions 3000 "${tls_server[@]}" >/dev/null 2>&1 & ;;
    smtpserver-nodelay-tls) "${server_cpu[@]}" "${peers[@]}" smtpserver --port "$port" --nodelay "${tls_server[@]}" >/dev/null 2>&1 & ;;
    smtp-sink) "${server_cpu[@]}" /usr/sbin/smtp-sink "${sink_user[@]}" "127.0.0.1:$port" 1000 >/dev/null 2>&1 & ;;
  esac
  server_pid=$!  # the server's own process: taskset execs it
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      "${load_cpu[@]}" /usr/sbin/smtp-source -d -s "$sessions" -m "$warm" -l 1024 -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1
      return 0
    fi
    sleep 0.1
  done
  echo "$1 did not start on port $port" >&2; exit 1
}
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }  # user + system time of the server, in clock ticks
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
tls_dir=$(mktemp -d)
trap 'stop_server; rm -rf "$tls_dir"' EXIT
# One certificate for every server of the TLS rows (localhost and 127.0.0.1, self-signed), the one the client trusts.
"${peers[@]}" certificate "$tls_dir" || { echo "cannot make the TLS rows' certificate" >&2; exit 1; }
tls_server=(--tls-certificate "$tls_dir/cert.pem" --tls-key "$tls_dir/key.pem")

# Each load prints "messages/s MB/s" (or "failed").
smtpgen_warmup=$client_warm  # messages smtpgen load (and MailKit's load) sends before its measured ones (0 for --client's runs from its start)
smtpgen_client=("${smtpgen[@]}")  # the build of smtpgen that load_smtpgen runs (--client tries the NativeAOT one too)
read -ra load_options <<<"${LOAD_OPTIONS:-}"
load_smtpgen() {  # messages size [sessions]
  "${load_cpu[@]}" "${smtpgen_client[@]}" load --server "127.0.0.1:$port" --messages "$1" --sessions "${3:-$sessions}" --size "$2" --warmup "$smtpgen_warmup" --no-progress "${load_options[@]}" \
    | awk '/^sent/ && $(NF - 1) != "0" { failed = 1 } /^warm-up/ && $(NF - 3) != "0" { failed = 1 } /^rate/ { rate = $2 " " $4 }
           END { if (failed || rate == "") print "failed"; else print rate }'
}
load_smtpgen_tls() {  # messages size [sessions]: every session secured with STARTTLS, trusting the TLS rows' certificate
  local load_options=("${load_options[@]}" --starttls required --trust "$tls_dir/cert.pem")
  load_smtpgen "$@"
}
load_smtpgen_tls_connections() {  # messages size [sessions]: the same with a connection, and a handshake, a message
  local load_options=("${load_options[@]}" --connection-per-message)
  load_smtpgen_tls "$@"
}
load_mailkit() {
  "${load_cpu[@]}" "${peers[@]}" mailkit-load --port "$port" --messages "$1" --sessions "$sessions" --size "$2" --warmup "$smtpgen_warmup" | awk '/^rate/ { print $2 " " $4 }'
}
source_reuse=(-d)  # smtp-source's -d: one message after another over each connection, as smtpgen load sends
load_smtp_source() {  # messages size [sessions] (-l: the body's size)
  local start end
  start=$(date +%s.%N)
  "${load_cpu[@]}" /usr/sbin/smtp-source "${source_reuse[@]}" -s "${3:-$sessions}" -m "$1" -l "$2" -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1 || { echo failed; return; }
  end=$(date +%s.%N)
  awk -v n="$1" -v size="$2" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f %.2f\n", n / (e - s), n * size / 1e6 / (e - s) }'
}
load_smtp_source_connections() {  # messages size [sessions]: each message over a connection of its own, as most mail arrives
  local source_reuse=()
  load_smtp_source "$@"
}

# One load against the running server: "msg/s MB/s cpu", cpu being the server's CPU seconds per 1,000 messages (over
# every message the load sent: smtpgen load's warm-up ones too, into a server that is warm already).
timed_load() {  # load-generator messages size [sessions]
  local before after rate mb sent=$2
  case "$1" in smtpgen* | mailkit) sent=$(($2 + smtpgen_warmup)) ;; esac
  before=$(server_cpu_ticks)
  read -r rate mb <<<"$("load_$1" "$2" "$3" ${4:-})"
  after=$(server_cpu_ticks)
  if [ "$rate" = failed ]; then echo "failed - -"; return; fi
  awk -v r="$rate" -v m="$mb" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$sent" 'BEGIN { printf "%s %s %.3f\n", r, m, t / hz / n * 1000 }'
}

rows=()
measure() {  # server load-generator
  start_server "$1"
  for size in 1024 102400; do
    # smtpgen load warms itself up with 20,000 messages for a row of 1 KiB, as many as a row of 100 KiB has for one.
    messages=$small smtpgen_warmup=$client_warm; [ "$size" -gt 1024 ] && messages=$large smtpgen_warmup=$large
    read -r rate mb cpu <<<"$(timed_load "$2" "$messages" "$size")"
    rows+=("$(printf '%-22s %-12s %8s %10s %9s %9s %9s' "$1" "${2//_/-}" "$size" "$messages" "$rate" "$mb" "$cpu")")
  done
  stop_server
}

machine="$(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -1)"

# Three alternating runs of one load into each server, so that a slow minute of a shared machine falls on every server,
# each run starting with the next server, so that none is always measured first or last; each run's rate and CPU per
# message, then each server's median rate ratio against the reference with the CPU ratio of that same run.
alternating_runs() {  # reference load messages warm-up server...
  local reference=$1 load=$2 messages=$3 smtpgen_warmup=$4 run server rate_ratio cpu_ratio; shift 4
  local servers=("$@")
  local -A ratios=() rate_of=() cpu_of=()
  for run in 1 2 3; do
    for server in "${servers[@]:run-1}" "${servers[@]:0:run-1}"; do
      start_server "$server"
      read -r rate_of[$server] _ cpu_of[$server] <<<"$(timed_load "$load" "$messages" 1024)"
      stop_server
      printf '%-26s run %s  %-22s %9s msg/s %7s cpu s/1k\n' "${load//_/-}" "$run" "$server" "${rate_of[$server]}" "${cpu_of[$server]}"
      [ "${rate_of[$server]}" = failed ] && { echo "run $run: the load into $server failed" >&2; exit 1; }
    done
    for server in "${servers[@]}"; do
      [ "$server" = "$reference" ] && continue
      ratios[$server]+="$(awk -v a="${rate_of[$server]}" -v b="${rate_of[$reference]}" -v c="${cpu_of[$server]}" -v d="${cpu_of[$reference]}" 'BEGIN { printf "%.2f %.2f", a / b, c / d }')"$'\n'
    done
  done
  for server in "${servers[@]}"; do
    [ "$server" = "$reference" ] && continue
    read -r rate_ratio cpu_ratio <<<"$(printf '%s' "${ratios[$server]}" | sort -n | sed -n 2p)"
    echo "${load//_/-}, 1 KiB, $sessions sessions: $server / $reference, median of 3 runs: rate ${rate_ratio}x, CPU per message ${cpu_ratio}x (that run's)"
  done
}

if [ "$mode" = "--headline" ] || [ "$mode" = "--connections" ]; then
  loads=(smtp_source smtpgen); [ "$mode" = "--connections" ] && loads=(smtp_source_connections)
  for load in "${loads[@]}"; do
    alternating_runs smtp-sink "$load" "$small" "$client_warm" smtpgen smtpgen-aot smtp-sink
  done
  echo "($machine)"
  exit 0
fi

if [ "$mode" = "--smtpserver" ]; then
  alternating_runs smtpserver smtp_source "$small" "$client_warm" smtpgen smtpgen-aot smtpserver
  echo "($machine)"
  exit 0
fi

if [ "$mode" = "--tls" ]; then
  # Over STARTTLS, SmtpServer is the reference: the one .NET server of the table that speaks TLS. A handshake a message
  # runs at hundreds a second: fewer messages, and a warm-up of as many handshakes as a server sees in seconds.
  servers=(smtpgen-tls smtpgen-aot-tls smtpserver-nodelay-tls)
  alternating_runs smtpserver-nodelay-tls smtpgen_tls "$small" "$client_warm" "${servers[@]}"
  alternating_runs smtpserver-nodelay-tls smtpgen_tls_connections $((small / 5)) $((client_warm / 10)) "${servers[@]}"
  echo "($machine)"
  exit 0
fi

if [ "$mode" = "--client" ]; then
  # The load generators' own rates into one smtp-sink; alternating, so that a slow minute falls on every client.
  start_server smtp-sink
  from_start_ratios=() warmed_ratios=() aot_ratios=()
  for run in 1 2 3; do
    read -r source _ <<<"$(load_smtp_source "$small" 1024)"
    smtpgen_warmup=0; read -r from_start _ <<<"$(load_smtpgen "$small" 1024)"
    smtpgen_warmup=$client_warm; read -r warmed _ <<<"$(load_smtpgen "$small" 1024)"
    smtpgen_client=("${smtpgen_aot[@]}") smtpgen_warmup=0; read -r aot _ <<<"$(load_smtpgen "$small" 1024)"; smtpgen_client=("${smtpgen[@]}")
    if [ "$source" = failed ] || [ "$from_start" = failed ] || [ "$warmed" = failed ] || [ "$aot" = failed ]; then
      echo "run $run: a load failed" >&2; exit 1
    fi
    printf 'run %s  smtp-source %9s msg/s  smtpgen load %9s msg/s, after a warm-up %9s msg/s, NativeAOT from its start %9s msg/s\n' \
      "$run" "$source" "$from_start" "$warmed" "$aot"
    from_start_ratios+=("$(awk -v a="$from_start" -v b="$source" 'BEGIN { printf "%.2f", a / b }')")
    warmed_ratios+=("$(awk -v a="$warmed" -v b="$source" 'BEGIN { printf "%.2f", a / b }')")
    aot_ratios+=("$(awk -v a="$aot" -v b="$source" 'BEGIN { printf "%.2f", a / b }')")
  done
  stop_server
  median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
  echo "smtpgen load / smtp-source into smtp-sink, 1 KiB, $sessions sessions, median of 3 runs: from its start $(median "${from_start_ratios[@]}")x, after a warm-up of $client_warm messages $(median "${warmed_ratios[@]}")x, NativeAOT from its start $(median "${aot_ratios[@]}")x"
  echo "($machine)"
  exit 0
fi

if [ "$mode" = "--scale" ]; then
  echo "Scale: 1 KiB messages under smtp-source, 2,000 per row unless the row says otherwise; $machine"
  printf '%-12s %-22s %9s %9s\n' server sessions "msg/s" "cpu s/1k"
  for server in smtpgen smtpgen-aot smtp-sink; do
    for busy in 1 8 64 512; do
      start_server "$server"
      read -r rate _ cpu <<<"$(timed_load smtp_source 2000 1024 "$busy")"
      stop_server
      printf '%-12s %-22s %9s %9s\n' "$server" "$busy" "$rate" "$cpu"
    done
    # 2,000 messages over 512 sessions are four a connection, most of the row the setting up of 512 connections at
    # once; 20,000 show the server once they are open.
    start_server "$server"
    read -r rate _ cpu <<<"$(timed_load smtp_source 20000 1024 512)"
    stop_server
    printf '%-12s %-22s %9s %9s\n' "$server" "512, 20,000 messages" "$rate" "$cpu"
    start_server "$server"
    read -r rate _ cpu <<<"$(timed_load smtp_source_connections 2000 1024 8)"
    stop_server
    printf '%-12s %-22s %9s %9s\n' "$server" "8, a connection each" "$rate" "$cpu"
    start_server "$server"
    # 2,000 connections that say nothing after the greeting, held by one process, beside 8 busy sessions.
    ready=$(mktemp)
    python3 -c 'import socket, sys, time
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(2000)]
open(sys.argv[2], "w").write("ready")
time.sleep(3600)' "$port" "$ready" 2>/dev/null &
    idle_pid=$!
    while [ ! -s "$ready" ] && kill -0 "$idle_pid" 2>/dev/null; do sleep 0.2; done
    if [ -s "$ready" ]; then
      read -r rate _ cpu <<<"$(timed_load smtp_source 2000 1024 8)"
      kill "$idle_pid"; wait "$idle_pid" 2>/dev/null || true
    else
      rate="n/a" cpu="(did not take 2,000 connections)"
    fi
    rm -f "$ready"
    stop_server
    printf '%-12s %-22s %9s %9s\n' "$server" "8 + 2,000 idle" "$rate" "$cpu"
  done
  exit 0
fi

if [ "$mode" = "--mailkit" ]; then
  measure smtp-sink smtpgen
else
  for server in smtpgen smtpgen-aot smtpserver smtpserver-nodelay smtp-sink; do
    measure "$server" smtpgen
    measure "$server" smtp_source
  done
  for server in smtpgen-tls smtpgen-aot-tls smtpserver-nodelay-tls; do
    measure "$server" smtpgen_tls
  done
fi
measure smtp-sink mailkit

echo
echo "End to end on loopback, $sessions sessions, $machine"
printf '%-22s %-12s %8s %10s %9s %9s %9s\n' server load size messages "msg/s" "MB/s" "cpu s/1k"
printf '%s\n' "${rows[@]}"
if printf '%s\n' "${rows[@]}" | grep -q " failed"; then
  echo "some loads failed" >&2
  exit 1
fi

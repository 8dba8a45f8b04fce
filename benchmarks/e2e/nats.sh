#!/usr/bin/env bash
# The JetStream store beside the Maildir store, end to end on loopback: smtpgen load sends 1 KiB messages over 8 sessions
# to smtpgen serve, which answers each with 250 only once its store has it:
#  - maildir: the default store, four fsyncs a message before the 250 (its file, its envelope's, and the two folders
#    they are renamed into);
#  - nats-r1: a JetStream stream of one replica on one nats-server;
#  - nats-r3: a stream of three replicas on three nats-server nodes in one cluster, the 250 after a quorum (two) has it.
# Every server, node and the load generator run on this one machine, unpinned: the nodes of R3 share its cores with
# everything else, so R3's figure here is a floor for three machines, not their figure. Each store is warmed up with 1,000
# messages before it is measured; each is run --runs times (default 3), alternating, and the table gives each run.
# "disk flushes a message" counts the flush requests the disk that holds the stores completed during the load (from
# /proc/diskstats, the whole disk's, so anything else writing to it counts too): what a durable 250 waits for.
# Usage: benchmarks/e2e/nats.sh [--smoke] [--runs N] [--messages N]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=3 messages=10000 warm=1000 sessions=8 size=1024
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) runs=1 messages=200 warm=20 ;;
    --runs) runs=$2; shift ;;
    --messages) messages=$2; shift ;;
    *) echo "usage: $0 [--smoke] [--runs N] [--messages N]" >&2; exit 2 ;;
  esac
  shift
done

for project in src/SmtpGen.Cli benchmarks/SmtpGen.LoadPeers; do
  dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
smtpgen=(dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll)
peers=(dotnet benchmarks/SmtpGen.LoadPeers/bin/Release/net10.0/SmtpGen.LoadPeers.dll)
nats_server=/usr/sbin/nats-server
[ -x "$nats_server" ] || { echo "missing $nats_server: install Debian's nats-server (tests/run.sh does)" >&2; exit 1; }

work=$(mktemp -d /tmp/smtpgen-nats-e2e.XXXXXX)
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; pids=(); }
trap 'stop_all; rm -rf "$work"' EXIT

port=3700
next_port() {  # sets port to the next one nothing listens on (a function, not a subshell, so that port moves on)
  port=$((port + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
}
wait_for() {  # port → waits until it accepts
  for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "nothing accepts on port $1" >&2; exit 1
}

start_nats() {  # nodes → starts them (a cluster when more than one) and creates the stream MAIL of as many replicas; sets store
  local nodes=$1 client=() route=() i
  for ((i = 0; i < nodes; i++)); do next_port; client+=("$port"); next_port; route+=("$port"); done
  for ((i = 0; i < nodes; i++)); do
    local cluster=()
    if [ "$nodes" -gt 1 ]; then
      local routes=() j
      for ((j = 0; j < nodes; j++)); do [ "$j" != "$i" ] && routes+=("nats://127.0.0.1:${route[$j]}"); done
      cluster=(--cluster_name e2e --cluster "nats://127.0.0.1:${route[$i]}" --routes "$(IFS=,; echo "${routes[*]}")")
    fi
    "$nats_server" -js -a 127.0.0.1 -p "${client[$i]}" -n "n$i" -sd "$work/run$run-$store_name/n$i" "${cluster[@]}" >/dev/null 2>&1 &
    pids+=($!)
  done
  for ((i = 0; i < nodes; i++)); do wait_for "${client[$i]}"; done
  "${peers[@]}" nats-stream --url "nats://127.0.0.1:${client[0]}" --stream MAIL --subject mail.in --replicas "$nodes" >/dev/null
  store="nats://127.0.0.1:${client[0]}/MAIL"
}

# The disk that holds the stores, as /proc/diskstats names it (the whole disk, not a partition), where the kernel counts
# the flushes a durable 250 waits for: a disk with a write-back cache. Empty otherwise, and the column says n/a: tmpfs or
# overlay; a device-mapper or RAID volume (its flushes are counted on the disks below it); a write-through disk (sent none).
disk_of() {
  local name; name=$(basename "$(readlink -f "$(df --output=source "$1" | tail -n 1)")")
  [ -e "/sys/class/block/$name/partition" ] && name=$(basename "$(readlink -f "/sys/class/block/$name/..")")
  [ -z "$(ls -A "/sys/block/$name/slaves" 2>/dev/null)" ] &&
    [ "$(cat "/sys/block/$name/queue/write_cache" 2>/dev/null)" = "write back" ] && echo "$name"
}
disk=$(disk_of "$work" || true)
flushes() {  # → the flush requests the disk has completed (its 16th statistic, after its numbers and name), or nothing
  [ -n "$disk" ] && awk -v disk="$disk" '$3 == disk { print $19 }' /proc/diskstats
}

measure() {  # store_name → one line of the table
  store_name=$1
  case "$store_name" in
    maildir) store="$work/run$run-maildir" ;;
    nats-r1) start_nats 1 ;;
    nats-r3) start_nats 3 ;;
  esac
  next_port; local smtp=$port
  "${smtpgen[@]}" serve --port "$smtp" --store "$store" --quiet --max-sessions 3000 >/dev/null 2>&1 &
  pids+=($!)
  wait_for "$smtp"
  "${smtpgen[@]}" load --server "127.0.0.1:$smtp" --messages "$warm" --sessions "$sessions" --size "$size" --json >/dev/null
  local before after report
  before=$(flushes || true)
  report=$("${smtpgen[@]}" load --server "127.0.0.1:$smtp" --messages "$messages" --sessions "$sessions" --size "$size" --json)
  after=$(flushes || true)
  python3 - "$store_name" "$run" "$report" "$before" "$after" <<'PY'
import json, sys
name, run, report, before, after = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4], sys.argv[5]
latency = report["latencyMs"]
flushes = f"{(int(after) - int(before)) / report['messages']:.2f}" if before and after else "n/a"
print(f"| {name} | {run} | {report['messagesPerSecond']:,.0f} | {latency['p50']:.2f} | {latency['p99']:.2f} | {flushes} | {report['sent']:,} of {report['messages']:,} |")
PY
  stop_all
}

echo "1 KiB messages, $sessions sessions, $messages measured after $warm to warm up; $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| store | run | messages/s | p50 ms | p99 ms | disk flushes a message | 250s |"
echo "|---|---|---|---|---|---|---|"
for ((run = 1; run <= runs; run++)); do
  for name in maildir nats-r1 nats-r3; do measure "$name"; done
done

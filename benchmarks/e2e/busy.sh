#!/usr/bin/env bash
# Does a server that works more per message take messages faster from smtpgen load? The experiment behind
# benchmarks/e2e/README.md, the seventh and eighth parts of issue 13. SmtpGen.Server is built from this
# commit with busy-server.patch applied (each command line then burns SMTPGEN_BUSY_NS nanoseconds of CPU after it is
# parsed; 0 leaves the server as it is), in a git worktree that is removed at the end. Three alternating runs of: that
# server at 0 ns, the same at $BUSY ns, and smtp-sink, each warmed up with 40,000 messages of smtp-source and then
# measured under smtpgen load (this commit's, 20,000 messages of warm-up and 100,000 measured, 1 KiB, 8 sessions).
# Each line gives the rate, how often the server went to sleep (voluntary context switches of all its threads, a
# message), its CPU milliseconds per 1,000 messages (user + system, /proc/PID/stat) and the TCP segments sent a message
# in both directions (OutSegs of /proc/net/snmp), each over all 120,000; then the client's side of it: its user and
# system CPU microseconds a message (GNU time), and the share of the client's core (perf, sampling core 1) spent in the
# kernel and, within it, in sock_def_readable: the wake-up of whoever waits to read the socket the client just sent
# into, the server's socket thread when it sleeps.
# Usage: [BUSY=600] benchmarks/e2e/busy.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

busy=${BUSY:-600} sessions=8 warm=40000 messages=100000 client_warm=20000
for program in /usr/sbin/smtp-sink /usr/sbin/smtp-source taskset git /usr/bin/time perf; do
  command -v "$program" >/dev/null ||
    { echo "missing $program: install Debian's postfix, util-linux, time and linux-perf (tests/run.sh installs the first two)" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "the experiment needs two cores: the server on one, the load on the other" >&2; exit 1; }

dotnet build src/SmtpGen.Cli -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of src/SmtpGen.Cli failed" >&2; exit 1; }
client=(dotnet src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll)
worktree=$(mktemp -d)
samples=$(mktemp)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  git worktree remove --force "$worktree" 2>/dev/null || rm -rf "$worktree"
  rm -f "$samples" "$samples.time"
}
trap cleanup EXIT
git worktree add --detach -q "$worktree" HEAD
git -C "$worktree" apply "$PWD/benchmarks/e2e/busy-server.patch"
dotnet build "$worktree/src/SmtpGen.Cli" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of the patched server failed" >&2; exit 1; }
busy_server=(dotnet "$worktree/src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll")
sink_user=(); [ "$(id -u)" = 0 ] && sink_user=(-u nobody)

port=2900
run() {  # smtpgen NS | smtp-sink → one line
  port=$((port + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  if [ "$1" = smtpgen ]; then
    SMTPGEN_BUSY_NS=$2 taskset -c 0 "${busy_server[@]}" serve --port "$port" --discard --quiet --max-sessions 3000 >/dev/null 2>&1 &
  else
    taskset -c 0 /usr/sbin/smtp-sink "${sink_user[@]}" "127.0.0.1:$port" 1000 >/dev/null 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  taskset -c 1 /usr/sbin/smtp-source -d -s "$sessions" -m "$warm" -l 1024 -f load@example.com -t sink@example.com "127.0.0.1:$port" >/dev/null 2>&1
  sleeps() { cat /proc/"$server_pid"/task/*/status | awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n }'; }
  ticks() { awk '{ print $14 + $15 }' /proc/"$server_pid"/stat; }
  segments() { awk '/^Tcp:/ { if (seen) print $12; seen = 1 }' /proc/net/snmp; }  # OutSegs, both directions on loopback
  local sleeps_before ticks_before segments_before rate
  sleeps_before=$(sleeps) ticks_before=$(ticks) segments_before=$(segments)
  rate=$(/usr/bin/time -f "%U %S" -o "$samples.time" perf record -q -g -C 1 -o "$samples" -- taskset -c 1 "${client[@]}" load \
    --server "127.0.0.1:$port" --messages "$messages" --sessions "$sessions" --size 1024 --warmup "$client_warm" --no-progress |
    awk '/^rate/ { print $2 }')
  local client_times kernel waking
  client_times=$(cat "$samples.time")
  kernel=$(perf report -i "$samples" --no-children --sort dso --stdio -g none 2>/dev/null | awk '/\[kernel\.kallsyms\]/ { sub("%", "", $1); print $1 }')
  waking=$(perf report -i "$samples" --children --sort symbol --stdio -g none 2>/dev/null |
    awk 'NF >= 3 && $(NF - 2) == "sock_def_readable" && !found { sub("%", "", $1); print $1; found = 1 }')
  awk -v name="$1${2:+ busy $2 ns}" -v rate="$rate" -v sleeps=$(($(sleeps) - sleeps_before)) -v ticks=$(($(ticks) - ticks_before)) \
    -v segments=$(($(segments) - segments_before)) -v hz="$(getconf CLK_TCK)" -v n=$((messages + client_warm)) \
    -v client_times="$client_times" -v kernel="$kernel" -v waking="${waking:-0}" \
    'BEGIN { split(client_times, t, " ")
             printf "%-22s %9s msg/s  %.3f sleeps a message  %5.1f ms CPU per 1,000 messages  %.2f TCP segments a message\n",
                    name, rate, sleeps / n, ticks / hz / n * 1e6, segments / n
             printf "%-22s client: %.2f µs user, %.2f µs system a message; %.1f %% of its core in the kernel, %.2f %% waking the reader\n",
                    "", t[1] / n * 1e6, t[2] / n * 1e6, kernel, waking }'
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
}

for round in 1 2 3; do
  echo "run $round"
  run smtpgen 0
  run smtpgen "$busy"
  run smtp-sink
done
echo "($(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -1))"

#!/usr/bin/env bash
# What a TLS handshake costs smtpgen load, the client: smtpgen serve on core 0 offering STARTTLS, smtpgen load
# --connection-per-message --starttls required --trust cert.pem on core 1 (1 KiB, 8 sessions: a connection and a handshake
# for each message), addressed by IP (127.0.0.1: on Linux .NET resumes no TLS session without a host name) and by name
# (localhost: the client resumes the session the server gave it a ticket for; each connection also resolves the name,
# and may try ::1, where the server does not listen, before 127.0.0.1). RUNS rounds, each with two loads per row, of
# 1,000 messages and of 1,000 more than MESSAGES (4,000 by default): the client's user + system seconds (/usr/bin/time)
# of the difference, per message, is its CPU for one connection and handshake with its start and JIT taken out; the
# server's (from /proc/PID/stat) over the longer load, per message. BEFORE=path/to/SmtpGen.Cli.dll adds the rows of
# that build's client (an earlier commit's, built in a worktree), alternating with this one's, against the same server.
# Usage: [RUNS=N] [MESSAGES=N] [BEFORE=DLL] benchmarks/e2e/tls-client.sh
set -euo pipefail
[ -n "${BEFORE:-}" ] && BEFORE=$(realpath "$BEFORE")
cd "$(dirname "$0")/../.."

runs=${RUNS:-3} messages=${MESSAGES:-4000} port=2970
command -v taskset >/dev/null || { echo "missing taskset (Debian: util-linux)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time (Debian: time)" >&2; exit 1; }
for project in src/SmtpGen.Cli benchmarks/SmtpGen.LoadPeers; do
  dotnet build "$project" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; exit 1; }
done
this=src/SmtpGen.Cli/bin/Release/net10.0/SmtpGen.Cli.dll
clients=(this)
if [ -n "${BEFORE:-}" ]; then
  [ -f "$BEFORE" ] || { echo "BEFORE: no $BEFORE" >&2; exit 1; }
  clients=(before this)
fi
out=$(mktemp -d)
server_pid=
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet benchmarks/SmtpGen.LoadPeers/bin/Release/net10.0/SmtpGen.LoadPeers.dll certificate "$out"

while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done  # skip a port another program listens on
taskset -c 0 dotnet "$this" serve --port "$port" --discard --quiet --tls-certificate "$out/cert.pem" --tls-key "$out/key.pem" >"$out/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && kill -0 "$server_pid" 2>/dev/null || { echo "smtpgen serve did not start:" >&2; cat "$out/serve.log" >&2; exit 1; }

client_seconds() {  # DLL HOST COUNT: the client's user + system seconds for COUNT messages
  /usr/bin/time -f "%U %S" -o "$out/time" taskset -c 1 dotnet "$1" load --size 1024 --sessions 8 --connection-per-message \
    --starttls required --trust "$out/cert.pem" --no-progress --server "$2:$port" --messages "$3" >"$out/load"
  grep -q "^sent .*, 0 failed" "$out/load" || { echo "the load failed:" >&2; cat "$out/load" >&2; exit 1; }
  awk '{ print $1 + $2 }' "$out/time"
}

one_row() {  # NAME DLL HOST: the figures on one line
  local short long before after
  short=$(client_seconds "$2" "$3" 1000)
  before=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
  long=$(client_seconds "$2" "$3" $((1000 + messages)))
  after=$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
  awk -v name="$1 by $3" -v short="$short" -v long="$long" -v n="$messages" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v all=$((1000 + messages)) \
    'BEGIN { printf "%-24s client %.3f ms CPU a connection   server %.3f ms CPU a connection\n", name, (long - short) / n * 1000, t / hz / all * 1000 }'
}

for _ in $(seq "$runs"); do
  for client in "${clients[@]}"; do
    dll=$this
    [ "$client" = before ] && dll=$BEFORE
    one_row "$client" "$dll" 127.0.0.1
    one_row "$client" "$dll" localhost
  done
done

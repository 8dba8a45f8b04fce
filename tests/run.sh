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

# The interop tests run real SMTP and LMTP peers from Debian: swaks, Postfix's smtp-sink and smtp-source, aiosmtpd,
# Dovecot's LMTP server; memcached, the peer of a user's definition of another line protocol; nats-server, whose
# JetStream the NATS store publishes to. NativeAOT needs clang
# and zlib's headers to link smtpgen. Install the missing ones (Postfix without configuring a mail system, and no
# service started: the tests start their own instances). A package that cannot be installed is not skipped: the tests
# that need it fail and say what is missing.
debian_packages="swaks postfix python3-aiosmtpd dovecot-core dovecot-lmtpd memcached nats-server clang zlib1g-dev"
debian_packages_missing() {
  [ ! -x /usr/bin/memcached ] || [ ! -x /usr/sbin/nats-server ] || [ ! -x /usr/bin/swaks ] || [ ! -x /usr/sbin/smtp-sink ] || [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/lmtp ] ||
    ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || [ ! -x /usr/bin/clang ] || [ ! -e /usr/include/zlib.h ]
}
install_debian_packages() {
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=yes
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $debian_packages >/dev/null 2>&1
  local status=$?
  [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
  return $status
}
if debian_packages_missing; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "cannot install the Debian packages ($debian_packages): no apt-get; the tests that need them will fail"
  elif ! install_debian_packages && ! { apt-get update -qq >/dev/null 2>&1 && install_debian_packages; }; then
    echo "installing the Debian packages ($debian_packages) failed; the tests that need them will fail"
  fi
fi
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

# The server's tests again with the socket engine's thread running each connection's completions, as in smtpgen serve
# (OffSocketThread): the session must behave the same there (this run found the 421 a stop left unsent).
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet test tests/SmtpGen.Server.Tests -c Release --no-build -nologo 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# The mail data codecs', the whole-value checks' and the line searches' (CR and LF; a reply text's controls) tests
# again on the vector widths this machine's JIT would not pick by itself: AVX2 without AVX-512 (no VPCOMPRESSB: dropped
# dots are copied around; values classified in blocks, not whole by VPERMI2B; lines searched by IndexOfAny, not by
# masked loads), then 128-bit vectors only (ESMTP parameters classified 16 octets at a time, not 32). Their fast paths
# differ there.
for isa in DOTNET_EnableAVX512=0 DOTNET_EnableAVX2=0; do
  env "$isa" dotnet test tests/SmtpGen.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~SmtpGen.Tests.MailData|FullyQualifiedName~SmtpGen.Tests.Grammar.AsciiShapes|FullyQualifiedName~SmtpGen.Tests.LineBreaks|FullyQualifiedName~SmtpGen.Tests.TextControls" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
# The widest paths run only on a CPU that has their instructions, and their tests pass on one that has not without
# running them: say which ones this machine has, so that a run without them is visible. (They also need the runtime to
# use 512-bit vectors, which it does on Zen 4 and Intel since Ice Lake, not by default on Skylake-X or Cascade Lake.)
for path in "avx512bw:command and reply lines searched by 64-octet masked loads" \
  "avx512vbmi:values classified whole (VPERMI2B)" "avx512_vbmi2:dropped dots packed by VPCOMPRESSB"; do
  if grep -qw "${path%%:*}" /proc/cpuinfo 2>/dev/null; then
    echo "Tested on this CPU: ${path#*:}"
  else
    echo "NOT tested on this CPU (no ${path%%:*}): ${path#*:}"
  fi
done

# The benchmarks' smoke run (benchmarks/README.md): every benchmark once, in this build, no timing claimed. Each one
# counts as a test; one that throws (or whose setup finds the compared parsers disagree) counts as failed.
smoke_log=$(mktemp)
dotnet run -c Release --no-build --project benchmarks/SmtpGen.Benchmarks -- --smoke >"$smoke_log" 2>&1
smoke_status=$?
grep -E "^(Benchmark failed|Benchmarks smoke:)" "$smoke_log"
smoke_passed=$(grep -oE "^Benchmarks smoke: [0-9]+ passed" "$smoke_log" | grep -oE "[0-9]+" || echo 0)
smoke_failed=$(grep -oE "^Benchmarks smoke: [0-9]+ passed, [0-9]+ failed" "$smoke_log" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+" || echo 0)
if [ "$smoke_status" -ne 0 ] && [ "$smoke_failed" -eq 0 ]; then
  tail -n 20 "$smoke_log"
  smoke_failed=1   # the smoke run itself failed (a crash, a missing build): never report that as green
fi
rm -f "$smoke_log"

# One check that is not a dotnet test: its name, then its command; counted as passed or failed, with the end of its
# output when it failed.
check() {
  local name=$1; shift
  if "$@" >"$smoke_log" 2>&1; then
    echo "$name: passed"
    smoke_passed=$((smoke_passed + 1))
  else
    tail -n 25 "$smoke_log"
    echo "$name: failed"
    smoke_failed=$((smoke_failed + 1))
  fi
}

# The package test: SmtpGen and SmtpGen.Smtp packed into a local feed, a consumer restored from that feed only.
check "Package consumer" bash tests/package/run.sh

# smtpgen as a NativeAOT executable for this machine: published (no trim or AOT warning allowed), then run on demo in a
# folder of its own. One test; it fails when the toolchain (clang, zlib1g-dev) is missing.
# -r with the SDK's own RID (not --use-current-runtime, which would rebuild every library for it).
aot=$(mktemp -d)
aot_started=$(date +%s)
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
if dotnet publish src/SmtpGen.Cli -c Release -r "$rid" -o "$aot/bin" -nologo -clp:NoSummary >"$smoke_log" 2>&1 &&
  ! grep -qiE "warning [A-Z]+[0-9]+" "$smoke_log" &&
  (cd "$aot" && ./bin/SmtpGen.Cli demo --store mail) >>"$smoke_log" 2>&1 &&
  grep -q "S: 221 Bye" "$smoke_log" && [ -n "$(ls "$aot/mail/new")" ]; then
  echo "NativeAOT smtpgen demo: passed (published in $(($(date +%s) - aot_started)) s)"
  smoke_passed=$((smoke_passed + 1))
else
  tail -n 25 "$smoke_log"
  echo "NativeAOT smtpgen demo: failed"
  smoke_failed=$((smoke_failed + 1))
fi
rm -rf "$aot"

# The end-to-end script in its smoke mode: every server under every load generator, a few messages each.
check "End-to-end smoke" benchmarks/e2e/run.sh --smoke
check "End-to-end TLS smoke" benchmarks/e2e/run.sh --tls --smoke
# busy.sh's experiment patches the server: the patch must still apply to it (its context is the command's parse).
check "busy.sh's server patch applies" git apply --check benchmarks/e2e/busy-server.patch

# The JetStream comparison in its smoke mode: each store (Maildir, a stream of one replica, of three) takes all its messages.
jetstream_smoke() {
  local table
  table=$(benchmarks/e2e/nats.sh --smoke) && echo "$table" && [ "$(grep -c "| 200 of 200 |" <<<"$table")" -eq 3 ]
}
check "JetStream end-to-end smoke" jetstream_smoke
rm -f "$smoke_log"

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
passed=$((passed + smoke_passed))
failed=$((failed + smoke_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

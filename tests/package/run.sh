#!/usr/bin/env bash
# The package test: packs SmtpGen (runtime + generator), SmtpGen.Smtp, SmtpGen.Server and SmtpGen.Client into a local folder feed with a version of
# its own, copies tests/package/Consumer outside the repository, restores SmtpGen's packages from that feed only
# (nuget.config with <clear/> and package source mapping, a fresh packages folder) and builds and runs it. Exit code 0
# when the consumer ran as expected.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.0.0-package-test.$(date +%s)"

for project in src/SmtpGen src/SmtpGen.Smtp src/SmtpGen.Server src/SmtpGen.Client; do
  dotnet pack "$project" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q -clp:ErrorsOnly >/dev/null
done

# SmtpGen's packages come from the local feed alone (package source mapping); the packages they depend on
# (Microsoft.Extensions.*), from the packages folder that restoring SmtpGen itself filled.
cache=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
cp -r tests/package/Consumer "$work/consumer"
cat >"$work/consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="restored" value="$cache" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="SmtpGen*" />
    </packageSource>
    <packageSource key="restored">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
CONFIG

dotnet restore "$work/consumer" -p:SmtpGenVersion="$version" --packages "$work/packages" -nologo -v:q
dotnet run --project "$work/consumer" --no-restore -c Release -p:SmtpGenVersion="$version" -nologo

#!/usr/bin/env bash
# The package test: packs SmtpGen (runtime + generator), SmtpGen.Smtp, SmtpGen.Server, SmtpGen.Server.Nats and SmtpGen.Client into a local folder feed with a version of
# its own (a warning of pack fails it; each package has its README and a .snupkg), copies tests/package/Consumer outside
# the repository, restores SmtpGen's packages from that feed only (nuget.config with <clear/> and package source mapping,
# a fresh packages folder) and builds and runs it; then packs the tool SmtpGen.Cli, installs it from the feed with
# dotnet tool install, as the README says, and runs smtpgen --version. Exit code 0 when all went as expected.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.0.0-package-test.$(date +%s)"

for project in src/SmtpGen src/SmtpGen.Smtp src/SmtpGen.Server src/SmtpGen.Server.Nats src/SmtpGen.Client src/SmtpGen.Cli; do
  dotnet pack "$project" -c Release -o "$work/feed" -p:Version="$version" -warnaserror -nologo -v:q -clp:ErrorsOnly >/dev/null
  package=$(basename "$project")
  [ -e "$work/feed/$package.$version.snupkg" ] || { echo "no symbols package for $package"; exit 1; }
  unzip -p "$work/feed/$package.$version.nupkg" README.md | cmp -s - "$project/README.md" || { echo "$package does not carry $project/README.md"; exit 1; }
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

dotnet tool install SmtpGen.Cli --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >/dev/null
installed=$("$work/tools/smtpgen" --version)
[ "${installed%%+*}" = "$version" ] || { echo "the installed smtpgen says it is '$installed', not $version"; exit 1; }
echo "package tool: smtpgen $version installed with dotnet tool install and run"

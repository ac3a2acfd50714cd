#!/usr/bin/env bash
# Builds everything and runs every test project; each test assembly starts its own Azurite on free
# ports, so this never collides with a dev run. Ends with one line: "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh

results="$root/TestResults"
rm -rf "$results"
dotnet build MedScribe.Orleans.sln --no-restore --verbosity quiet -nologo

status=0
timeout 60m dotnet test --solution MedScribe.Orleans.sln --no-build --no-progress \
  --results-directory "$results" "$@" || status=$?

# xunit.v3 under Microsoft.Testing.Platform prints no plain summary; count from the JUnit reports.
read -r tests failures errors skipped < <(
  cat "$results"/*.xml 2>/dev/null | grep -oE '<testsuite [^>]*>' | awk '
    function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) : 0 }
    { t += attr("tests"); f += attr("failures"); e += attr("errors"); s += attr("skipped") }
    END { print t + 0, f + 0, e + 0, s + 0 }')
# Every test project must have reported; a missing report would silently undercount.
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  if [ ! -f "$results/$name.junit.xml" ]; then
    echo "test: $name wrote no report (did it run?)" >&2
    errors=$((errors + 1))
  fi
done
failed=$((failures + errors))
passed=$((tests - failed - skipped))
if [ "$tests" -eq 0 ]; then
  echo "test: no test results were written to $results" >&2
  [ "$status" -eq 0 ] && status=1
fi
[ "$failed" -gt 0 ] && [ "$status" -eq 0 ] && status=1
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"

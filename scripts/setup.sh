#!/usr/bin/env bash
# Idempotent set-up shared by run.sh and test.sh: Debian packages, the pinned npm packages (Azurite,
# the Silero VAD model), NuGet restore.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is not installed; see README prerequisites." >&2; exit 1; }
done

mapfile -t wanted < <(grep -vE '^\s*(#|$)' scripts/debian-packages.txt)
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when a lock file changed since the last install: Azurite, and the Silero VAD model.
for folder in azurite speech; do
  stamp="$folder/node_modules/.medscribe-lock"
  if ! cmp -s "$folder/package-lock.json" "$stamp" 2>/dev/null; then
    echo "setup: installing $folder npm packages (npm ci)"
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts)
    cp "$folder/package-lock.json" "$stamp"
  fi
done

dotnet restore MedScribe.Orleans.sln --verbosity quiet

#!/usr/bin/env bash
# Starts Azurite (loopback, data in .azurite/) and one silo with its development defaults.
# Ctrl-C stops both. Ports: AZURITE_BLOB_PORT/QUEUE/TABLE (10000-10002), Urls (http://127.0.0.1:5080),
# Orleans__SiloPort (11111), Orleans__GatewayPort (30000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh

blob=${AZURITE_BLOB_PORT:-10000}; queue=${AZURITE_QUEUE_PORT:-10001}; table=${AZURITE_TABLE_PORT:-10002}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
silo_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$silo_pid" ] && kill -INT "$silo_pid" 2>/dev/null && wait "$silo_pid" 2>/dev/null
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  exit 0
}
trap cleanup EXIT INT TERM

if port_open "$table"; then
  echo "run: something already listens on 127.0.0.1:$table; using it as Azurite."
else
  mkdir -p .azurite
  node azurite/node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
    --location .azurite --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" &
  azurite_pid=$!
  for _ in $(seq 1 100); do port_open "$table" && port_open "$blob" && break; sleep 0.2; done
  port_open "$table" || { echo "run: Azurite did not start on port $table" >&2; exit 1; }
  echo "run: Azurite listening on 127.0.0.1:$blob (blob), :$table (table); data in .azurite/"
fi

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export Storage__ConnectionString="${Storage__ConnectionString:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

dotnet build src/MedScribe.Silo -c Release --no-restore --verbosity quiet -nologo
dotnet src/MedScribe.Silo/bin/Release/net10.0/MedScribe.Silo.dll "$@" &
silo_pid=$!
wait "$silo_pid"

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
# Stop in dependency order: the silo first (it writes its final membership state to storage), then Azurite.
# Background jobs of a script ignore SIGINT, so the silo gets SIGTERM, which ASP.NET treats as a graceful stop.
stop() {
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  echo "run: $name did not stop within 30 s; killing it." >&2
  kill -KILL "$pid" 2>/dev/null
}
cleanup() {
  trap - EXIT INT TERM
  stop "$silo_pid" "the silo"
  stop "$azurite_pid" "Azurite"
  exit 0
}
trap cleanup EXIT INT TERM

if port_open "$table"; then
  echo "run: something already listens on 127.0.0.1:$table; using it as Azurite."
else
  mkdir -p .azurite
  # Its own session, so Ctrl-C in the terminal does not take storage away before the silo has stopped.
  setsid node azurite/node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
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

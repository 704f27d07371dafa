#!/usr/bin/env bash
# Smoke start: `npm start` in a scratch directory's data, probe the health endpoint, stop it.
set -euo pipefail
port="${MAILFERRY_SMOKE_PORT:-18025}"
data="$(mktemp -d)"
log="$data/serve.log"
MAILFERRY_DATA_DIR="$data" MAILFERRY_HTTP_PORT="$port" npm start >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; pkill -P "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    echo "smoke start: mailferry answered on 127.0.0.1:$port"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$data"
    exit 0
  fi
  sleep 1
done
echo "smoke start: mailferry did not answer on port $port within 60 s; its log:" >&2
cat "$log" >&2
exit 1

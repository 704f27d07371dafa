#!/usr/bin/env bash
# Smoke start: `npm start` with a scratch data directory, probe the health endpoint, stop it with SIGTERM and
# check that it exits cleanly.
set -euo pipefail
port="${MAILFERRY_SMOKE_PORT:-18025}"
data="$(mktemp -d)"
log="$data/serve.log"
# The health endpoint on a known port, the mail listeners on free ones (a busy CI host may hold their defaults).
export MAILFERRY_DATA_DIR="$data/data" MAILFERRY_HTTP_PORT="$port"
export MAILFERRY_POP3_PORT=0 MAILFERRY_POP3_TLS_PORT=0 MAILFERRY_IMAP_PORT=0 MAILFERRY_IMAP_TLS_PORT=0
# In a process group of its own, so the signal reaches npm and mailferry alike (npm does not wait for its child).
setsid npm start >"$log" 2>&1 &
pid=$!
group_alive() { kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; }
cleanup() {
  group_alive && kill -KILL -- "-$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
fail() {
  echo "smoke start: $1; its log:" >&2
  cat "$log" >&2
  exit 1
}
for _ in $(seq 1 120); do
  group_alive || fail "npm start exited before answering"
  if body="$(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null)"; then
    echo "smoke start: mailferry answered on 127.0.0.1:$port: $body"
    kill -TERM -- "-$pid"
    for _ in $(seq 1 40); do
      group_alive || break
      sleep 0.25
    done
    group_alive && fail "still running 10 s after SIGTERM"
    grep -q 'mailferry stopped' "$log" || fail "no clean stop in the log"
    echo "smoke start: stopped cleanly on SIGTERM"
    exit 0
  fi
  sleep 0.5
done
fail "no answer on port $port within 60 s"

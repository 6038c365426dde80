#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL cluster in var/pgtest for the test suite.
# `start` prints a DATABASE_URL on stdout, or nothing if PostgreSQL is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="$PWD/var/pgtest"
PORT="${OPENSEND_PG_PORT:-54329}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$BIN" ] || BIN=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")
[ -x "$BIN/pg_ctl" ] || exit 0

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$DIR"
    if [ "$(id -u)" = "0" ]; then chown postgres "$DIR"; fi
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres --no-sync >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/data/server.log" -w \
        -o "-p $PORT -k $DIR/data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$PORT/opensend"
    ;;
  stop)
    [ -f "$DIR/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
    ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, in a folder of its own:
#   scripts/throwaway-postgres.sh start DIR PORT   prints postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/throwaway-postgres.sh stop DIR
# Debian's postgresql package (any major version) must be installed. Trust authentication on
# 127.0.0.1 only: never for a database that holds anything. As root, the cluster runs as the
# postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

command=${1:-}; dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then echo "throwaway-postgres: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    port=${3:-}
    if ! [[ "$port" =~ ^[0-9]+$ ]]; then echo "usage: $0 start DIR PORT (PORT a number)" >&2; exit 2; fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a throwaway cluster need not survive a power cut, and tests run faster without it.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac

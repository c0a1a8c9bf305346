#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for tests only.
#
#   scripts/pg-throwaway.sh run CMD [ARGS...]  start, run CMD with TEST_POSTGRES_URL set, stop, remove;
#                                              exits with CMD's exit code
#   eval "$(scripts/pg-throwaway.sh start)"    start; prints `export TEST_POSTGRES_URL=... PG_THROWAWAY_DIR=...`
#   scripts/pg-throwaway.sh stop DIR           stop the cluster started in DIR and remove DIR
#   scripts/pg-throwaway.sh                    start, print the URL, wait for Ctrl-C, stop, remove
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user (created when
# missing). Durability is switched off: the cluster lives for one test run.
set -euo pipefail

PG_PASSWORD=postgres

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "pg-throwaway: no PostgreSQL server binaries (initdb, pg_ctl) found; install them with: apt-get install postgresql" >&2
  return 1
}

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_owner() {
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local port tries=0
  while (( tries < 50 )); do
    port=$(( 55000 + RANDOM % 5000 ))
    if ! port_in_use "$port"; then echo "$port"; return; fi
    tries=$(( tries + 1 ))
  done
  echo "pg-throwaway: no free port found" >&2
  return 1
}

# Starts a cluster; prints `export ...` lines on stdout. Everything else goes to stderr.
start_cluster() {
  local bindir dir port
  bindir=$(find_bindir)
  ensure_owner
  dir=$(mktemp -d "${TMPDIR:-/tmp}/pg-throwaway.XXXXXX")
  chmod 755 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  printf '%s\n' "$PG_PASSWORD" > "$dir/pwfile"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi

  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync \
      > "$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    echo "pg-throwaway: initdb failed" >&2
    return 1
  fi

  local attempt
  for attempt in 1 2 3; do
    port=$(pick_port)
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -s \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2; then
      echo "$bindir" > "$dir/bindir"
      echo "export TEST_POSTGRES_URL=postgresql://postgres:$PG_PASSWORD@127.0.0.1:$port/postgres"
      echo "export PG_THROWAWAY_DIR=$dir"
      return 0
    fi
    echo "pg-throwaway: start on port $port failed (attempt $attempt)" >&2
  done
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  return 1
}

stop_cluster() {
  local dir=$1
  [[ -d "$dir/data" ]] || return 0
  local bindir
  bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir)
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

cmd=${1:-wait}
case "$cmd" in
  start)
    start_cluster
    ;;
  stop)
    stop_cluster "${2:?usage: pg-throwaway.sh stop DIR}"
    ;;
  run)
    shift
    [[ $# -gt 0 ]] || { echo "usage: pg-throwaway.sh run CMD [ARGS...]" >&2; exit 2; }
    exports=$(start_cluster)
    eval "$exports"
    trap 'stop_cluster "$PG_THROWAWAY_DIR"' EXIT
    echo "pg-throwaway: PostgreSQL ready at ${TEST_POSTGRES_URL}" >&2
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
    ;;
  wait)
    exports=$(start_cluster)
    eval "$exports"
    trap 'stop_cluster "$PG_THROWAWAY_DIR"; exit 0' EXIT INT TERM
    echo "$TEST_POSTGRES_URL"
    echo "pg-throwaway: running; Ctrl-C stops and removes it" >&2
    while true; do sleep 3600 & wait $!; done
    ;;
  *)
    echo "usage: pg-throwaway.sh [start | stop DIR | run CMD...]" >&2
    exit 2
    ;;
esac

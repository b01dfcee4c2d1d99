#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server and SCRUTIN_TEST_POSTGRES_URL pointing at
# it, e.g.:  scripts/with-postgres.sh cargo test -p scrutin-board --test storage
#
# Needs the PostgreSQL server binaries (Debian: apt-get install -y postgresql). The cluster is
# created under a temporary directory with trust authentication on 127.0.0.1 only, owned by
# the `postgres` user when run as root (initdb refuses root), and removed afterwards.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "with-postgres: no PostgreSQL server binaries (apt-get install -y postgresql)" >&2
    exit 2
fi
port=${SCRUTIN_PG_PORT:-55432}
dir=$(mktemp -d /tmp/scrutin-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run_as=(runuser -u postgres --)
fi
cleanup() {
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null
export SCRUTIN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"

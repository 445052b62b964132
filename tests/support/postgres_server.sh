#!/usr/bin/env bash
# A throwaway PostgreSQL server for the suites that test server logs.
#
#   postgres_server.sh start STATE_DIR   initdb into a temporary folder owned by
#                                        the postgres user, start it on a free
#                                        local port, create database "fglens",
#                                        write its URI to STATE_DIR/postgres.uri
#   postgres_server.sh stop STATE_DIR    stop it and remove its folder
#
# It needs root (to run the server as the postgres user) and Debian's
# postgresql package. Without them it writes the reason to
# STATE_DIR/postgres.skip and exits 0: the suites read that file and QSKIP
# with the reason, visibly, instead of passing.
set -u
cmd=${1:-}
state=${2:-}
if [ -z "$cmd" ] || [ -z "$state" ]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
fi
mkdir -p "$state"
uri_file=$state/postgres.uri
skip_file=$state/postgres.skip
dir_file=$state/postgres.dir

# PostgreSQL 15 (Debian 12) when there, else the newest installed.
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] || pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

skip() {
    echo "$1" >"$skip_file"
    echo "postgres_server.sh: no server: $1"
    exit 0
}

stop_server() {
    [ -f "$dir_file" ] || return 0
    local data
    data=$(cat "$dir_file")
    if [ -d "$data/db" ]; then
        runuser -u postgres -- "$pgbin/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    rm -f "$dir_file"
}

case $cmd in
start)
    rm -f "$uri_file" "$skip_file"
    stop_server   # one left over from an interrupted run
    [ "$(id -u)" = 0 ] || skip "not root: the test server runs as the postgres user through runuser"
    [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || skip "PostgreSQL server not installed (Debian: apt-get install postgresql)"
    id postgres >/dev/null 2>&1 || skip "no postgres user (Debian's postgresql package creates it)"
    data=$(mktemp -d /tmp/fglens-pg.XXXXXX)
    chown postgres:postgres "$data"
    chmod 700 "$data"
    echo "$data" >"$dir_file"
    if ! runuser -u postgres -- "$pgbin/initdb" -D "$data/db" -A trust -U postgres --no-sync >"$data/initdb.log" 2>&1; then
        cat "$data/initdb.log"
        echo "postgres_server.sh: initdb failed" >&2
        exit 1
    fi
    # A free port: nothing answers on it.
    port=
    for p in $(shuf -i 20000-60000 -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            port=$p
            break
        fi
    done
    [ -n "$port" ] || { echo "postgres_server.sh: no free port" >&2; exit 1; }
    # fsync off: a test server's data need not survive a power cut.
    if ! runuser -u postgres -- "$pgbin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null; then
        cat "$data/server.log"
        echo "postgres_server.sh: server did not start" >&2
        exit 1
    fi
    runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres fglens || exit 1
    echo "postgresql://postgres@127.0.0.1:$port/fglens" >"$uri_file"
    echo "postgres_server.sh: $(cat "$uri_file") (data in $data)"
    ;;
stop)
    stop_server
    rm -f "$uri_file"
    echo "postgres_server.sh: stopped"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac

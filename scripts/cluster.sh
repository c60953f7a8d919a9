#!/usr/bin/env bash
# A real cluster on this machine, all on 127.0.0.1: PostgreSQL (scripts/ci-postgres.sh), three
# `conform serve` replicas sharing DATABASE_URL and CONFORM_SESSION_SECRET, and HAProxy in front with
# health checks on /ready. docs/deployment.md describes the topology.
#
#   bash scripts/cluster.sh start            starts everything (builds first if dist/ is missing)
#   bash scripts/cluster.sh stop             stops everything it started (by its pid files)
#   bash scripts/cluster.sh status           what runs, and each replica's /ready
#   bash scripts/cluster.sh kill N           SIGKILLs replica N (1-3), as a crash would
#   bash scripts/cluster.sh restart N        starts replica N again
#
# Settings (environment):
#   CONFORM_CLUSTER_DIR    state: pid files, logs, the HAProxy config, env (default /tmp/conform-cluster)
#   CONFORM_CLUSTER_PORT   HAProxy's port (default 8080); replica N listens on PORT+N, its metrics on
#                          PORT+10+N
#   DATABASE_URL           the store; default: a new schema in the database scripts/ci-postgres.sh makes,
#                          dropped again by `stop`
#   CONFORM_SESSION_SECRET shared by the replicas; default: random, kept in the state folder
#   CONFORM_CLUSTER_REPLICA_ENV  extra "NAME=value ..." for every replica (e.g. CONFORM_WORKERS=1)
# `start` prints the HAProxy URL and writes it, the first admin token and the database URL to
# $CONFORM_CLUSTER_DIR/cluster.env (mode 600).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DIR="${CONFORM_CLUSTER_DIR:-/tmp/conform-cluster}"
PORT="${CONFORM_CLUSTER_PORT:-8080}"
REPLICAS=3

say() { echo "cluster: $*" >&2; }

replica_port() { echo $((PORT + $1)); }
metrics_port() { echo $((PORT + 10 + $1)); }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ready() { # port seconds
  local i
  for i in $(seq 1 $(($2 * 10))); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$1/ready" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

start_replica() {
  local n="$1" pidfile="$DIR/replica-$1.pid"
  if alive "$pidfile"; then say "replica $n already runs (pid $(cat "$pidfile"))"; return 0; fi
  # shellcheck disable=SC1091
  source "$DIR/cluster.env"
  # shellcheck disable=SC2086
  # Each replica's data folder holds only the first admin token file, when it makes one (on an empty store).
  env PORT="$(replica_port "$n")" HOST=127.0.0.1 DATABASE_URL="$DATABASE_URL" CONFORM_DATA_DIR="$DIR/replica-$n" CONFORM_SESSION_SECRET="$CONFORM_SESSION_SECRET" \
    CONFORM_METRICS_PORT="$(metrics_port "$n")" CONFORM_COOKIE_INSECURE=true CONFORM_SHUTDOWN_DRAIN_SECONDS="${CONFORM_SHUTDOWN_DRAIN_SECONDS:-3}" \
    ${CONFORM_CLUSTER_REPLICA_ENV:-} \
    MALLOC_ARENA_MAX=2 setsid node --max-semi-space-size=2 "$ROOT/bin/conform.js" serve >>"$DIR/replica-$n.log" 2>>"$DIR/replica-$n.err" </dev/null &
  echo $! >"$pidfile"
  if ! wait_ready "$(replica_port "$n")" 60; then
    say "replica $n did not become ready; its log:"; tail -n 20 "$DIR/replica-$n.err" "$DIR/replica-$n.log" >&2; return 1
  fi
  say "replica $n ready on 127.0.0.1:$(replica_port "$n") (pid $(cat "$pidfile"), metrics on :$(metrics_port "$n"))"
}

write_haproxy_config() {
  local servers="" tracked="" n
  for n in $(seq 1 $REPLICAS); do
    servers+="  server r$n 127.0.0.1:$(replica_port "$n") check"$'\n'
    tracked+="  server r$n 127.0.0.1:$(replica_port "$n") track replicas/r$n cookie r$n"$'\n'
  done
  cat >"$DIR/haproxy.cfg" <<CFG
global
  maxconn 4096
  pidfile $DIR/haproxy.pid

defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 300s
  timeout http-request 20s
  timeout http-keep-alive 5s
  # A request whose connection to a replica failed (it is down, and not yet marked so) goes to another;
  # nothing that reached a replica is sent twice (HAProxy retries connection failures only).
  retries 2
  option redispatch

frontend conform
  bind 127.0.0.1:$PORT
  # One request id end to end: the replicas log it (src/log.ts).
  http-request del-header X-Request-Id
  unique-id-format %[uuid()]
  unique-id-header X-Request-Id
  # A trial run's report is held only in the memory of the replica that ran it (docs/deployment.md, "Trial
  # reports"): the run and its report's address go to the same replica; everything else round robin.
  acl trial path_beg /validate /trials/ /v1/trials/
  acl trial path_end /trial
  use_backend trials if trial
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
$servers
backend trials
  # A browser sticks by a cookie set on its upload's answer; an API client by its token (a consistent hash
  # of the Authorization header; round robin without one). The servers are the replicas above, whose
  # health checks they follow; one that is down is passed over (option redispatch).
  balance hdr(Authorization)
  hash-type consistent
  cookie conform_replica insert indirect nocache httponly attr SameSite=Lax
$tracked
CFG
}

start() {
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  command -v haproxy >/dev/null || bash scripts/install-haproxy.sh
  [ -f dist/src/cli/main.js ] || npm run build >/dev/null
  if [ ! -f "$DIR/cluster.env" ]; then
    local pg_started=no url secret schema=""
    if [ -n "${DATABASE_URL:-}" ]; then
      url="$DATABASE_URL"
    else
      pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_started=yes
      url="$(bash scripts/ci-postgres.sh)"
      schema="cluster_$(openssl rand -hex 4)"
      psql -q "$url" -c "create schema $schema" >/dev/null
      url="$url?options=-c%20search_path%3D$schema"
    fi
    secret="${CONFORM_SESSION_SECRET:-$(openssl rand -hex 32)}"
    umask 077
    {
      echo "DATABASE_URL='$url'"
      echo "CONFORM_SESSION_SECRET='$secret'"
      echo "CLUSTER_SCHEMA='$schema'"
      echo "PG_STARTED_BY_CLUSTER='$pg_started'"
      echo "CLUSTER_URL='http://127.0.0.1:$PORT'"
    } >"$DIR/cluster.env"
  fi
  # The first replica alone first: on an empty store it makes the first admin token, written to
  # replica-1/first-admin-token (never to its output): kept in cluster.env (mode 0600), the file deleted.
  start_replica 1
  local token="" token_file="$DIR/replica-1/first-admin-token"
  if [ -f "$token_file" ]; then token="$(head -n 1 "$token_file")"; fi
  if [ -n "$token" ] && ! grep -q '^ADMIN_TOKEN=' "$DIR/cluster.env"; then echo "ADMIN_TOKEN='$token'" >>"$DIR/cluster.env"; fi
  rm -f "$token_file"
  local waits=()
  for n in $(seq 2 $REPLICAS); do start_replica "$n" & waits+=($!); done
  wait "${waits[@]}" || true
  for n in $(seq 2 $REPLICAS); do alive "$DIR/replica-$n.pid" || { say "replica $n failed"; return 1; }; done
  write_haproxy_config
  if ! alive "$DIR/haproxy.pid"; then
    haproxy -q -c -f "$DIR/haproxy.cfg" >/dev/null
    haproxy -D -f "$DIR/haproxy.cfg"
  fi
  wait_ready "$PORT" 30 || { say "HAProxy does not answer /ready on $PORT"; return 1; }
  say "HAProxy on http://127.0.0.1:$PORT in front of $REPLICAS replicas (state in $DIR)"
  echo "http://127.0.0.1:$PORT"
}

stop_pid() { # pidfile signal-wait-seconds
  local pidfile="$1" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 $(($2 * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

stop() {
  [ -d "$DIR" ] || { say "nothing to stop ($DIR does not exist)"; return 0; }
  stop_pid "$DIR/haproxy.pid" 5
  for n in $(seq 1 $REPLICAS); do stop_pid "$DIR/replica-$n.pid" 40 & done
  wait
  if [ -f "$DIR/cluster.env" ]; then
    # shellcheck disable=SC1091
    source "$DIR/cluster.env"
    if [ -n "${CLUSTER_SCHEMA:-}" ]; then PGOPTIONS='--client-min-messages=warning' psql -q "${DATABASE_URL%%\?*}" -c "drop schema if exists $CLUSTER_SCHEMA cascade" >/dev/null || true; fi
    if [ "${PG_STARTED_BY_CLUSTER:-no}" = yes ]; then pg_ctlcluster 15 main stop || true; fi
    rm -f "$DIR/cluster.env"
  fi
  say "stopped (logs kept in $DIR)"
}

status() {
  local n
  for n in $(seq 1 $REPLICAS); do
    if alive "$DIR/replica-$n.pid"; then
      echo "replica $n: pid $(cat "$DIR/replica-$n.pid"), /ready $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(replica_port "$n")/ready")"
    else
      echo "replica $n: not running"
    fi
  done
  if alive "$DIR/haproxy.pid"; then echo "haproxy: pid $(cat "$DIR/haproxy.pid") on 127.0.0.1:$PORT"; else echo "haproxy: not running"; fi
}

replica_arg() {
  [[ "${1:-}" =~ ^[1-3]$ ]] || { say "name a replica: 1, 2 or 3"; exit 2; }
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  kill) replica_arg "${2:-}"; alive "$DIR/replica-$2.pid" && kill -KILL "$(cat "$DIR/replica-$2.pid")"; rm -f "$DIR/replica-$2.pid"; say "replica $2 killed (SIGKILL)" ;;
  restart) replica_arg "${2:-}"; start_replica "$2" ;;
  *) echo "usage: scripts/cluster.sh start|stop|status|kill N|restart N" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Runs SpaceCombat as a cluster on this machine: Redis, N nodes (one Orleans cluster, battles and seat keys in
# Redis) and the gateway (SpaceCombat.Gateway, sticky sessions) in front of them, all on loopback.
#
#   ./cluster.sh up N      publish, start Redis, N nodes and the gateway; wait until all answer; last line:
#                          "gateway: http://127.0.0.1:PORT"   (--no-build: reuse the last published output)
#   ./cluster.sh kill I    SIGKILL node I (a crash: no notice, no hand-over)
#   ./cluster.sh stop I    SIGTERM node I (a graceful stop: pages told, battles handed over) and wait for it
#   ./cluster.sh start I   start node I again on its ports and wait until it answers
#   ./cluster.sh restart I stop node I gracefully, then start it again (one step of a rolling restart)
#   ./cluster.sh status    what runs, and whether it answers
#   ./cluster.sh down      stop everything started here, by the PIDs in the state folder
#
# State (PIDs, ports, logs, Redis data): $SPACECOMBAT_CLUSTER_DIR, by default .cluster/ at the root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${SPACECOMBAT_CLUSTER_DIR:-$ROOT/.cluster}"
PUBLISH="$STATE/publish"
WEB_DLL="$PUBLISH/web/SpaceCombat.Web.dll"
GATEWAY_DLL="$PUBLISH/gateway/SpaceCombat.Gateway.dll"
START_TIMEOUT="${SPACECOMBAT_CLUSTER_START_TIMEOUT:-120}"
STOP_TIMEOUT="${SPACECOMBAT_CLUSTER_STOP_TIMEOUT:-30}"
MAX_NODES=9

die() { echo "cluster.sh: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- processes we started --------------------------------------------------------------------------------------------

pid_file() { echo "$STATE/pids/$1.pid"; }

# The PID of component $1 if it is still the process we started: its command line names our state folder (Redis
# rewrites its own to "redis-server 127.0.0.1:PORT", which names our port).
running_pid() {
    local file pid marker="$STATE/"
    file="$(pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    if [[ "$1" == redis ]]; then
        # Its command line as started ("--port PORT") until it has renamed itself ("127.0.0.1:PORT").
        tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -E -- "^redis-server .*(:| --port )$REDIS_PORT( |\$)" || return 1
    else
        tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -F -- "$marker" || return 1
    fi
    echo "$pid"
}

# Starts "$@" in the background as component $1's process, its output in its log, detached from our terminal.
launch() {
    local name="$1"; shift
    mkdir -p "$STATE/pids" "$STATE/logs"
    nohup "$@" > "$STATE/logs/$name.out" 2>&1 < /dev/null &
    echo $! > "$(pid_file "$name")"
}

# Waits until URL $2 answers 200 (component $1 must stay alive meanwhile), at most START_TIMEOUT seconds.
wait_until_answers() {
    local name="$1" url="$2" waited=0
    while (( waited < START_TIMEOUT * 2 )); do
        if ! running_pid "$name" > /dev/null; then
            tail -n 20 "$STATE/logs/$name.out" >&2 || true
            die "$name exited while starting (log: $STATE/logs/$name.out)"
        fi
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == "200" ]]; then
            return 0
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    die "$name did not answer $url within ${START_TIMEOUT}s (log: $STATE/logs/$name.out)"
}

# Sends signal $2 to component $1 and waits up to $3 seconds for it to exit; SIGKILL after that.
stop_component() {
    local name="$1" signal="$2" timeout="$3" pid waited=0
    pid="$(running_pid "$name")" || { rm -f "$(pid_file "$name")"; return 0; }
    kill "-$signal" "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && (( waited < timeout * 10 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name (pid $pid) still running after ${timeout}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$(pid_file "$name")"
}

# --- ports -----------------------------------------------------------------------------------------------------------

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints $1 free loopback ports, from a random start below the kernel's ephemeral range: a port there may be the source
# port of some outgoing connection, which answers no connect (so looks free) yet cannot be bound.
free_ports() {
    local wanted="$1" found=0 ephemeral_low=32768 port
    read -r ephemeral_low _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    (( ephemeral_low > 12000 )) || ephemeral_low=32768
    port=$((10000 + RANDOM % (ephemeral_low - 12000)))
    while (( found < wanted )); do
        if ! port_in_use "$port"; then
            echo "$port"
            found=$((found + 1))
        fi
        port=$((port + 1))
        (( port < ephemeral_low )) || die "no free ports left below the ephemeral range ($ephemeral_low)"
    done
}

load_state() {
    [[ -f "$STATE/cluster.env" ]] || die "no cluster here: ./cluster.sh up N first"
    # shellcheck disable=SC1091
    source "$STATE/cluster.env"
}

node_index() {
    [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || die "a node number from 1 to $NODES, got '${1:-}'"
    (( $1 <= NODES )) || die "a node number from 1 to $NODES, got '$1'"
}

# --- components ------------------------------------------------------------------------------------------------------

ensure_redis_server() {
    command -v redis-server > /dev/null && return 0
    [[ "$(id -u)" == "0" ]] || die "redis-server is missing: install Debian's redis-server (apt-get install redis-server) or run as root"
    say "installing redis-server"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server > "$STATE/logs/apt.out" 2>&1 \
        || { DEBIAN_FRONTEND=noninteractive apt-get update -q >> "$STATE/logs/apt.out" 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >> "$STATE/logs/apt.out" 2>&1; } \
        || die "installing redis-server failed (log: $STATE/logs/apt.out)"
}

publish() {
    command -v dotnet > /dev/null || die "dotnet is missing"
    say "publishing SpaceCombat.Web and SpaceCombat.Gateway (Release)"
    dotnet publish "$ROOT/SpaceCombat.Web" -c Release -nologo -v quiet -o "$PUBLISH/web" > "$STATE/logs/publish.out" 2>&1 \
        || { tail -n 30 "$STATE/logs/publish.out" >&2; die "publishing SpaceCombat.Web failed"; }
    dotnet publish "$ROOT/SpaceCombat.Gateway" -c Release -nologo -v quiet -o "$PUBLISH/gateway" >> "$STATE/logs/publish.out" 2>&1 \
        || { tail -n 30 "$STATE/logs/publish.out" >&2; die "publishing SpaceCombat.Gateway failed"; }
}

start_redis() {
    mkdir -p "$STATE/redis"
    launch redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" \
        --appendonly yes --appendfsync everysec --save "" --protected-mode yes --daemonize no
    local waited=0
    until [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)" == "PONG" ]]; do
        running_pid redis > /dev/null || { tail -n 20 "$STATE/logs/redis.out" >&2; die "redis-server exited while starting"; }
        (( waited < START_TIMEOUT * 10 )) || die "redis-server did not answer within ${START_TIMEOUT}s"
        sleep 0.1
        waited=$((waited + 1))
    done
}

start_node() {
    local i="$1" http_var="NODE_HTTP_$1" silo_var="NODE_SILO_$1" gateway_var="NODE_GATEWAY_$1"
    local folder="$STATE/node$i"
    mkdir -p "$folder"
    (
        cd "$PUBLISH/web"
        export ASPNETCORE_ENVIRONMENT=Production
        export SpaceCombat__Storage=Redis
        export SpaceCombat__Redis="127.0.0.1:$REDIS_PORT"
        export SpaceCombat__Cluster__Enabled=true
        export SpaceCombat__Cluster__NodeId="node$i"
        export SpaceCombat__Cluster__SiloPort="${!silo_var}"
        export SpaceCombat__Cluster__GatewayPort="${!gateway_var}"
        export SpaceCombat__Cluster__AdvertisedAddress=127.0.0.1
        export SpaceCombat__DataDirectory="$folder/data"
        export SpaceCombat__LogDirectory="$folder/logs"
        export SpaceCombat__DataProtectionKeysDirectory="$folder/keys"
        # The gateway is the clients' proxy: per-client limits count the browser's address it forwards.
        export SpaceCombat__KnownProxies__0=127.0.0.1
        launch "node$i" dotnet "$WEB_DLL" --urls "http://127.0.0.1:${!http_var}" --contentRoot "$PUBLISH/web"
    )
}

start_gateway() {
    local args=() i http_var
    for ((i = 1; i <= NODES; i++)); do
        http_var="NODE_HTTP_$i"
        args+=("--Gateway:Nodes:node$i=http://127.0.0.1:${!http_var}")
    done
    (
        cd "$PUBLISH/gateway"
        export ASPNETCORE_ENVIRONMENT=Production
        launch gateway dotnet "$GATEWAY_DLL" --urls "http://127.0.0.1:$GATEWAY_PORT" --contentRoot "$PUBLISH/gateway" "${args[@]}"
    )
}

# --- commands --------------------------------------------------------------------------------------------------------

cmd_up() {
    local count="${1:-}" build=1
    [[ "${2:-}" == "--no-build" ]] && build=0
    [[ "$count" =~ ^[1-9]$ ]] || die "up takes a node count from 1 to $MAX_NODES, got '${count}'"
    if [[ -f "$STATE/cluster.env" ]]; then
        # shellcheck disable=SC1091
        source "$STATE/cluster.env"
        for name in redis gateway $(seq -f 'node%g' 1 "$MAX_NODES"); do
            running_pid "$name" > /dev/null && die "a cluster is already running here ($name): ./cluster.sh down first"
        done
    fi
    # A fresh cluster: old state (Redis data, logs, PIDs) goes; the published output stays for --no-build.
    mkdir -p "$STATE"
    find "$STATE" -mindepth 1 -maxdepth 1 ! -name publish -exec rm -rf {} +
    mkdir -p "$STATE/logs" "$STATE/pids"
    ensure_redis_server
    if (( build )) || [[ ! -f "$WEB_DLL" || ! -f "$GATEWAY_DLL" ]]; then
        publish
    fi

    local ports
    mapfile -t ports < <(free_ports $((2 + 3 * count)))
    {
        echo "NODES=$count"
        echo "REDIS_PORT=${ports[0]}"
        echo "GATEWAY_PORT=${ports[1]}"
        for ((i = 1; i <= count; i++)); do
            echo "NODE_HTTP_$i=${ports[$((3 * i - 1))]}"
            echo "NODE_SILO_$i=${ports[$((3 * i))]}"
            echo "NODE_GATEWAY_$i=${ports[$((3 * i + 1))]}"
        done
    } > "$STATE/cluster.env"
    load_state

    # Any failure from here on stops what was started, so a failed "up" leaves nothing running.
    UP_DONE=0
    trap 'if (( ! UP_DONE )); then say "start-up failed: stopping what was started"; cmd_down > /dev/null 2>&1 || true; fi' EXIT
    say "starting Redis on 127.0.0.1:$REDIS_PORT"
    start_redis
    for ((i = 1; i <= NODES; i++)); do
        say "starting node$i"
        start_node "$i"
    done
    for ((i = 1; i <= NODES; i++)); do
        local http_var="NODE_HTTP_$i"
        wait_until_answers "node$i" "http://127.0.0.1:${!http_var}/ready"
    done
    say "starting the gateway"
    start_gateway
    wait_until_answers gateway "http://127.0.0.1:$GATEWAY_PORT/health"
    UP_DONE=1
    echo "nodes: $NODES"
    echo "gateway: http://127.0.0.1:$GATEWAY_PORT"
}

cmd_kill() {
    load_state
    node_index "${1:-}"
    local pid
    pid="$(running_pid "node$1")" || die "node$1 is not running"
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$(pid_file "node$1")"
    echo "node$1 killed (pid $pid)"
}

cmd_stop() {
    load_state
    node_index "${1:-}"
    running_pid "node$1" > /dev/null || die "node$1 is not running"
    stop_component "node$1" TERM "$STOP_TIMEOUT"
    echo "node$1 stopped"
}

cmd_start() {
    load_state
    node_index "${1:-}"
    running_pid "node$1" > /dev/null && die "node$1 is already running"
    local http_var="NODE_HTTP_$1"
    start_node "$1"
    wait_until_answers "node$1" "http://127.0.0.1:${!http_var}/ready"
    echo "node$1 started: http://127.0.0.1:${!http_var}"
}

cmd_restart() {
    cmd_stop "$@"
    cmd_start "$@"
}

answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" == "200" ]] && echo answers || echo "does not answer"; }

cmd_status() {
    load_state
    local pid
    if pid="$(running_pid redis)"; then
        echo "redis    pid $pid  127.0.0.1:$REDIS_PORT  $([[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] && echo answers || echo "does not answer")"
    else
        echo "redis    stopped"
    fi
    for ((i = 1; i <= NODES; i++)); do
        local http_var="NODE_HTTP_$i"
        if pid="$(running_pid "node$i")"; then
            echo "node$i    pid $pid  http://127.0.0.1:${!http_var}  $(answers "http://127.0.0.1:${!http_var}/health")"
        else
            echo "node$i    stopped  http://127.0.0.1:${!http_var}"
        fi
    done
    if pid="$(running_pid gateway)"; then
        echo "gateway  pid $pid  http://127.0.0.1:$GATEWAY_PORT  $(answers "http://127.0.0.1:$GATEWAY_PORT/health")"
    else
        echo "gateway  stopped"
    fi
}

cmd_down() {
    [[ -d "$STATE/pids" && -f "$STATE/cluster.env" ]] || { echo "nothing to stop"; return 0; }
    # shellcheck disable=SC1091
    source "$STATE/cluster.env"
    stop_component gateway TERM "$STOP_TIMEOUT"
    local name pids=()
    for file in "$STATE"/pids/node*.pid; do
        [[ -e "$file" ]] || continue
        name="$(basename "$file" .pid)"
        stop_component "$name" TERM "$STOP_TIMEOUT" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    stop_component redis TERM "$STOP_TIMEOUT"
    echo "cluster stopped"
}

case "${1:-}" in
    up) shift; cmd_up "$@" ;;
    kill) shift; cmd_kill "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    start) shift; cmd_start "$@" ;;
    restart) shift; cmd_restart "$@" ;;
    status) cmd_status ;;
    down) cmd_down ;;
    *) usage ;;
esac

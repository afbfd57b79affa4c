#!/usr/bin/env bash
# Starts three `hb run` nodes on loopback that form one cluster, prints their URLs, and stops them all on Ctrl-C.
#   HTTP ports 8734, 8735, 8736; cluster ports 4053, 4054, 4055; every node seeds from the first.
# Data and logs go to samples/ThreeNodeCluster/.data/node-N. Set HB_POSTGRES to share a PostgreSQL journal.
set -euo pipefail
cd "$(dirname "$0")/../.."

base_http=${BASE_HTTP_PORT:-8734}
base_cluster=${BASE_CLUSTER_PORT:-4053}
data=samples/ThreeNodeCluster/.data
mkdir -p "$data"

echo "Building hb..."
dotnet build src/HyperBeam.Node -c Release -v quiet -nologo >/dev/null
hb=(dotnet "src/HyperBeam.Node/bin/Release/net10.0/hb.dll")

pids=()
# Each node leaves the cluster on SIGTERM (coordinated shutdown), which takes a few seconds; a node still running
# after the grace period is killed, so the script never leaves one behind.
stop() {
    trap - EXIT INT TERM
    [ ${#pids[@]} -eq 0 ] && return
    echo "Stopping ${#pids[@]} node(s): each leaves the cluster first..."
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 60); do
        alive=()
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
        [ ${#alive[@]} -eq 0 ] && { echo "All nodes stopped."; return; }
        sleep 0.5
    done
    echo "Still running after 30 s, killed: ${alive[*]}"
    kill -9 "${alive[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

seed="127.0.0.1:$base_cluster"
for i in 0 1 2; do
    http=$((base_http + i)); cluster=$((base_cluster + i))
    mkdir -p "$data/node-$i"
    "${hb[@]}" run --host 127.0.0.1 --port "$http" --cluster-port "$cluster" --seed "$seed" \
        --data-dir "$data/node-$i" >"$data/node-$i/hb.log" 2>&1 &
    pids+=($!)
    echo "node-$i  http://127.0.0.1:$http/  cluster akka.tcp://hyperbeam@127.0.0.1:$cluster  pid $!  log $data/node-$i/hb.log"
done
echo "Ctrl-C stops all three."
wait

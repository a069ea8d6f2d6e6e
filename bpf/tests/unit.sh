#!/bin/bash
# Parsing code on the real kernel through loopback TCP pairs in the sockhash (unit.py),
# plus trace-map expiry with a short TTL.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
CG=$(new_cgroup unit)
start_loader "$CG" 171 --trace-entries 4000 > /dev/null || exit 1   # a chain map of its own size (4000)
sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG" $PY "$BPF_DIR/tests/unit.py" "$LOADER" 171 &
up=$!; PIDS+=($up)
wait $up
# trace-map expiry, with its own instance: 300 ms TTL
CG2=$(new_cgroup ttl)
start_loader "$CG2" 172 --ttl-ms 300 > /dev/null || exit 1
sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG2" $PY "$BPF_DIR/tests/unit.py" "$LOADER" 172 ttl &
up=$!; PIDS+=($up)
wait $up
# bounded maps, with its own instance: 64 trace entries and 64 chains; on one CPU, as
# the kernel's LRU keeps free elements per CPU
CG3=$(new_cgroup small)
start_loader "$CG3" 173 --trace-entries 64 > /dev/null || exit 1
sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG3" taskset -c 0 $PY "$BPF_DIR/tests/unit.py" "$LOADER" 173 small &
up=$!; PIDS+=($up)
wait $up

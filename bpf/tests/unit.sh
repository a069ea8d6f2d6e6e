#!/bin/bash
# Parsing code on the real kernel through loopback TCP pairs in the sockhash (unit.py),
# plus trace-map expiry with a short TTL.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
CG=$(new_cgroup unit)
start_loader "$CG" 171 > /dev/null || exit 1
sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG" $PY "$BPF_DIR/tests/unit.py" "$LOADER" 171 &
up=$!; PIDS+=($up)
wait $up
# trace-map expiry and bound, with its own instance: 300 ms TTL, 64 entries
CG2=$(new_cgroup ttl)
start_loader "$CG2" 172 --ttl-ms 300 --trace-entries 64 > /dev/null || exit 1
sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG2" $PY "$BPF_DIR/tests/unit.py" "$LOADER" 172 ttl &
up=$!; PIDS+=($up)
wait $up

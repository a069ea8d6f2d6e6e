#!/usr/bin/env bash
# Removes what a `./copper testbed` JVM (pid $1) left if it died without its shutdown hook (e.g. SIGKILL):
# every process in its cgroup tree (cgroup.kill; the eBPF loaders' programs go with them), then the cgroups.
set -uo pipefail
pid=${1:?usage: testbed-cleanup.sh JVM-PID}
mnt=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/mounts)
root="$mnt/copper-testbed-$pid"
[ -d "$root" ] || exit 0
echo 1 > "$root/cgroup.kill" 2>/dev/null
for _ in $(seq 100); do grep -q "populated 0" "$root/cgroup.events" && break; sleep 0.05; done
find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null
if [ -d "$root" ]; then
  echo "copper testbed: could not remove $root" >&2
  exit 1
fi
echo "copper testbed: removed what the testbed left in $root" >&2

# Shared test helpers: cgroups, loaders, services, assertions, and cleanup on any exit.
# Sourced by the test scripts; every resource started here is registered for cleanup.

BPF_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOADER=$BPF_DIR/build/copper-bpf
PY=/usr/bin/python3                       # has python3-h2
# cgroup v2: the hybrid layout's /sys/fs/cgroup/unified, or /sys/fs/cgroup itself
if [ -z "$CG_ROOT" ]; then
	for CG_ROOT in /sys/fs/cgroup/unified /sys/fs/cgroup; do
		[ "$(stat -fc %T "$CG_ROOT" 2>/dev/null)" = cgroup2fs ] && break
	done
fi
CG_BASE=$CG_ROOT/copper-test-$$
WORK=$(mktemp -d /tmp/copper-test.XXXXXX)
PIDS=()
PASSED=${PASSED:-0}
FAILED=${FAILED:-0}

pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*"; }
check() {   # check "description" command...
	local d=$1; shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}

# Every started pid is also written to $WORK/pids, so processes started from a command
# substitution (a subshell) are cleaned up too.
track() { PIDS+=("$1"); echo "$1" >> "$WORK/pids"; }

cleanup() {
	local p
	[ -f "$WORK/pids" ] && while read -r p; do PIDS+=("$p"); done < "$WORK/pids"
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
		kill -9 "$p" 2>/dev/null
	done
	PIDS=()
	if [ -d "$CG_BASE" ]; then
		local d
		for d in "$CG_BASE"/*/ "$CG_BASE"; do
			[ -d "$d" ] || continue
			# anything still inside (it should not be) is moved out before rmdir
			if [ -f "$d/cgroup.procs" ]; then
				while read -r p; do echo "$p" > "$CG_ROOT/cgroup.procs" 2>/dev/null; done < "$d/cgroup.procs"
			fi
			rmdir "$d" 2>/dev/null
		done
	fi
	rm -rf "$WORK"
}

# eventually CMD... : true if CMD succeeds within ~3 s (the kernel frees BPF objects lazily)
eventually() {
	for _ in $(seq 60); do "$@" && return 0; sleep 0.05; done
	return 1
}

new_cgroup() {   # new_cgroup NAME -> path
	mkdir -p "$CG_BASE/$1" && echo "$CG_BASE/$1"
}

# start_loader CGROUP ID [extra args] : attaches, waits until it reports attached
start_loader() {
	local cg=$1 id=$2; shift 2
	local log=$WORK/loader-$id-$RANDOM.log
	"$LOADER" attach --cgroup "$cg" --service-id "$id" "$@" > "$log" 2>&1 &
	local pid=$!
	track "$pid"
	for _ in $(seq 200); do
		grep -qs "attached service" "$log" && { echo "$pid"; return 0; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	echo "loader for $cg failed:" >&2; cat "$log" >&2
	return 1
}

# run_in CGROUP cmd... : starts cmd in the background inside the cgroup, prints its pid
# (output goes to $RUN_LOG if set)
run_in() {
	local cg=$1; shift
	sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cg" "$@" > "${RUN_LOG:-$WORK/proc-$RANDOM.log}" 2>&1 &
	local pid=$!
	track "$pid"
	echo "$pid"
}

# wait_port PORT : waits until something listens on 127.0.0.1:PORT
wait_port() {
	for _ in $(seq 200); do
		(echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
		sleep 0.05
	done
	echo "nothing listens on port $1" >&2
	return 1
}

# stat_of ID NAME : one counter of the instance with that service id
stat_of() {
	"$LOADER" stats --service-id "$1" 2>/dev/null | awk -v n="$2" '$1 == n { print $2 }'
}

got_ctx() { sed -n 's/^ctx=\([^;]*\);.*/\1/p'; }   # the chain a test service reports

tp() {   # a fresh W3C traceparent
	printf '00-%s-%s-01' "$(head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
		"$(head -c8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
}

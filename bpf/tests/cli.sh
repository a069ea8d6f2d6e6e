#!/bin/bash
# The loader's command line: bad input gives a clear error (exit 2, no crash), the
# deployment file works, and the programs go away on signal and in daemon mode.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

# expect_err "description" "expected message" args...
expect_err() {
	local d=$1 msg=$2; shift 2
	local out rc
	out=$("$LOADER" "$@" 2>&1); rc=$?
	if [ $rc -eq 2 ] && grep -qF -- "$msg" <<< "$out"; then pass "$d"
	else fail "$d (exit $rc: $out)"; fi
}
progs_of_ours() { bpftool prog show 2>/dev/null | grep -cE "name (add_socket|parse_rx|find_header|propagate_ctx) "; }

CG=$(new_cgroup cli)
expect_err "no arguments: usage" "usage:"
expect_err "unknown command" "unknown command 'frobnicate'" frobnicate
expect_err "unknown option" "bad option" attach --bogus
expect_err "missing --cgroup" "missing --cgroup" attach --service-id 3
expect_err "missing --service-id" "missing --service-id" attach --cgroup "$CG"
expect_err "cgroup that does not exist" "No such file or directory" attach --cgroup /nonexistent/cg --service-id 3
expect_err "directory that is not a cgroup" "not on a cgroup v2 file system" attach --cgroup /tmp --service-id 3
expect_err "service id 0" "expected an integer in 1..65535" attach --cgroup "$CG" --service-id 0
expect_err "service id 70000" "expected an integer in 1..65535" attach --cgroup "$CG" --service-id 70000
expect_err "service id not a number" "expected an integer in 1..65535" attach --cgroup "$CG" --service-id abc
expect_err "trace map size out of range" "expected 16..1048576" attach --cgroup "$CG" --service-id 3 --trace-entries 5
expect_err "bad trace header name" "lowercase token characters" attach --cgroup "$CG" --service-id 3 --trace-header "Trace Parent"
expect_err "missing deployment file" "cannot open deployment file" attach --deployment /nonexistent.txt --service x
printf '# name id cgroup\nfrontend 12 %s\ncart 13 -\n' "$CG" > "$WORK/deploy.txt"
printf 'frontend 12 -\nbroken x -\n' > "$WORK/deploy-bad.txt"
printf 'frontend 12 -\ncart 12 -\n' > "$WORK/deploy-dup.txt"
expect_err "service not in deployment file" "service 'nope' not found" attach --deployment "$WORK/deploy.txt" --service nope
expect_err "bad id in deployment file (file:line)" "deploy-bad.txt:2: service id 'x' is not in 1..65535" attach --deployment "$WORK/deploy-bad.txt" --service broken
expect_err "a bad line elsewhere in the file is still an error" "deploy-bad.txt:2:" attach --deployment "$WORK/deploy-bad.txt" --service frontend
expect_err "an id given twice" "deploy-dup.txt:2: service id 12 is given twice" deployment "$WORK/deploy-dup.txt"
check "deployment FILE lists every entry" test "$("$LOADER" deployment "$WORK/deploy.txt")" = "$(printf 'frontend 12 %s\ncart 13 -' "$CG")"
expect_err "deployment without --service" "--deployment needs --service" attach --deployment "$WORK/deploy.txt"
expect_err "deployment entry without cgroup and no --cgroup" "missing --cgroup" attach --deployment "$WORK/deploy.txt" --service cart

before=$(progs_of_ours)
# deployment file: id and cgroup come from the file
"$LOADER" attach --deployment "$WORK/deploy.txt" --service frontend > "$WORK/dep.log" 2>&1 &
lp=$!; PIDS+=($lp)
for _ in $(seq 400); do grep -q attached "$WORK/dep.log" && break; sleep 0.05; done
check "deployment file: attaches service 12 to its cgroup" grep -q "attached service 12 to $CG" "$WORK/dep.log"
check "stats finds the instance by service id" test "$(stat_of 12 sockets)" = 0
check "4 programs loaded while attached" test "$(progs_of_ours)" -eq $((before + 4))
kill -TERM $lp; wait $lp 2>/dev/null
check "SIGTERM: loader exits and detaches" grep -q detached "$WORK/dep.log"
no_progs() { test "$(progs_of_ours)" -eq "$before"; }
check "SIGTERM: programs are gone" eventually no_progs
eventually sh -c "! '$LOADER' stats --service-id 12 > /dev/null 2>&1"
out=$("$LOADER" stats --service-id 12 2>&1); rc=$?
check "stats with no instance: clear error, exit 1" test $rc -eq 1 -a -n "$(grep 'no attached instance' <<< "$out")"

# daemon mode
out=$("$LOADER" attach --cgroup "$CG" --service-id 21 --daemon --pidfile "$WORK/d.pid" 2>&1)
dp=$(sed -n 's/.*daemon \([0-9]*\) attached.*/\1/p' <<< "$out")
[ -n "$dp" ] && PIDS+=($dp)
check "daemon: parent returns after attaching ($out)" test -n "$dp"
check "daemon: pidfile written" test "$(cat "$WORK/d.pid" 2>/dev/null)" = "$dp"
check "daemon: attached in the background" test "$(progs_of_ours)" -eq $((before + 4))
kill -TERM "$dp" 2>/dev/null
for _ in $(seq 100); do kill -0 "$dp" 2>/dev/null || break; sleep 0.05; done
check "daemon: SIGTERM detaches" eventually no_progs

echo "RESULT $PASSED $FAILED"

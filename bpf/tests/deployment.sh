#!/bin/bash
# The deployment data `./copper build` writes is read back by the loader's own parser
# (`copper-bpf deployment`, the one `attach --deployment` uses): every service of the
# three examples under the id Wire assigned (ebpf/service-ids.json), so the two cannot drift.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
ROOT=$(cd "$BPF_DIR/.." && pwd)

for app in online-boutique hotel-reservation social-network; do
	out="$WORK/$app"
	if ! "$ROOT/copper" build "$ROOT/examples/$app" --out "$out" > "$WORK/$app.log" 2>&1; then
		fail "$app: ./copper build failed: $(tail -3 "$WORK/$app.log")"
		continue
	fi
	if ! "$LOADER" deployment "$out/ebpf/deployment.txt" > "$WORK/$app.parsed" 2> "$WORK/$app.err"; then
		fail "$app: the loader rejects the generated file: $(cat "$WORK/$app.err")"
		continue
	fi
	# expected: one "name id -" per service of service-ids.json, in file order (sorted by name)
	$PY -c 'import json,sys; m=json.load(open(sys.argv[1])); [print(n, i, "-") for n, i in sorted(m.items())]' \
		"$out/ebpf/service-ids.json" > "$WORK/$app.expected"
	check "$app: the loader reads every service with Wire's id ($(wc -l < "$WORK/$app.expected") services)" \
		diff "$WORK/$app.expected" "$WORK/$app.parsed"
	svc=$(head -1 "$WORK/$app.expected" | cut -d' ' -f1)
	id=$(head -1 "$WORK/$app.expected" | cut -d' ' -f2)
	CG=$(new_cgroup "$app")
	"$LOADER" attach --deployment "$out/ebpf/deployment.txt" --service "$svc" --cgroup "$CG" > "$WORK/$app.attach" 2>&1 &
	lp=$!; track $lp
	for _ in $(seq 300); do grep -q attached "$WORK/$app.attach" && break; sleep 0.05; done
	check "$app: attach --deployment attaches $svc as service $id" grep -q "attached service $id to $CG" "$WORK/$app.attach"
	kill -TERM $lp; wait $lp 2>/dev/null
done
echo "RESULT $PASSED $FAILED"

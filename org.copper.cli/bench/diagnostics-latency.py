#!/usr/bin/env python3
"""Diagnostics latency after an edit, through the real stdio language server.

Generates a workspace of 20 policy files (2,000 lines in all), opens them all, then edits one
file at a time (alternately breaking and fixing a call) and measures the time from sending
textDocument/didChange to receiving that file's publishDiagnostics. Prints p50/p95/max.
usage: diagnostics-latency.py SERVER_JAR [EDITS]
Extra JVM options (e.g. a JFR recording) come from the environment variable COPPER_BENCH_JVM;
COPPER_BENCH_GRAPH=1 puts a graph.json in the workspace, so every edit also runs the graph checks.
"""
import json, os, subprocess, sys, tempfile, time

jar = sys.argv[1]
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
ws = tempfile.mkdtemp(prefix="copper-bench-")
java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
jvm = os.environ.get("COPPER_BENCH_JVM", "").split()
srv = subprocess.Popen([java, *jvm, "-Dcopper.builtinCache=" + ws + "/.cache", "-jar", jar],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

def send(m):
    b = json.dumps(m).encode()
    srv.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    srv.stdin.flush()

def read():
    n = 0
    while True:
        line = srv.stdout.readline()
        if not line:
            raise SystemExit("server ended")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length"):
            n = int(line.split(b":")[1])
    return json.loads(srv.stdout.read(n))

def policy(f, i):
    # 10 lines per policy, 10 policies per file: 100 lines per file
    return (f"policy f{f}_p{i} (\n    act (Request request)\n    using (Counter c)\n"
            f"    context ('frontend .* productcatalogservice')\n) {{\n    [Ingress]\n"
            f"    Increment(c);\n    if (IsGreaterThan(c, {i})) {{ Deny(request); }}\n"
            f"    SetHeader(request, 'x', 'y');\n}}\n")

def text(f, broken=False):
    body = 'import "common.cui";\n' + "".join(policy(f, i) for i in range(10))
    if broken:
        body = body.replace("SetHeader(request, 'x', 'y');", "SetHeader(c, 'x', 'y');", 1)
    return body

if os.environ.get("COPPER_BENCH_GRAPH"):
    # a project with a graph: every edit also runs the graph checks, conflicts over all 200 policies included
    with open(os.path.join(ws, "graph.json"), "w") as out:
        json.dump({"services": ["frontend", "productcatalogservice"], "edges": [["frontend", "productcatalogservice"]],
                   "databases": []}, out)
root = "file://" + ws
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"rootUri": root, "workspaceFolders": [{"uri": root, "name": "bench"}], "capabilities": {}}})
while "id" not in read():
    pass
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
uris = []
for f in range(20):
    path = os.path.join(ws, f"p{f:02d}.cup")
    with open(path, "w") as out:
        out.write(text(f))
    uris.append("file://" + path)
lines = sum(text(f).count("\n") for f in range(20))
for f, uri in enumerate(uris):
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "copper", "version": 1, "text": text(f)}}})
seen = set()
while len(seen) < 20:
    m = read()
    if m.get("method") == "textDocument/publishDiagnostics":
        seen.add(m["params"]["uri"])

def cpu_ms():
    # the server's user + system CPU time (Linux /proc; clock ticks of 1/100 s): a number the machine's load does not inflate
    fields = open(f"/proc/{srv.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

times = []
cpu_at_warm = None
expected = 0  # publications whose content matched the edit (errors after breaking, none after fixing)
for k in range(edits):
    f = k % 20
    if k == 20:
        cpu_at_warm = cpu_ms()
    broken = (k // 20) % 2 == 0
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange",
          "params": {"textDocument": {"uri": uris[f], "version": k + 2}, "contentChanges": [{"text": text(f, broken)}]}})
    while True:
        m = read()
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uris[f]:
            # the first publication for the edited file after the edit ends the measurement
            expected += (len(m["params"]["diagnostics"]) > 0) == broken
            break
    times.append((time.perf_counter() - start) * 1000)
cpu_per_edit = (cpu_ms() - cpu_at_warm) / (edits - 20)
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
while read().get("id") != 2:
    pass
send({"jsonrpc": "2.0", "method": "exit"})
srv.wait(timeout=60)
warm = sorted(times[20:])  # the first round pays JIT warm-up
def pct(p):
    return warm[min(len(warm) - 1, int(round(p / 100 * (len(warm) - 1))))]
print(f"workspace: 20 files, {lines} lines{', graph.json' if os.environ.get('COPPER_BENCH_GRAPH') else ''}; {edits} edits, first 20 (warm-up) left out")
print(f"diagnostics after an edit: p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, max {warm[-1]:.1f} ms;"
      f" warm-up round max {max(times[:20]):.1f} ms")
print(f"server CPU time per edit after warm-up: {cpu_per_edit:.1f} ms (all threads; load average {os.getloadavg()[0]:.1f})")
print(f"{expected} of {edits} publications matched the edit (errors after breaking a call, none after fixing it)")

#!/usr/bin/python3
"""One service of the testbed application: HTTP/2 with prior knowledge (h2c), as the
HAProxy sidecars speak it (`proto h2`).

Each request is answered with a JSON report of what this service saw and what its calls
to downstream services returned, so the testbed can check enforcement end to end:
  {"s": name, "v": version, "ctx": x-copper-ctx or null, "origin": x-origin or null,
   "user": x-user or null, "trace": trace id or null, "calls": [{"to": callee, "status": n, "body": {...}}]}
The request path picks the callees: "/" (or empty) calls every callee, each with "/";
"/-" calls none; "/a/rest" calls callee a with "/rest".

Like an application with a tracing library, it forwards the trace header (same trace id,
new span) and the user header; with --forward-ctx it also forwards x-copper-ctx as it
arrived (the baselines' sidecars append to it), without it the eBPF add-on inserts it.
Downstream calls use pooled persistent HTTP/2 connections (one request at a time each),
so later requests reuse HPACK dynamic-table entries, as real clients do.
"""
import argparse
import json
import os
import socket
import threading

import h2.config
import h2.connection
import h2.events
import h2.settings

BIG_WINDOW = 1 << 24


def span(tp):
    parts = tp.split("-") if tp else []
    if len(parts) != 4:
        return tp
    parts[2] = os.urandom(8).hex()
    return "-".join(parts)


def trace_id(tp):
    parts = tp.split("-") if tp else []
    return parts[1] if len(parts) == 4 else None


class Downstream:
    """One client connection to a callee, used by one request at a time."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
        self.conn.local_settings = h2.settings.Settings(client=True, initial_values={
            h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: BIG_WINDOW})
        self.conn.initiate_connection()
        self.conn.increment_flow_control_window(BIG_WINDOW)
        self.sock.sendall(self.conn.data_to_send())
        self.authority = "%s:%d" % (host, port)

    def get(self, path, extra):
        sid = self.conn.get_next_available_stream_id()
        self.conn.send_headers(sid, [(":method", "GET"), (":scheme", "http"), (":authority", self.authority),
                                     (":path", path)] + extra, end_stream=True)
        self.sock.sendall(self.conn.data_to_send())
        body, status = b"", 0
        while True:
            data = self.sock.recv(65536)
            if not data:
                raise IOError("downstream closed")
            for ev in self.conn.receive_data(data):
                if isinstance(ev, h2.events.ResponseReceived) and ev.stream_id == sid:
                    status = int(dict(ev.headers).get(":status", "0"))
                elif isinstance(ev, h2.events.DataReceived) and ev.stream_id == sid:
                    body += ev.data
                    self.conn.acknowledge_received_data(ev.flow_controlled_length, sid)
                elif isinstance(ev, (h2.events.StreamEnded, h2.events.StreamReset)) and ev.stream_id == sid:
                    out = self.conn.data_to_send()
                    if out:
                        self.sock.sendall(out)
                    return status, body
            out = self.conn.data_to_send()
            if out:
                self.sock.sendall(out)


class Pool:
    def __init__(self, host, port):
        self.host, self.port, self.free, self.lock = host, port, [], threading.Lock()

    def call(self, path, extra):
        with self.lock:
            d = self.free.pop() if self.free else None
        if d is None:
            d = Downstream(self.host, self.port)
        try:
            r = d.get(path, extra)
        except Exception:
            d.sock.close()
            raise
        with self.lock:
            self.free.append(d)
        return r


def handle(args, pools, h):
    path = h.get(":path", "/")
    segs = [s for s in path.split("?")[0].split("/") if s]
    tp = h.get(args.trace_header)
    if not tp and args.trace_header == "traceparent":
        # an entry service's tracing library starts a trace for a request that has none
        tp = "00-%s-%s-01" % (os.urandom(16).hex(), os.urandom(8).hex())
    report = {"s": args.name, "v": args.version, "ctx": h.get("x-copper-ctx"), "origin": h.get("x-origin"),
              "user": h.get("x-user"), "trace": trace_id(tp), "calls": []}
    if not segs:
        todo = [(c, "/") for c in pools]
    elif segs[0] == "-":
        todo = []
    elif segs[0] in pools:
        todo = [(segs[0], "/" + "/".join(segs[1:]))]
    else:
        return 404, json.dumps({"s": args.name, "error": "no callee " + segs[0]}).encode()
    extra = []
    if tp:
        extra.append((args.trace_header, span(tp)))
    if "x-user" in h:
        extra.append(("x-user", h["x-user"]))
    if args.forward_ctx and "x-copper-ctx" in h:
        extra.append(("x-copper-ctx", h["x-copper-ctx"]))
    for callee, sub in todo:
        try:
            status, body = pools[callee].call(sub, extra)
            try:
                parsed = json.loads(body) if body else None
            except ValueError:
                parsed = body.decode("utf-8", "replace")[:200]
            report["calls"].append({"to": callee, "status": status, "body": parsed})
        except Exception as e:
            report["calls"].append({"to": callee, "status": 0, "error": str(e)})
    return 200, json.dumps(report, separators=(",", ":")).encode()


def serve_conn(sock, args, pools):
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
    conn.initiate_connection()
    lock = threading.Lock()
    with lock:
        sock.sendall(conn.data_to_send())
    reqs = {}

    def answer(sid, h):
        try:
            status, body = handle(args, pools, h)
        except Exception as e:
            status, body = 500, str(e).encode()
        with lock:
            try:
                conn.send_headers(sid, [(":status", str(status)), ("content-type", "application/json"),
                                        ("content-length", str(len(body)))])
                conn.send_data(sid, body, end_stream=True)
                sock.sendall(conn.data_to_send())
            except Exception:
                pass

    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return
            with lock:
                events = conn.receive_data(data)
                for ev in events:
                    if isinstance(ev, h2.events.RequestReceived):
                        reqs[ev.stream_id] = dict(ev.headers)
                    elif isinstance(ev, h2.events.DataReceived):
                        conn.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
                    elif isinstance(ev, h2.events.StreamEnded) and ev.stream_id in reqs:
                        threading.Thread(target=answer, args=(ev.stream_id, reqs.pop(ev.stream_id)), daemon=True).start()
                out = conn.data_to_send()
                if out:
                    sock.sendall(out)
    except Exception:
        pass
    finally:
        try:
            sock.close()
        except Exception:
            pass


def client(args):
    """--get URL: a client outside the mesh; COUNT requests, one after another on one connection; one JSON line each."""
    rest = args.get.split("://", 1)[1]
    hostport, _, path = rest.partition("/")
    host, port = hostport.rsplit(":", 1)
    d = Downstream(host, int(port))
    extra = [tuple(x.strip() for x in h.split(":", 1)) for h in args.header]
    for _ in range(args.count):
        status, body = d.get("/" + path, [(k.lower(), v) for k, v in extra])
        print(json.dumps({"status": status, "body": body.decode("utf-8", "replace")}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--get", help="client mode: request this URL")
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--header", action="append", default=[])
    ap.add_argument("--name")
    ap.add_argument("--version", default="v1")
    ap.add_argument("--listen", help="host:port")
    ap.add_argument("--callee", action="append", default=[], help="name=host:port")
    ap.add_argument("--forward-ctx", action="store_true")
    ap.add_argument("--trace-header", default="traceparent")
    args = ap.parse_args()
    if args.get:
        return client(args)
    pools = {}
    for c in args.callee:
        name, addr = c.split("=", 1)
        host, port = addr.rsplit(":", 1)
        pools[name] = Pool(host, int(port))
    host, port = args.listen.rsplit(":", 1)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, int(port)))
    ls.listen(1024)
    print("listening", args.listen, flush=True)
    while True:
        s, _ = ls.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve_conn, args=(s, args, pools), daemon=True).start()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A small HTTP/2 (prior knowledge) service for the chain tests.

It answers every request; with --downstream it first calls the next service over one
persistent HTTP/2 connection per incoming connection (so later requests reuse HPACK
dynamic-table entries), forwarding the trace id like a tracing library would: same
trace id, new parent span. The last service answers with what it received:
"ctx=<x-copper-ctx or ->;trace=<traceparent or ->".
"""
import argparse
import os
import socket
import threading

import h2.config
import h2.connection
import h2.events


def new_traceparent(tp, trace_header):
    if not tp:
        return None
    if trace_header == "traceparent":
        parts = tp.split("-")
        if len(parts) == 4:
            parts[2] = os.urandom(8).hex()   # a new span, as a tracing library would send
            return "-".join(parts)
        return tp
    parts = tp.split(":")
    if len(parts) == 4:
        parts[1], parts[2] = os.urandom(8).hex(), parts[1]
        return ":".join(parts)
    return tp


class Downstream:
    """One client connection to the next service, used for one request at a time."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
        self.conn.initiate_connection()
        self.sock.sendall(self.conn.data_to_send())
        self.authority = "%s:%d" % (host, port)

    def get(self, path, extra):
        sid = self.conn.get_next_available_stream_id()
        hdrs = [(":method", "GET"), (":scheme", "http"), (":authority", self.authority),
                (":path", path), ("user-agent", "h2svc")] + extra
        self.conn.send_headers(sid, hdrs, end_stream=True)
        self.sock.sendall(self.conn.data_to_send())
        body = b""
        while True:
            data = self.sock.recv(65536)
            if not data:
                raise IOError("downstream closed")
            for ev in self.conn.receive_data(data):
                if isinstance(ev, h2.events.DataReceived) and ev.stream_id == sid:
                    body += ev.data
                    self.conn.acknowledge_received_data(ev.flow_controlled_length, sid)
                elif isinstance(ev, h2.events.StreamEnded) and ev.stream_id == sid:
                    out = self.conn.data_to_send()
                    if out:
                        self.sock.sendall(out)
                    return body
            out = self.conn.data_to_send()
            if out:
                self.sock.sendall(out)


def serve_conn(sock, args):
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False,
                                                                header_encoding="utf-8"))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    down = None
    reqs = {}
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return
            for ev in conn.receive_data(data):
                if isinstance(ev, h2.events.RequestReceived):
                    reqs[ev.stream_id] = dict(ev.headers)
                elif isinstance(ev, h2.events.StreamEnded) and ev.stream_id in reqs:
                    h = reqs.pop(ev.stream_id)
                    tp = h.get(args.trace_header)
                    if args.downstream:
                        if down is None:
                            host, port = args.downstream.rsplit(":", 1)
                            down = Downstream(host, int(port))
                        extra = []
                        ntp = new_traceparent(tp, args.trace_header)
                        if ntp:
                            extra.append((args.trace_header, ntp))
                        body = down.get(h.get(":path", "/"), extra)
                    else:
                        body = ("ctx=%s;trace=%s\n" % (h.get("x-copper-ctx", "-"), tp or "-")).encode()
                    conn.send_headers(ev.stream_id, [(":status", "200"),
                                                     ("content-length", str(len(body)))])
                    conn.send_data(ev.stream_id, body, end_stream=True)
            out = conn.data_to_send()
            if out:
                sock.sendall(out)
    except Exception:
        pass
    finally:
        sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--downstream")
    ap.add_argument("--trace-header", default="traceparent")
    args = ap.parse_args()
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", args.port))
    ls.listen(128)
    while True:
        s, _ = ls.accept()
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve_conn, args=(s, args), daemon=True).start()


if __name__ == "__main__":
    main()

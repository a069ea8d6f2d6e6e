#!/usr/bin/python3
"""Benchmark load with a new trace id on every request (real traffic; h2load repeats one
header set): ROUNDS x 16 requests on one HTTP/2 connection, 16 per send, each with a fresh
W3C traceparent (python-h2 Huffman-codes it and adds it to the dynamic table, as nghttp2
and gRPC clients do), optionally with an x-copper-ctx value set by the application (a
request arriving from upstream at a middle service). Prints the number of requests.
usage: newtrace.py HOST:PORT ROUNDS [CTX]"""
import os
import socket
import sys

import h2.config
import h2.connection
import h2.events
from hpack import NeverIndexedHeaderTuple


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    rounds = int(sys.argv[2])
    ctx = sys.argv[3] if len(sys.argv) > 3 else None
    s = socket.create_connection((host, int(port)))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    c.initiate_connection()
    s.sendall(c.data_to_send())
    total = 0
    for _ in range(rounds):
        open_ = set()
        for _ in range(16):
            sid = c.get_next_available_stream_id()
            hs = [(":method", "GET"), (":scheme", "http"), (":authority", "bench"),
                  (":path", "/index.html"),
                  ("traceparent", "00-%s-%s-01" % (os.urandom(16).hex(), os.urandom(8).hex()))]
            if ctx:
                hs.append(NeverIndexedHeaderTuple("x-copper-ctx", ctx))
            c.send_headers(sid, hs, end_stream=True)
            open_.add(sid)
        s.sendall(c.data_to_send())
        while open_:
            data = s.recv(65536)
            if not data:
                sys.exit("connection closed")
            for ev in c.receive_data(data):
                if isinstance(ev, h2.events.DataReceived):
                    c.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
                elif isinstance(ev, h2.events.StreamEnded):
                    open_.discard(ev.stream_id)
                    total += 1
            out = c.data_to_send()
            if out:
                s.sendall(out)
    print(total)


if __name__ == "__main__":
    main()

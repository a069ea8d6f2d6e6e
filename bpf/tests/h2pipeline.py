#!/usr/bin/python3
"""Sends N requests on one HTTP/2 connection without waiting for responses, each in its
own send (TCP_NODELAY: its own segment), each with a new trace id and the context given (never indexed:
an indexed re-send of x-copper-ctx is not followed);
prints each response body in stream order.
usage: h2pipeline.py HOST:PORT N CTX"""
import os
import socket
import sys

import h2.config
import h2.connection
import h2.events
from hpack import NeverIndexedHeaderTuple


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    n, ctx = int(sys.argv[2]), sys.argv[3]
    s = socket.create_connection((host, int(port)))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    c.initiate_connection()
    s.sendall(c.data_to_send())
    bodies, done = {}, set()
    for i in range(n):
        sid = c.get_next_available_stream_id()
        tp = "00-%s-%s-01" % (os.urandom(16).hex(), os.urandom(8).hex())
        c.send_headers(sid, [(":method", "GET"), (":scheme", "http"), (":authority", "x"),
                             (":path", "/p%d" % i), ("traceparent", tp),
                             NeverIndexedHeaderTuple("x-copper-ctx", ctx)], end_stream=True)
        s.sendall(c.data_to_send())
        bodies[sid] = b""
    while len(done) < n:
        data = s.recv(65536)
        if not data:
            break
        for ev in c.receive_data(data):
            if isinstance(ev, h2.events.DataReceived):
                bodies[ev.stream_id] += ev.data
                c.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
            elif isinstance(ev, h2.events.StreamEnded):
                done.add(ev.stream_id)
        out = c.data_to_send()
        if out:
            s.sendall(out)
    for sid in sorted(bodies):
        sys.stdout.write(bodies[sid].decode())


if __name__ == "__main__":
    main()

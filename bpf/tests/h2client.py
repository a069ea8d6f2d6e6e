#!/usr/bin/python3
"""Sends N sequential requests on ONE HTTP/2 connection (python-h2's HPACK encoder then
re-sends repeated headers from its dynamic table) and prints each response body.
(curl 7.88 cannot reuse a prior-knowledge connection for a second URL.)
usage: h2client.py HOST:PORT N [name:value ...]   value "@new" = a fresh traceparent each time"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h2svc import Downstream  # noqa: E402


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    n = int(sys.argv[2])
    hdrs = [tuple(h.split(":", 1)) for h in sys.argv[3:]]
    d = Downstream(host, int(port))
    for i in range(n):
        extra = []
        for k, v in hdrs:
            if v == "@new":
                v = "00-%s-%s-01" % (os.urandom(16).hex(), os.urandom(8).hex())
            extra.append((k, v))
        sys.stdout.write(d.get("/req%d" % i, extra).decode())
    sys.stdout.flush()


if __name__ == "__main__":
    main()

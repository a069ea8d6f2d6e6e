#!/usr/bin/python3
"""Unit tests of the parsing code on the real kernel: loopback TCP pairs whose both ends
live in a cgroup with copper-bpf attached (client end: send-side programs; server end:
receive-side program). Each case writes hand-built HTTP/2 bytes and checks what arrives,
decoding it with an independent HPACK decoder that keeps its dynamic table across the
connection, so a broken table or frame would show up.

usage: unit.py LOADER SERVICE_ID    (run inside the cgroup)
"""
import os
import socket
import struct
import subprocess
import sys
import time

import hpack
from hpack.huffman import HuffmanEncoder
from hpack.huffman_constants import REQUEST_CODES, REQUEST_CODES_LENGTH

LOADER, SID = sys.argv[1], int(sys.argv[2])
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def tok(n):
    """One service id as an x-copper-ctx token: 3 base-64 digits, most significant first."""
    return DIGITS[n >> 12 & 63] + DIGITS[n >> 6 & 63] + DIGITS[n & 63]


def toks(*ids):
    return "".join(tok(i) for i in ids)


OWN = tok(SID)
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
HUFF = HuffmanEncoder(REQUEST_CODES, REQUEST_CODES_LENGTH)
BASE = [(":method", "GET"), (":scheme", "http"), (":path", "/u"), (":authority", "unit")]
passed = failed = 0


def check(desc, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("PASS: " + desc)
    else:
        failed += 1
        print("FAIL: %s %s" % (desc, detail))


def stats():
    out = subprocess.run([LOADER, "stats", "--service-id", str(SID)], capture_output=True,
                         text=True).stdout
    return {l.split()[0]: int(l.split()[1]) for l in out.splitlines()[1:] if len(l.split()) == 2}


def map_entries(name, max_entries):
    """Entries in this test's instance of map `name` (told apart by its size)."""
    import json
    maps = json.loads(subprocess.run(["bpftool", "-j", "map", "show", "name", name],
                                     capture_output=True, text=True).stdout or "[]")
    if isinstance(maps, dict):    # one match: bpftool prints the object itself
        maps = [maps]
    mine = [m["id"] for m in maps if m.get("max_entries") == max_entries]
    if len(mine) != 1:
        return -1000
    dump = subprocess.run(["bpftool", "-j", "map", "dump", "id", str(mine[0])], capture_output=True, text=True).stdout
    return len(json.loads(dump or "[]"))


def tid():
    return os.urandom(16).hex()


def traceparent(t=None):
    return "00-%s-%s-01" % (t or tid(), os.urandom(8).hex())


# ---- HTTP/2 and HPACK building blocks ----

def frame(ftype, flags, sid, payload):
    return struct.pack(">I", len(payload))[1:] + bytes([ftype, flags]) + struct.pack(">I", sid) + payload


def hint(v, nbits, first=0):
    mx = (1 << nbits) - 1
    if v < mx:
        return bytes([first | v])
    out = [first | mx]
    v -= mx
    while v >= 128:
        out.append((v & 127) | 128)
        v >>= 7
    out.append(v)
    return bytes(out)


def hstr(s, huff=False):
    b = s.encode() if isinstance(s, str) else s
    if huff:
        b = HUFF.encode(b)
        return hint(len(b), 7, 0x80) + b
    return hint(len(b), 7) + b


def lit(name, value, kind=0x00, huff=False):
    """Literal with a literal name: kind 0x00 without, 0x10 never, 0x40 incremental indexing."""
    return bytes([kind]) + hstr(name, huff) + hstr(value, huff)


def settings():
    return frame(4, 0, 0, b"")


class Pair:
    """One loopback connection; both ends are in the service's cgroup."""

    def __init__(self, preface=True, family=socket.AF_INET):
        ls = socket.socket(family)
        ls.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
        ls.listen(1)
        self.c = socket.create_connection(ls.getsockname()[:2])
        self.c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.s, _ = ls.accept()
        ls.close()
        self.s.settimeout(3)
        self.dec = hpack.Decoder()
        self.enc = hpack.Encoder()
        self.buf = b""
        self.raw = b""
        self.sid = 1
        if preface:
            self.c.sendall(PREFACE + settings())
            self.read_exact(24 + 9)

    def next_sid(self):
        s = self.sid
        self.sid += 2
        return s

    def send(self, *chunks, gap=0.03):
        for i, ch in enumerate(chunks):
            if i:
                time.sleep(gap)   # separate sendmsg calls, separate segments
            self.c.sendall(ch)

    def read_exact(self, n):
        out = b""
        while len(out) < n:
            d = self.s.recv(n - len(out))
            if not d:
                raise IOError("closed")
            out += d
        self.raw += out
        return out

    def read_blocks(self, n):
        """Reads frames until n header blocks are complete; returns their decoded headers."""
        blocks, frag = [], b""
        while len(blocks) < n:
            hdr = self.read_exact(9)
            ln = int.from_bytes(hdr[:3], "big")
            ftype, flags = hdr[3], hdr[4]
            payload = self.read_exact(ln)
            if ftype == 1:
                p = payload
                if flags & 0x8:
                    pad = p[0]
                    p = p[1:len(p) - pad]
                if flags & 0x20:
                    p = p[5:]
                frag = p
            elif ftype == 9:
                frag += payload
            else:
                continue
            if flags & 0x4:
                blocks.append([(k.decode(), v.decode()) for k, v in self.dec.decode(frag, raw=True)])
                frag = b""
        return blocks

    def close(self):
        self.c.close()
        self.s.close()


def ctx_of(headers):
    vals = [v for k, v in headers if k == "x-copper-ctx"]
    return vals[-1] if len(vals) == 1 and headers[-1][0] == "x-copper-ctx" else ("DUP" if vals else None)


def req(p, block, flags=0x5, extra=b""):
    return frame(1, flags, p.next_sid(), block) + extra


# ---- send side ----

def test_tx():
    p = Pair()
    # raw literal, new name
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx raw literal traceparent: context appended as last header", ctx_of(h) == OWN, h)
    check("tx raw literal: original headers intact", h[:4] == BASE and h[4][0] == "traceparent")

    # Huffman name and value, incremental indexing (the hpack encoder's own choice)
    t = traceparent()
    blk = p.enc.encode(BASE + [("traceparent", t)], huffman=True)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx Huffman-coded, indexed literal: context appended", ctx_of(h) == OWN, h)
    # the same header again: now a one-byte dynamic-table index
    blk = p.enc.encode(BASE + [("traceparent", t)], huffman=True)
    check("tx (test setup) re-send is fully indexed", len(blk) <= 6, blk)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    # both ends are this service: the server end has meanwhile learnt t -> OWN
    check("tx indexed re-send of the trace header: context appended", ctx_of(h) == OWN + OWN, h)
    # name from the dynamic table, new value
    blk = p.enc.encode(BASE + [("traceparent", traceparent())], huffman=True)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx dynamic-table name reference with new value: context appended", ctx_of(h) == OWN, h)
    # never-indexed literal with Huffman strings
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent(), kind=0x10, huff=True)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx never-indexed Huffman literal: context appended", ctx_of(h) == OWN, h)
    # dynamic table size update, then more indexed headers
    p.enc.header_table_size = 2048    # the encoder starts its next block with a size update
    blk = p.enc.encode(BASE + [("x-other", "y" * 40), ("traceparent", traceparent())], huffman=True)
    check("tx (test setup) block starts with a size update", blk[0] & 0xe0 == 0x20, blk[:4])
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx table size update + incremental literal: context appended", ctx_of(h) == OWN, h)
    # no trace id: nothing added
    blk = p.enc.encode(BASE + [("x-no-trace", "1")], huffman=True)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx request without trace id: untouched", ctx_of(h) is None, h)
    # already has x-copper-ctx: left alone
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent()) + lit("x-copper-ctx", toks(1))
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx request that already carries x-copper-ctx: left alone", ctx_of(h) == toks(1), h)
    # ... also a long Huffman-coded one, never indexed (the send side does not decode it)
    # and an incrementally indexed one followed by its one-byte re-send
    long_ctx = toks(*range(1, 256))
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent()) + lit("x-copper-ctx", long_ctx, kind=0x10, huff=True)
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("tx request with a Huffman-coded never-indexed x-copper-ctx: left alone", ctx_of(h) == long_ctx,
          (ctx_of(h) or "")[:12])
    for i in range(2):
        blk = p.enc.encode(BASE + [("traceparent", traceparent()), ("x-copper-ctx", toks(2, 3))], huffman=True)
        p.send(req(p, blk))
        h = p.read_blocks(1)[0]
        check("tx indexed x-copper-ctx (%s): left alone" % ("literal", "one-byte re-send")[i],
              ctx_of(h) == toks(2, 3), h)
    p.close()


def test_tx_frames():
    p = Pair()
    # padding and priority flags
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    payload = bytes([7]) + b"\x00\x00\x00\x00\x10" + blk + b"\x00" * 7
    p.send(frame(1, 0x4 | 0x1 | 0x8 | 0x20, p.next_sid(), payload))
    h = p.read_blocks(1)[0]
    check("tx PADDED+PRIORITY HEADERS: context inserted before the padding", ctx_of(h) == OWN, h)
    # CONTINUATION: the trace id in the middle frame, the context goes in the last one
    blk = p.enc.encode(BASE, huffman=True) + lit("traceparent", traceparent(), huff=True) + \
        p.enc.encode([("x-after", "z" * 30)])
    a, b, c = blk[:10], blk[10:30], blk[30:]
    sid = p.next_sid()
    p.send(frame(1, 0x1, sid, a) + frame(9, 0, sid, b) + frame(9, 0x4, sid, c))
    h = p.read_blocks(1)[0]
    check("tx HEADERS + 2 CONTINUATION: context appended to the block", ctx_of(h) == OWN, h)
    # CONTINUATION frames in separate sends
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    sid = p.next_sid()
    p.send(frame(1, 0x1, sid, blk[:15]), frame(9, 0x4, sid, blk[15:]))
    h = p.read_blocks(1)[0]
    check("tx CONTINUATION in a later send: context appended", ctx_of(h) == OWN, h)
    # a frame header split across sends, then the payload split too
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    f = frame(1, 0x5, p.next_sid(), blk)
    p.send(f[:4], f[4:20], f[20:])
    h = p.read_blocks(1)[0]
    check("tx HEADERS split in 3 sends (inside the frame header): context appended", ctx_of(h) == OWN, h)
    # a send that does not start on a frame boundary: a DATA frame spanning sends
    data = frame(0, 0x1, 1, b"d" * 3000)
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    f = frame(1, 0x5, p.next_sid(), blk)
    p.send(data[:1000], data[1000:] + f)
    h = p.read_blocks(1)[0]
    check("tx send starting inside a DATA frame, then HEADERS: context appended", ctx_of(h) == OWN, h)
    # 20 concurrent streams in one send
    out = b""
    for _ in range(20):
        out += req(p, p.enc.encode(BASE + [("traceparent", traceparent())], huffman=True))
    p.send(out)
    hs = p.read_blocks(20)
    n = sum(1 for h in hs if ctx_of(h) == OWN)
    check("tx 20 HEADERS frames in one send: all 20 get the context (got %d)" % n, n == 20)
    # interleaved with other frame types in one send
    out = b""
    for i in range(5):
        out += frame(8, 0, 0, b"\x00\x00\x10\x00")       # WINDOW_UPDATE
        out += req(p, p.enc.encode(BASE) + lit("traceparent", traceparent()))
        out += frame(6, 0, 0, b"12345678")                # PING
    p.send(out)
    hs = p.read_blocks(5)
    n = sum(1 for h in hs if ctx_of(h) == OWN)
    check("tx HEADERS between PING/WINDOW_UPDATE frames: all 5 get the context (got %d)" % n, n == 5, hs[:1])
    p.close()


def test_tx_large_send():
    """A send larger than the part made contiguous: HEADERS, 40 KiB of DATA, HEADERS in
    one send. Both requests get their context; the DATA bytes arrive unchanged."""
    p = Pair()
    start = len(p.raw)
    data = bytes(range(256)) * 160
    sid1, sid2 = p.next_sid(), p.next_sid()
    out = frame(1, 0x4, sid1, p.enc.encode(BASE) + lit("traceparent", traceparent()))
    for off in range(0, len(data), 16384):
        chunk = data[off:off + 16384]
        out += frame(0, 0x1 if off + 16384 >= len(data) else 0, sid1, chunk)
    out += frame(1, 0x5, sid2, p.enc.encode(BASE) + lit("traceparent", traceparent()))
    p.send(out)
    hs = p.read_blocks(2)
    check("tx HEADERS + 40 KiB DATA + HEADERS in one send: both get the context",
          [ctx_of(h) for h in hs] == [OWN, OWN], [ctx_of(h) for h in hs])
    raw, got, pos = p.raw[start:], b"", 0
    while pos + 9 <= len(raw):
        ln, ftype = int.from_bytes(raw[pos:pos + 3], "big"), raw[pos + 3]
        if ftype == 0:
            got += raw[pos + 9:pos + 9 + ln]
        pos += 9 + ln
    check("tx ... and the 40 KiB of DATA arrive unchanged", got == data, (len(got), len(data)))
    p.close()
    # the first traced block lies beyond the part that can be made contiguous: after 40 KiB
    # of DATA, alone or behind a request without trace id
    for lead in ("DATA", "untraced HEADERS + DATA"):
        p = Pair()
        sid0, sid1 = p.next_sid(), p.next_sid()
        out = frame(1, 0x4, sid0, p.enc.encode(BASE + [("x-no-trace", "1")]))
        if lead == "DATA":   # the DATA of a stream opened in an earlier send
            p.send(out)
            p.read_blocks(1)
            out = b""
        for off in range(0, len(data), 16384):
            out += frame(0, 0x1 if off + 16384 >= len(data) else 0, sid0, data[off:off + 16384])
        out += frame(1, 0x5, sid1, p.enc.encode(BASE) + lit("traceparent", traceparent()))
        p.send(out)
        hs = p.read_blocks(2 if lead != "DATA" else 1)
        check("tx traced HEADERS after %s (40 KiB) in one send: context inserted" % lead,
              ctx_of(hs[-1]) == OWN, [ctx_of(h) for h in hs])
        p.close()
    # more frames in one send than one run walks (5000 PINGs): the rest is walked in the
    # kernel's next run, so the request after them still gets its context
    p = Pair()
    start = len(p.raw)
    pings = b"".join(frame(6, 0, 0, i.to_bytes(8, "big")) for i in range(5000))
    p.send(pings + req(p, p.enc.encode(BASE) + lit("traceparent", traceparent())))
    hs = p.read_blocks(1)
    raw, n_ping, pos, ok = p.raw[start:], 0, 0, True
    while pos + 9 <= len(raw):
        ln, ftype = int.from_bytes(raw[pos:pos + 3], "big"), raw[pos + 3]
        if ftype == 6:
            ok = ok and raw[pos + 9:pos + 17] == n_ping.to_bytes(8, "big")
            n_ping += 1
        pos += 9 + ln
    check("tx 5000 PING frames then HEADERS in one send: context inserted, PINGs intact (%d)" % n_ping,
          ctx_of(hs[0]) == OWN and n_ping == 5000 and ok, ctx_of(hs[0]))
    p.close()
    # 12 requests with 3 KB header blocks and 783-byte literals (255-id chains) in one send:
    # more than one contiguous part, so the kernel's next run takes the rest. Each request
    # has its own trace (both ends are in one service: a request the receive side reads
    # updates its trace's entry, as a middle service's would)
    chain = toks(*range(1, 256))
    ts = [tid() for _ in range(12)]
    for t in ts:
        learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", chain), t)
    p = Pair()
    out = b"".join(req(p, p.enc.encode(BASE) + lit("x-big", "v" * 3000) + lit("traceparent", traceparent(t)))
                   for t in ts)
    p.send(out)
    hs = p.read_blocks(12)
    want = "~" + chain[3:] + OWN
    n = sum(1 for h in hs if ctx_of(h) == want and ("x-big", "v" * 3000) in h)
    check("tx 12 requests with 3 KB blocks and 255-id contexts in one send (45 KB): all complete (got %d)" % n,
          n == 12, [("ok" if ctx_of(h) == want else (ctx_of(h) or "none")[:8]) for h in hs])
    p.close()


def test_passthrough():
    # HTTP/1.1 and raw TCP: byte-exact
    for name, data in (("HTTP/1.1", b"GET / HTTP/1.1\r\nHost: x\r\ntraceparent: %s\r\n\r\n" % traceparent().encode()),
                       ("raw TCP", os.urandom(5000))):
        p = Pair(preface=False)
        p.send(data[:100], data[100:])
        got = p.read_exact(len(data))
        check("%s bytes pass through unchanged" % name, got == data)
        p.close()
    # a valid preface followed by garbage: given up, byte-exact
    p = Pair()
    junk = b"\x00\x00\x05\x09\x04\x00\x00\x00\x01" + os.urandom(3000)   # CONTINUATION out of place
    p.send(junk)
    check("preface then garbage frames: bytes pass through unchanged", p.read_exact(len(junk)) == junk)
    p.close()
    # bad Huffman string: the connection is given up, bytes untouched, counted
    before = stats()
    p = Pair()
    bad = p.enc.encode(BASE) + bytes([0x00]) + hstr("traceparent") + bytes([0x84, 0xff, 0xff, 0xff, 0xff])
    f = req(p, bad)
    p.send(f)
    got = p.read_exact(len(f))
    check("malformed Huffman (EOS inside): frame passes through unchanged", got == f)
    after = stats()
    check("malformed Huffman: counted", after.get("huffman_errors", 0) > before.get("huffman_errors", 0))
    f2 = req(p, p.enc.encode(BASE) + lit("traceparent", traceparent()))
    p.send(f2)
    check("after giving up, later requests pass through unchanged", p.read_exact(len(f2)) == f2)
    p.close()
    # index beyond the dynamic table
    before = stats()
    p = Pair()
    f = req(p, bytes([0x80 | 70]) + lit("traceparent", traceparent()))
    p.send(f)
    check("index past the dynamic table: passes through unchanged", p.read_exact(len(f)) == f)
    check("index past the dynamic table: counted", stats().get("table_errors", 0) > before.get("table_errors", 0))
    p.close()
    # index 0 is not an entry
    before = stats()
    p = Pair()
    f = req(p, bytes([0x80]) + lit("traceparent", traceparent()))
    p.send(f)
    check("index 0: passes through unchanged", p.read_exact(len(f)) == f)
    check("index 0: counted", stats().get("table_errors", 0) > before.get("table_errors", 0))
    p.close()
    # an index of 127 or more takes more than one byte: the trace header re-sent as index
    # 132 (70 entries added after it) is still found, as the same trace (both ends are in
    # this service, so it has learnt the first request's chain: OWN, then OWN again)
    p = Pair()
    p.send(req(p, p.enc.encode(BASE + [("traceparent", traceparent())] + [("x-f%d" % i, "1") for i in range(70)])))
    p.read_blocks(1)
    p.send(req(p, p.enc.encode(BASE) + hint(132, 7, 0x80)))
    h = p.read_blocks(1)[0]
    p.close()
    check("trace header re-sent as a two-byte index (132): the same trace's context appended (got %s)"
          % ctx_of(h), ctx_of(h) == OWN + OWN and any(k == "traceparent" for k, _ in h))
    # oversize block: 20000 bytes of headers in CONTINUATIONs
    before = stats()
    p = Pair()
    blk = p.enc.encode(BASE) + lit("x-big", "b" * 20000) + lit("traceparent", traceparent())
    sid = p.next_sid()
    f = frame(1, 0, sid, blk[:9000]) + frame(9, 0, sid, blk[9000:18000]) + frame(9, 0x4, sid, blk[18000:])
    p.send(f)
    check("header block over 16 KiB: passes through unchanged", p.read_exact(len(f)) == f)
    check("header block over 16 KiB: counted", stats().get("oversize_blocks", 0) > before.get("oversize_blocks", 0))
    p.close()
    # insertion would push the frame past 16384 bytes: left alone, counted, stream fine
    before = stats()
    p = Pair()
    head, tail = p.enc.encode(BASE), lit("traceparent", traceparent())
    fill = lit("x-fill", "f" * (16384 - 4 - 12 - len(head) - len(tail)))
    blk = head + fill + tail       # 16380-16384 bytes: no room for the context
    f = req(p, blk)
    p.send(f)
    check("frame would exceed 16384 bytes: passes through unchanged", p.read_exact(len(f)) == f)
    p.dec.decode(blk)     # keep the test's decoder in step with the encoder
    check("frame would exceed 16384 bytes: counted", stats().get("tx_too_big", 0) > before.get("tx_too_big", 0))
    blk = p.enc.encode(BASE) + lit("traceparent", traceparent())
    p.send(req(p, blk))
    h = p.read_blocks(1)[0]
    check("... and the next request on that connection still gets its context", ctx_of(h) == OWN, h)
    p.close()


def segs_out(sock):
    """TCP segments this socket has sent (tcp_info.tcpi_segs_out)."""
    return struct.unpack_from("I", sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256), 136)[0]


def test_tx_segments():
    """An insertion never adds a TCP segment: each scatterlist element of a send leaves as a
    segment of its own, so a send must stay one element after its literals are added (a
    request in two segments costs the receiver a second wake-up and doubles the latency
    the add-on adds)."""
    t = tid()
    chain = "".join(tok(i) for i in range(1, 256))
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", chain), t)
    # both ends are in this service: each request it receives makes it learn the chain it
    # sent, so the next one is one id longer (and the oldest dropped)
    nxt = lambda v: "~" + v.lstrip("~")[3:] + OWN
    want = chain
    p = Pair()
    s0, ok = segs_out(p.c), 0
    for _ in range(50):
        want = nxt(want)
        p.send(req(p, p.enc.encode(BASE + [("traceparent", traceparent(t))], huffman=True)))
        ok += ctx_of(p.read_blocks(1)[0]) == want
    d = segs_out(p.c) - s0
    check("50 requests, one per send, each with the 766-byte context (got %d)" % ok, ok == 50)
    check("... one TCP segment per send with its literal added (got %d segments)" % d, d == 50)
    s0, ok = segs_out(p.c), 0
    for _ in range(10):
        want = nxt(want)
        p.send(b"".join(req(p, p.enc.encode(BASE + [("traceparent", traceparent(t))], huffman=True))
                        for _ in range(16)))
        ok += sum(ctx_of(h) == want for h in p.read_blocks(16))
    d = segs_out(p.c) - s0
    check("10 sends of 16 requests, each request with the 766-byte context (got %d)" % ok, ok == 160)
    check("... one TCP segment per send with its 16 literals added (got %d segments)" % d, d == 10)
    p.close()


# ---- receive side, then propagation ----

def learn(ctx_block_fn, t):
    """Sends a request carrying trace id t and a context (built by ctx_block_fn) to the
    server end, so that the receive side remembers it."""
    p = Pair()
    blk = p.enc.encode(BASE) + ctx_block_fn(p, t)
    p.send(req(p, blk))
    p.read_blocks(1)
    p.close()


def outgoing(t):
    p = Pair()
    p.send(req(p, p.enc.encode(BASE + [("traceparent", traceparent(t))], huffman=True)))
    h = p.read_blocks(1)[0]
    p.close()
    return ctx_of(h)


def test_rx():
    t = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", toks(1, 2)), t)
    got = outgoing(t)
    check("rx raw context, then an outgoing request with the same trace id: '0001.0002.%s' (got %s)"
          % (OWN, got), got == toks(1, 2) + OWN)
    t = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t), huff=True) + lit("x-copper-ctx", toks(3, 4), huff=True), t)
    got = outgoing(t)
    check("rx Huffman-coded trace and context (got %s)" % got, got == toks(3, 4) + OWN)
    t = tid()
    learn(lambda p, t: p.enc.encode([("x-copper-ctx", toks(5)), ("traceparent", traceparent(t))], huffman=True), t)
    got = outgoing(t)
    check("rx context before the trace id, both indexed literals (got %s)" % got, got == toks(5) + OWN)
    # split across segments, inside CONTINUATION
    t = tid()
    p = Pair()
    blk = p.enc.encode(BASE) + lit("x-copper-ctx", toks(6, 7, 8)) + lit("traceparent", traceparent(t))
    sid = p.next_sid()
    f = frame(1, 0x8, sid, bytes([3]) + blk[:20] + b"\x00\x00\x00") + frame(9, 0x4, sid, blk[20:])
    p.send(f[:7], f[7:33], f[33:50], f[50:])
    p.read_blocks(1)
    p.close()
    got = outgoing(t)
    check("rx padded HEADERS + CONTINUATION split over 4 segments (got %s)" % got, got == toks(6, 7, 8) + OWN)
    # malformed context: ignored, the chain restarts here
    t = tid()
    before = stats()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", "00z.1+"), t)
    got = outgoing(t)
    check("rx malformed context is not propagated (got %s)" % got, got == OWN)
    check("rx malformed context: counted", stats().get("rx_bad_ctx", 0) > before.get("rx_bad_ctx", 0))
    # a bad character deep inside a long chain (checked 8 bytes at a time, 4 words per
    # step) and in the bytes after the last whole word: 19 ids = 57 bytes = 7 words + 1
    for pos, desc in ((9, "in a word of the first step"), (13, "in a word of the second step"),
                      (18, "in the byte after the last whole word")):
        t = tid()
        ts_ = [tok(i) for i in range(1, 20)]
        ts_[pos] = "00+"          # '+' is not a base-64 digit here
        learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", "".join(ts_)), t)
        got = outgoing(t)
        check("rx bad character %s of a 19-id chain is rejected (got %s)" % (desc, got), got == OWN)
    t = tid()
    chain = "".join(DIGITS[i % 64] for i in range(66))
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", chain), t)
    got = outgoing(t)
    check("rx 22-id chain using all 64 digits is accepted", got == chain + OWN, got)
    # IPv6 loopback: learn on one connection, propagate on another
    t = tid()
    p = Pair(family=socket.AF_INET6)
    p.send(req(p, p.enc.encode(BASE) + lit("traceparent", traceparent(t)) + lit("x-copper-ctx", toks(170))))
    p.read_blocks(1)
    p.close()
    p = Pair(family=socket.AF_INET6)
    p.send(req(p, p.enc.encode(BASE + [("traceparent", traceparent(t))], huffman=True)))
    h = p.read_blocks(1)[0]
    p.close()
    check("IPv6 connections: context learnt and propagated (got %s)" % ctx_of(h), ctx_of(h) == toks(170) + OWN)
    # Huffman-coded trace ids are read through a table of the 5- and 6-bit codes (hex
    # digits, '-'); a longer code (upper-case hex, 7 bits) goes back to the byte table:
    # the same trace id, coded or raw, must give the same key
    t = tid().upper()
    learn(lambda p, t: lit("traceparent", traceparent(t), huff=True) + lit("x-copper-ctx", toks(11)), t)
    p = Pair()
    p.send(req(p, p.enc.encode(BASE) + lit("traceparent", traceparent(t))))
    h = p.read_blocks(1)[0]
    p.close()
    check("upper-case trace id learnt Huffman-coded, sent raw: same trace (got %s)" % ctx_of(h),
          ctx_of(h) == toks(11) + OWN)
    # padding that is not all ones, or 8 bits or more of it: invalid, never read as symbols
    for desc, mangle in (("a zero bit in the EOS padding", lambda b, pad: b[:-1] + bytes([b[-1] & ~1])),
                         ("a whole extra byte of padding", lambda b, pad: b + b"\xff")):
        while True:
            tv = traceparent()
            nbits = sum(REQUEST_CODES_LENGTH[c] for c in tv.encode())
            if nbits % 8:
                break
        coded = mangle(HUFF.encode(tv.encode()), 8 - nbits % 8)
        before = stats()
        p = Pair()
        f = req(p, p.enc.encode(BASE) + bytes([0x00]) + hstr("traceparent") + hint(len(coded), 7, 0x80) + coded)
        p.send(f)
        got = p.read_exact(len(f))
        p.close()
        check("Huffman trace id with %s: passes through unchanged, counted" % desc,
              got == f and stats().get("huffman_errors", 0) > before.get("huffman_errors", 0))
    # unknown trace id: this service starts the chain
    check("unknown trace id: chain starts at this service", outgoing(tid()) == OWN)
    # 255 services: the oldest id is dropped and the value flagged
    t = tid()
    chain = "".join(tok(i) for i in range(1, 256))
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", chain), t)
    got = outgoing(t) or ""
    want = "~" + chain[3:] + OWN
    check("255-service context: truncated at the origin, flagged, %d bytes" % len(want), got == want,
          (len(got), got[:20], got[-20:]))
    # already truncated input stays flagged
    t = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", "~" + toks(9)), t)
    got = outgoing(t)
    check("flagged context keeps its flag (got %s)" % got, got == "~" + toks(9) + OWN)
    # many streams on one connection, each with its own trace and context
    p = Pair()
    out, ts = b"", []
    for i in range(12):
        t = tid()
        ts.append(t)
        out += req(p, p.enc.encode(BASE + [("traceparent", traceparent(t)), ("x-copper-ctx", tok(i + 1))], huffman=True))
    p.send(out)
    p.read_blocks(12)
    p.close()
    n = sum(1 for i, t in enumerate(ts) if outgoing(t) == tok(i + 1) + OWN)
    check("rx 12 streams in one segment: each trace keeps its own context (got %d)" % n, n == 12)


def test_rx_repeats():
    """A connection keeps its last valid context value (a repeat is compared, not checked
    again) and a trace entry keeps the literal it builds (an unchanged value only refreshes
    it): neither shortcut may let a changed or malformed value through."""
    def send_all(items):
        """One connection, one request per (trace id, context or None), in order."""
        p = Pair()
        for t, c in items:
            blk = p.enc.encode(BASE) + lit("traceparent", traceparent(t))
            if c is not None:
                blk += lit("x-copper-ctx", c)
            p.send(req(p, blk))
            p.read_blocks(1)
        p.close()
    for n_ids in (1, 2, 19, 64, 255):          # 3 bytes, under 8, odd, whole 64-byte steps, 765
        a = toks(*range(1, n_ids + 1))
        b = a[:-1] + ("1" if a[-1] != "1" else "2")              # same length, last byte differs
        c = "1" + a[1:] if a[0] != "1" else "2" + a[1:]          # ... first byte differs
        bad = a[:len(a) // 2] + "+" + a[len(a) // 2 + 1:]        # ... a non-digit in the middle
        ts = [tid() for _ in range(6)]
        send_all([(ts[0], a), (ts[1], bad), (ts[2], a), (ts[3], b), (ts[4], c), (ts[5], a)])
        want = [a, None, a, b, c, a]
        def expect(v):
            if v is None:
                return OWN
            return ("~" + v[3:] if n_ids == 255 else v) + OWN
        got = [outgoing(t) for t in ts]
        ok = all(g == expect(w) for g, w in zip(got, want))
        check("rx %d-id values on one connection: valid, malformed of the same length, valid "
              "again, last byte changed, first byte changed, repeat: each propagated exactly" % n_ids,
              ok, [(len(g or ""), (g or "")[:12]) for g in got])
    # one trace id whose context changes between requests: the entry follows the last one
    t = tid()
    a, b = toks(11, 12, 13), toks(21, 22, 23, 24)
    for ctx, want, desc in ((a, a + OWN, "first value"), (a, a + OWN, "same value again"),
                            (b, b + OWN, "a longer value"), (a, a + OWN, "back to the first")):
        send_all([(t, ctx)])
        got = outgoing(t)
        check("rx one trace id, context changes (%s): got %s" % (desc, got), got == want)
    # many traces with one context on one connection share one chain (a literal each would
    # cost an 800-byte trace entry per new trace id)
    before = map_entries("chains", 4000)
    v = "".join(tok(i) for i in range(40, 140))
    ts = [tid() for _ in range(200)]
    send_all([(t, v) for t in ts])
    grown = map_entries("chains", 4000) - before
    got = [outgoing(ts[i]) for i in (0, 99, 199)]
    check("rx 200 new trace ids with one context on one connection: each propagates it (got %s)"
          % [len(g or "") for g in got], all(g == v + OWN for g in got))
    check("... and they share one chain (chain map grew by %d)" % grown, grown == 1)


def test_rx_coded():
    """Contexts re-encoded the way an HTTP/2 proxy or client library does it: Huffman-coded
    (a repeat is recognised by its coded bytes, not decoded again) and added to the dynamic
    table, then re-sent as a one-byte index (followed while it is the connection's last
    value; an older entry cannot be read, so the chain restarts here, counted)."""
    a = toks(*range(1, 256))
    b = toks(*range(300, 555))
    bad = a[:100] + "+" + a[101:]
    p = Pair()
    ts = [tid() for _ in range(5)]
    seq = [(ts[0], a, "Huffman literal"), (ts[1], a, "same value again"),
           (ts[2], bad, "malformed, same length"), (ts[3], b, "another value"), (ts[4], a, "first value back")]
    for t, v, _ in seq:
        blk = p.enc.encode(BASE) + lit("traceparent", traceparent(t)) + lit("x-copper-ctx", v, huff=True)
        p.send(req(p, blk))
        p.read_blocks(1)
    p.close()
    for (t, v, desc) in seq:
        got = outgoing(t) or ""
        want = OWN if v == bad else "~" + v[3:] + OWN
        check("rx Huffman-coded 255-id context (%s)" % desc, got == want, (len(got), got[:12]))
    # incremental indexing, then one-byte indexed re-sends
    c1, c2 = toks(41, 42, 43), toks(51, 52)
    p = Pair()
    ts = [tid() for _ in range(4)]
    before = stats()
    for t, v in ((ts[0], c1), (ts[1], c1), (ts[2], c2), (ts[3], c1)):
        blk = p.enc.encode(BASE + [("traceparent", traceparent(t)), ("x-copper-ctx", v)], huffman=True)
        p.send(req(p, blk))
        p.read_blocks(1)
    p.close()
    got = [outgoing(t) for t in ts]
    check("rx indexed literal context (got %s)" % got[0], got[0] == c1 + OWN)
    check("rx the same context re-sent as a one-byte index is followed (got %s)" % got[1], got[1] == c1 + OWN)
    check("rx a second indexed context (got %s)" % got[2], got[2] == c2 + OWN)
    check("rx index of an older context: chain restarts here (got %s)" % got[3], got[3] == OWN)
    check("rx index of an older context: counted",
          stats().get("ctx_dyn_indexed", 0) > before.get("ctx_dyn_indexed", 0))


def test_ttl():
    """Run with a loader started with --ttl-ms 300."""
    t = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", toks(1)), t)
    got = outgoing(t)
    check("ttl: a fresh entry is used (got %s)" % got, got == toks(1) + OWN)
    t = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", toks(1)), t)
    before = stats()
    time.sleep(0.6)
    got = outgoing(t)
    check("ttl: an entry older than the TTL is ignored (got %s)" % got, got == OWN)
    check("ttl: expiry counted", stats().get("trace_expired", 0) > before.get("trace_expired", 0))


def test_small():
    """Run with a loader started with --trace-entries 64 (and so 64 chains)."""
    # a trace whose chain aged out of the chain map (64 entries here): counted, and the
    # chain restarts at this service rather than carrying a wrong one
    a = tid()
    learn(lambda p, t: lit("traceparent", traceparent(t)) + lit("x-copper-ctx", toks(7)), a)
    p = Pair()
    b = tid()
    p.send(b"".join(req(p, p.enc.encode(BASE) + lit("traceparent", traceparent(b)) + lit("x-copper-ctx", tok(i)))
                    for i in range(100, 200)))
    p.read_blocks(100)
    p.close()
    before = stats()
    got = outgoing(a)
    check("chain evicted by 100 newer ones: the chain restarts here (got %s)" % got, got == OWN)
    check("chain evicted: counted", stats().get("chain_gone", 0) > before.get("chain_gone", 0))
    got = outgoing(b)
    check("... the newest chain is still there (got %s)" % got, got == tok(199) + OWN)
    # bounded: 300 traces into a 64-entry map
    p = Pair()
    ts, out = [tid() for _ in range(300)], b""
    for i, t in enumerate(ts):
        out += req(p, p.enc.encode(BASE + [("traceparent", traceparent(t)), ("x-copper-ctx", tok(i + 1))], huffman=True))
    p.send(out)
    p.read_blocks(300)
    p.close()
    newest, oldest = outgoing(ts[-1]), outgoing(ts[0])
    check("bounded trace map: the newest entry is kept (got %s)" % newest, newest == toks(0x12c) + OWN)
    check("bounded trace map: the oldest entry was evicted (got %s)" % oldest, oldest == OWN)
    n = map_entries("trace_map", 64)
    check("bounded trace map: at most 64 entries after 300 traces (got %d)" % n, 0 < n <= 64)


def main():
    mode = sys.argv[3] if len(sys.argv) > 3 else ""
    tests = (test_ttl,) if mode == "ttl" else (test_small,) if mode == "small" else \
        (test_tx, test_tx_frames, test_tx_large_send, test_passthrough, test_rx, test_rx_repeats, test_rx_coded,
         test_tx_segments)
    for t in tests:
        try:
            t()
        except Exception as e:   # a hang or reset is a failure of that group, not a crash
            check("%s completed" % t.__name__, False, repr(e))
    print("RESULT %d %d" % (passed, failed))


if __name__ == "__main__":
    main()

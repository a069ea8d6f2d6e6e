/* cgroup_skb ingress: follows incoming HTTP/2 requests and remembers trace id -> context. */
#ifndef PARSE_RX_BPF_H
#define PARSE_RX_BPF_H

static __always_inline void rx_block_done(struct rx_state *st, struct hbuf *w)
{
	struct blk_res res = {};
	struct ctxval *cv = cpu_slot(&rx_ctx);
	if (!cv)
		return;
	parse_block(w, &st->dt, cv, &res);
	stat(ST_RX_REQS);
	if (res.err) {
		stat(res.err);
		stat(ST_DESYNC);
		st->mode = M_PASS;
		return;
	}
	if (!res.has_trace)
		return;
	stat(ST_RX_TRACE);
	if (res.ctx_dyn) {
		stat(ST_CTX_DYN);
		return;
	}
	cv->len = 0;
	if (res.has_ctx) {
		stat(ST_RX_CTX);
		cv->len = res.ctx_len;
		if (!ctx_valid(cv)) {
			stat(ST_RX_BAD_CTX);
			cv->len = 0;
		}
	}
	cv->ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&trace_map, &res.th, cv, BPF_ANY);
}

struct rctx {
	struct __sk_buff *skb;
	struct rx_state *st;
	struct hbuf *w;
	struct cursor *k;
};

static long rx_step(__u32 i, void *vc)
{
	struct rctx *c = vc;
	struct rx_state *st = c->st;
	struct hbuf *w = c->w;
	__u32 avail, n;

	if (!st || !w || st->mode != M_H2)
		return 1;
	/* transitions that need no bytes */
	if (st->phase == PH_FRAG && st->left == 0) {
		st->phase = PH_SKIP;
		st->left = st->pad;
		if (st->end_headers) {
			st->in_block = 0;
			rx_block_done(st, w);
			w->len = 0;
		}
		return 0;
	}
	if (st->phase == PH_SKIP && st->left == 0) {
		st->phase = PH_HDR;
		st->fhlen = 0;
		return 0;
	}
	if (c->k->pos >= c->k->size)
		return 1;
	avail = c->k->size - c->k->pos;

	if (st->phase == PH_HDR) {
		n = min32(9 - (st->fhlen & 15), avail);
		if (n == 0 || n > 9 || st->fhlen > 8)
			goto desync;
		BOUND(n, 1, 9);
		if (bpf_skb_load_bytes(c->skb, c->k->pos, &st->fh[st->fhlen & 7], n))
			goto desync;
		c->k->pos += n;
		st->fhlen += n;
		if (st->fhlen < 9)
			return 1;
		st->fhlen = 0;
		__u32 len = ((__u32)st->fh[0] << 16) | ((__u32)st->fh[1] << 8) | st->fh[2];
		__u8 type = st->fh[3], flags = st->fh[4];
		if (type == FR_HEADERS || type == FR_CONT) {
			if ((type == FR_CONT) != st->in_block)
				goto desync;
			if (type == FR_HEADERS) {
				st->in_block = 1;
				w->len = 0;
			}
			st->end_headers = !!(flags & FL_END_HEADERS);
			st->frame_left = len;
			st->pad = 0;
			st->want_pad = type == FR_HEADERS && (flags & FL_PADDED);
			st->left = (st->want_pad ? 1 : 0) +
				   (type == FR_HEADERS && (flags & FL_PRIORITY) ? 5 : 0);
			if (st->left > len)
				goto desync;
			st->phase = PH_PREFIX;
		} else {
			if (st->in_block)
				goto desync;
			st->phase = PH_SKIP;
			st->left = len;
		}
		return 0;
	}
	if (st->phase == PH_PREFIX) {
		if (st->left) {
			if (st->want_pad) {
				__u8 p;
				if (bpf_skb_load_bytes(c->skb, c->k->pos, &p, 1))
					goto desync;
				st->pad = p;
				st->want_pad = 0;
				n = 1;
			} else {
				n = min32(st->left, avail);
			}
			c->k->pos += n;
			st->left -= n;
			st->frame_left -= n;
			return 0;
		}
		if (st->pad > st->frame_left)
			goto desync;
		st->phase = PH_FRAG;
		st->left = st->frame_left - st->pad;
		if (st->left + w->len > HB_MAX) {
			stat(ST_OVERSIZE);
			goto desync;
		}
		return 0;
	}
	if (st->phase == PH_FRAG) {
		n = min32(st->left, avail);
		if (n != st->left)
			stat(ST_SPLIT);
		__u32 off = w->len & HB_MASK;
		if (n == 0 || n > HB_MAX)
			goto desync;
		BOUND(n, 1, 16384);
		if (bpf_skb_load_bytes(c->skb, c->k->pos, &w->d[off], n))
			goto desync;
		w->len += n;
		c->k->pos += n;
		st->left -= n;
		return 0;
	}
	/* PH_SKIP */
	n = min32(st->left, avail);
	c->k->pos += n;
	st->left -= n;
	return 0;
desync:
	stat(ST_DESYNC);
	st->mode = M_PASS;
	return 1;
}

/* Where the TCP payload starts in this packet (data begins at the network header), its
 * sequence number; 0 if not TCP over IPv4/IPv6 without extension headers. */
#define ETH_P_IP   0x0800
#define ETH_P_IPV6 0x86DD
static __always_inline __u32 tcp_payload(struct __sk_buff *skb, __u32 *seq)
{
	__u8 b[2];
	__u32 ip, th;
	struct { __be32 seq, ack; __u8 off; } t;

	if (skb->protocol == bpf_htons(ETH_P_IP)) {
		if (bpf_skb_load_bytes(skb, 0, b, 1))
			return 0;
		ip = (b[0] & 15) * 4;
		if (bpf_skb_load_bytes(skb, 9, b, 1) || b[0] != IPPROTO_TCP)
			return 0;
	} else if (skb->protocol == bpf_htons(ETH_P_IPV6)) {
		ip = 40;
		if (bpf_skb_load_bytes(skb, 6, b, 1) || b[0] != IPPROTO_TCP)
			return 0;
	} else {
		return 0;
	}
	if (ip < 20 || bpf_skb_load_bytes(skb, ip + 4, &t, 9))
		return 0;
	th = ip + (t.off >> 4) * 4;
	*seq = bpf_ntohl(t.seq);
	return th;
}

/* cgroup_skb ingress of the service's cgroup: sees each incoming TCP segment before TCP
 * queues it, in arrival order, without taking the socket off the plain TCP receive path
 * (a sockmap sk_skb verdict moves every byte through the psock queue instead). We follow
 * the byte stream by sequence number: bytes already seen (retransmissions) are skipped; a
 * segment after a hole is dropped so that TCP delivers it again once the hole is filled
 * (we then see every byte exactly once and in order). Always passes in-order data. */
#define RX_MAX_DROPS 256   /* consecutive out-of-order drops before a connection is given up */
#define RX_MAX_HOLE_NS (2ULL * 1000000000)   /* ... or a hole that stays open this long */
static __always_inline int rx_segment(struct __sk_buff *skb, struct rx_state *st, __u64 ck)
{
	struct rctx c = { .skb = skb };
	__u32 seq, off, plen;

	off = tcp_payload(skb, &seq);
	if (off == 0) {
		/* a segment of this TCP socket whose headers we cannot read (e.g. IPv6
		 * extension headers): its bytes would be missing from our view of the stream */
		stat(ST_DESYNC);
		st->mode = M_PASS;
		return 1;
	}
	if (off >= skb->len)
		return 1;
	plen = skb->len - off;
	if (!st->seq_known) {   /* normally set by add_socket from the socket's rcv_nxt */
		st->seq_known = 1;
		st->next_seq = seq;
	}
	__s32 d = (__s32)(seq - st->next_seq);
	if (d > 0) {                       /* a hole before this segment */
		/* bytes TCP accepted without us seeing them (data that completed the
		 * handshake, Fast Open): the hole never fills from our point of view */
		struct bpf_sock *sk = skb->sk;
		struct tcp_sock *tp = sk ? bpf_skc_to_tcp_sock(sk) : 0;
		if (!tp || (__s32)(tp->rcv_nxt - st->next_seq) > 0) {
			stat(ST_DESYNC);
			st->mode = M_PASS;
			return 1;
		}
		__u64 now = bpf_ktime_get_ns();
		if (st->drops == 0)
			st->drop_ts = now;
		/* TCP fills a hole within an RTO or two; a hole that stays means our view of
		 * the stream is wrong, and dropping on would stall the connection */
		if (++st->drops > RX_MAX_DROPS || now - st->drop_ts > RX_MAX_HOLE_NS) {
			stat(ST_DESYNC);
			st->mode = M_PASS;
			return 1;
		}
		stat(ST_RX_OOO_DROP);
		return 0;
	}
	st->drops = 0;
	if ((__u32)(-d) >= plen)           /* all seen before */
		return 1;
	off += -d;
	st->next_seq = seq + plen;

	c.k = &st->cur;
	st->cur.pos = off;
	st->cur.size = skb->len;
	if (st->mode == M_PREFACE) {
		__u8 buf[24] = {};
		__u32 n = min32(24 - (st->pre & 31), skb->len - off);
		if (n == 0 || n > 24)
			return 1;
		BOUND(n, 1, 24);
		if (bpf_skb_load_bytes(skb, off, buf, n))
			return 1;
		c.k->pos = off + preface_step(&st->pre, &st->mode, buf, n);
		if (st->mode != M_H2)
			return 1;
	}
	c.st = st;
	if (st->pending) {
		c.w = bpf_map_lookup_elem(&rx_pending, &ck);
		if (!c.w) {
			stat(ST_DESYNC);
			st->mode = M_PASS;
			return 1;
		}
	} else {
		c.w = cpu_slot(&rx_work);
		if (!c.w)
			return 1;
	}
	bpf_loop(4096, rx_step, &c, 0);
	if (st->mode != M_H2) {
		if (st->pending)
			bpf_map_delete_elem(&rx_pending, &ck);
		st->pending = 0;
		return 1;
	}

	/* A block still open at the end of this segment continues in the next one. The
	 * connection then keeps its own buffer (created once, freed at close). */
	if (st->in_block && !st->pending) {
		if (bpf_map_update_elem(&rx_pending, &ck, c.w, BPF_ANY) == 0) {
			st->pending = 1;
		} else {
			stat(ST_DESYNC);
			st->mode = M_PASS;
		}
	}
	return 1;
}

SEC("cgroup_skb/ingress")
int parse_rx(struct __sk_buff *skb)
{
	struct rx_state *st;
	__u64 ck;
	int ret;

	if (skb->len <= 40)   /* IPv4 + TCP headers without payload: ACK, FIN */
		return 1;
	ck = bpf_get_socket_cookie(skb);
	st = bpf_map_lookup_elem(&rx_states, &ck);
	if (!st || st->mode == M_PASS)
		return 1;
	/* This runs before TCP takes the socket lock, so two CPUs can be here for the same
	 * connection (e.g. a retransmission from a timer on one CPU while the application
	 * sends on another). One parses; a segment arriving meanwhile is dropped and TCP
	 * sends it again. */
	if (__sync_lock_test_and_set(&st->busy, 1)) {
		stat(ST_RX_BUSY_DROP);
		return 0;
	}
	ret = rx_segment(skb, st, ck);
	__sync_lock_test_and_set(&st->busy, 0);
	return ret;
}

#endif

/* sk_skb verdict: follows incoming HTTP/2 requests and remembers trace id -> context. */
#ifndef PARSE_RX_BPF_H
#define PARSE_RX_BPF_H

static __always_inline void rx_block_done(struct rx_state *st, struct hbuf *w)
{
	struct blk_res res = {};
	struct valbuf *dec = cpu_slot(&rx_val);
	if (!dec)
		return;
	res.last_coded = st->last.coded;
	res.last_len = st->last.len;
	parse_block(w, &st->dt, dec, &res);
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
	int vlen = 0;
	if (res.has_ctx) {
		stat(ST_RX_CTX);
		vlen = take_value(st, w, &res, dec);
		if (vlen < 0) {
			stat(ST_RX_BAD_CTX);
			vlen = 0;
		}
		/* a literal added to the table: its entry remembers which value it holds (if
		 * the rest of the block did not evict it again) */
		__u32 slot = res.ctx_slot & DT_MASK;
		if (res.ctx_incr && !res.ctx_dyn && st->dt.count && st->dt.kind[slot] == K_CTX)
			st->dt.th[slot] = vlen ? st->last.hash : 0;
	}
	remember_trace(st, res.th, vlen);
}

/* The end of a header fragment, however it arrived: the block is complete if its frame
 * ended it. (Global: one body for both callers, checked once by the verifier.) */
__noinline int rx_fragment_end(struct rx_state *st, struct hbuf *w)
{
	if (!st || !w)
		return 0;
	if (st->end_headers) {
		st->in_block = 0;
		rx_block_done(st, w);
		w->len = 0;
	}
	return 0;
}

struct rctx {
	struct __sk_buff *skb;
	struct rx_state *st;
	struct hbuf *w;
	struct cursor *k;
};

/* A header frame entirely inside this segment (the usual case): prefix, fragment and the
 * end of the block in one step instead of one step per phase. */
static __always_inline int rx_whole_frame(struct rctx *c, struct rx_state *st, struct hbuf *w,
					  __u32 len)
{
	__u32 pos = c->k->pos, pre = st->left, pad = 0;
	if (st->want_pad) {
		__u8 p;
		if (bpf_skb_load_bytes(c->skb, pos, &p, 1))
			return -1;
		pad = p;
		st->want_pad = 0;
	}
	if (pre + pad > len)
		return -1;
	__u32 n = len - pre - pad, off = w->len & HB_MASK;
	if (n + w->len > HB_MAX) {
		stat(ST_OVERSIZE);
		return -1;
	}
	if (n) {
		BOUND(n, 1, 16384);
		if (bpf_skb_load_bytes(c->skb, pos + pre, &w->d[off], n))
			return -1;
		w->len += n;
	}
	c->k->pos = pos + len;
	st->phase = PH_HDR;
	st->left = 0;
	rx_fragment_end(st, w);
	return 0;
}

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
		rx_fragment_end(st, w);
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
		avail -= n;
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
			if (len <= avail && rx_whole_frame(c, st, w, len))
				goto desync;
		} else {
			if (st->in_block)
				goto desync;
			if (len <= avail) {          /* the whole frame is here: step over it */
				c->k->pos += len;
				return 0;
			}
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

SEC("sk_skb")
int parse_rx(struct __sk_buff *skb)
{
	__u64 ck = bpf_get_socket_cookie(skb);
	struct rx_state *st = bpf_map_lookup_elem(&rx_states, &ck);
	struct rctx c = { .skb = skb };

	if (!st || st->mode == M_PASS)
		return SK_PASS;
	c.k = &st->cur;
	st->cur.pos = 0;
	st->cur.size = skb->len;
	if (st->mode == M_PREFACE) {
		__u8 buf[24] = {};
		__u32 n = min32(24 - (st->pre & 31), c.k->size);
		if (n == 0 || n > 24)
			return SK_PASS;
		BOUND(n, 1, 24);
		if (bpf_skb_load_bytes(skb, 0, buf, n))
			return SK_PASS;
		c.k->pos = preface_step(&st->pre, &st->mode, buf, n);
		if (st->mode != M_H2)
			return SK_PASS;
	}
	c.st = st;
	if (st->pending) {
		c.w = bpf_map_lookup_elem(&rx_pending, &ck);
		if (!c.w) {
			stat(ST_DESYNC);
			st->mode = M_PASS;
			return SK_PASS;
		}
	} else {
		c.w = cpu_slot(&rx_work);
		if (!c.w)
			return SK_PASS;
	}
	bpf_loop(4096, rx_step, &c, 0);
	if (st->mode != M_H2) {
		if (st->pending)
			bpf_map_delete_elem(&rx_pending, &ck);
		st->pending = 0;
		return SK_PASS;
	}

	/* A block still open at the end of this segment continues in the next one. The
	 * connection then keeps its own buffer (created once, freed at close): our own
	 * insertions arrive as separate segments, so this is the common case. */
	if (st->in_block && !st->pending) {
		if (bpf_map_update_elem(&rx_pending, &ck, c.w, BPF_ANY) == 0) {
			st->pending = 1;
		} else {
			stat(ST_DESYNC);
			st->mode = M_PASS;
		}
	}
	return SK_PASS;
}

#endif

/* sk_msg tail call: inserts x-copper-ctx into the requests find_header found.
 *
 * One push makes room for all literals at the end of the last block that gets one; the
 * bytes from the first insertion point up to there are then rewritten in place: each
 * literal followed by the original bytes up to the next insertion point, and each
 * extended frame's length. A push per request would cost a page, a scatterlist split and
 * a segment of its own each. */
#ifndef PROPAGATE_CTX_BPF_H
#define PROPAGATE_CTX_BPF_H

/* A staged literal's own length fields agree with its length: whatever happens to a
 * trace entry while it is copied, the framing of the send stays right. (Global: the
 * verifier checks it once, not on every path that reaches it.) */
__noinline int literal_ok(struct txbuf *b, __u32 off, __u32 n)
{
	__u32 v;
	if (!b)
		return 0;
	__u8 *l = &b->d[off & (TAIL_OFF - 1)];
	if (n < LIT_HDR + 1 || l[0] != 0x00 || l[1] != 12)
		return 0;
	if (l[14] < 127)
		v = 15 + l[14];
	else if (l[14] == 0x7f && (l[15] & 0x80) && !(l[16] & 0x80))
		v = 17 + 127 + (l[15] & 0x7f) + ((__u32)l[16] << 7);
	else
		return 0;
	return v == n;
}

/* Stages the literal for one request in b->d[off]: the one remembered for its trace id
 * while fresh, else a chain that starts here. Returns its length. */
static __always_inline __u32 literal_for(struct txbuf *b, __u32 off, __u64 *th, __u8 *trunc)
{
	struct ctxval *e = bpf_map_lookup_elem(&trace_map, th);
	__u8 *l = &b->d[off & (TAIL_OFF - 1)];
	__u32 n = 0;

	*trunc = 0;
	if (e) {
		if (bpf_ktime_get_coarse_ns() - e->ts > (__u64)cfg.trace_ttl_ms * 1000000ULL) {
			stat(ST_TRACE_EXPIRED);
		} else {
			/* full-barrier reads of the sequence around the copy */
			__u32 s = __sync_fetch_and_add(&e->seq, 0);
			n = e->lit_len;
			*trunc = e->trunc;
			if (n > LIT_MAX || n < LIT_HDR + 1)
				n = 0;
			if (n) {
				BOUND(n, 18, 783);   /* LIT_HDR + 1, LIT_MAX */
				bpf_probe_read_kernel(l, n, e->lit);
			}
			if ((s & 1) || __sync_fetch_and_add(&e->seq, 0) != s || !literal_ok(b, off, n)) {
				stat(ST_TX_CTX_BUSY);   /* being rewritten: start the chain here */
				n = 0;
			}
		}
	}
	if (n >= LIT_HDR + 1)
		return n;
	return build_literal(l, 0, 0, trunc);   /* the chain starts here */
}

struct pctx_ins {
	struct sk_msg_md *msg;
	struct txwork *w;
	struct txbuf *b;
	__u32 total;       /* bytes of all literals */
	__u32 first;       /* first insertion that gets a literal */
	__u32 shift;       /* while rewriting: literal bytes placed so far */
	__u8 err;
};

static long stage_cb(__u32 j, void *vc)
{
	struct pctx_ins *p = vc;
	struct txwork *w = p->w;
	if (!w || !p->b || j >= w->n_ins || j >= MAX_INS)
		return 1;
	struct insertion *in = &w->ins[j];
	__u32 n = literal_for(p->b, j * LIT_SLOT, &in->th, &in->trunc);
	if (in->last_len + n > MAX_FRAME) {
		stat(ST_TX_TOO_BIG);
		n = 0;
	}
	in->lit_len = n;
	if (n && !p->total)
		p->first = j;
	p->total += n;
	return 0;
}

/* Copies n bytes from b->d[src] into the send at dst, 128 bytes per step. */
struct cpy {
	struct sk_msg_md *msg;
	struct txbuf *b;
	__u32 dst, src, n;
	__u8 err;
};

static long cpy_cb(__u32 i, void *vc)
{
	struct cpy *c = vc;
	if (!c->b || c->n == 0)
		return 1;
	__u8 *d = (void *)(long)c->msg->data, *e = (void *)(long)c->msg->data_end;
	__u32 dst = c->dst, src = c->src & TXB_MASK;
	if (dst > LINEARISE_MAX) {
		c->err = 1;
		return 1;
	}
	d += dst;
	if (c->n >= 128) {
		if ((void *)(d + 128) > (void *)e) {
			c->err = 1;
			return 1;
		}
		COPY(d, &c->b->d[src], 128);
		c->dst += 128;
		c->src += 128;
		c->n -= 128;
		return 0;
	}
	__u32 done = 0, n = c->n;
#define TAIL(sz) \
	if (n & sz) { \
		if (done > 127 || (void *)(d + done + sz) > (void *)e) { \
			c->err = 1; \
			return 1; \
		} \
		COPY(d + done, &c->b->d[(src + done) & TXB_MASK], sz); \
		done += sz; \
	}
	TAIL(64) TAIL(32) TAIL(16) TAIL(8) TAIL(4) TAIL(2) TAIL(1)
#undef TAIL
	c->n = 0;
	return 1;
}

static __always_inline int put(struct pctx_ins *p, __u32 dst, __u32 src, __u32 n)
{
	struct cpy c = { .msg = p->msg, .b = p->b, .dst = dst, .src = src, .n = n };
	if (n)
		bpf_loop(n / 128 + 1, cpy_cb, &c, 0);
	return c.err || c.n ? -1 : 0;
}

/* Insertion j: its literal, then the original bytes up to the next insertion point (or
 * the end of the last block), then its frame's new length. */
static long rewrite_cb(__u32 j, void *vc)
{
	struct pctx_ins *p = vc;
	struct txwork *w = p->w;
	if (!w || j >= w->n_ins || j >= MAX_INS)
		return 1;
	struct insertion *in = &w->ins[j];
	__u32 o0 = w->ins[p->first & (MAX_INS - 1)].ins_off;
	__u32 next = j + 1 < w->n_ins ? w->ins[(j + 1) & (MAX_INS - 1)].ins_off
				      : w->ins[(w->n_ins - 1) & (MAX_INS - 1)].end;
	__u32 n = in->lit_len;

	if (j < p->first)
		return 0;
	if (n && put(p, in->ins_off + p->shift, j * LIT_SLOT, n))
		goto bad;
	__u32 hdr = in->hdr_off + p->shift;   /* in the bytes before, already moved */
	p->shift += n;
	if (next < in->ins_off || put(p, in->ins_off + p->shift, TAIL_OFF + in->ins_off - o0,
				      next - in->ins_off))
		goto bad;
	if (n) {
		__u32 nl = in->last_len + n;
		__u8 *d = (void *)(long)p->msg->data, *e = (void *)(long)p->msg->data_end;
		if (hdr > LINEARISE_MAX)
			goto bad;
		d += hdr;
		if ((void *)(d + 3) > (void *)e)
			goto bad;
		d[0] = nl >> 16;
		d[1] = nl >> 8;
		d[2] = nl;
		stat(ST_TX_INSERTED);
		if (in->trunc)
			stat(ST_TX_TRUNCATED);
	}
	return 0;
bad:
	p->err = 1;
	return 1;
}

SEC("sk_msg")
int propagate_ctx(struct sk_msg_md *msg)
{
	struct tx_state *st = bpf_sk_storage_get(&tx_states, msg->sk, 0, 0);
	struct txwork *w = cpu_slot(&tx_work);
	struct txbuf *b = cpu_slot(&tx_buf);
	struct pctx_ins p = { .msg = msg, .w = w, .b = b };
	__u32 size = msg->size;

	if (!w)
		return SK_PASS;
	if (!st || !b || !w->n_ins || w->n_ins > MAX_INS)
		goto out;
	bpf_loop(w->n_ins, stage_cb, &p, 0);
	__u32 o0 = w->ins[p.first & (MAX_INS - 1)].ins_off;
	__u32 end = w->ins[(w->n_ins - 1) & (MAX_INS - 1)].end;
	if (!p.total)
		goto out;
	if (end > size || o0 > end || end + p.total > LINEARISE_MAX ||
	    bpf_msg_push_data(msg, end, p.total, 0))
		goto no_room;
	/* one contiguous send (each scatterlist element would leave as its own segment);
	 * if even the part up to the pushed bytes cannot be had, the push is taken back */
	if ((size + p.total > LINEARISE_MAX || bpf_msg_pull_data(msg, 0, size + p.total, 0)) &&
	    bpf_msg_pull_data(msg, 0, end + p.total, 0)) {
		if (bpf_msg_pop_data(msg, end, p.total, 0))
			goto broken;
		goto no_room;
	}
	/* the original bytes that move */
	__u32 n = end - o0;
	if (n) {
		__u8 *d = (void *)(long)msg->data;
		if (n > LINEARISE_MAX)
			goto broken;
		BOUND(n, 1, 32768);   /* LINEARISE_MAX */
		if (bpf_probe_read_kernel(&b->d[TAIL_OFF], n, d + o0))
			goto broken;
	}
	bpf_loop(w->n_ins, rewrite_cb, &p, 0);
	if (p.err)
		goto broken;
out:
	if (w->apply_at)
		bpf_msg_apply_bytes(msg, w->apply_at + p.shift);
	return SK_PASS;
no_room:
	stat(ST_TX_NO_ROOM);
	p.shift = 0;
	goto out;
broken:
	/* bytes were pushed but could not be filled in: never send them */
	stat(ST_DESYNC);
	st->mode = M_PASS;
	return SK_DROP;
}

#endif

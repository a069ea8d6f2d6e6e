/* sk_msg tail call: inserts x-copper-ctx into the requests find_header found.
 *
 * The send is rebuilt in a per-CPU buffer: the original bytes up to the end of the last
 * extended block (the whole send when it fits) with each literal after its block and
 * each extended frame's new length. One push at offset 0 then makes a new scatterlist
 * element of that size, the buffer is copied into it and the original bytes are popped:
 * the send stays one element (each element would leave as a TCP segment of its own) and
 * the kernel allocates one page instead of two and copies nothing (push + pull did). */
#ifndef PROPAGATE_CTX_BPF_H
#define PROPAGATE_CTX_BPF_H

/* A literal's own length fields agree with its length: whatever happens to a trace entry
 * while it is copied, the framing of the send stays right. (Global: the verifier checks
 * it once, not on every path that reaches it.) */
__noinline int literal_ok(struct txbuf *b, __u32 off, __u32 n)
{
	__u32 v;
	if (!b)
		return 0;
	__u8 *l = &b->d[off & BUILD_MASK];
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

/* Writes the literal for request `in` at b->d[off]: its trace's chain while the trace is
 * fresh, else a chain that starts here. Returns its length. (Global: inlined into the
 * per-insertion loop it multiplied the verifier's states past its limit.) */
__noinline int literal_for(struct txbuf *b, __u32 off, struct insertion *in)
{
	if (!b || !in)
		return 0;
	__u64 th = in->th;
	__u8 *trunc = &in->trunc;
	struct tracev *t = bpf_map_lookup_elem(&trace_map, &th);
	__u8 *l = &b->d[off & BUILD_MASK];
	__u32 n = 0;

	*trunc = 0;
	if (t && t->chain) {
		__u64 id = t->chain;
		struct ctxval *e;
		if (bpf_ktime_get_coarse_ns() - t->ts > (__u64)cfg.trace_ttl_ms * 1000000ULL) {
			stat(ST_TRACE_EXPIRED);
		} else if (!(e = bpf_map_lookup_elem(&chains, &id))) {
			stat(ST_CHAIN_GONE);
		} else {
			n = e->lit_len;
			*trunc = e->trunc;
			if (n > LIT_MAX || n < LIT_HDR + 1)
				n = 0;
			/* chains never change, but LRU may recycle the element for another chain
			 * while we copy, in any byte order: the copy must hash to the chain's hash
			 * (read after it, behind a full barrier) under the same id */
			__u64 h = n ? lit_hash(l, e->lit) : 0;
			if (__sync_fetch_and_add(&e->id, 0) != id || e->lhash != h ||
			    !literal_ok(b, off, n)) {
				stat(ST_TX_CTX_BUSY);
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
	__u32 src;         /* original bytes consumed */
	__u32 out;         /* bytes built */
	__u32 inserted, truncated;
	__u8 err;
};

/* Original bytes [p->src, to) of the send (contiguous at msg->data) into the buffer. */
static __always_inline int take_orig(struct pctx_ins *p, struct txbuf *b, __u32 to)
{
	__u32 s = p->src;
	if (to < s || to > LINEARISE_MAX)
		return -1;
	__u32 n = to - s;
	if (n) {
		__u8 *d = (void *)(long)p->msg->data;
		BOUND(s, 0, 32768);   /* LINEARISE_MAX */
		BOUND(n, 1, 32768);
		if (bpf_probe_read_kernel(&b->d[p->out & BUILD_MASK], n, d + s))
			return -1;
		p->out += n;
		p->src = to;
	}
	return 0;
}

/* Insertion j: the original bytes up to its insertion point, its literal, its frame's
 * new length (the frame header is among the bytes just taken). */
static long build_cb(__u32 j, void *vc)
{
	struct pctx_ins *p = vc;
	struct txwork *w = p->w;
	struct txbuf *b = p->b;
	if (!w || !b || j >= w->n_ins || j >= MAX_INS)
		return 1;
	struct insertion *in = &w->ins[j];
	if (take_orig(p, b, in->ins_off))
		goto bad;
	if (p->out >= LINEARISE_MAX)
		goto bad;
	__u32 hdr = in->hdr_off + (p->out - p->src);
	__u32 n = literal_for(b, p->out, in);
	if (in->last_len + n > MAX_FRAME) {
		stat(ST_TX_TOO_BIG);
		n = 0;
	}
	if (!n)
		return 0;
	if (hdr + 3 > p->out)
		goto bad;
	__u32 nl = in->last_len + n;
	b->d[hdr & BUILD_MASK] = nl >> 16;
	b->d[(hdr + 1) & BUILD_MASK] = nl >> 8;
	b->d[(hdr + 2) & BUILD_MASK] = nl;
	p->out += n;
	p->inserted++;
	p->truncated += in->trunc;
	return 0;
bad:
	p->err = 1;
	return 1;
}

/* Copies the n bytes from b->d[off] on into the send at off, 128 bytes per step. */
struct cpy {
	struct sk_msg_md *msg;
	struct txbuf *b;
	__u32 off, n;
	__u8 err;
};

static long cpy_cb(__u32 i, void *vc)
{
	struct cpy *c = vc;
	if (!c->b || c->n == 0)
		return 1;
	__u8 *d = (void *)(long)c->msg->data, *e = (void *)(long)c->msg->data_end;
	__u32 off = c->off;
	if (off > LINEARISE_MAX) {
		c->err = 1;
		return 1;
	}
	d += off;
	if (c->n >= 128) {
		if ((void *)(d + 128) > (void *)e) {
			c->err = 1;
			return 1;
		}
		COPY(d, &c->b->d[off & TXB_MASK], 128);
		c->off += 128;
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
		COPY(d + done, &c->b->d[(off + done) & TXB_MASK], sz); \
		done += sz; \
	}
	TAIL(64) TAIL(32) TAIL(16) TAIL(8) TAIL(4) TAIL(2) TAIL(1)
#undef TAIL
	c->n = 0;
	return 1;
}

SEC("sk_msg")
int propagate_ctx(struct sk_msg_md *msg)
{
	struct tx_state *st = bpf_sk_storage_get(&tx_states, msg->sk, 0, 0);
	struct txwork *w = cpu_slot(&tx_work);
	struct txbuf *b = cpu_slot(&tx_buf);
	struct pctx_ins p = { .msg = msg, .w = w, .b = b };
	__u32 size = msg->size, shift = 0;

	if (!w)
		return SK_PASS;
	if (!st || !b || !w->n_ins || w->n_ins > MAX_INS)
		goto out;
	__u32 end = w->ins[(w->n_ins - 1) & (MAX_INS - 1)].end;
	__u32 lits = LIT_MAX * w->n_ins;
	/* rebuilt: the whole send if it fits, else up to the end of the last block (the
	 * rest stays as it is); find_header cut the send so that the latter always fits */
	__u32 region = size + lits <= LINEARISE_MAX ? size : end;
	if (end > size || region + lits > LINEARISE_MAX || region == 0)
		goto no_room;
	/* the original bytes readable in one piece (usually already: find_header made the
	 * send contiguous at its first header frame) */
	if (bpf_msg_pull_data(msg, 0, region, 0))
		goto no_room;
	bpf_loop(w->n_ins, build_cb, &p, 0);
	if (p.err || take_orig(&p, b, region))
		goto no_room;
	if (!p.inserted)
		goto out;
	__u32 total = p.out;
	if (total > LINEARISE_MAX)
		goto no_room;
	if (bpf_msg_push_data(msg, 0, total, 0))
		goto no_room;
	/* from here the original bytes are untouched behind the new element until popped:
	 * every failure before that takes the new element back */
	/* an offset the verifier does not know, so that it checks the copy loop's body once
	 * instead of once per 128-byte step */
	__u32 z = *(volatile __u32 *)&w->zero;
	struct cpy c = { .msg = msg, .b = b, .off = z, .n = total };
	if (bpf_msg_pull_data(msg, 0, total, 0))
		goto undo;
	bpf_loop(total / 128 + 1, cpy_cb, &c, 0);
	if (c.err || c.n)
		goto undo;
	if (bpf_msg_pop_data(msg, total, region, 0))
		goto undo;
	shift = total - region;
	stat_add(ST_TX_INSERTED, p.inserted);
	if (p.truncated)
		stat_add(ST_TX_TRUNCATED, p.truncated);
out:
	if (w->apply_at)
		bpf_msg_apply_bytes(msg, w->apply_at + shift);
	return SK_PASS;
undo:
	if (bpf_msg_pop_data(msg, 0, total, 0)) {
		/* bytes were pushed but can be neither filled in nor removed: never send them */
		stat(ST_DESYNC);
		st->mode = M_PASS;
		return SK_DROP;
	}
no_room:
	stat(ST_TX_NO_ROOM);
	goto out;
}

#endif

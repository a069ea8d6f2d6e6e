/* sk_msg tail call: inserts x-copper-ctx into the requests find_header found. */
#ifndef PROPAGATE_CTX_BPF_H
#define PROPAGATE_CTX_BPF_H

/* Copies n (<= LIT_MAX) bytes from src into the send at off (the bytes were just pushed). */
static __always_inline int write_msg(struct sk_msg_md *msg, __u32 off, __u8 *src, __u32 n)
{
	if (bpf_msg_pull_data(msg, off, off + n, 0))
		return -1;
	__u8 *d = msg->data, *e = msg->data_end;
	__u32 done = 0;
#pragma clang loop unroll(disable)
	for (int k = 0; k < 7; k++) {
		if (done + 128 > n)
			break;
		if (done > 768 || (void *)(d + done + 128) > (void *)e)
			return -1;
		__builtin_memcpy(d + done, src + (done & 1023), 128);
		done += 128;
	}
#define TAIL(sz) \
	if ((n - done) & sz) { \
		if (done > 896 || (void *)(d + done + sz) > (void *)e) \
			return -1; \
		__builtin_memcpy(d + done, src + (done & 1023), sz); \
		done += sz; \
	}
	TAIL(64) TAIL(32) TAIL(16) TAIL(8) TAIL(4) TAIL(2) TAIL(1)
#undef TAIL
	return 0;
}

/* The literal for one request into w->lit: the one remembered for its trace id while
 * fresh, else a chain that starts here. Returns its length. */
static __always_inline __u32 literal_for(struct txwork *w, __u64 *th, __u8 *trunc)
{
	struct ctxval *e = bpf_map_lookup_elem(&trace_map, th);
	__u32 n = 0;

	*trunc = 0;
	if (e) {
		if (bpf_ktime_get_ns() - e->ts > (__u64)cfg.trace_ttl_ms * 1000000ULL) {
			stat(ST_TRACE_EXPIRED);
		} else {
			/* full-barrier reads of the sequence around the copy */
			__u32 s = __sync_fetch_and_add(&e->seq, 0);
			__builtin_memcpy(w->lit, e->lit, LIT_COPY);
			n = e->lit_len;
			*trunc = e->trunc;
			if ((s & 1) || __sync_fetch_and_add(&e->seq, 0) != s) {
				stat(ST_TX_CTX_BUSY);   /* being rewritten: start the chain here */
				n = 0;
			}
		}
	}
	if (n >= LIT_HDR + 1 && n <= LIT_MAX)
		return n;
	*trunc = 0;
	w->lit[0] = 0x00;
	w->lit[1] = 12;
	__builtin_memcpy(&w->lit[2], "x-copper-ctx", 12);
	w->lit[14] = CTX_TOKEN_LEN;
	for (int t = 0; t < CTX_TOKEN_LEN; t++)
		w->lit[15 + t] = cfg.own_token[t];
	return 15 + CTX_TOKEN_LEN;
}

struct pctx_ins {
	struct sk_msg_md *msg;
	struct txwork *w;
	__u32 size;        /* of the send before the insertions */
	__u32 added;
	__u8 broken;
};

/* Insertion n_ins-1-i: pushing back to front keeps the offsets of the others valid. */
static long insert_cb(__u32 i, void *vc)
{
	struct pctx_ins *p = vc;
	struct txwork *w = p->w;
	struct sk_msg_md *msg = p->msg;
	if (!w || i >= w->n_ins || i >= MAX_INS)
		return 1;
	struct insertion *in = &w->ins[(w->n_ins - 1 - i) & (MAX_INS - 1)];
	__u8 trunc;
	__u32 o = literal_for(w, &in->th, &trunc);
	__u32 nl = in->last_len + o;

	if (nl > MAX_FRAME) {
		stat(ST_TX_TOO_BIG);
		return 0;
	}
	if (bpf_msg_push_data(msg, in->ins_off, o, 0))
		return 0;
	if (write_msg(msg, in->ins_off, w->lit, o))
		goto broken;
	if (bpf_msg_pull_data(msg, in->hdr_off, in->hdr_off + 3, 0))
		goto broken;
	__u8 *d = msg->data;
	if ((void *)(d + 3) > msg->data_end)
		goto broken;
	d[0] = nl >> 16;
	d[1] = nl >> 8;
	d[2] = nl;
	stat(ST_TX_INSERTED);
	if (trunc)
		stat(ST_TX_TRUNCATED);
	p->added += o;
	/* Each push splits an element of the send's scatterlist ring in three. Linearising a
	 * full ring makes the kernel hit a WARN_ON_ONCE in bpf_msg_pull_data (filter.c,
	 * last_sge == first_sge) that still traps on every later call, so every 6 insertions
	 * the part already done is made contiguous. */
	if (i % 6 == 5 && p->size + p->added <= LINEARISE_MAX)
		bpf_msg_pull_data(msg, in->ins_off, p->size + p->added, 0);
	return 0;
broken:
	p->broken = 1;
	return 1;
}

SEC("sk_msg")
int propagate_ctx(struct sk_msg_md *msg)
{
	struct tx_state *st = bpf_sk_storage_get(&tx_states, msg->sk, 0, 0);
	struct txwork *w = cpu_slot(&tx_work);
	struct pctx_ins p = { .msg = msg, .w = w, .size = msg->size };

	if (!st || !w)
		return SK_PASS;
	bpf_loop(MAX_INS, insert_cb, &p, 0);
	if (p.broken) {
		/* bytes were pushed but could not be filled in: never send them */
		stat(ST_DESYNC);
		st->mode = M_PASS;
		return SK_DROP;
	}
	/* The kernel sends each scatterlist element as its own segment (no MSG_MORE between
	 * them), so the pushed bytes would leave as separate segments and wake the peer
	 * once more each. Making the send contiguous again costs one copy of a small send. */
	if (p.added && p.size + p.added <= LINEARISE_MAX)
		bpf_msg_pull_data(msg, 0, p.size + p.added, 0);
	if (w->apply_at)
		bpf_msg_apply_bytes(msg, w->apply_at + p.added);
	return SK_PASS;
}

#endif

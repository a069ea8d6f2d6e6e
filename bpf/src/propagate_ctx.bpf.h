/* sk_msg tail call: appends this service and inserts x-copper-ctx into the request. */
#ifndef PROPAGATE_CTX_BPF_H
#define PROPAGATE_CTX_BPF_H

/* Copies n bytes from src into the send at off (the bytes were just pushed). */
static __always_inline int write_msg(struct sk_msg_md *msg, __u32 off, __u8 *src, __u32 n)
{
	if (bpf_msg_pull_data(msg, off, off + n, 0))
		return -1;
	__u8 *d = msg->data, *e = msg->data_end;
	__u32 done = 0;
#pragma clang loop unroll(disable)
	for (int k = 0; k < 12; k++) {
		if (done + 128 > n)
			break;
		if (done > 2048 || (void *)(d + done + 128) > (void *)e)
			return -1;
		__builtin_memcpy(d + done, src + (done & 2047), 128);
		done += 128;
	}
#define TAIL(sz) \
	if ((n - done) & sz) { \
		if (done > 2048 || (void *)(d + done + sz) > (void *)e) \
			return -1; \
		__builtin_memcpy(d + done, src + (done & 2047), sz); \
		done += sz; \
	}
	TAIL(64) TAIL(32) TAIL(16) TAIL(8) TAIL(4) TAIL(2) TAIL(1)
#undef TAIL
	return 0;
}

SEC("sk_msg")
int propagate_ctx(struct sk_msg_md *msg)
{
	struct tx_state *st = bpf_sk_storage_get(&tx_states, msg->sk, 0, 0);
	struct txwork *w = cpu_slot(&tx_work);
	__u32 blk_end, size = msg->size;

	if (!st || !w)
		return SK_PASS;
	blk_end = w->blk_end;

	/* context so far: what arrived with this trace id, if still fresh */
	struct ctxval *v = bpf_map_lookup_elem(&trace_map, &w->th);
	__u32 clen = 0;
	if (v) {
		if (bpf_ktime_get_ns() - v->ts > (__u64)cfg.trace_ttl_ms * 1000000ULL)
			stat(ST_TRACE_EXPIRED);
		else
			clen = v->len;
	}
	if (clen > CTX_VAL_MAX)
		clen = 0;
	__u32 trunc = clen && v && v->txt[0] == '~';
	__u32 ids = (clen - trunc) / CTX_TOKEN_LEN;
	__u32 drop = ids >= CTX_MAX_IDS ? ids - CTX_MAX_IDS + 1 : 0;  /* oldest first */
	__u32 keep_off = trunc + drop * CTX_TOKEN_LEN;
	__u32 keep = clen > keep_off ? clen - keep_off : 0;
	__u32 flag = (trunc || drop) ? 1 : 0;
	__u32 vlen = flag + keep + CTX_TOKEN_LEN;

	/* literal without indexing, new name: 0x00, name, value (never Huffman) */
	__u8 *l = w->lit;
	__u32 o = 0;
	l[0] = 0x00;
	l[1] = 12;
	__builtin_memcpy(&l[2], "x-copper-ctx", 12);
	o = 14;
	if (vlen < 127) {
		l[14] = vlen;
		o = 15;
	} else {
		__u32 r = vlen - 127;
		l[14] = 0x7f;
		l[15] = 0x80 | (r & 0x7f);
		l[16] = r >> 7;        /* vlen <= 1276 so two bytes suffice */
		o = 17;
	}
	if (flag)
		l[o++ & 31] = '~';
	if (keep && v) {
		if (keep > CTX_VAL_MAX || keep_off > CTX_BUF - 1 || o > 31)
			return SK_PASS;
		__u32 kn = keep;
		BOUND(kn, 1, 1280);
		bpf_probe_read_kernel(&l[o & 31], kn, &v->txt[keep_off & (CTX_BUF - 1)]);
		o += kn;
	}
	BOUND(o, 0, 2047);
	for (int t = 0; t < CTX_TOKEN_LEN; t++)   /* volatile reads: set by the loader */
		l[(o + t) & 2047] = cfg.own_token[t];
	o += CTX_TOKEN_LEN;

	if (w->last_len + o > MAX_FRAME) {
		stat(ST_TX_TOO_BIG);
		goto rest;
	}
	/* insert at the end of the block's last fragment, then grow that frame's length */
	__u32 nl = w->last_len + o;
	/* Linearise first: pushing into a send whose scatterlist ring has wrapped loses
	 * bytes on this kernel (seen with >16 requests in one send). */
	if (bpf_msg_push_data(msg, w->ins_off, o, 0))
		goto rest;
	if (write_msg(msg, w->ins_off, l, o))
		goto broken;
	if (bpf_msg_pull_data(msg, w->hdr_off, w->hdr_off + 3, 0))
		goto broken;
	__u8 *d = msg->data;
	if ((void *)(d + 3) > msg->data_end)
		goto broken;
	d[0] = nl >> 16;
	d[1] = nl >> 8;
	d[2] = nl;
	stat(ST_TX_INSERTED);
	if (flag)
		stat(ST_TX_TRUNCATED);
	blk_end += o;
	size += o;
	/* The kernel sends each scatterlist element as its own segment (no MSG_MORE between
	 * them), so the pushed bytes would leave as a separate segment and wake the peer
	 * once more. Making the send contiguous again costs one copy of a small send. */
	if (size <= LINEARISE_MAX && (blk_end >= size || st->hops >= MAX_HOPS))
		bpf_msg_pull_data(msg, 0, size, 0);
	/* Each push adds two scatterlist elements. Linearising a send whose ring has filled
	 * up (8 or more insertions) makes the kernel hit a WARN_ON_ONCE in
	 * bpf_msg_pull_data (filter.c, last_sge == first_sge): after the first report it
	 * still traps into the exception handler on every call, about 3 % of all CPU time
	 * in the 16-stream benchmark. Every 6 insertions the part already done is made
	 * contiguous, so the ring never fills. */
	else if (size <= LINEARISE_MAX && (st->hops + 1) % 12 == 0)
		bpf_msg_pull_data(msg, 0, blk_end, 0);
rest:
	/* frames after this block: find_header continues in this run while it can, else
	 * the kernel runs it again on the rest of the send */
	if (blk_end < size) {
		if (st->hops < MAX_HOPS) {
			st->resuming = 1;
			st->resume = blk_end;
			st->hops++;
			bpf_tail_call(msg, &progs, PROG_FIND);
			st->resuming = 0;
		}
		bpf_msg_apply_bytes(msg, blk_end);
	}
	return SK_PASS;
broken:
	/* bytes were pushed but could not be filled in: never send them */
	stat(ST_DESYNC);
	st->mode = M_PASS;
	return SK_DROP;
}

#endif

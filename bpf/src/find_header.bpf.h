/* sk_msg verdict: follows outgoing HTTP/2 frames and finds the trace id of each request. */
#ifndef FIND_HEADER_BPF_H
#define FIND_HEADER_BPF_H

struct fctx {
	struct sk_msg_md *msg;
	struct tx_state *st;
	struct txwork *w;
	struct cursor *k;
	__u8 stop;          /* 1 = stop here */
	__u8 lin;           /* the whole send is contiguous at msg->data: no pulls needed */
	__u8 lin_tried;     /* made contiguous at the first header frame, not before */
};

/* The frame at pos needs `need` bytes from pos: send what precedes it (the program
 * runs again on the rest) or, at offset 0, hold the send back until they arrive. */
static __always_inline void tx_need_more(struct fctx *c, __u32 need)
{
	if (c->k->pos > 0) {
		c->w->apply_at = c->k->pos;
	} else if (need > 8 * MAX_FRAME) {
		stat(ST_OVERSIZE);
		stat(ST_DESYNC);
		c->st->mode = M_PASS;
	} else {
		bpf_msg_cork_bytes(c->msg, need);
		c->st->cork_need = need;
		stat(ST_CORKED);
	}
	c->stop = 1;
}

/* Makes bytes [off, off + n) of the send readable at the returned pointer (n <= 9). */
static __always_inline __u8 *tx_bytes(struct fctx *c, __u32 off, __u32 n)
{
	struct sk_msg_md *msg = c->msg;
	if (!c->lin && bpf_msg_pull_data(msg, off, off + n, 0))
		return 0;
	__u8 *d = msg->data, *e = msg->data_end;
	asm volatile("" : "+r"(d), "+r"(e));   /* keeps clang from merging the two ctx loads */
	if (c->lin) {
		if (off > LINEARISE_MAX)
			return 0;
		d += off;
	}
	if (d + n > e)
		return 0;
	return d;
}

static __always_inline int frame_hdr(struct fctx *c, __u32 off, __u32 *len,
				     __u8 *type, __u8 *flags)
{
	__u8 *d = tx_bytes(c, off, 9);
	if (!d)
		return -1;
	*len = ((__u32)d[0] << 16) | ((__u32)d[1] << 8) | d[2];
	*type = d[3];
	*flags = d[4];
	return 0;
}

struct bctx {
	struct fctx *f;
	__u32 at;          /* next frame of the block */
	__u8 done, fail;   /* fail: 1 = need more bytes (need), 2 = desync */
	__u32 need;
};

/* One frame of a header block: copy its fragment into the work buffer. */
static long blk_cb(__u32 i, void *vc)
{
	struct bctx *b = vc;
	struct fctx *c = b->f;
	struct sk_msg_md *msg = c->msg;
	struct txwork *w = c->w;
	__u32 len, s, e;
	__u8 type, flags;

	if (!w)
		return 1;
	if (b->at + 9 > c->k->size) {
		b->need = b->at + 9 - c->k->pos;
		b->fail = 1;
		return 1;
	}
	if (frame_hdr(c, b->at, &len, &type, &flags))
		goto bad;
	if (type != (i == 0 ? FR_HEADERS : FR_CONT))
		goto bad;
	if (b->at + 9 + len > c->k->size) {
		b->need = b->at + 9 + len - c->k->pos;
		b->fail = 1;
		return 1;
	}
	s = b->at + 9;
	e = s + len;
	if (i == 0 && (flags & FL_PADDED)) {
		__u8 *d = tx_bytes(c, s, 1);
		if (!d)
			goto bad;
		if (d[0] + 1 > len)
			goto bad;
		e -= d[0];
		s++;
	}
	if (i == 0 && (flags & FL_PRIORITY))
		s += 5;
	if (s > e)
		goto bad;
	__u32 n = e - s, off = w->hb.len;
	if (off + n > HB_MAX) {
		stat(ST_OVERSIZE);
		goto bad;
	}
	if (n) {
		if (!c->lin && bpf_msg_pull_data(msg, s, e, 0))
			goto bad;
		if (n > HB_MAX)
			goto bad;
		BOUND(n, 1, 16384);
		__u8 *src = msg->data;
		if (c->lin) {
			if (s > LINEARISE_MAX)
				goto bad;
			src += s;
		}
		bpf_probe_read_kernel(&w->hb.d[off & HB_MASK], n, src);
		w->hb.len = off + n;
	}
	if (flags & FL_END_HEADERS) {
		struct insertion *in = &w->ins[w->n_ins & (MAX_INS - 1)];
		in->hdr_off = b->at;         /* kept if the block needs an insertion */
		in->last_len = len;
		in->ins_off = e;
		in->end = b->at + 9 + len;
		w->blk_end = b->at + 9 + len;
		b->done = 1;
		return 1;
	}
	b->at += 9 + len;
	return 0;
bad:
	b->fail = 2;
	return 1;
}

static long tx_frame(__u32 i, void *vc)
{
	struct fctx *c = vc;
	struct tx_state *st = c->st;
	struct txwork *w = c->w;
	__u32 len;
	__u8 type, flags;

	if (!st || !w || c->k->pos >= c->k->size)
		return 1;
	if (c->k->pos + 9 > c->k->size) {
		tx_need_more(c, 9);
		return 1;
	}
	if (frame_hdr(c, c->k->pos, &len, &type, &flags))
		goto desync;
	if (type == FR_CONT || type == FR_PUSH)
		goto desync;
	if (type != FR_HEADERS) {
		c->k->pos += 9 + len;
		return 0;
	}
	if (!c->lin_tried) {
		/* usually free (one scatterlist element); else the copy is needed for
		 * insertions anyway. Not earlier: a send of DATA frames is left as it is. */
		c->lin_tried = 1;
		c->lin = c->k->size <= LINEARISE_MAX && !bpf_msg_pull_data(c->msg, 0, c->k->size, 0);
	}

	struct bctx b = { .f = c, .at = c->k->pos };
	w->hb.len = 0;
	bpf_loop(MAX_CONT, blk_cb, &b, 0);
	if (b.fail == 1) {
		stat(ST_SPLIT);
		tx_need_more(c, b.need);
		return 1;
	}
	if (b.fail || !b.done)
		goto desync;
	/* All insertions of a run and the bytes up to the last one must fit in one contiguous
	 * send: leave this block (not yet parsed) to the kernel's next run, where it starts
	 * the send (a block alone always fits). */
	if (c->k->pos > 0 && w->blk_end + LIT_MAX * (w->n_ins + 1) > LINEARISE_MAX) {
		w->apply_at = c->k->pos;
		c->stop = 1;
		return 1;
	}

	struct blk_res res = {};
	parse_block(&w->hb, &st->dt, 0, &res);
	stat(ST_TX_REQS);
	if (res.err) {
		stat(res.err);
		goto desync;
	}
	c->k->pos = w->blk_end;
	if (res.has_trace) {
		stat(ST_TX_TRACE);
		if (res.has_ctx) {
			stat(ST_TX_HAS_CTX);
		} else {
			w->ins[w->n_ins & (MAX_INS - 1)].th = res.th;
			if (++w->n_ins >= MAX_INS) {
				/* the kernel runs us again on the rest of the send */
				if (w->blk_end < c->k->size)
					w->apply_at = w->blk_end;
				c->stop = 1;
				return 1;
			}
		}
	}
	return 0;
desync:
	stat(ST_DESYNC);
	st->mode = M_PASS;
	c->stop = 1;
	return 1;
}

SEC("sk_msg")
int find_header(struct sk_msg_md *msg)
{
	struct tx_state *st = bpf_sk_storage_get(&tx_states, msg->sk, 0, 0);
	struct fctx c = { .msg = msg };

	if (!st || st->mode == M_PASS)
		return SK_PASS;
	c.k = &st->cur;
	st->cur.size = msg->size;
	st->cur.pos = 0;
	/* The kernel re-runs us on the rest of a send with the previous run's apply/cork
	 * values still set; stale values would skip or hold back later bytes. */
	bpf_msg_apply_bytes(msg, 0);
	bpf_msg_cork_bytes(msg, 0);
	if (st->cork_need) {
		/* we asked to be called with cork_need bytes; less means the kernel gave up */
		__u32 need = st->cork_need;
		st->cork_need = 0;
		if (msg->size < need) {
			stat(ST_DESYNC);
			st->mode = M_PASS;
			return SK_PASS;
		}
	}
	if (st->mode == M_PREFACE) {
		__u8 buf[24] = {};
		__u32 n = min32(24 - (st->pre & 31), msg->size);
		if (n == 0 || n > 24)
			return SK_PASS;
		if (bpf_msg_pull_data(msg, 0, n, 0))
			return SK_PASS;
		BOUND(n, 1, 24);
		bpf_probe_read_kernel(buf, n, msg->data);
		st->cur.pos = preface_step(&st->pre, &st->mode, buf, n);
		if (st->mode != M_H2)
			return SK_PASS;
	}
	if (st->skip) {
		__u32 n = min32(st->skip, msg->size - st->cur.pos);
		st->cur.pos += n;
		st->skip -= n;
	}
	c.st = st;
	c.w = cpu_slot(&tx_work);
	if (!c.w)
		return SK_PASS;
	c.w->n_ins = 0;
	c.w->apply_at = 0;
	bpf_loop(MAX_FRAMES, tx_frame, &c, 0);
	if (!c.stop && c.k->pos > c.k->size)
		st->skip = c.k->pos - c.k->size;
	/* more frames than one run walks: the kernel runs us again on the rest */
	if (!c.stop && c.k->pos < c.k->size && !c.w->apply_at)
		c.w->apply_at = c.k->pos;
	if (c.w->n_ins)
		bpf_tail_call(msg, &progs, PROG_PROPAGATE);
	/* no insertion, or the tail call failed (those requests go untouched) */
	if (c.w->apply_at)
		bpf_msg_apply_bytes(msg, c.w->apply_at);
	return SK_PASS;
}


#endif

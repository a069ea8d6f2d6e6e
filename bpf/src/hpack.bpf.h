/* HPACK (RFC 7541) header-block walker: follows the dynamic table and finds the trace
 * id and any x-copper-ctx value. Loops are bpf_loop callbacks so the verifier sees
 * each body once. */
#ifndef HPACK_BPF_H
#define HPACK_BPF_H

#define FNV_OFF   0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* name lengths of the static table, index 1..61 */
static const __u8 static_nlen[62] = {
	0, 10, 7, 7, 5, 5, 7, 7, 7, 7, 7, 7, 7, 7, 14, 15, 15, 13, 6, 27, 3, 5, 13, 13,
	19, 16, 16, 14, 16, 13, 12, 6, 4, 4, 6, 7, 4, 4, 8, 17, 13, 8, 19, 13, 4, 8,
	12, 18, 19, 5, 7, 7, 11, 6, 10, 25, 17, 10, 4, 3, 16,
};

struct blk_res {
	__u64 th;
	__u8 has_trace, has_ctx, ctx_dyn, err;   /* err: ST_* reason, 0 = fine */
	__u32 ctx_len;
};

/* ---- dynamic table ---- */

struct ectx { struct dyntab *dt; };

static long evict_cb(__u32 i, void *vc)
{
	struct dyntab *dt = ((struct ectx *)vc)->dt;
	if (!dt)
		return 1;
	if (dt->size <= dt->max || dt->count == 0)
		return 1;
	__u32 old = (dt->head - dt->count + 1) & DT_MASK;
	dt->size -= dt->esize[old];
	dt->count--;
	return 0;
}

static __always_inline void dt_evict(struct dyntab *dt)
{
	struct ectx e = { .dt = dt };
	bpf_loop(DT_N + 1, evict_cb, &e, 0);
}

static __always_inline void dt_insert(struct dyntab *dt, __u32 nlen, __u32 vlen,
				      __u8 kind, __u64 th)
{
	__u32 es = nlen + vlen + 32;
	if (es > dt->max) {          /* RFC 7541 4.4: the table is emptied */
		dt->count = 0;
		dt->size = 0;
		return;
	}
	dt->size += es;
	dt_evict(dt);                /* evicts before the new entry is counted */
	if (dt->count >= DT_N) {     /* cannot happen while max <= DT_N*32; stay safe */
		dt->count = DT_N - 1;
	}
	dt->head = (dt->head + 1) & DT_MASK;
	__u32 h = dt->head & DT_MASK;
	dt->esize[h] = es;
	dt->nlen[h] = nlen;
	dt->kind[h] = kind;
	dt->th[h] = th;
	dt->count++;
}

/* ---- integers and strings ---- */

static __always_inline int rd_int(struct hbuf *hb, __u32 *pos, __u32 end, __u32 nbits,
				  __u32 *out)
{
	__u32 p = *pos;
	if (p >= end)
		return -1;
	__u32 max = (1u << nbits) - 1;
	__u32 v = hb->d[p & HB_MASK] & max;
	p++;
	if (v == max) {
		__u32 shift = 0;
#pragma unroll
		for (int k = 0; k < 4; k++) {
			if (p >= end)
				return -1;
			__u8 b = hb->d[p & HB_MASK];
			p++;
			v += (__u32)(b & 0x7f) << shift;
			shift += 7;
			if (!(b & 0x80))
				goto done;
		}
		return -1;
	}
done:
	*pos = p;
	*out = v;
	return 0;
}

enum { SK_COUNT = 0, SK_HASH = 1, SK_STORE = 2 };

struct sctx {
	struct hbuf *hb;
	struct ctxval *out;
	__u64 h;
	__u32 start, cnt, field, hlen, hst;
	__u8 huff, mode, err, accept;
};

static __always_inline void emit(struct sctx *s, __u8 c)
{
	if (s->mode == SK_HASH) {
		if (c == cfg.trace_sep) {
			s->field++;
		} else if (s->field == cfg.trace_field) {
			s->h = (s->h ^ c) * FNV_PRIME;
			s->hlen++;
		}
	} else if (s->mode == SK_STORE && s->out) {
		if (s->cnt < CTX_BUF)
			s->out->txt[s->cnt & (CTX_BUF - 1)] = c;
	}
	s->cnt++;
}

static __always_inline int huff_nib(struct sctx *s, __u32 nib)
{
	__u32 e = htab[((s->hst << 4) | nib) & (HUFF_STATES * 16 - 1)];
	if (e & HF_FAIL)
		return -1;
	if (e & HF_SYM)
		emit(s, (e >> 8) & 0xff);
	s->hst = e & 0xff;
	s->accept = !!(e & HF_ACCEPT);
	return 0;
}

static long str_cb(__u32 i, void *vc)
{
	struct sctx *s = vc;
	struct hbuf *hb = s->hb;
	if (!hb)
		return 1;
	__u8 b = hb->d[(s->start + i) & HB_MASK];
	if (!s->huff) {
		emit(s, b);
		return 0;
	}
	if (huff_nib(s, b >> 4) || huff_nib(s, b & 15)) {
		s->err = 1;
		return 1;
	}
	return 0;
}

/* Walks one string, raw or Huffman-coded; returns the decoded length or -1. */
static __always_inline int str_walk(struct sctx *s, __u32 slen)
{
	s->cnt = 0; s->field = 0; s->hlen = 0; s->hst = 0; s->accept = 1; s->err = 0;
	s->h = FNV_OFF;
	if (slen)
		bpf_loop(slen, str_cb, s, 0);
	if (s->err || (s->huff && !s->accept))
		return -1;
	return s->cnt;
}

/* Compares a string in the block with a configured name (raw or Huffman form). */
static __always_inline int name_eq(struct hbuf *hb, __u32 start, __u32 slen,
				   const volatile __u8 *want, __u32 wlen)
{
	if (slen != wlen || slen > NAME_MAX_LEN)
		return 0;
#pragma unroll
	for (int k = 0; k < NAME_MAX_LEN; k++) {
		if (k >= slen)
			break;
		if (hb->d[(start + k) & HB_MASK] != want[k])
			return 0;
	}
	return 1;
}

static const char ctx_name_raw[12] = "x-copper-ctx";

static __always_inline int name_is_ctx_raw(struct hbuf *hb, __u32 start, __u32 slen)
{
	if (slen != 12)
		return 0;
#pragma unroll
	for (int k = 0; k < 12; k++)
		if (hb->d[(start + k) & HB_MASK] != ctx_name_raw[k])
			return 0;
	return 1;
}

/* ---- one header representation per iteration ---- */

struct pctx {
	struct hbuf *hb;
	struct dyntab *dt;
	struct ctxval *out;
	struct sctx s;
	__u64 th;
	__u32 pos, len, ctx_len;
	__u8 has_trace, has_ctx, ctx_dyn, err;
};

static __always_inline int rd_str(struct pctx *c, __u8 *huff, __u32 *slen, __u32 *start)
{
	if (c->pos >= c->len)
		return -1;
	*huff = c->hb->d[c->pos & HB_MASK] >> 7;
	if (rd_int(c->hb, &c->pos, c->len, 7, slen))
		return -1;
	*start = c->pos;
	if (*slen > c->len - c->pos)
		return -1;
	c->pos += *slen;
	return 0;
}

static long rep_cb(__u32 i, void *vc)
{
	struct pctx *c = vc;
	struct hbuf *hb = c->hb;
	struct dyntab *dt = c->dt;
	__u32 idx, slot, nlen, dlen;
	__u8 kind = K_OTHER, huff;
	__u32 slen, start;
	int r;

	if (!hb || !dt || c->pos >= c->len)
		return 1;
	__u8 b = hb->d[c->pos & HB_MASK];

	if (b & 0x80) {                          /* indexed field */
		if (rd_int(hb, &c->pos, c->len, 7, &idx) || idx == 0)
			goto bad_table;
		if (idx <= 61)
			return 0;
		if (idx - 61 > dt->count)
			goto bad_table;
		slot = (dt->head - (idx - 62)) & DT_MASK;
		if (dt->kind[slot] == K_TRACE) {
			c->has_trace = 1;
			c->th = dt->th[slot];
		} else if (dt->kind[slot] == K_CTX) {
			c->has_ctx = 1;
			c->ctx_dyn = 1;
		}
		return 0;
	}
	if ((b & 0xe0) == 0x20) {                /* dynamic table size update */
		if (rd_int(hb, &c->pos, c->len, 5, &idx) || idx > DT_N * 32)
			goto bad_table;
		dt->max = idx;
		dt_evict(dt);
		return 0;
	}
	__u8 incr = (b & 0xc0) == 0x40;          /* else without / never indexed */
	if (rd_int(hb, &c->pos, c->len, incr ? 6 : 4, &idx))
		goto bad_table;

	if (idx == 0) {                          /* literal name */
		if (rd_str(c, &huff, &slen, &start))
			goto bad_table;
		if (huff ? name_eq(hb, start, slen, cfg.tname_h, cfg.tname_h_len)
			 : name_eq(hb, start, slen, cfg.tname, cfg.tname_len)) {
			kind = K_TRACE;
			nlen = cfg.tname_len;
		} else if (huff ? name_eq(hb, start, slen, cfg.cname_h, cfg.cname_h_len)
				: name_is_ctx_raw(hb, start, slen)) {
			kind = K_CTX;
			nlen = 12;
		} else if (incr && huff) {
			c->s.huff = 1; c->s.mode = SK_COUNT; c->s.start = start;
			r = str_walk(&c->s, slen);
			if (r < 0)
				goto bad_huff;
			nlen = r;
		} else {
			nlen = slen;
		}
	} else if (idx <= 61) {
		nlen = static_nlen[idx & 63];
	} else {
		if (idx - 61 > dt->count)
			goto bad_table;
		slot = (dt->head - (idx - 62)) & DT_MASK;
		kind = dt->kind[slot];
		nlen = dt->nlen[slot];
	}

	if (rd_str(c, &huff, &slen, &start))
		goto bad_table;
	__u64 th = 0;
	c->s.huff = huff;
	c->s.start = start;
	if (kind == K_TRACE) {
		c->s.mode = SK_HASH;
		r = str_walk(&c->s, slen);
		if (r < 0)
			goto bad_huff;
		dlen = r;
		if (c->s.hlen) {
			c->has_trace = 1;
			c->th = th = c->s.h;
		}
	} else if (kind == K_CTX) {
		c->has_ctx = 1;
		c->s.mode = SK_STORE;
		c->s.out = c->out;
		r = str_walk(&c->s, slen);
		if (r < 0)
			goto bad_huff;
		dlen = r;
		c->ctx_len = dlen;
	} else if (incr && huff) {
		c->s.mode = SK_COUNT;
		r = str_walk(&c->s, slen);
		if (r < 0)
			goto bad_huff;
		dlen = r;
	} else {
		dlen = slen;
	}
	if (incr)
		dt_insert(dt, nlen, dlen, kind, th);
	return 0;

bad_huff:
	c->err = ST_HUFF_ERR;
	return 1;
bad_table:
	c->err = ST_TABLE_ERR;
	return 1;
}

/* Walks a whole header block. out (may be NULL) receives an x-copper-ctx value. */
static __noinline int parse_block(struct hbuf *hb, struct dyntab *dt, struct ctxval *out,
				  struct blk_res *res)
{
	struct pctx c = {};
	if (!hb || !dt || !res)
		return -1;
	c.hb = hb;
	c.dt = dt;
	c.out = out;
	c.s.hb = hb;
	c.len = hb->len;
	if (c.len > HB_MAX)
		c.len = HB_MAX;
	bpf_loop(HB_MAX, rep_cb, &c, 0);
	res->th = c.th;
	res->has_trace = c.has_trace;
	res->has_ctx = c.has_ctx;
	res->ctx_dyn = c.ctx_dyn;
	res->ctx_len = c.ctx_len;
	res->err = c.err;
	if (!c.err && c.pos != c.len)
		res->err = ST_TABLE_ERR;
	return 0;
}

#endif

/* HPACK (RFC 7541) header-block walker: follows the dynamic table and finds the trace
 * id and any x-copper-ctx value. Loops are bpf_loop callbacks so the verifier sees
 * each body once. */
#ifndef HPACK_BPF_H
#define HPACK_BPF_H


/* name lengths of the static table, index 1..61 */
const volatile __u8 static_nlen[62] = {
	0, 10, 7, 7, 5, 5, 7, 7, 7, 7, 7, 7, 7, 7, 14, 15, 15, 13, 6, 27, 3, 5, 13, 13,
	19, 16, 16, 14, 16, 13, 12, 6, 4, 4, 6, 7, 4, 4, 8, 17, 13, 8, 19, 13, 4, 8,
	12, 18, 19, 5, 7, 7, 11, 6, 10, 25, 17, 10, 4, 3, 16,
};

const volatile char ctx_name_raw[16] = "x-copper-ctx";

/* What a header block says: the trace id hash; whether it carries x-copper-ctx, and
 * where: a raw value is left in the block (ctx_start, ctx_len); a Huffman-coded one is
 * decoded into the caller's buffer (ctx_huff) unless its coded bytes hash to
 * last_coded (ctx_cached: it is the connection's last value, last_len long); a value
 * re-sent as a dynamic-table index gives the value hash kept in that entry (ctx_dyn).
 * ctx_slot: the table entry a literal value went into (ctx_incr). */
struct blk_res {
	__u64 th;
	__u64 last_coded;   /* in */
	__u64 coded;        /* hash of a Huffman-coded value */
	__u64 dyn_hash;     /* value hash of an indexed re-send (0: unknown) */
	__u32 last_len;     /* in */
	__u32 ctx_start, ctx_len, ctx_slot;
	__u8 has_trace, has_ctx, ctx_dyn, err;   /* err: ST_* reason, 0 = fine */
	__u8 ctx_huff, ctx_cached, ctx_incr, _p;
};

/* The pieces below are global functions: the verifier checks each once on its own
 * instead of once per call site, which keeps the header walker well under its limits. */

/* ---- dynamic table ---- */

struct ectx { struct dyntab *dt; };

static long evict_cb(__u32 i, void *vc)
{
	struct dyntab *dt = ((struct ectx *)vc)->dt;
	if (!dt || dt->size <= dt->max || dt->count == 0)
		return 1;
	__u32 old = (dt->head - dt->count + 1) & DT_MASK;
	dt->size -= dt->esize[old];
	dt->count--;
	return 0;
}

__noinline int hp_dt_evict(struct dyntab *dt)
{
	struct ectx e = { .dt = dt };
	if (!dt)
		return -1;
	bpf_loop(DT_N + 1, evict_cb, &e, 0);
	return 0;
}

__noinline int hp_dt_insert(struct dyntab *dt, __u32 nlen, __u32 vlen, __u32 kind, __u64 th)
{
	if (!dt)
		return -1;
	__u32 es = nlen + vlen + 32;
	if (es > dt->max) {          /* RFC 7541 4.4: the table is emptied */
		dt->count = 0;
		dt->size = 0;
		return 0;
	}
	dt->size += es;
	hp_dt_evict(dt);             /* evicts before the new entry is counted */
	if (dt->count >= DT_N)       /* cannot happen while max <= DT_N*32; stay safe */
		dt->count = DT_N - 1;
	dt->head = (dt->head + 1) & DT_MASK;
	__u32 h = dt->head & DT_MASK;
	dt->esize[h] = es;
	dt->nlen[h] = nlen;
	dt->kind[h] = kind;
	dt->th[h] = th;
	dt->count++;
	return 0;
}

/* ---- integers and strings ---- */

/* Prefix integer at pos (RFC 7541 5.1). Returns the position after it, or -1. */
__noinline int hp_int(struct hbuf *hb, __u32 pos, __u32 end, __u32 nbits, __u32 *out)
{
	if (!hb || !out || pos >= end || nbits > 8 || nbits == 0)
		return -1;
	__u32 max = (1u << nbits) - 1;
	__u32 v = hb->d[pos & HB_MASK] & max;
	pos++;
	if (v == max) {
		__u32 shift = 0;
		for (int k = 0; k < 4; k++) {
			if (pos >= end)
				return -1;
			__u8 b = hb->d[pos & HB_MASK];
			pos++;
			v += (__u32)(b & 0x7f) << shift;
			shift += 7;
			if (!(b & 0x80)) {
				*out = v;
				return pos;
			}
		}
		return -1;
	}
	*out = v;
	return pos;
}

enum { SK_COUNT = 0, SK_HASH = 1, SK_STORE = 2 };

struct sres {
	__u64 h;
	__u32 cnt, hlen;
	__u8 huff, mode;
};

struct sctx {
	struct hbuf *hb;
	struct valbuf *out;
	__u64 h;
	__u32 start, slen, cnt, field, hlen;
	union {
		__u32 hst;     /* byte table: decoder state */
		__u32 pos;     /* short codes: coded bytes read */
	};
	__u8 huff, mode, err, accept;
	__u32 acc;         /* short codes: the last coded bits read, `bits` of them pending */
	__u8 bits, _p[3];
};

static __always_inline void emit(struct sctx *s, __u8 c)
{
	if (s->mode == SK_HASH) {
		if (c == cfg.trace_sep) {
			if (s->field++ == cfg.trace_field)
				s->mode = SK_COUNT;   /* the trace id is complete: only count the rest */
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

/* One coded octet through the byte-at-a-time decoder: up to two symbols. */
static __always_inline int huff_byte(struct sctx *s, __u32 b)
{
	__u32 e = htab8[((s->hst << 8) | b) & (HUFF_STATES * 256 - 1)];
	if (e & HB_FAIL)
		return -1;
	if (s->mode == SK_COUNT) {
		s->cnt += HB_SYMS(e);
	} else {
		if (HB_SYMS(e) >= 1)
			emit(s, (e >> 8) & 0xff);
		if (HB_SYMS(e) == 2)
			emit(s, (e >> 16) & 0xff);
	}
	s->hst = e & 0xff;
	s->accept = !!(e & HB_ACCEPT);
	return 0;
}

#define STR_STEP 4   /* octets per loop step */
static long str_cb(__u32 i, void *vc)
{
	struct sctx *s = vc;
	struct hbuf *hb = s->hb;
	if (!hb)
		return 1;
	for (int k = 0; k < STR_STEP; k++) {
		__u32 j = i * STR_STEP + k;
		if (j >= s->slen)
			return 1;
		__u8 b = hb->d[(s->start + j) & HB_MASK];
		if (!s->huff) {
			emit(s, b);
		} else if (huff_byte(s, b)) {
			s->err = 1;
			return 1;
		}
	}
	return 0;
}

/* Short-code path: symbols whose codes are 5 or 6 bits long, through a 64-entry table
 * (trace ids are digits, lower-case hex and '-'). The byte table is 256 KiB, and a value
 * that is new on every request (a trace id) costs about a cache miss per coded byte
 * there. Stops at the end of the string or at a code it cannot read (hp_str then tells
 * padding from a longer code or an error). Branch-free bit handling keeps the verifier's
 * states few. */
#define SHORT_STEP 2   /* symbols per loop step */
static long short_cb(__u32 i, void *vc)
{
	struct sctx *s = vc;
	struct hbuf *hb = s->hb;
	if (!hb)
		return 1;
	for (int k = 0; k < SHORT_STEP; k++) {
		if (s->bits < 6 && s->pos < s->slen) {
			s->acc = (s->acc << 8) | hb->d[(s->start + s->pos) & HB_MASK];
			s->pos++;
			s->bits += 8;
		}
		__u32 bits = s->bits & 15;
		/* the next 6 bits; past the end, padded with ones (the EOS prefix) */
		__u32 peek = (((s->acc << 6) | 63) >> bits) & 63;
		__u16 e = hfast[peek];
		__u32 len = HF6_LEN(e);
		if (!e || len > bits)
			return 1;
		emit(s, HF6_SYM(e));
		s->bits = bits - len;
	}
	return 0;
}

/* Walks one string, raw or Huffman-coded (r->huff), counting, hashing the trace-id field
 * or storing it (r->mode). Returns the decoded length or -1. */
__noinline int hp_str(struct hbuf *hb, struct valbuf *out, __u32 start, __u32 slen,
		      struct sres *r)
{
	struct sctx s = {};
	if (!hb || !r)
		return -1;
	s.hb = hb;
	s.out = out;
	s.start = start;
	s.huff = r->huff;
	s.mode = r->mode;
	s.accept = 1;
	s.h = FNV_OFF;
	s.slen = slen;
	if (!s.huff && s.mode == SK_COUNT) {
		r->cnt = slen;
		return slen;
	}
	if (s.huff && slen && s.mode != SK_STORE) {
		/* context values (SK_STORE) use upper-case letters (7- and 8-bit codes) */
		/* a cursor the verifier does not know, so that it checks the loop body once
		 * instead of once per position */
		__u32 z = *(volatile __u32 *)&hb->zero;
		s.pos = z;
		s.bits = z;
		s.acc = z;
		bpf_loop(slen * 8 / 5 / SHORT_STEP + 2, short_cb, &s, 0);
		__u32 bits = s.bits & 15;
		__u32 ones = (1u << bits) - 1;
		if (s.pos >= slen && bits < 8 && (s.acc & ones) == ones) {   /* EOS padding */
			r->h = s.h;
			r->hlen = s.hlen;
			r->cnt = s.cnt;
			return s.cnt;
		}
		/* a longer code: start again with the byte table */
		s.accept = 1;
		s.err = 0;
		s.h = FNV_OFF;
		s.cnt = 0;
		s.field = 0;
		s.hlen = 0;
		s.hst = 0;
		s.mode = r->mode;
	}
	if (slen)
		bpf_loop((slen + STR_STEP - 1) / STR_STEP, str_cb, &s, 0);
	if (s.err || (s.huff && !s.accept))
		return -1;
	r->h = s.h;
	r->hlen = s.hlen;
	r->cnt = s.cnt;
	return s.cnt;
}

/* Which configured name a literal name string is: K_TRACE, K_CTX or K_OTHER. */
__noinline int hp_name_kind(struct hbuf *hb, __u32 start, __u32 slen, __u32 huff)
{
	__u32 tl = huff ? cfg.tname_h_len : cfg.tname_len;
	__u32 cl = huff ? cfg.cname_h_len : 12;
	int k;

	if (!hb)
		return K_OTHER;
	if (slen == tl && slen <= NAME_MAX_LEN) {
		for (k = 0; k < NAME_MAX_LEN; k++) {
			if (k >= slen)
				return K_TRACE;
			__u8 want = huff ? cfg.tname_h[k] : cfg.tname[k];
			if (hb->d[(start + k) & HB_MASK] != want)
				break;
		}
		if (k == NAME_MAX_LEN)
			return K_TRACE;
	}
	if (slen == cl && slen <= NAME_MAX_LEN) {
		for (k = 0; k < NAME_MAX_LEN; k++) {
			if (k >= slen)
				return K_CTX;
			__u8 want = huff ? cfg.cname_h[k] : ctx_name_raw[k & 15];
			if (hb->d[(start + k) & HB_MASK] != want)
				break;
		}
	}
	return K_OTHER;
}

/* ---- one header representation per iteration ---- */

struct pctx {
	struct hbuf *hb;
	struct dyntab *dt;
	struct valbuf *out;
	struct blk_res *res;
	__u64 th;
	__u32 pos, len;
	__u8 has_trace, err;
};

/* FNV-1a over a string's coded bytes, 8 at a time (the last word overlapping the one
 * before), mixed with its length: recognises a value seen before without decoding it. */
struct chctx { struct hbuf *hb; __u64 h; __u32 start, len; };

static long coded_cb(__u32 i, void *vc)
{
	struct chctx *x = vc;
	struct hbuf *hb = x->hb;
	if (!hb)
		return 1;
	for (int k = 0; k < 8; k++) {
		__u32 o = (i * 8 + k) * 8;
		if (o >= x->len)
			return 1;
		if (o + 8 > x->len)
			o = x->len - 8;
		x->h = (x->h ^ *(__u64 *)&hb->d[(x->start + o) & HB_MASK]) * FNV_PRIME;
	}
	return 0;
}

__noinline __u64 hp_coded_hash(struct hbuf *hb, __u32 start, __u32 len)
{
	struct chctx x = { .hb = hb, .h = FNV_OFF ^ len, .start = start, .len = len };
	if (!hb)
		return 0;
	if (len < 8) {
		for (int k = 0; k < 7; k++) {
			if (k >= len)
				break;
			x.h = (x.h ^ hb->d[(start + k) & HB_MASK]) * FNV_PRIME;
		}
	} else {
		bpf_loop((len + 63) / 64, coded_cb, &x, 0);
	}
	return x.h | 1;
}

/* Prefix integer: the one-byte case inline (almost every integer in a header block). */
static __always_inline int rd_int(struct hbuf *hb, __u32 pos, __u32 end, __u32 nbits, __u32 *out)
{
	__u32 max = (1u << nbits) - 1;
	if (pos >= end)
		return -1;
	__u32 v = hb->d[pos & HB_MASK] & max;
	if (v != max) {
		*out = v;
		return pos + 1;
	}
	return hp_int(hb, pos, end, nbits, out);
}

/* String header at c->pos: Huffman flag and length; moves c->pos past the string. */
static __always_inline int rd_str(struct pctx *c, __u8 *huff, __u32 *slen, __u32 *start)
{
	if (c->pos >= c->len)
		return -1;
	*huff = c->hb->d[c->pos & HB_MASK] >> 7;
	int p = rd_int(c->hb, c->pos, c->len, 7, slen);
	if (p < 0)
		return -1;
	*start = p;
	if (*slen > c->len - p)
		return -1;
	c->pos = p + *slen;
	return 0;
}

static __always_inline int dyn_slot(struct dyntab *dt, __u32 idx, __u32 *slot)
{
	if (idx - 61 > dt->count)
		return -1;
	*slot = (dt->head - (idx - 62)) & DT_MASK;
	return 0;
}

/* A run of indexed fields: where it ends, and the trace id or x-copper-ctx entries it
 * named. (No pointers inside: a global function may write it.) */
struct irun {
	__u64 th, dyn_hash;
	__u32 pos, len;
	__u8 has_trace, has_ctx, _p[6];
};

/* Up to 8 indexed fields from r->pos (most of a request that repeats headers): the static
 * table says nothing we need; a dynamic entry may be the trace header or x-copper-ctx.
 * (Global: as a loop inside the per-representation callback it tripped the verifier.) */
__noinline int hp_indexed_run(struct hbuf *hb, struct dyntab *dt, struct irun *r)
{
	__u32 slot;
	if (!hb || !dt || !r)
		return -1;
	for (int k = 0; k < 8; k++) {
		if (r->pos >= r->len)
			return 0;
		__u32 idx;
		if (!(hb->d[r->pos & HB_MASK] & 0x80))
			return 0;
		int p = rd_int(hb, r->pos, r->len, 7, &idx);
		if (p < 0 || idx == 0)
			return -1;
		if (idx > 61) {
			if (dyn_slot(dt, idx, &slot))
				return -1;
			if (dt->kind[slot] == K_TRACE) {
				r->has_trace = 1;
				r->th = dt->th[slot];
			} else if (dt->kind[slot] == K_CTX) {
				r->has_ctx = 1;
				r->dyn_hash = dt->th[slot];
			}
		}
		r->pos = p;
	}
	return 0;
}

static long rep_cb(__u32 i, void *vc)
{
	struct pctx *c = vc;
	struct hbuf *hb = c->hb;
	struct dyntab *dt = c->dt;
	struct sres r = {};
	__u32 idx = 0, slot = 0, nlen, dlen, slen = 0, start = 0;
	__u8 kind = K_OTHER, huff = 0;
	int p;

	if (!hb || !dt || c->pos >= c->len)
		return 1;
	__u8 b = hb->d[c->pos & HB_MASK];

	if (b & 0x80) {                          /* indexed fields, several per step */
		struct irun ir = { .pos = c->pos, .len = c->len };
		if (hp_indexed_run(hb, dt, &ir))
			goto bad_table;
		c->pos = ir.pos;
		if (ir.has_trace) {
			c->has_trace = 1;
			c->th = ir.th;
		}
		if (ir.has_ctx && c->res) {
			c->res->has_ctx = 1;
			c->res->ctx_dyn = 1;
			c->res->dyn_hash = ir.dyn_hash;
		}
		if (c->pos >= c->len)
			return 1;
		b = hb->d[c->pos & HB_MASK];
		if (b & 0x80)                    /* more than a run: the next step goes on */
			return 0;
	}
	if ((b & 0xe0) == 0x20) {                /* dynamic table size update */
		p = hp_int(hb, c->pos, c->len, 5, &idx);
		if (p < 0 || idx > DT_N * 32)
			goto bad_table;
		c->pos = p;
		dt->max = idx;
		hp_dt_evict(dt);
		return 0;
	}
	__u8 incr = (b & 0xc0) == 0x40;          /* else without / never indexed */
	p = rd_int(hb, c->pos, c->len, incr ? 6 : 4, &idx);
	if (p < 0)
		goto bad_table;
	c->pos = p;

	if (idx == 0) {                          /* literal name */
		if (rd_str(c, &huff, &slen, &start))
			goto bad_table;
		kind = hp_name_kind(hb, start, slen, huff);
		if (kind == K_TRACE) {
			nlen = cfg.tname_len;
		} else if (kind == K_CTX) {
			nlen = 12;
		} else if (incr && huff) {
			r.huff = 1;
			r.mode = SK_COUNT;
			p = hp_str(hb, 0, start, slen, &r);
			if (p < 0)
				goto bad_huff;
			nlen = p;
		} else {
			nlen = slen;
		}
	} else if (idx <= 61) {
		__u32 si = idx;
		BOUND(si, 0, 61);
		nlen = static_nlen[si];
	} else {
		if (dyn_slot(dt, idx, &slot))
			goto bad_table;
		kind = dt->kind[slot];
		nlen = dt->nlen[slot];
	}

	if (rd_str(c, &huff, &slen, &start))
		goto bad_table;
	__u64 th = 0;
	r.huff = huff;
	if (kind == K_TRACE) {
		r.mode = SK_HASH;
		p = hp_str(hb, 0, start, slen, &r);
		if (p < 0)
			goto bad_huff;
		dlen = p;
		if (r.hlen) {
			c->has_trace = 1;
			c->th = th = r.h;
		}
	} else if (kind == K_CTX) {
		struct blk_res *res = c->res;
		if (!res)
			goto bad_table;
		res->has_ctx = 1;
		res->ctx_dyn = 0;
		res->ctx_huff = huff;
		res->ctx_cached = 0;
		res->ctx_incr = incr;
		dlen = slen;
		if (!huff) {                     /* what our programs insert: left in place */
			res->ctx_start = start;
		} else if (c->out) {             /* a proxy re-encoded it: decode unless known */
			res->coded = hp_coded_hash(hb, start, slen);
			if (res->coded == res->last_coded && res->last_len) {
				res->ctx_cached = 1;
				dlen = res->last_len;
			} else {
				r.mode = SK_STORE;
				p = hp_str(hb, c->out, start, slen, &r);
				if (p < 0)
					goto bad_huff;
				dlen = p;
			}
		} else if (incr) {               /* send side: only its length, for the table */
			r.mode = SK_COUNT;
			p = hp_str(hb, 0, start, slen, &r);
			if (p < 0)
				goto bad_huff;
			dlen = p;
		}
		res->ctx_len = dlen;
	} else if (incr && huff) {
		r.mode = SK_COUNT;
		p = hp_str(hb, 0, start, slen, &r);
		if (p < 0)
			goto bad_huff;
		dlen = p;
	} else {
		dlen = slen;
	}
	if (incr) {
		hp_dt_insert(dt, nlen, dlen, kind, th);
		if (kind == K_CTX && c->res)
			c->res->ctx_slot = dt->head & DT_MASK;   /* its value hash comes later */
	}
	return 0;

bad_huff:
	c->err = ST_HUFF_ERR;
	return 1;
bad_table:
	c->err = ST_TABLE_ERR;
	return 1;
}

/* Walks a whole header block. out (may be NULL) receives an x-copper-ctx value. */
__noinline int parse_block(struct hbuf *hb, struct dyntab *dt, struct valbuf *out,
			   struct blk_res *res)
{
	struct pctx c = {};
	if (!hb || !dt || !res)
		return -1;
	c.hb = hb;
	c.dt = dt;
	c.out = out;
	c.res = res;
	c.len = hb->len;
	if (c.len > HB_MAX)
		c.len = HB_MAX;
	bpf_loop(HB_MAX, rep_cb, &c, 0);
	res->th = c.th;
	res->has_trace = c.has_trace;
	res->err = c.err;
	if (!c.err && c.pos != c.len)
		res->err = ST_TABLE_ERR;
	return 0;
}

#endif

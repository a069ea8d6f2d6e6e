/* Received x-copper-ctx values: checked against the format once per distinct value (each
 * connection keeps its last valid one, so a repeated value costs a compare), hashed, and
 * turned into the literal this service inserts downstream. */
#ifndef CTX_VALUE_BPF_H
#define CTX_VALUE_BPF_H

/* A context value we accept: optional '~', then 3-character tokens whose characters are
 * all base-64 digits (0-9 A-Z a-z - _). With fixed-width tokens and no separator, the
 * check is: the length after the flag is a multiple of 3 and every byte is a digit. */
static __always_inline int digit_ok(__u8 c)
{
	__u8 l = c | 0x20;
	return (c >= '0' && c <= '9') || (l >= 'a' && l <= 'z') || c == '-' || c == '_';
}

/* Eight bytes at a time (SWAR): a byte is in [lo, hi] iff, with its top bit set so that
 * no borrow crosses bytes, (c - lo) keeps the top bit and (c - hi - 1) loses it. */
#define H8 0x8080808080808080ULL
#define B8(c) (0x0101010101010101ULL * (c))
#define IN8(y, lo, hi) (((y) - B8(lo)) & ~((y) - B8((hi) + 1)) & H8)

static __always_inline int word_ok(__u64 x)
{
	__u64 y = x | H8, l = x | B8(0x20) | H8;
	if (x & H8)
		return 0;
	return (IN8(y, '0', '9') | IN8(l, 'a', 'z') | IN8(y, '-', '-') | IN8(y, '_', '_')) == H8;
}

#define WORDS_PER_ITER 8
struct vctx { struct valbuf *v; struct hbuf *hb; __u64 h; __u32 start, off, words; __u8 bad; };

static long valid_cb(__u32 i, void *vc)
{
	struct vctx *x = vc;
	struct valbuf *v = x->v;
	if (!v)
		return 1;
	for (int k = 0; k < WORDS_PER_ITER; k++) {
		__u32 wi = i * WORDS_PER_ITER + k;
		if (wi >= x->words)
			return 1;
		__u32 o = x->off + wi * 8;
		BOUND(o, 0, 1008);   /* CTX_BUF - 16 */
		if (!word_ok(*(__u64 *)&v->txt[o])) {
			x->bad = 1;
			return 1;
		}
	}
	return 0;
}

/* v->txt[0, len) against the value grammar. */
static __always_inline int ctx_valid(struct valbuf *v, __u32 len)
{
	if (len > CTX_VAL_MAX)
		return 0;
	struct vctx x = { .v = v, .off = 0 };
	if (len % CTX_TOKEN_LEN == 1) {
		if (v->txt[0] != '~')
			return 0;
		x.off = 1;
	} else if (len % CTX_TOKEN_LEN != 0) {
		return 0;
	}
	__u32 n = len - x.off;
	x.words = n / 8;
	if (x.words)
		bpf_loop((x.words + WORDS_PER_ITER - 1) / WORDS_PER_ITER, valid_cb, &x, 0);
	if (x.bad)
		return 0;
	/* the last n % 8 bytes */
	__u32 t = x.off + x.words * 8;
	for (int k = 0; k < 7; k++) {
		if (t + k >= len)
			break;
		if (!digit_ok(v->txt[(t + k) & (CTX_BUF - 1)]))
			return 0;
	}
	return 1;
}

/* FNV-1a over the 8-byte words of v->txt[0, len) (zero-padded by the caller). */
static long hash_cb(__u32 i, void *vc)
{
	struct vctx *x = vc;
	struct valbuf *v = x->v;
	if (!v || i >= x->words)
		return 1;
	x->h = (x->h ^ *(__u64 *)&v->txt[(i * 8) & (CTX_BUF - 8)]) * FNV_PRIME;
	return 0;
}

/* Does the raw value hb->d[start, start + len) equal v's (len >= 8)? 64 bytes per step
 * while whole chunks remain, then the last words one by one, the very last one
 * overlapping the word before (x->off = len - 8). */
static long same_cb(__u32 i, void *vc)
{
	struct vctx *x = vc;
	struct valbuf *v = x->v;
	struct hbuf *hb = x->hb;
	if (!v || !hb)
		return 1;
	__u32 o = i * 64;
	if (o + 64 <= x->off + 8) {
		BOUND(o, 0, 704);
		__u8 *a = &hb->d[(x->start + o) & HB_MASK], *b = &v->txt[o];
		__u64 diff = 0;
#pragma unroll
		for (int k = 0; k < 8; k++)
			diff |= *(__u64 *)(a + 8 * k) ^ *(__u64 *)(b + 8 * k);
		if (diff)
			x->bad = 1;
		return diff ? 1 : 0;
	}
	for (int k = 0; k < 8; k++) {
		__u32 p = o + 8 * k;
		if (p > x->off)
			p = x->off;
		BOUND(p, 0, 1008);
		if (*(__u64 *)&hb->d[(x->start + p) & HB_MASK] != *(__u64 *)&v->txt[p]) {
			x->bad = 1;
			return 1;
		}
		if (p == x->off)
			return 1;
	}
	return 1;
}

static __always_inline int same_value(struct hbuf *hb, __u32 start, __u32 len, struct valbuf *v)
{
	if (len != v->len || len > CTX_VAL_MAX)
		return 0;
	if (len < 8) {
		for (int k = 0; k < 7; k++) {
			if (k >= len)
				break;
			if (hb->d[(start + k) & HB_MASK] != v->txt[k])
				return 0;
		}
		return 1;
	}
	struct vctx x = { .v = v, .hb = hb, .start = start, .off = len - 8 };
	bpf_loop(len / 64 + 1, same_cb, &x, 0);
	return !x.bad;
}

/* Makes the request's context value (raw in the block, or Huffman-decoded into dec) the
 * connection's last valid value. Returns its length (0: none), or -1 when malformed. */
static __always_inline int take_value(struct rx_state *st, struct hbuf *w, struct blk_res *res,
				      struct valbuf *dec)
{
	struct valbuf *last = &st->last;
	__u32 len = res->ctx_len;

	if (res->ctx_dyn) {
		/* re-sent as a table index: known if that entry holds the last value */
		if (res->dyn_hash && res->dyn_hash == last->hash && last->len)
			return last->len;
		stat(ST_CTX_DYN);
		return 0;
	}
	if (len == 0)
		return 0;
	if (len > CTX_VAL_MAX)
		return -1;
	if (res->ctx_cached)
		return last->len;
	if (!res->ctx_huff && same_value(w, res->ctx_start, len, last))
		return len;
	last->len = 0;                       /* nothing valid until checked */
	st->chain = 0;                       /* a new value needs a chain of its own */
	*(__u64 *)&last->txt[(len & ~7u) & (CTX_BUF - 8)] = 0;   /* zero padding for the hash */
	BOUND(len, 1, 766);                  /* CTX_VAL_MAX */
	if (res->ctx_huff)
		bpf_probe_read_kernel(last->txt, len, dec->txt);
	else
		bpf_probe_read_kernel(last->txt, len, &w->d[res->ctx_start & HB_MASK]);
	if (!ctx_valid(last, len))
		return -1;
	struct vctx x = { .v = last, .h = FNV_OFF ^ len, .words = (len + 7) / 8 };
	bpf_loop(x.words, hash_cb, &x, 0);
	last->hash = x.h | 1;                /* never 0: 0 means no value */
	last->coded = res->ctx_huff ? res->coded : 0;
	last->len = len;
	return len;
}

/* The literal this service inserts for a received value v (NULL: none) into l: literal
 * without indexing, new name, raw value = [~] kept tokens + own token. Returns its
 * length (0: cannot be built); *flagged says whether the chain is truncated. */
static __always_inline __u32 build_literal(__u8 *l, struct valbuf *v, __u32 vlen, __u8 *flagged)
{
	__u32 trunc = v && vlen && v->txt[0] == '~';
	__u32 ids = (vlen - trunc) / CTX_TOKEN_LEN;
	__u32 drop = ids >= CTX_MAX_IDS ? ids - CTX_MAX_IDS + 1 : 0;  /* oldest first */
	__u32 keep_off = trunc + drop * CTX_TOKEN_LEN;
	__u32 keep = vlen > keep_off ? vlen - keep_off : 0;
	__u32 flag = (trunc || drop) ? 1 : 0;
	__u32 olen = flag + keep + CTX_TOKEN_LEN;
	__u32 o;

	l[0] = 0x00;
	l[1] = 12;
	__builtin_memcpy(&l[2], "x-copper-ctx", 12);
	if (olen < 127) {
		l[14] = olen;
		o = 15;
	} else {
		__u32 r = olen - 127;
		l[14] = 0x7f;
		l[15] = 0x80 | (r & 0x7f);
		l[16] = r >> 7;            /* olen <= 766 so two bytes suffice */
		o = 17;
	}
	if (flag)
		l[o++ & 31] = '~';
	if (keep && v) {
		if (keep > CTX_VAL_MAX || keep_off > CTX_BUF - 1 || o > 31)
			return 0;
		__u32 kn = keep;
		BOUND(kn, 1, 766);
		bpf_probe_read_kernel(&l[o & 31], kn, &v->txt[keep_off & (CTX_BUF - 1)]);
		o += kn;
	}
	BOUND(o, 0, 780);
	for (int t = 0; t < CTX_TOKEN_LEN; t++)   /* volatile reads: set by the loader */
		l[o + t] = cfg.own_token[t];
	*flagged = flag;
	return o + CTX_TOKEN_LEN;
}

/* The chain of the connection's last value, built when first needed. A random id: a
 * chain is never changed in place, so a sender copying one needs no lock, and ids from
 * other connections or values cannot be guessed to collide. */
static __always_inline __u64 conn_chain(struct rx_state *st, __u32 vlen)
{
	__u64 id = st->chain;
	if (id && bpf_map_lookup_elem(&chains, &id))
		return id;
	struct ctxval *n = cpu_slot(&rx_entry);
	if (!n)
		return 0;
	n->lit_len = build_literal(n->lit, &st->last, vlen, &n->trunc);
	if (!n->lit_len)
		return 0;
	id = ((__u64)bpf_get_prandom_u32() << 32 | bpf_get_prandom_u32()) | 1;
	n->id = id;
	n->lhash = lit_hash(0, n->lit);
	if (bpf_map_update_elem(&chains, &id, n, BPF_NOEXIST))
		return 0;
	st->chain = id;
	return id;
}

/* trace id -> chain: the chain of the context the request came with (0: none, the
 * chain starts here), and the time, for the TTL. */
static __always_inline void remember_trace(struct rx_state *st, __u64 th, __u32 vlen)
{
	__u64 now = bpf_ktime_get_coarse_ns();   /* a tick is precise enough for a TTL; no clock read */
	__u64 chain = vlen ? conn_chain(st, vlen) : 0;
	struct tracev *e = bpf_map_lookup_elem(&trace_map, &th);

	if (e) {
		/* two 8-byte stores: a sender between them reads the chain before or after this
		 * request, as if it had run a moment earlier or later */
		if (e->chain != chain)
			e->chain = chain;
		e->ts = now;
		return;
	}
	/* no context and nothing remembered: a sender finding no entry starts the chain at
	 * this service, which is what the entry would say (origin traffic, a new trace id
	 * per request, then costs no map insertion) */
	if (!chain)
		return;
	struct tracev t = { .chain = chain, .ts = now };
	bpf_map_update_elem(&trace_map, &th, &t, BPF_ANY);
}

#endif

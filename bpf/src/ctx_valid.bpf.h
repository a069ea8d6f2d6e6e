/* Checks a received x-copper-ctx value against the format before it is propagated. */
#ifndef CTX_VALID_BPF_H
#define CTX_VALID_BPF_H

/* A context value we accept: optional '~', then 3-character tokens whose characters are
 * all base-64 digits (0-9 A-Z a-z - _). With fixed-width tokens and no separator, the
 * check is: the length after the flag is a multiple of 3 and every byte is a digit. */
struct vctx { struct ctxval *v; __u32 off, words; __u8 bad; };

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

#define WORDS_PER_ITER 4
static long valid_cb(__u32 i, void *vc)
{
	struct vctx *x = vc;
	struct ctxval *v = x->v;
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

static __always_inline int ctx_valid(struct ctxval *v)
{
	__u32 len = v->len;
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

#endif

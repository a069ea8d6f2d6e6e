// SPDX-License-Identifier: GPL-2.0
/* Copper context propagation: the four socket programs. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#define COPPER_BPF
#include "copper.h"
#include "maps.bpf.h"
#include "hpack.bpf.h"

#define SOL_TCP      6
#define TCP_NODELAY  1
#define FR_HEADERS   1
#define FR_PUSH      5
#define FR_CONT      9
#define FL_END_HEADERS 0x4
#define FL_PADDED      0x8
#define FL_PRIORITY    0x20
#define MAX_FRAME    16384   /* SETTINGS_MAX_FRAME_SIZE default; we never grow past it */
#define MAX_CONT     16      /* CONTINUATION frames per block we follow */
#define LINEARISE_MAX 32768

const volatile char preface[64] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

char LICENSE[] SEC("license") = "GPL";

/* ================= sockops: sockets into the sockhash ================= */

SEC("sockops")
int add_socket(struct bpf_sock_ops *skops)
{
	__u64 ck;
	int one = 1;

	switch (skops->op) {
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB: {
		__u32 z = 0;
		struct rx_state *tmpl = bpf_map_lookup_elem(&rx_zero, &z);
		ck = bpf_get_socket_cookie(skops);
		if (tmpl)
			bpf_map_update_elem(&rx_states, &ck, tmpl, BPF_ANY);
		break;
	}
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB: {
		struct bpf_sock *sk = skops->sk;
		if (!sk)
			return 1;
		struct tx_state *t = bpf_sk_storage_get(&tx_states, sk, 0,
							BPF_SK_STORAGE_GET_F_CREATE);
		if (t)
			t->dt.max = 4096;
		ck = bpf_get_socket_cookie(skops);
		break;
	}
	case BPF_SOCK_OPS_STATE_CB:
		if (skops->args[1] == BPF_TCP_CLOSE) {
			ck = bpf_get_socket_cookie(skops);
			bpf_map_delete_elem(&rx_states, &ck);
			bpf_map_delete_elem(&rx_pending, &ck);
		}
		return 1;
	default:
		return 1;
	}
	if (skops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB) {
		struct rx_state *r = bpf_map_lookup_elem(&rx_states, &ck);
		if (r)
			r->dt.max = 4096;
	}
	/* Inserted bytes leave as their own segment: without NODELAY, Nagle + delayed ACK stall. */
	bpf_setsockopt(skops, SOL_TCP, TCP_NODELAY, &one, sizeof(one));
	bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_STATE_CB_FLAG);
	if (bpf_sock_hash_update(skops, skops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB ?
				 (void *)&rx_socks : (void *)&tx_socks, &ck, BPF_NOEXIST) == 0)
		stat(ST_SOCKETS);
	return 1;
}

/* ================= receive side: remember trace id -> context ================= */

/* A context value we accept: optional '~', then tokens of 4 lowercase hex digits + '.'. */
struct vctx { struct ctxval *v; __u32 off, n; __u8 bad; };

static __always_inline int is_hex(__u8 c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static __always_inline int token_ok(struct ctxval *v, __u32 o)
{
	return is_hex(v->txt[o & (CTX_BUF - 1)]) && is_hex(v->txt[(o + 1) & (CTX_BUF - 1)]) &&
	       is_hex(v->txt[(o + 2) & (CTX_BUF - 1)]) && is_hex(v->txt[(o + 3) & (CTX_BUF - 1)]) &&
	       v->txt[(o + 4) & (CTX_BUF - 1)] == '.';
}

/* Eight tokens are 40 bytes = five u64 words with a fixed pattern: '.' at every fifth
 * byte, lowercase hex elsewhere. Checked a word at a time (SWAR): about 4x fewer
 * instructions than byte by byte, which matters at 255 tokens per request. */
#define VALID_PER_ITER 8
#define H8 0x8080808080808080ULL
#define B8(c) (0x0101010101010101ULL * (c))

static __always_inline int word_ok(__u64 x, __u64 dots)
{
	__u64 hexpos = ~dots;
	__u64 y = x | H8;
	__u64 digit = (y - B8(0x30)) & ~(y - B8(0x3a)) & H8;   /* '0' <= c <= '9' */
	__u64 alpha = (y - B8(0x61)) & ~(y - B8(0x67)) & H8;   /* 'a' <= c <= 'f' */
	if (x & H8)
		return 0;
	if ((x & dots) != (B8('.') & dots))
		return 0;
	return ((digit | alpha) & hexpos & H8) == (hexpos & H8);
}

static long valid_cb(__u32 i, void *vc)
{
	struct vctx *x = vc;
	struct ctxval *v = x->v;
	if (!v)
		return 1;
	if ((i + 1) * VALID_PER_ITER <= x->n) {
		__u32 o = x->off + i * VALID_PER_ITER * CTX_TOKEN_LEN;
		BOUND(o, 0, 1600);
		__u64 *w = (__u64 *)&v->txt[o];
		/* dots at group bytes 4,9,14,19,24,29,34,39 -> word 0 byte 4; word 1 bytes 1,6;
		 * word 2 bytes 3; word 3 bytes 0,5; word 4 bytes 2,7 */
		if (!word_ok(w[0], 0x000000ff00000000ULL) ||
		    !word_ok(w[1], 0x00ff00000000ff00ULL) ||
		    !word_ok(w[2], 0x00000000ff000000ULL) ||
		    !word_ok(w[3], 0x0000ff00000000ffULL) ||
		    !word_ok(w[4], 0xff00000000ff0000ULL)) {
			x->bad = 1;
			return 1;
		}
		return 0;
	}
	for (int k = 0; k < VALID_PER_ITER; k++) {
		__u32 t = i * VALID_PER_ITER + k;
		if (t >= x->n)
			return 1;
		if (!token_ok(v, x->off + t * CTX_TOKEN_LEN)) {
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
	x.n = len / CTX_TOKEN_LEN;
	bpf_loop((x.n + VALID_PER_ITER - 1) / VALID_PER_ITER, valid_cb, &x, 0);
	return !x.bad;
}

static __always_inline void rx_block_done(struct rx_state *st, struct hbuf *w)
{
	struct blk_res res = {};
	struct ctxval *cv = cpu_slot(&rx_ctx);
	if (!cv)
		return;
	parse_block(w, &st->dt, cv, &res);
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
	if (res.ctx_dyn) {
		stat(ST_CTX_DYN);
		return;
	}
	cv->len = 0;
	if (res.has_ctx) {
		stat(ST_RX_CTX);
		cv->len = res.ctx_len;
		if (!ctx_valid(cv)) {
			stat(ST_RX_BAD_CTX);
			cv->len = 0;
		}
	}
	cv->ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&trace_map, &res.th, cv, BPF_ANY);
}

struct rctx {
	struct __sk_buff *skb;
	struct rx_state *st;
	struct hbuf *w;
	struct cursor *k;
};

static __always_inline __u32 min32(__u32 a, __u32 b) { return a < b ? a : b; }

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
		if (st->end_headers) {
			st->in_block = 0;
			rx_block_done(st, w);
			w->len = 0;
		}
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
		} else {
			if (st->in_block)
				goto desync;
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

/* Matches the client preface at the start of the stream; anything else is not ours. */
static __always_inline int preface_step(__u8 *pre, __u8 *mode, __u8 *buf, __u32 n)
{
	__u32 got = *pre;
	BOUND(got, 0, 24);
	for (int k = 0; k < 24; k++) {
		if (k >= n || got + k >= 24)
			break;
		if (buf[k] != preface[(got + k) & 31]) {
			*mode = M_PASS;
			stat(ST_NOT_H2);
			return 0;
		}
	}
	*pre = got + n;
	if (*pre >= 24)
		*mode = M_H2;
	return n;
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

/* ================= send side ================= */

struct fctx {
	struct sk_msg_md *msg;
	struct tx_state *st;
	struct txwork *w;
	struct cursor *k;
	__u8 stop;          /* 1 = stop here, 2 = tail-call propagate_ctx */
};

/* The frame at pos needs `need` bytes from pos: send what precedes it (the program
 * runs again on the rest) or, at offset 0, hold the send back until they arrive. */
static __always_inline void tx_need_more(struct fctx *c, __u32 need)
{
	if (c->k->pos > 0) {
		bpf_msg_apply_bytes(c->msg, c->k->pos);
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

static __always_inline int frame_hdr(struct sk_msg_md *msg, __u32 off, __u32 *len,
				     __u8 *type, __u8 *flags)
{
	if (bpf_msg_pull_data(msg, off, off + 9, 0))
		return -1;
	__u8 *d = msg->data, *e = msg->data_end;
	if (d + 9 > e)
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
	if (frame_hdr(msg, b->at, &len, &type, &flags))
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
		if (bpf_msg_pull_data(msg, s, s + 1, 0))
			goto bad;
		__u8 *d = msg->data;
		if ((void *)(d + 1) > msg->data_end)
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
		if (bpf_msg_pull_data(msg, s, e, 0))
			goto bad;
		if (n > HB_MAX)
			goto bad;
		BOUND(n, 1, 16384);
		bpf_probe_read_kernel(&w->hb.d[off & HB_MASK], n, msg->data);
		w->hb.len = off + n;
	}
	if (flags & FL_END_HEADERS) {
		w->hdr_off = b->at;
		w->last_len = len;
		w->ins_off = e;
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
	if (frame_hdr(c->msg, c->k->pos, &len, &type, &flags))
		goto desync;
	if (type == FR_CONT || type == FR_PUSH)
		goto desync;
	if (type != FR_HEADERS) {
		c->k->pos += 9 + len;
		return 0;
	}

	struct bctx b = { .f = c, .at = c->k->pos };
	w->hb.len = 0;
	bpf_loop(MAX_CONT, blk_cb, &b, 0);
	if (b.fail == 1) {
		if (c->k->pos == 0 || b.need != 0)
			stat(ST_SPLIT);
		tx_need_more(c, b.need);
		return 1;
	}
	if (b.fail || !b.done)
		goto desync;

	struct blk_res res = {};
	parse_block(&w->hb, &st->dt, 0, &res);
	stat(ST_TX_REQS);
	if (res.err) {
		stat(res.err);
		goto desync;
	}
	if (res.has_trace) {
		stat(ST_TX_TRACE);
		if (res.has_ctx) {
			stat(ST_TX_HAS_CTX);
		} else {
			w->th = res.th;
			c->stop = 2;
			return 1;
		}
	}
	c->k->pos = w->blk_end;
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
	if (st->resuming) {
		/* tail-called back by propagate_ctx: continue after the block it extended */
		st->resuming = 0;
		st->cur.pos = st->resume;
		goto frames;
	}
	st->cur.pos = 0;
	st->hops = 0;
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
frames:
	c.st = st;
	c.w = cpu_slot(&tx_work);
	if (!c.w)
		return SK_PASS;
	bpf_loop(4096, tx_frame, &c, 0);
	if (c.stop == 2) {
		st->hops++;
		bpf_tail_call(msg, &progs, PROG_PROPAGATE);
		return SK_PASS;    /* tail call failed: send untouched */
	}
	if (!c.stop && c.k->pos > c.k->size)
		st->skip = c.k->pos - c.k->size;
	return SK_PASS;
}

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

/* Maps and per-connection state shared by the four programs. */
#ifndef MAPS_BPF_H
#define MAPS_BPF_H

#define HB_MASK   (HB_MAX - 1)
#define LINEARISE_MAX 32768   /* sends up to this size are made contiguous after insertions */
#define DT_MASK   (DT_N - 1)
#define FNV_OFF   0xcbf29ce484222325ULL   /* 64-bit FNV-1a: trace ids, values, literals */
#define FNV_PRIME 0x100000001b3ULL

enum { K_OTHER = 0, K_TRACE = 1, K_CTX = 2 };
enum { M_PREFACE = 0, M_H2 = 1, M_PASS = 2 };

/* Model of one HPACK dynamic table (one direction of one connection). We keep what
 * eviction needs (entry sizes) and what lookups need (is the name the trace header or
 * x-copper-ctx; for trace entries the hash of the trace id). */
struct dyntab {
	__u32 size, max, head, count;
	__u16 esize[DT_N];
	__u16 nlen[DT_N];
	__u8 kind[DT_N];
	__u64 th[DT_N];
};

/* A header block gathered from one or more frames. Twice HB_MAX so that a copy of up
 * to HB_MAX bytes at an offset below HB_MAX is provably in bounds. */
struct hbuf {
	__u32 len;
	__u32 zero;        /* never written: a 0 the verifier cannot see as a constant */
	__u8 d[2 * HB_MAX];
};

/* A chain: the x-copper-ctx literal this service inserts for the requests that arrived
 * with one context value on one connection (received chain, truncated if needed, plus
 * this service's token). Built once per distinct value per connection, never changed:
 * a connection whose value changes gets a new chain with a new random id. Many traces
 * share a chain, so a new trace id costs a small trace entry, not a literal. */
#define LIT_HDR   17        /* 0x00, 12, "x-copper-ctx", value length in 1 or 3 bytes */
#define LIT_MAX   (LIT_HDR + CTX_VAL_MAX)        /* 783 */
#define LIT_COPY  784                           /* LIT_MAX rounded up to 8 */
struct ctxval {
	__u64 id;
	__u64 lhash;       /* hash of lit[]: a sender checks its copy against it */
	__u32 lit_len;
	__u8 trunc, _p[3];
	__u8 lit[LIT_COPY];
};

/* trace map value: which chain the trace's requests carry downstream (0: it starts
 * here) and when a request of it last arrived. */
struct tracev {
	__u64 chain;
	__u64 ts;
};

/* A received context value (Huffman-decoded, or the connection's last valid one: then
 * hash is its value hash and coded the hash of its Huffman-coded form, if it came so). */
struct valbuf {
	__u32 len;
	__u32 _pad;
	__u64 hash;
	__u64 coded;
	__u8 txt[CTX_BUF];
};

/* Position in the current send/segment. Kept in map memory, not on the stack: the
 * verifier then sees unknown values and the bpf_loop bodies converge. */
struct cursor { __u32 pos, size; };

/* Send side (client sockets), in socket storage. */
struct tx_state {
	__u8 mode, pre, _p[2];
	__u32 skip;        /* payload bytes of a frame begun in an earlier send */
	__u32 cork_need;   /* we corked until the send reaches this many bytes */
	__u32 _p2;
	struct cursor cur;
	struct dyntab dt;
};

/* Receive side (server sockets), keyed by socket cookie (sk_skb cannot use socket storage). */
enum { PH_HDR = 0, PH_PREFIX, PH_FRAG, PH_SKIP };
struct rx_state {
	__u8 mode, pre, phase, fhlen;
	__u8 in_block, end_headers, want_pad, pending;
	__u8 fh[16];
	__u32 left;        /* bytes left in the current phase */
	__u32 frame_left;  /* payload bytes of the current header frame not yet consumed */
	__u32 pad;         /* padding bytes after the fragment */
	__u32 _p;
	struct cursor cur;
	struct dyntab dt;
	struct valbuf last;   /* the last valid context value seen on this connection */
	__u64 chain;          /* the chain built for it (0: none yet) */
};

/* Send-side work area: the gathered block and the insertions found in this send, which
 * propagate_ctx makes in one rebuild of the send (a push per request would cost a page
 * and a scatterlist element, and so a TCP segment, each). */
#define MAX_INS 16
struct insertion {
	__u64 th;          /* trace id hash */
	__u32 hdr_off;     /* header of the frame that ends the block */
	__u32 last_len;    /* its payload length */
	__u32 ins_off;     /* where the block's last fragment ends (before padding) */
	__u32 end;         /* end of the block's last frame */
	__u8 trunc, _p[3]; /* its chain was truncated at the origin */
};
struct txwork {
	struct hbuf hb;
	__u32 blk_end;     /* end of the block being parsed */
	__u32 n_ins;
	__u32 apply_at;    /* send only this much now (before insertions), 0 = all */
	__u32 zero;        /* never written: a 0 the verifier cannot see as a constant */
	struct insertion ins[MAX_INS];
};

/* The rewritten send is built here (original bytes with the literals between them),
 * then copied into one new scatterlist element that replaces the original bytes. */
#define BUILD_MASK (LINEARISE_MAX - 1)
#define TXB_MASK   (2 * LINEARISE_MAX - 1)
struct txbuf {
	__u8 d[2 * LINEARISE_MAX + 128];
};

/* Two sockhashes by role, so each socket only pays for the direction we parse: accepted
 * sockets get the receive verdict (their sends stay on the plain TCP path), connecting
 * sockets get the send verdict (their receives stay plain). */
struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, __u64);
} rx_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, __u64);
} tx_socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct tx_state);
} tx_states SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct rx_state);
} rx_states SEC(".maps");

/* Receive-side header blocks that span segments; deleted when the block ends. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1024);
	__type(key, __u64);
	__type(value, struct hbuf);
} rx_pending SEC(".maps");

/* trace id hash -> chain. LRU: bounded, oldest evicted; entries also expire by TTL. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct tracev);
} trace_map SEC(".maps");

/* chain id -> literal. LRU: a chain no trace uses any more ages out. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct ctxval);
} chains SEC(".maps");

/* Per-CPU scratch (plain arrays indexed by CPU: values exceed the per-CPU size limit). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct txwork);
} tx_work SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct txbuf);
} tx_buf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct hbuf);
} rx_work SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct ctxval);
} rx_entry SEC(".maps");      /* a chain being built */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct valbuf);
} rx_val SEC(".maps");        /* a Huffman-coded context value, decoded */

/* Zeroed templates for creating per-socket state (too big for the stack). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rx_state);
} rx_zero SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, ST__N);
	__type(key, __u32);
	__type(value, __u64);
} cw_stats SEC(".maps");

/* 0: propagate_ctx */
enum { PROG_PROPAGATE = 0 };
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} progs SEC(".maps");

const volatile struct cw_config cfg = {};
const volatile __u32 htab8[HUFF_STATES * 256] = {};   /* byte-at-a-time Huffman decoder */
const volatile __u16 hfast[64] = {};                  /* 5- and 6-bit codes (copper.h) */

/* Clamps v into [lo, hi] in the very register later passed to a helper: clang otherwise
 * checks bounds on a copy and the verifier loses them. */
#define BOUND(v, lo, hi) asm volatile("if %0 >= " #lo " goto +1; %0 = " #lo "; " \
				      "if %0 <= " #hi " goto +1; %0 = " #hi : "+r"(v))

/* FNV-1a over the LIT_COPY bytes of a literal, 8 at a time; copies them to dst if dst is
 * not NULL (the sender hashes what it copied, in the same pass). */
static __always_inline __u64 lit_hash(__u8 *dst, const __u8 *src)
{
	__u64 h = FNV_OFF;
#pragma unroll
	for (int k = 0; k < LIT_COPY / 8; k++) {
		__u64 x = ((const __u64 *)src)[k];
		if (dst)
			((__u64 *)dst)[k] = x;
		h = (h ^ x) * FNV_PRIME;
	}
	return h;
}

/* Copies n bytes (a constant) in 8-, 4-, 2- and 1-byte moves: __builtin_memcpy through
 * byte pointers becomes one load and one store per byte in BPF. */
#define COPY(dst, src, n) do { \
	void *_d = (dst); const void *_s = (src); \
	_Pragma("unroll") \
	for (int _k = 0; _k < (n) / 8; _k++) \
		((__u64 *)_d)[_k] = ((const __u64 *)_s)[_k]; \
	if ((n) & 4) \
		*(__u32 *)(_d + ((n) & ~7)) = *(const __u32 *)(_s + ((n) & ~7)); \
	if ((n) & 2) \
		*(__u16 *)(_d + ((n) & ~3)) = *(const __u16 *)(_s + ((n) & ~3)); \
	if ((n) & 1) \
		*(__u8 *)(_d + ((n) & ~1)) = *(const __u8 *)(_s + ((n) & ~1)); \
} while (0)

static __always_inline void stat_add(__u32 k, __u64 n)
{
	__u64 *v = bpf_map_lookup_elem(&cw_stats, &k);
	if (v)
		*v += n;
}

static __always_inline void stat(__u32 k)
{
	stat_add(k, 1);
}

static __always_inline void *cpu_slot(void *map)
{
	__u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(map, &cpu);
}

#endif

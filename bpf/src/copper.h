/* Shared between the BPF programs and the loader: configuration, counters, limits. */
#ifndef COPPER_H
#define COPPER_H

/* x-copper-ctx value: optional '~' (chain truncated at the origin end), then one
 * token per service, origin first: the id in 3 base-64 digits, most significant first,
 * digits "0-9A-Za-z-_" (CTX_DIGITS), e.g. id 1 -> "001", 300 -> "04i": "00104i". */
#define CTX_HDR_NAME      "x-copper-ctx"
#define CTX_DIGITS        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
#define CTX_TOKEN_LEN     3
#define CTX_MAX_IDS       255
#define CTX_VAL_MAX       (1 + CTX_MAX_IDS * CTX_TOKEN_LEN)   /* 766 */
#define CTX_BUF           1024                                 /* power of two >= value */

#define NAME_MAX_LEN      32        /* trace header name, raw or Huffman-coded */
#define HB_MAX            16384     /* largest header block parsed (power of two) */
#define DT_N              256       /* dynamic-table slots: 8192-byte table / 32 */
#define HUFF_STATES       256

/* Read-only configuration written by the loader before load. */
struct cw_config {
	unsigned int svc_id;
	unsigned int trace_ttl_ms;      /* trace map entries older than this are ignored */
	unsigned char tname[NAME_MAX_LEN];
	unsigned char tname_h[NAME_MAX_LEN];  /* the same name Huffman-coded */
	unsigned char cname_h[NAME_MAX_LEN];  /* "x-copper-ctx" Huffman-coded */
	unsigned char tname_len, tname_h_len, cname_h_len;
	unsigned char trace_sep;        /* trace id = field trace_field of the value split on trace_sep */
	unsigned char trace_field;
	unsigned char own_token[CTX_TOKEN_LEN];  /* this service as a token, "00g" for 16 */
};

/* Nibble-at-a-time Huffman decoder entry (loader): next state, symbol, flags. */
#define HF_SYM     (1u << 16)
#define HF_FAIL    (1u << 17)
#define HF_ACCEPT  (1u << 18)
/* Byte-at-a-time entry (programs), two nibble steps composed: next state (bits 0-7), up
 * to two symbols (8-15, 16-23; no code is shorter than 5 bits), their count, flags. */
#define HB_SYMS(e) (((e) >> 24) & 3)
#define HB_FAIL    (1u << 26)
#define HB_ACCEPT  (1u << 27)
/* Short-code entry (programs' fast path), indexed by the next 6 coded bits: the symbol
 * (bits 0-7) and its code length (bits 8-11) when that code is 5 or 6 bits long; 0 when
 * the bits begin a longer code. Digits, lower-case hex and '-' (trace ids) all have
 * 5- or 6-bit codes. */
#define HF6_SYM(e) ((e) & 0xff)
#define HF6_LEN(e) (((e) >> 8) & 15)

enum cw_stat {
	ST_SOCKETS = 0,     /* sockets put in the sockhash */
	ST_RX_REQS,         /* request header blocks parsed on receive */
	ST_RX_TRACE,        /* ... carrying a trace id (remembered) */
	ST_RX_CTX,          /* ... carrying an x-copper-ctx value */
	ST_RX_BAD_CTX,      /* x-copper-ctx value malformed: ignored */
	ST_TX_REQS,         /* request header blocks parsed on send */
	ST_TX_TRACE,        /* ... carrying a trace id */
	ST_TX_INSERTED,     /* x-copper-ctx inserted */
	ST_TX_TRUNCATED,    /* ... with the chain truncated at the origin */
	ST_TX_HAS_CTX,      /* request already had x-copper-ctx: left alone */
	ST_TX_TOO_BIG,      /* insertion would exceed the 16384-byte frame: left alone */
	ST_NOT_H2,          /* connections that are not prior-knowledge HTTP/2: passed through */
	ST_DESYNC,          /* connections given up (unparsable HPACK/framing): passed through */
	ST_HUFF_ERR,        /* invalid Huffman string seen */
	ST_OVERSIZE,        /* header block larger than HB_MAX */
	ST_TABLE_ERR,       /* dynamic table index or size we cannot follow */
	ST_SPLIT,           /* header frames that arrived split over several sends/segments */
	ST_CORKED,          /* sends held back until a header frame was complete */
	ST_CTX_DYN,         /* x-copper-ctx re-sent as a dynamic-table index (not readable) */
	ST_TRACE_EXPIRED,   /* trace map entry found but past its TTL */
	ST_TX_CTX_BUSY,     /* a chain's element recycled while it was copied: chain restarted */
	ST_TX_NO_ROOM,      /* a send's insertions left out: no memory to grow it in one piece */
	ST_CHAIN_GONE,      /* a trace's chain was evicted from the chain map: chain restarted */
	ST_SVC_ID,          /* not a counter: the service id of this instance (slot on CPU 0) */
	ST__N
};

#ifndef COPPER_BPF
static const char *const cw_stat_names[ST__N] = {
	"sockets", "rx_requests", "rx_with_trace", "rx_with_ctx", "rx_bad_ctx",
	"tx_requests", "tx_with_trace", "tx_inserted", "tx_truncated", "tx_had_ctx",
	"tx_too_big", "conn_not_h2", "conn_desync", "huffman_errors", "oversize_blocks",
	"table_errors", "split_header_frames", "corked_sends", "ctx_dyn_indexed",
	"trace_expired", "tx_ctx_busy", "tx_no_room", "chain_gone", "service_id",
};
#endif

#endif

/* Builds the decoder state machine from the RFC 7541 code: one state per internal node
 * of the code tree, 16 transitions (one per nibble), each emitting at most one symbol
 * (the shortest code is 5 bits). A state is accepting when the bits since the last
 * symbol are all ones and fewer than 8 (valid EOS padding). */
#include "huffman.h"
#include "hpack_huffman.h"
#include "copper.h"
#include <string.h>

#define NODES 600

struct tree {
	int child[NODES][2];
	int sym[NODES];      /* -1 for internal nodes */
	int accept[NODES];
	int state[NODES];    /* internal-node number, -1 for leaves */
	int n;
};

static int build_tree(struct tree *t)
{
	memset(t, 0, sizeof(*t));
	for (int i = 0; i < NODES; i++) { t->child[i][0] = t->child[i][1] = -1; t->sym[i] = -1; }
	t->n = 1;
	t->accept[0] = 1;
	for (int s = 0; s < 257; s++) {
		int cur = 0, len = hpack_huff_len[s];
		for (int b = len - 1; b >= 0; b--) {
			int bit = (hpack_huff_code[s] >> b) & 1;
			if (t->child[cur][bit] < 0) {
				if (t->n >= NODES)
					return -1;
				int nn = t->n++;
				int depth = len - b;
				t->child[cur][bit] = nn;
				/* all-ones path so far and shorter than 8 bits: valid padding */
				t->accept[nn] = t->accept[cur] && bit == 1 && depth < 8;
			}
			cur = t->child[cur][bit];
		}
		t->sym[cur] = s;
	}
	int k = 0;
	for (int i = 0; i < t->n; i++)
		t->state[i] = t->sym[i] < 0 ? k++ : -1;
	return k == HUFF_STATES ? 0 : -1;
}

static struct tree tree;

int huff_build_table(uint32_t *table)
{
	if (build_tree(&tree))
		return -1;
	for (int node = 0; node < tree.n; node++) {
		if (tree.sym[node] >= 0)
			continue;
		for (int nib = 0; nib < 16; nib++) {
			int cur = node, sym = -1, fail = 0;
			for (int b = 3; b >= 0; b--) {
				cur = tree.child[cur][(nib >> b) & 1];
				if (cur < 0) { fail = 1; break; }
				if (tree.sym[cur] >= 0) {
					if (tree.sym[cur] == 256) { fail = 1; break; }
					sym = tree.sym[cur];
					cur = 0;
				}
			}
			uint32_t e;
			if (fail)
				e = HF_FAIL;
			else
				e = (uint32_t)tree.state[cur] | (sym >= 0 ? HF_SYM | ((uint32_t)sym << 8) : 0) |
				    (tree.accept[cur] ? HF_ACCEPT : 0);
			table[tree.state[node] * 16 + nib] = e;
		}
	}
	return 0;
}

int huff_encode(const char *s, size_t n, unsigned char *out, size_t cap)
{
	uint64_t acc = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		acc = (acc << hpack_huff_len[c]) | hpack_huff_code[c];
		bits += hpack_huff_len[c];
		while (bits >= 8) {
			if (o >= cap)
				return -1;
			out[o++] = acc >> (bits - 8);
			bits -= 8;
		}
	}
	if (bits) {
		if (o >= cap)
			return -1;
		out[o++] = (acc << (8 - bits)) | ((1u << (8 - bits)) - 1);
	}
	return (int)o;
}

int huff_decode(const uint32_t *table, const unsigned char *in, size_t n, char *out, size_t cap)
{
	uint32_t st = 0, accept = 1;
	size_t o = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		uint32_t nib = i & 1 ? in[i / 2] & 15 : in[i / 2] >> 4;
		uint32_t e = table[st * 16 + nib];
		if (e & HF_FAIL)
			return -1;
		if (e & HF_SYM) {
			if (o >= cap)
				return -1;
			out[o++] = (e >> 8) & 0xff;
		}
		st = e & 0xff;
		accept = !!(e & HF_ACCEPT);
	}
	return accept ? (int)o : -1;
}

void huff_build_byte_table(const uint32_t *nib, uint32_t *bytes)
{
	for (uint32_t st = 0; st < HUFF_STATES; st++)
		for (uint32_t b = 0; b < 256; b++) {
			uint32_t e1 = nib[st * 16 + (b >> 4)], e = 0, n = 0;
			if (!(e1 & HF_FAIL)) {
				uint32_t e2 = nib[(e1 & 0xff) * 16 + (b & 15)];
				if (e1 & HF_SYM)
					e |= ((e1 >> 8) & 0xff) << (8 + 8 * n++);
				if (e2 & HF_FAIL) {
					e = HB_FAIL;
				} else {
					if (e2 & HF_SYM)
						e |= ((e2 >> 8) & 0xff) << (8 + 8 * n++);
					e |= (e2 & 0xff) | (n << 24) | (e2 & HF_ACCEPT ? HB_ACCEPT : 0);
				}
			} else {
				e = HB_FAIL;
			}
			bytes[st * 256 + b] = e;
		}
}

int huff_decode_bytes(const uint32_t *bytes, const unsigned char *in, size_t n, char *out, size_t cap)
{
	uint32_t st = 0, accept = 1;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t e = bytes[st * 256 + in[i]];
		if (e & HB_FAIL)
			return -1;
		for (uint32_t k = 0; k < HB_SYMS(e); k++) {
			if (o >= cap)
				return -1;
			out[o++] = (e >> (8 + 8 * k)) & 0xff;
		}
		st = e & 0xff;
		accept = !!(e & HB_ACCEPT);
	}
	return accept ? (int)o : -1;
}

int huff_code_len(int sym)
{
	return hpack_huff_len[sym & 0xff];
}

void huff_build_short_table(uint16_t *t)
{
	memset(t, 0, 64 * sizeof(*t));
	for (int s = 0; s < 256; s++) {
		int len = hpack_huff_len[s];
		if (len > 6)
			continue;
		uint32_t base = hpack_huff_code[s] << (6 - len);
		for (uint32_t x = 0; x < (1u << (6 - len)); x++)
			t[base + x] = (uint16_t)(s | (len << 8));
	}
}

int huff_decode_short(const uint16_t *t, const unsigned char *in, size_t n, char *out, size_t cap)
{
	uint64_t acc = 0;
	uint32_t bits = 0;
	size_t pos = 0, o = 0;
	for (;;) {
		if (bits < 6 && pos < n) {
			acc = (acc << 8) | in[pos++];
			bits += 8;
		}
		if (bits == 0)
			return (int)o;
		uint32_t peek = bits >= 6 ? (acc >> (bits - 6)) & 63 :
			((acc << (6 - bits)) | ((1u << (6 - bits)) - 1)) & 63;   /* padded with ones */
		uint16_t e = t[peek];
		if (e && HF6_LEN(e) <= bits) {
			if (o >= cap)
				return -1;
			out[o++] = (char)HF6_SYM(e);
			bits -= HF6_LEN(e);
			continue;
		}
		uint64_t ones = (1ull << bits) - 1;
		if (pos >= n && bits < 8 && (acc & ones) == ones)
			return (int)o;         /* EOS padding */
		return e || bits >= 6 ? -2 : -1;
	}
}

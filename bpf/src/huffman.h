/* HPACK Huffman helpers for the loader: the BPF decoder table and name encoding. */
#ifndef HUFFMAN_H
#define HUFFMAN_H
#include <stddef.h>
#include <stdint.h>

/* Fills table[256*16] with the nibble-at-a-time decoder used by the programs. */
int huff_build_table(uint32_t *table);
/* Huffman-encodes s into out (EOS-padded); returns the length or -1 if it does not fit. */
int huff_encode(const char *s, size_t n, unsigned char *out, size_t cap);
/* Decodes with the nibble table (used by the self-check); returns length or -1. */
int huff_decode(const uint32_t *table, const unsigned char *in, size_t n, char *out, size_t cap);
/* Fills bytes[256*256] from the nibble table: the byte-at-a-time decoder of the programs. */
void huff_build_byte_table(const uint32_t *nib, uint32_t *bytes);
/* Decodes with the byte table, as the programs do (self-check); returns length or -1. */
int huff_decode_bytes(const uint32_t *bytes, const unsigned char *in, size_t n, char *out, size_t cap);
/* Bit length of a symbol's code. */
int huff_code_len(int sym);
/* Fills t[64], the programs' short-code table (5- and 6-bit codes, see copper.h). */
void huff_build_short_table(uint16_t *t);
/* Decodes with the short-code table, as the programs' fast path does (self-check):
 * length, -1 if invalid, -2 if a code longer than 6 bits occurs (the programs then use
 * the byte table). */
int huff_decode_short(const uint16_t *t, const unsigned char *in, size_t n, char *out, size_t cap);

#endif

/* HTTP/2 framing constants and the client connection preface. */
#ifndef H2_BPF_H
#define H2_BPF_H

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
#define MAX_FRAMES   4096    /* frames walked per run of find_header */

const volatile char preface[64] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

static __always_inline __u32 min32(__u32 a, __u32 b) { return a < b ? a : b; }

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

#endif

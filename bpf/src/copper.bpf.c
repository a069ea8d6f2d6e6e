// SPDX-License-Identifier: GPL-2.0
/* Copper context propagation: the four socket programs. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#define COPPER_BPF
#include "copper.h"
#include "maps.bpf.h"
#include "hpack.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* One object, one file per program (they share maps and helpers). */
#include "h2.bpf.h"
#include "add_socket.bpf.h"
#include "ctx_value.bpf.h"
#include "parse_rx.bpf.h"
#include "find_header.bpf.h"
#include "propagate_ctx.bpf.h"

/* Benchmark aid (COPPER_BENCH_FLOOR=1): verdicts that do nothing, to measure what the
 * kernel's socket-map send and receive paths cost by themselves. */
SEC("sk_msg")
int empty_msg(struct sk_msg_md *msg)
{
	return SK_PASS;
}

SEC("sk_skb")
int empty_skb(struct __sk_buff *skb)
{
	return SK_PASS;
}

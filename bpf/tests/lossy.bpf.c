#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
/* Test aid: drops LOSS_PCT % of the TCP data segments arriving on lo (in a test netns). */
#ifndef LOSS_PCT
#define LOSS_PCT 5
#endif
SEC("tc")
int lossy(struct __sk_buff *skb)
{
	void *d = (void *)(long)skb->data, *e = (void *)(long)skb->data_end;
	struct ethhdr *eth = d;
	if ((void *)(eth + 1) > e || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > e || ip->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	struct tcphdr *t = (void *)ip + ip->ihl * 4;
	if ((void *)(t + 1) > e)
		return TC_ACT_OK;
	__u32 hl = ip->ihl * 4 + t->doff * 4;
	if (bpf_ntohs(ip->tot_len) <= hl)
		return TC_ACT_OK;
	if (bpf_get_prandom_u32() % 100 < LOSS_PCT)
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
char LICENSE[] SEC("license") = "GPL";

/* sockops: the service's TCP sockets into the sockhashes, TCP_NODELAY, per-socket state. */
#ifndef ADD_SOCKET_BPF_H
#define ADD_SOCKET_BPF_H

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

#endif

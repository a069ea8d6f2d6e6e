/* `copper-bpf attach`: load, configure, attach, wait, detach. */
#ifndef ATTACH_H
#define ATTACH_H

struct attach_opts {
	const char *cgroup, *trace_header, *deployment, *service, *pidfile;
	long svc_id;
	unsigned long ttl_ms, trace_entries;
	int daemon;
};

/* Fills the read-only configuration: names (raw and Huffman), trace id field, own token. */

int do_attach(struct attach_opts *o);
/* Prints "copper-bpf: <message>" on stderr and returns 2 (the exit code for bad input). */
int die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

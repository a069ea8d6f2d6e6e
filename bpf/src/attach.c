/* Loads the programs for one service, configures them, attaches them to its cgroup and
 * stays until a signal; everything is released with the loader's references. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>

#include "copper.h"
#include "copper.skel.h"
#include "deployment.h"
#include "huffman.h"
#include "attach.h"

int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "copper-bpf: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	return 2;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig) { stop = 1; }

static int libbpf_quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	if (lvl == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static int configure(struct copper_bpf *skel, const struct attach_opts *o)
{
	struct cw_config *c = (struct cw_config *)&skel->rodata->cfg;
	size_t tl = strlen(o->trace_header);
	int n;

	if (tl == 0 || tl > NAME_MAX_LEN)
		return die("--trace-header must be 1..%d characters", NAME_MAX_LEN);
	for (size_t i = 0; i < tl; i++) {
		char ch = o->trace_header[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return die("--trace-header '%s': HTTP/2 header names are lowercase token characters",
				   o->trace_header);
	}
	memcpy(c->tname, o->trace_header, tl);
	c->tname_len = tl;
	n = huff_encode(o->trace_header, tl, c->tname_h, NAME_MAX_LEN);
	if (n < 0)
		return die("--trace-header too long once Huffman-coded");
	c->tname_h_len = n;
	n = huff_encode(CTX_HDR_NAME, strlen(CTX_HDR_NAME), c->cname_h, NAME_MAX_LEN);
	c->cname_h_len = n;
	/* W3C: 00-<trace-id>-<parent-id>-<flags>; Jaeger: <trace-id>:<span>:<parent>:<flags> */
	if (!strcmp(o->trace_header, "traceparent")) {
		c->trace_sep = '-';
		c->trace_field = 1;
	} else {
		c->trace_sep = ':';
		c->trace_field = 0;
	}
	c->svc_id = o->svc_id;
	c->trace_ttl_ms = o->ttl_ms;
	static const char digits[] = CTX_DIGITS;
	c->own_token[0] = digits[(o->svc_id >> 12) & 63];
	c->own_token[1] = digits[(o->svc_id >> 6) & 63];
	c->own_token[2] = digits[o->svc_id & 63];
	static uint32_t nib[HUFF_STATES * 16];
	if (huff_build_table(nib))
		return die("internal error: Huffman table");
	huff_build_byte_table(nib, (uint32_t *)skel->rodata->htab8);
	/* self-check: both decoders must read back what the encoder wrote, for every octet */
	unsigned char enc[1024];
	char all[256 + 56], dec[sizeof(all)];
	const char *probe = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	memcpy(all + 256, probe, 55);
	int el = huff_encode(all, 256 + 55, enc, sizeof(enc));
	int dl = huff_decode(nib, enc, el, dec, sizeof(dec));
	int bl = el < 0 || dl != 256 + 55 || memcmp(dec, all, dl) ? -1 :
		 huff_decode_bytes((uint32_t *)skel->rodata->htab8, enc, el, dec, sizeof(dec));
	if (bl != 256 + 55 || memcmp(dec, all, bl))
		return die("internal error: Huffman self-check failed");
	/* the short-code table: every 5- and 6-bit symbol, a trace id, and a string with a
	 * longer code (must send the programs to the byte table, not decode wrongly) */
	huff_build_short_table((uint16_t *)skel->rodata->hfast);
	char shortsyms[64], back[sizeof(all)];
	int ns = 0;
	for (int i = 0; i < 256; i++)
		if (huff_code_len(i) <= 6)
			shortsyms[ns++] = (char)i;
	const char *cases[] = { shortsyms, probe, "00-4bf92fX577b3" };
	const int lens[] = { ns, 55, 15 }, want[] = { ns, 55, -2 };
	for (int k = 0; k < 3; k++) {
		el = huff_encode(cases[k], lens[k], enc, sizeof(enc));
		dl = el < 0 ? -3 : huff_decode_short((uint16_t *)skel->rodata->hfast, enc, el, back, sizeof(back));
		if (dl != want[k] || (dl > 0 && memcmp(back, cases[k], dl)))
			return die("internal error: Huffman short-code self-check failed (case %d)", k);
	}
	return 0;
}

static int check_cgroup(const char *dir)
{
	struct statfs fs;
	struct stat st;
	if (stat(dir, &st))
		return die("cgroup %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return die("cgroup %s: not a directory", dir);
	if (statfs(dir, &fs))
		return die("cgroup %s: %s", dir, strerror(errno));
	if (fs.f_type != CGROUP2_SUPER_MAGIC)
		return die("cgroup %s: not on a cgroup v2 file system", dir);
	return 0;
}

int do_attach(struct attach_opts *o)
{
	struct copper_bpf *skel = NULL;
	struct bpf_link *link = NULL;
	int cg_fd = -1, err = 1, ready[2] = { -1, -1 };

	if (o->deployment) {
		struct deployment_entry e;
		char msg[600];
		if (!o->service)
			return die("--deployment needs --service NAME");
		if (deployment_find(o->deployment, o->service, &e, msg, sizeof(msg)))
			return die("%s", msg);
		o->svc_id = e.id;
		if (!o->cgroup && strcmp(e.cgroup, "-"))
			o->cgroup = strdup(e.cgroup);
	}
	if (!o->cgroup)
		return die("missing --cgroup DIR (or a cgroup path in the deployment file)");
	if (o->svc_id < 0)
		return die("missing --service-id N (or --deployment FILE --service NAME)");
	if (check_cgroup(o->cgroup))
		return 2;

	libbpf_set_print(libbpf_quiet);
	skel = copper_bpf__open();
	if (!skel)
		return die("cannot open BPF object: %s", strerror(errno));
	if (configure(skel, o))
		goto out;
	int ncpu = libbpf_num_possible_cpus();
	if (ncpu <= 0 || ncpu > 256) {
		die("unsupported number of CPUs %d", ncpu);
		goto out;
	}
	bpf_map__set_max_entries(skel->maps.tx_work, ncpu);
	bpf_map__set_max_entries(skel->maps.tx_buf, ncpu);
	bpf_map__set_max_entries(skel->maps.rx_work, ncpu);
	bpf_map__set_max_entries(skel->maps.rx_entry, ncpu);
	bpf_map__set_max_entries(skel->maps.rx_val, ncpu);
	bpf_map__set_max_entries(skel->maps.trace_map, o->trace_entries);
	/* one chain per distinct context value per incoming connection; traces share them.
	 * Never more than traces; at least 256 per CPU (the LRU keeps free slots per CPU) */
	unsigned long chains = 256ul * ncpu > 4096 ? 256ul * ncpu : 4096;
	bpf_map__set_max_entries(skel->maps.chains, o->trace_entries < chains ? o->trace_entries : chains);
	/* COPPER_VERIFIER_STATS=1 prints the verifier's cost of each program (development aid) */
	static char vlog[4][4096];
	struct bpf_program *vp[4] = { skel->progs.add_socket, skel->progs.parse_rx,
				      skel->progs.find_header, skel->progs.propagate_ctx };
	int vstats = getenv("COPPER_VERIFIER_STATS") != NULL;
	if (vstats)
		for (int i = 0; i < 4; i++) {
			bpf_program__set_log_level(vp[i], 4);
			bpf_program__set_log_buf(vp[i], vlog[i], sizeof(vlog[i]));
		}
	if (copper_bpf__load(skel)) {
		if (vstats)
			for (int i = 0; i < 4; i++)
				fprintf(stderr, "%s: %s", bpf_program__name(vp[i]), vlog[i]);
		die("loading the programs failed: %s (are you root on a BPF-enabled kernel?)",
		    strerror(errno));
		goto out;
	}
	if (vstats)
		for (int i = 0; i < 4; i++)
			fprintf(stderr, "%s: %s", bpf_program__name(vp[i]), vlog[i]);
	{
		__u32 k = ST_SVC_ID;
		__u64 vals[ncpu];
		memset(vals, 0, sizeof(vals));
		vals[0] = o->svc_id;
		bpf_map__update_elem(skel->maps.cw_stats, &k, sizeof(k), vals, sizeof(vals), 0);
		__u32 zero = 0;
		int pfd = bpf_program__fd(skel->progs.propagate_ctx);
		if (bpf_map__update_elem(skel->maps.progs, &zero, sizeof(zero), &pfd, sizeof(pfd), 0)) {
			die("cannot install the tail call: %s", strerror(errno));
			goto out;
		}
	}
	/* COPPER_BENCH_FLOOR=1 (benchmark aid): sockets take the socket-map send and receive
	 * paths with programs that do nothing */
	int floor = getenv("COPPER_BENCH_FLOOR") != NULL;
	/* the map programs first, so sockets enter an already-armed sockhash */
	if (bpf_prog_attach(bpf_program__fd(floor ? skel->progs.empty_skb : skel->progs.parse_rx),
			    bpf_map__fd(skel->maps.rx_socks),
			    BPF_SK_SKB_VERDICT, 0)) {
		die("attaching parse_rx: %s", strerror(errno));
		goto out;
	}
	if (bpf_prog_attach(bpf_program__fd(floor ? skel->progs.empty_msg : skel->progs.find_header),
			    bpf_map__fd(skel->maps.tx_socks),
			    BPF_SK_MSG_VERDICT, 0)) {
		die("attaching find_header: %s", strerror(errno));
		goto out;
	}
	cg_fd = open(o->cgroup, O_RDONLY | O_DIRECTORY);
	if (cg_fd < 0) {
		die("cgroup %s: %s", o->cgroup, strerror(errno));
		goto out;
	}

	if (o->daemon) {
		if (pipe(ready)) {
			die("pipe: %s", strerror(errno));
			goto out;
		}
		pid_t pid = fork();
		if (pid < 0) {
			die("fork: %s", strerror(errno));
			goto out;
		}
		if (pid > 0) {      /* parent: report once the child is attached */
			char c = 0;
			close(ready[1]);
			if (read(ready[0], &c, 1) != 1 || c != 'y')
				return die("daemon failed to attach");
			printf("copper-bpf: daemon %d attached service %ld to %s\n", pid, o->svc_id, o->cgroup);
			return 0;
		}
		close(ready[0]);
		setsid();
	}
	link = bpf_program__attach_cgroup(skel->progs.add_socket, cg_fd);
	if (!link) {
		die("attaching add_socket to %s: %s", o->cgroup, strerror(errno));
		goto out;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (o->pidfile) {
		FILE *pf = fopen(o->pidfile, "w");
		if (pf) {
			fprintf(pf, "%d\n", getpid());
			fclose(pf);
		}
	}
	if (o->daemon) {
		if (write(ready[1], "y", 1) != 1) { /* parent gone: keep going */ }
		close(ready[1]);
		int nul = open("/dev/null", O_RDWR);
		if (nul >= 0) {
			dup2(nul, 0); dup2(nul, 1); dup2(nul, 2);
			close(nul);
		}
	} else {
		printf("copper-bpf: attached service %ld to %s (trace header %s)\n", o->svc_id,
		       o->cgroup, o->trace_header);
		fflush(stdout);
	}
	while (!stop)
		pause();
	err = 0;
out:
	/* the link, the sockhash and its programs all go with these references */
	bpf_link__destroy(link);
	if (cg_fd >= 0)
		close(cg_fd);
	copper_bpf__destroy(skel);
	if (o->pidfile && !err)
		unlink(o->pidfile);
	if (!o->daemon && !err)
		printf("copper-bpf: detached\n");
	return err ? 2 : 0;
}

/* copper-bpf: command line of the context-propagation loader (attach, stats). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "deployment.h"
#include "stats.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: copper-bpf attach --cgroup DIR --service-id N [--trace-header H] [--daemon]\n"
		"       copper-bpf attach --deployment FILE --service NAME [--cgroup DIR] [...]\n"
		"           [--ttl-ms MS]   trace map entries expire after MS (default 30000)\n"
		"           [--trace-entries N]  trace map size, oldest evicted (default 16384)\n"
		"           [--pidfile F]   write the loader's pid to F once attached\n"
		"       copper-bpf stats [--service-id N]\n"
		"       copper-bpf deployment FILE   check a deployment file; print 'name id cgroup' per service\n");
}

static int parse_uint(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi || s[0] == '-')
		return -1;
	*out = v;
	return 0;
}

static int print_entry(const struct deployment_entry *e, void *arg)
{
	(void)arg;
	printf("%s %u %s\n", e->name, e->id, e->cgroup);
	return 0;
}

/* `copper-bpf deployment FILE`: the parser `attach --deployment` uses, over the whole file, so
 * the build's tests can read back what the Java side wrote. */
static int list_deployment(int argc, char **argv)
{
	char err[1024];
	if (argc != 3) {
		fprintf(stderr, "copper-bpf: usage: copper-bpf deployment FILE\n");
		return 2;
	}
	if (deployment_each(argv[2], print_entry, NULL, err, sizeof(err))) {
		fprintf(stderr, "copper-bpf: %s\n", err);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "cgroup", required_argument, 0, 'c' },
		{ "service-id", required_argument, 0, 'i' },
		{ "trace-header", required_argument, 0, 't' },
		{ "deployment", required_argument, 0, 'D' },
		{ "service", required_argument, 0, 's' },
		{ "ttl-ms", required_argument, 0, 'T' },
		{ "pidfile", required_argument, 0, 'p' },
		{ "trace-entries", required_argument, 0, 'E' },
		{ "daemon", no_argument, 0, 'd' },
		{ "help", no_argument, 0, 'h' },
		{ 0 },
	};
	struct attach_opts o = { .trace_header = "traceparent", .svc_id = -1, .ttl_ms = 30000,
				  .trace_entries = 16384 };
	unsigned long v;
	int ch;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "deployment"))
		return list_deployment(argc, argv);
	if (strcmp(cmd, "attach") && strcmp(cmd, "stats")) {
		fprintf(stderr, "copper-bpf: unknown command '%s'\n", cmd);
		usage(stderr);
		return 2;
	}
	optind = 2;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'c': o.cgroup = optarg; break;
		case 'i':
			if (parse_uint(optarg, 1, 65535, &v))
				return die("--service-id '%s': expected an integer in 1..65535", optarg);
			o.svc_id = v;
			break;
		case 't': o.trace_header = optarg; break;
		case 'D': o.deployment = optarg; break;
		case 's': o.service = optarg; break;
		case 'T':
			if (parse_uint(optarg, 1, 86400000, &v))
				return die("--ttl-ms '%s': expected milliseconds in 1..86400000", optarg);
			o.ttl_ms = v;
			break;
		case 'p': o.pidfile = optarg; break;
		case 'E':
			if (parse_uint(optarg, 16, 1u << 20, &v))
				return die("--trace-entries '%s': expected 16..1048576", optarg);
			o.trace_entries = v;
			break;
		case 'd': o.daemon = 1; break;
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr, "copper-bpf: bad option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "copper-bpf: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	if (!strcmp(cmd, "stats"))
		return print_stats(o.svc_id);
	return do_attach(&o);
}

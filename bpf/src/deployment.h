/* The eBPF deployment data written by `./copper build`: one service per line. */
#ifndef DEPLOYMENT_H
#define DEPLOYMENT_H

struct deployment_entry {
	char name[128];
	unsigned int id;
	char cgroup[512];
};

/* Calls fn for every entry of `file`, in file order, after checking the whole line (and that no
 * name or id repeats). fn returns nonzero to stop early. Returns 0, or -1 with "file:line: ..." in err. */
int deployment_each(const char *file, int (*fn)(const struct deployment_entry *, void *), void *arg,
		    char *err, int errlen);

/* Finds `service` in `file` (every line is still checked). Returns 0 and fills *out, or -1 with a message in err. */
int deployment_find(const char *file, const char *service, struct deployment_entry *out,
		    char *err, int errlen);

#endif

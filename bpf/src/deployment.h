/* The eBPF deployment data written by `./copper build`: one service per line. */
#ifndef DEPLOYMENT_H
#define DEPLOYMENT_H

struct deployment_entry {
	char name[128];
	unsigned int id;
	char cgroup[512];
};

/* Finds `service` in `file`. Returns 0 and fills *out, or -1 with a message in err. */
int deployment_find(const char *file, const char *service, struct deployment_entry *out,
		    char *err, int errlen);

#endif

/* Format (documented in README): lines "service-name id cgroup-path", '#' starts a
 * comment, blank lines are ignored, id is decimal 1..65535, the cgroup path may be "-".
 * Every line is checked, not only the one looked for: a file `./copper build` wrote and
 * this parser read differently would attach a service under the wrong id. */
#include "deployment.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int deployment_each(const char *file, int (*fn)(const struct deployment_entry *, void *), void *arg,
		    char *err, int errlen)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	int lineno = 0;
	/* names and ids seen so far, to reject duplicates (files are small: one line per service) */
	static unsigned char id_seen[65536];
	char (*names)[128] = NULL;
	int count = 0, cap = 0, rc = 0;

	if (!f) {
		snprintf(err, errlen, "cannot open deployment file %s: %s", file, strerror(errno));
		return -1;
	}
	memset(id_seen, 0, sizeof(id_seen));
	while (fgets(line, sizeof(line), f)) {
		char name[128], id[32], cg[512], extra[2];
		char *hash = strchr(line, '#');
		struct deployment_entry e;
		lineno++;
		if (hash)
			*hash = 0;
		int n = sscanf(line, "%127s %31s %511s %1s", name, id, cg, extra);
		if (n <= 0)
			continue;
		if (n < 2 || n > 3) {
			snprintf(err, errlen, "%s:%d: expected 'service-name id cgroup-path'", file, lineno);
			rc = -1;
			break;
		}
		char *end;
		unsigned long v = strtoul(id, &end, 10);
		if (*end || id[0] == '-' || v < 1 || v > 65535) {
			snprintf(err, errlen, "%s:%d: service id '%s' is not in 1..65535", file, lineno, id);
			rc = -1;
			break;
		}
		if (id_seen[v]) {
			snprintf(err, errlen, "%s:%d: service id %lu is given twice", file, lineno, v);
			rc = -1;
			break;
		}
		id_seen[v] = 1;
		for (int i = 0; i < count; i++)
			if (!strcmp(names[i], name)) {
				snprintf(err, errlen, "%s:%d: service '%s' is listed twice", file, lineno, name);
				rc = -1;
				goto out;
			}
		if (count == cap) {
			cap = cap ? 2 * cap : 64;
			void *grown = realloc(names, cap * sizeof(*names));
			if (!grown) {
				snprintf(err, errlen, "out of memory reading %s", file);
				rc = -1;
				break;
			}
			names = grown;
		}
		snprintf(names[count++], sizeof(*names), "%s", name);
		snprintf(e.name, sizeof(e.name), "%s", name);
		e.id = v;
		snprintf(e.cgroup, sizeof(e.cgroup), "%s", n == 3 ? cg : "-");
		if (fn(&e, arg))
			break; /* the caller has what it wanted */
	}
out:
	free(names);
	fclose(f);
	return rc;
}

struct find_arg {
	const char *service;
	struct deployment_entry *out;
	int found;
};

static int find_one(const struct deployment_entry *e, void *arg)
{
	struct find_arg *a = arg;
	if (a->found || strcmp(e->name, a->service))
		return 0;
	*a->out = *e;
	a->found = 1;
	return 0; /* keep reading: the rest of the file must be valid too */
}

int deployment_find(const char *file, const char *service, struct deployment_entry *out,
		    char *err, int errlen)
{
	struct find_arg a = { service, out, 0 };
	if (deployment_each(file, find_one, &a, err, errlen))
		return -1;
	if (!a.found) {
		snprintf(err, errlen, "service '%s' not found in %s", service, file);
		return -1;
	}
	return 0;
}

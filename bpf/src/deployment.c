/* Format (documented in README): lines "service-name id cgroup-path", '#' starts a
 * comment, blank lines are ignored, id is decimal 1..65535, the cgroup path may be "-". */
#include "deployment.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int deployment_find(const char *file, const char *service, struct deployment_entry *out,
		    char *err, int errlen)
{
	FILE *f = fopen(file, "r");
	char line[1024];
	int lineno = 0;

	if (!f) {
		snprintf(err, errlen, "cannot open deployment file %s: %s", file, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[128], id[32], cg[512];
		char *hash = strchr(line, '#');
		lineno++;
		if (hash)
			*hash = 0;
		int n = sscanf(line, "%127s %31s %511s", name, id, cg);
		if (n <= 0)
			continue;
		if (n < 2) {
			snprintf(err, errlen, "%s:%d: expected 'service-name id cgroup-path'", file, lineno);
			fclose(f);
			return -1;
		}
		if (strcmp(name, service))
			continue;
		char *end;
		unsigned long v = strtoul(id, &end, 10);
		if (*end || v < 1 || v > 65535) {
			snprintf(err, errlen, "%s:%d: service id '%s' is not in 1..65535", file, lineno, id);
			fclose(f);
			return -1;
		}
		snprintf(out->name, sizeof(out->name), "%s", name);
		out->id = v;
		snprintf(out->cgroup, sizeof(out->cgroup), "%s", n == 3 ? cg : "-");
		fclose(f);
		return 0;
	}
	fclose(f);
	snprintf(err, errlen, "service '%s' not found in %s", service, file);
	return -1;
}

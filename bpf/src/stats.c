/* Finds the instances by their counter map (name "cw_stats") so that stats works from
 * any process without pins that could be left behind. */
#include "stats.h"
#include "copper.h"
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int print_stats(int only_id)
{
	__u32 id = 0;
	int ncpu = libbpf_num_possible_cpus(), found = 0;
	if (ncpu <= 0)
		return 1;
	__u64 vals[ncpu];

	while (bpf_map_get_next_id(id, &id) == 0) {
		int fd = bpf_map_get_fd_by_id(id);
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);
		if (fd < 0)
			continue;
		if (bpf_obj_get_info_by_fd(fd, &info, &len) || strcmp(info.name, "cw_stats") ||
		    info.max_entries != ST__N) {
			close(fd);
			continue;
		}
		__u64 sum[ST__N] = {};
		for (__u32 k = 0; k < ST__N; k++) {
			if (bpf_map_lookup_elem(fd, &k, vals) == 0)
				for (int c = 0; c < ncpu; c++)
					sum[k] += k == ST_SVC_ID ? (c == 0 ? vals[c] : 0) : vals[c];
		}
		close(fd);
		if (only_id >= 0 && sum[ST_SVC_ID] != (__u64)only_id)
			continue;
		found++;
		printf("service %llu (map id %u)\n", (unsigned long long)sum[ST_SVC_ID], id);
		for (int k = 0; k < ST__N; k++)
			if (k != ST_SVC_ID)
				printf("  %-22s %llu\n", cw_stat_names[k], (unsigned long long)sum[k]);
	}
	if (!found) {
		fprintf(stderr, "copper-bpf: no attached instance found%s\n",
			only_id >= 0 ? " for that service id" : "");
		return 1;
	}
	return 0;
}

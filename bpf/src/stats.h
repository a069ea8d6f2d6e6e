/* `copper-bpf stats`: prints the counters of every running instance. */
#ifndef STATS_H
#define STATS_H
int print_stats(int only_id);
#endif

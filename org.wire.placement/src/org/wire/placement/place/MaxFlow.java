package org.wire.placement.place;

import java.util.Arrays;

/** Dinic's maximum flow on a graph with long capacities; used for the LP relaxation of weighted vertex cover. */
final class MaxFlow {
    static final long INF = Long.MAX_VALUE / 4;
    private final int n;
    private int[] head, next, to;
    private long[] cap;
    private int arcs;
    private int[] level, iter, queue;

    MaxFlow(int nodes, int expectedArcs) {
        n = nodes;
        head = new int[nodes];
        Arrays.fill(head, -1);
        next = new int[expectedArcs * 2];
        to = new int[expectedArcs * 2];
        cap = new long[expectedArcs * 2];
    }

    void addArc(int u, int v, long c) {
        if (arcs + 2 > to.length) {
            int len = to.length * 2 + 4;
            next = Arrays.copyOf(next, len);
            to = Arrays.copyOf(to, len);
            cap = Arrays.copyOf(cap, len);
        }
        to[arcs] = v; cap[arcs] = c; next[arcs] = head[u]; head[u] = arcs++;
        to[arcs] = u; cap[arcs] = 0; next[arcs] = head[v]; head[v] = arcs++;
    }

    long run(int s, int t) {
        long flow = 0;
        level = new int[n];
        iter = new int[n];
        queue = new int[n];
        while (bfs(s, t)) {
            System.arraycopy(head, 0, iter, 0, n);
            flow += dfs(s, t, INF);
        }
        return flow;
    }

    /** After {@link #run}: whether node v is reachable from s in the residual graph. */
    boolean[] residualReachable(int s) {
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = s;
        seen[s] = true;
        while (top > 0) {
            int u = stack[--top];
            for (int a = head[u]; a >= 0; a = next[a]) {
                if (cap[a] > 0 && !seen[to[a]]) {
                    seen[to[a]] = true;
                    stack[top++] = to[a];
                }
            }
        }
        return seen;
    }

    /** Levels by distance from s, up to the sink's level (longer paths wait for a later phase). */
    private boolean bfs(int s, int t) {
        Arrays.fill(level, -1);
        int qh = 0, qt = 0;
        queue[qt++] = s;
        level[s] = 0;
        while (qh < qt) {
            int u = queue[qh++];
            if (level[t] >= 0 && level[u] >= level[t]) {
                break;
            }
            for (int a = head[u]; a >= 0; a = next[a]) {
                if (cap[a] > 0 && level[to[a]] < 0) {
                    level[to[a]] = level[u] + 1;
                    queue[qt++] = to[a];
                }
            }
        }
        return level[t] >= 0;
    }

    /**
     * Pushes up to f from u to t along the level graph, through as many arcs as it takes (a blocking flow in one
     * call from the source); a node that can push nothing more is taken out of the level graph. Recursion depth is
     * the sink's level: short here (the networks are doubled implication graphs of a few hundred nodes).
     */
    private long dfs(int u, int t, long f) {
        if (u == t) {
            return f;
        }
        long pushed = 0;
        for (; iter[u] >= 0; iter[u] = next[iter[u]]) {
            int a = iter[u];
            int v = to[a];
            if (cap[a] > 0 && level[v] == level[u] + 1) {
                long d = dfs(v, t, Math.min(f - pushed, cap[a]));
                if (d > 0) {
                    cap[a] -= d;
                    cap[a ^ 1] += d;
                    pushed += d;
                    if (pushed == f) {
                        return pushed;
                    }
                }
            }
        }
        level[u] = -1;
        return pushed;
    }
}

package org.wire.placement.place;

/**
 * Exact minimum-weight vertex cover by branch and bound, for components that are a plain weighted vertex cover
 * after preprocessing (P1 on one dataplane; P1+P2 on istio+cilium). SAT4J's linear search on the objective has
 * no LP bound and could not prove optimality on 200+-service kernels within a minute (issue 11). Here every
 * search node solves the LP relaxation by max-flow on the bipartite double cover: its value bounds the node,
 * and Nemhauser–Trotter fixes every vertex at LP value 0 or 1 (exact: some optimal cover of the subproblem
 * agrees with them). Branching is on a vertex of highest remaining degree: in the cover, or out of it with
 * all its neighbours in. Each node's LP, rounded up and pruned of redundant vertices, is an incumbent.
 */
final class VertexCoverSearch {
    record Cover(boolean[] in, boolean optimal) {}

    private static final byte FREE = 0, IN = 1, OUT = 2;
    private final int n;
    private final long[] weight;
    private final int[][] adj;
    private final long deadlineNanos;
    private long best = Long.MAX_VALUE;
    private byte[] bestState;
    private boolean timedOut;

    private VertexCoverSearch(long[] weight, int[][] adj, long deadlineNanos) {
        this.n = weight.length;
        this.weight = weight;
        this.adj = adj;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * @param weight non-negative weight per vertex
     * @param adj    neighbours per vertex (symmetric, no self-loops)
     * @param forced vertices that must be in the cover (state IN) or must stay out (OUT), else FREE
     */
    static Cover solve(long[] weight, int[][] adj, byte[] forced, long deadlineNanos) {
        VertexCoverSearch s = new VertexCoverSearch(weight, adj, deadlineNanos);
        s.branch(forced.clone(), 0);
        if (s.bestState == null) {
            return null; // no cover exists (an OUT vertex next to an OUT vertex) or no time to find one
        }
        boolean[] in = new boolean[s.n];
        for (int v = 0; v < s.n; v++) {
            in[v] = s.bestState[v] == IN;
        }
        return new Cover(in, !s.timedOut);
    }

    static byte in() {
        return IN;
    }

    static byte out() {
        return OUT;
    }

    private void branch(byte[] st, int depth) {
        SearchNodes.COUNT.increment();
        if (System.nanoTime() > deadlineNanos && bestState != null) {
            timedOut = true;
            return;
        }
        if (!propagate(st)) {
            return;
        }
        // LP bound and Nemhauser–Trotter fixing, repeated while it fixes something
        while (true) {
            long fixed = cost(st);
            if (fixed >= best) {
                return;
            }
            int[] id = new int[n];
            int count = 0;
            int[] verts = new int[n];
            for (int v = 0; v < n; v++) {
                id[v] = -1;
                if (st[v] == FREE && hasFreeNeighbour(st, v)) {
                    id[v] = count;
                    verts[count++] = v;
                }
            }
            if (count == 0) {
                for (int v = 0; v < n; v++) {
                    if (st[v] == FREE) {
                        st[v] = OUT; // every edge at v is covered by its other end
                    }
                }
                long c = cost(st);
                if (c < best) {
                    best = c;
                    bestState = st.clone();
                }
                return;
            }
            int src = 2 * count, sink = 2 * count + 1;
            MaxFlow flow = new MaxFlow(2 * count + 2, 8 * count);
            for (int i = 0; i < count; i++) {
                flow.addArc(src, i, weight[verts[i]]);
                flow.addArc(count + i, sink, weight[verts[i]]);
                for (int u : adj[verts[i]]) {
                    if (id[u] >= 0) {
                        flow.addArc(i, count + id[u], MaxFlow.INF);
                    }
                }
            }
            long twiceLp = flow.run(src, sink);
            if (fixed + (twiceLp + 1) / 2 >= best) {
                return;
            }
            boolean[] reach = flow.residualReachable(src);
            roundUp(st, verts, count, reach);
            if (fixed + (twiceLp + 1) / 2 >= best) {
                return;
            }
            boolean changed = false;
            for (int i = 0; i < count; i++) {
                int x2 = (reach[i] ? 0 : 1) + (reach[count + i] ? 1 : 0);
                if (x2 == 2) {
                    st[verts[i]] = IN;
                    changed = true;
                } else if (x2 == 0) {
                    st[verts[i]] = OUT;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            if (!propagate(st)) {
                return;
            }
        }
        int pick = -1, pickDeg = -1;
        for (int v = 0; v < n; v++) {
            if (st[v] == FREE) {
                int d = freeDegree(st, v);
                if (d > pickDeg) {
                    pick = v;
                    pickDeg = d;
                }
            }
        }
        byte[] in = st.clone();
        in[pick] = IN;
        byte[] out = st;
        out[pick] = OUT;
        // in first: with the rounded LP as incumbent, measured on the denser family (30 graphs) P1 573 -> 439 nodes
        // (largest 125 -> 63), P1+P2 276 -> 228; out first had found good covers sooner before the rounding existed
        branch(in, depth + 1);
        branch(out, depth + 1);
    }

    /**
     * An incumbent from the node's half-integral LP: every vertex at 1/2 or 1 in the cover, then vertices whose
     * neighbours are all in the cover taken out again, heaviest first. A good cover early lets the bound prune.
     */
    private void roundUp(byte[] st, int[] verts, int count, boolean[] reach) {
        boolean[] in = new boolean[n];
        for (int v = 0; v < n; v++) {
            in[v] = st[v] == IN;
        }
        for (int i = 0; i < count; i++) {
            if ((reach[i] ? 0 : 1) + (reach[count + i] ? 1 : 0) >= 1) {
                in[verts[i]] = true;
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = verts[i];
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(weight[b], weight[a]));
        for (int v : order) {
            if (in[v] && st[v] != IN && allIn(in, v)) {
                in[v] = false;
            }
        }
        long c = 0;
        for (int v = 0; v < n; v++) {
            if (in[v]) {
                c += weight[v];
            } else if (!allIn(in, v)) {
                return; // a free vertex without free neighbours is out, and its edges are covered by the other ends
            }
        }
        if (c < best) {
            best = c;
            bestState = new byte[n];
            for (int v = 0; v < n; v++) {
                bestState[v] = in[v] ? IN : OUT;
            }
        }
    }

    private boolean allIn(boolean[] in, int v) {
        for (int u : adj[v]) {
            if (!in[u]) {
                return false;
            }
        }
        return true;
    }

    /** Neighbours of OUT vertices go IN; false when two OUT vertices are adjacent. */
    private boolean propagate(byte[] st) {
        for (int v = 0; v < n; v++) {
            if (st[v] == OUT) {
                for (int u : adj[v]) {
                    if (st[u] == OUT) {
                        return false;
                    }
                    st[u] = IN;
                }
            }
        }
        return true;
    }

    private boolean hasFreeNeighbour(byte[] st, int v) {
        for (int u : adj[v]) {
            if (st[u] == FREE) {
                return true;
            }
        }
        return false;
    }

    private int freeDegree(byte[] st, int v) {
        int d = 0;
        for (int u : adj[v]) {
            if (st[u] == FREE) {
                d++;
            }
        }
        return d;
    }

    private long cost(byte[] st) {
        long c = 0;
        for (int v = 0; v < n; v++) {
            if (st[v] == IN) {
                c += weight[v];
            }
        }
        return c;
    }
}

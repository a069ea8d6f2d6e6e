package org.wire.placement.place;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact branch and bound for components whose coverage pairs carry <i>different</i> dataplane masks (mixed policy
 * sets: header policies on {istio, haproxy}, a mesh-wide deny any dataplane runs, pinned routing). Each service picks
 * one option from a bit set (dataplanes, plus {@link #NONE} for "no sidecar"); a pair (u, w, K) needs u or w on a
 * dataplane of K. SAT4J's linear search has no bound to prove such kernels optimal (issue 11).
 *
 * <p>The bound: per service s, one 0/1 variable z[s][M] for each distinct set M = K ∩ options(s) of its live pairs
 * ("s runs a dataplane of M"). Pairs become 2-clauses z[u][M] ∨ z[w][M']; M ⊂ M' gives z[M] → z[M'], disjoint
 * sets exclude each other. The cost of s is underestimated linearly in z (exactly when its sets are laminar: each
 * set pays its cheapest option minus its parent's). That is a minimum-weight 2-SAT, whose LP relaxation is
 * half-integral and solved by one min cut on the doubled implication network; with every service exact, the
 * variables at 0 or 1 can be fixed (persistency, as Nemhauser–Trotter for vertex cover). Branching splits one
 * service's options into M and the rest, which also makes overlapping sets laminar.
 */
final class MaskedCoverSearch {
    /** The "no sidecar" option bit. */
    static final long NONE = 1L << 62;

    record Result(int[] option, boolean optimal) {}

    private final long[][] cost; // per service, per dataplane
    private final int[] pu, pw;
    private final long[] pk;
    private final int[][] pairsOf;
    private final MaskedCoverHeuristic heuristic;
    /** Per pair, the other pairs between the same two services. */
    private final int[][] sameEnds;
    /** 0..pairs-1: where propagation starts when every pair may need it (read only). */
    private final int[] allPairs;
    private final int n;
    private final long deadlineNanos;
    private long best = Long.MAX_VALUE;
    private long[] bestOpts;
    private boolean timedOut;
    private long nodes;
    private long rootBound = -1;

    private MaskedCoverSearch(int n, long[][] cost, int[] pu, int[] pw, long[] pk, long deadlineNanos) {
        this.n = n;
        this.cost = cost;
        this.pu = pu;
        this.pw = pw;
        this.pk = pk;
        this.deadlineNanos = deadlineNanos;
        allPairs = java.util.stream.IntStream.range(0, pu.length).toArray();
        int[] deg = new int[n];
        for (int i = 0; i < pu.length; i++) {
            deg[pu[i]]++;
            if (pw[i] != pu[i]) {
                deg[pw[i]]++;
            }
        }
        pairsOf = new int[n][];
        for (int s = 0; s < n; s++) {
            pairsOf[s] = new int[deg[s]];
        }
        Arrays.fill(deg, 0);
        for (int i = 0; i < pu.length; i++) {
            pairsOf[pu[i]][deg[pu[i]]++] = i;
            if (pw[i] != pu[i]) {
                pairsOf[pw[i]][deg[pw[i]]++] = i;
            }
        }
        heuristic = new MaskedCoverHeuristic(n, cost, pu, pw, pk, pairsOf);
        sameEnds = new int[pu.length][];
        java.util.Map<Long, List<Integer>> byEnds = new java.util.HashMap<>();
        for (int i = 0; i < pu.length; i++) {
            byEnds.computeIfAbsent((long) Math.min(pu[i], pw[i]) * n + Math.max(pu[i], pw[i]), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < pu.length; i++) {
            List<Integer> group = byEnds.get((long) Math.min(pu[i], pw[i]) * n + Math.max(pu[i], pw[i]));
            final int self = i;
            sameEnds[i] = group.stream().mapToInt(Integer::intValue).filter(j -> j != self).toArray();
        }
    }

    /**
     * @param options per service: bits of the dataplanes it may run, plus {@link #NONE} when it may have no sidecar
     * @param cost    per service, per dataplane (non-negative): cost[s][t]
     * @param pu      pair ends (service indices); {@code pw}: the other ends; {@code pk}: the pair's dataplane mask
     * @return the chosen dataplane per service (-1: none), or null when no placement exists or none was found in time
     */
    static Result solve(long[] options, long[][] cost, int[] pu, int[] pw, long[] pk, long deadlineNanos) {
        MaskedCoverSearch s = new MaskedCoverSearch(options.length, cost, pu, pw, pk, deadlineNanos);
        s.branch(options.clone());
        if (Boolean.getBoolean("wire.debug")) {
            System.err.println("masked cover search: " + options.length + " services, " + pu.length + " pairs, " + s.nodes + " nodes, root bound " + s.rootBound + " best " + s.best);
        }
        if (s.bestOpts == null) {
            return null;
        }
        int[] option = new int[s.n];
        for (int v = 0; v < s.n; v++) {
            option[v] = s.cheapest(v, s.bestOpts[v]);
        }
        return new Result(option, !s.timedOut);
    }

    private void branch(long[] opts) {
        nodes++;
        SearchNodes.COUNT.increment();
        if (System.nanoTime() > deadlineNanos) {
            timedOut = true;
        }
        if (timedOut || !propagate(opts, allPairs)) {
            return;
        }
        Relaxation r;
        while (true) {
            r = new Relaxation(opts);
            if (r.base >= best) {
                return;
            }
            if (r.vars == 0) {
                best = r.base;
                bestOpts = opts.clone();
                return;
            }
            long twice = r.solve();
            if (rootBound < 0) {
                rootBound = r.base + (twice + 1) / 2;
            }
            if (r.base + (twice + 1) / 2 >= best) {
                return;
            }
            if (roundRelaxation(opts, r) && r.base + (twice + 1) / 2 >= best) {
                return;
            }
            if (r.integral()) {
                long[] sol = r.integralOptions(opts);
                long c = costOf(sol);
                if (c < best) {
                    best = c;
                    bestOpts = sol;
                }
                if (c == r.base + twice / 2) {
                    return; // the relaxation's optimum is a placement: this node is solved
                }
            }
            if (!r.exact || !r.fix(opts)) {
                break;
            }
            if (!propagate(opts, allPairs)) {
                return;
            }
        }
        if (splitIntoComponents(opts)) {
            return;
        }
        // split one service's options on one of its sets: first a set overlapping another one at a service whose
        // sets are not laminar (both children are then laminar there; at the service with the most live pairs),
        // else a set the LP leaves at one half, with the most clauses to other half variables (then the most live
        // pairs at its service): on the denser family with P1 + a mesh-wide deny 1,191 -> 954 nodes, largest 287 -> 188
        int pick = -1;
        long pickScore = -1;
        int[] halfDeg = new int[r.vars];
        for (int[] c : r.clauses) {
            int a = Math.abs(c[0]) - 1, b = Math.abs(c[1]) - 1;
            if (r.value(a) == 1 && r.value(b) == 1) {
                halfDeg[a]++;
                halfDeg[b]++;
            }
        }
        for (int v = 0; v < r.vars; v++) {
            int s = r.service[v];
            long score = !r.laminar[s] ? (r.overlaps(v) ? (2L << 40) + r.live[s] : -1) : r.value(v) == 1 ? (1L << 40) + ((long) halfDeg[v] << 20) + r.live[s] : 0;
            if (score > pickScore) {
                pick = v;
                pickScore = score;
            }
        }
        int s = r.service[pick];
        long m = r.set[pick];
        long[] in = opts.clone();
        in[s] &= m;
        long[] out = opts;
        out[s] &= ~m;
        // "in" first: measured on the denser family with P1 + a mesh-wide deny, it finds good placements sooner
        // (largest search 6,158 -> 841 nodes)
        branch(in);
        branch(out);
    }

    /**
     * Rounds the node's relaxation up into a placement ({@link MaskedCoverHeuristic}) and keeps it when it is the
     * best so far; true then. Measured on the denser family with P1 + a mesh-wide deny (30 graphs, 24–329
     * services): 3,466 -> 1,191 search nodes, the largest search 841 -> 287.
     */
    private boolean roundRelaxation(long[] opts, Relaxation r) {
        int[] h = heuristic.round(opts, r.wanted());
        long c = h == null ? Long.MAX_VALUE : heuristic.costOf(h);
        if (h == null || c >= best) {
            return false;
        }
        best = c;
        bestOpts = new long[n];
        for (int v = 0; v < n; v++) {
            bestOpts[v] = h[v] < 0 ? NONE : 1L << h[v];
        }
        return true;
    }

    /**
     * When the live pairs fall into several independent parts, solves each part on its own (the cost is a sum, so
     * their optima add up): without this, branching in one part would repeat the search of every other part.
     * False when there is only one part.
     */
    private boolean splitIntoComponents(long[] opts) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        boolean[] involved = new boolean[n];
        List<Integer> livePairs = new ArrayList<>();
        for (int i = 0; i < pu.length; i++) {
            if (!satisfied(opts, i)) {
                livePairs.add(i);
                involved[pu[i]] = involved[pw[i]] = true;
                int a = find(parent, pu[i]), b = find(parent, pw[i]);
                if (a != b) {
                    parent[Math.max(a, b)] = Math.min(a, b);
                }
            }
        }
        java.util.Map<Integer, List<Integer>> parts = new java.util.TreeMap<>();
        for (int v = 0; v < n; v++) {
            if (involved[v]) {
                parts.computeIfAbsent(find(parent, v), k -> new ArrayList<>()).add(v);
            }
        }
        if (parts.size() < 2) {
            return false;
        }
        long total = 0;
        for (int v = 0; v < n; v++) {
            if (!involved[v]) {
                total += minCost(v, opts[v]);
            }
        }
        long[] combined = opts.clone();
        int[] local = new int[n];
        java.util.Map<Integer, List<Integer>> pairsOfPart = new java.util.HashMap<>();
        for (int i : livePairs) {
            pairsOfPart.computeIfAbsent(find(parent, pu[i]), k -> new ArrayList<>()).add(i);
        }
        for (var e : parts.entrySet()) {
            List<Integer> svc = e.getValue();
            long[] subOpts = new long[svc.size()];
            long[][] subCost = new long[svc.size()][];
            for (int k = 0; k < svc.size(); k++) {
                local[svc.get(k)] = k;
                subOpts[k] = opts[svc.get(k)];
                subCost[k] = cost[svc.get(k)];
            }
            List<Integer> ps = pairsOfPart.get(e.getKey());
            int[] su = new int[ps.size()], sw = new int[ps.size()];
            long[] sk = new long[ps.size()];
            for (int k = 0; k < ps.size(); k++) {
                su[k] = local[pu[ps.get(k)]];
                sw[k] = local[pw[ps.get(k)]];
                sk[k] = pk[ps.get(k)];
            }
            MaskedCoverSearch sub = new MaskedCoverSearch(svc.size(), subCost, su, sw, sk, deadlineNanos);
            sub.branch(subOpts);
            nodes += sub.nodes;
            timedOut |= sub.timedOut;
            if (sub.bestOpts == null) {
                return true; // this part has no placement (or none in time): neither has the node
            }
            total += sub.best;
            for (int k = 0; k < svc.size(); k++) {
                combined[svc.get(k)] = sub.bestOpts[k];
            }
        }
        if (total < best) {
            best = total;
            bestOpts = combined;
        }
        return true;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }


    private boolean satisfied(long[] opts, int i) {
        return forcedIn(opts[pu[i]], pk[i]) || forcedIn(opts[pw[i]], pk[i]);
    }

    private static boolean forcedIn(long o, long k) {
        return o != 0 && (o & ~k) == 0;
    }

    /** Unit propagation: a pair one end of which cannot serve forces the other end into the mask. */
    private boolean propagate(long[] opts, int[] start) {
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        for (int i : start) {
            work.add(i);
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            if (satisfied(opts, i)) {
                continue;
            }
            boolean cu = (opts[pu[i]] & pk[i]) == 0, cw = (opts[pw[i]] & pk[i]) == 0;
            if (cu && cw) {
                return false;
            }
            int force = cu ? pw[i] : cw ? pu[i] : pu[i] == pw[i] ? pu[i] : -1;
            if (force >= 0) {
                opts[force] &= pk[i];
                for (int j : pairsOf[force]) {
                    work.add(j);
                }
            }
        }
        return true;
    }

    private long costOf(long[] opts) {
        long c = 0;
        for (int s = 0; s < opts.length; s++) {
            c += minCost(s, opts[s]);
        }
        return c;
    }

    /** The cheapest dataplane in {@code o} at service s, or -1 when {@code o} allows no sidecar. */
    private int cheapest(int s, long o) {
        return cheapest(cost, s, o);
    }

    /** The cheapest dataplane in {@code o} at service s under {@code cost[s][t]}, or -1 when {@code o} allows no sidecar. */
    static int cheapest(long[][] cost, int s, long o) {
        if ((o & NONE) != 0) {
            return -1;
        }
        int best = -1;
        for (long b = o; b != 0; b &= b - 1) {
            int t = Long.numberOfTrailingZeros(b);
            if (best < 0 || cost[s][t] < cost[s][best]) {
                best = t;
            }
        }
        return best;
    }

    private long minCost(int s, long set) {
        int t = cheapest(s, set);
        return t < 0 ? 0 : cost[s][t];
    }

    /** The min-weight 2-SAT relaxation of one node. */
    private final class Relaxation {
        final long base;
        int vars;
        final List<Integer> serviceList = new ArrayList<>();
        final List<Long> setList = new ArrayList<>();
        final List<Long> weightList = new ArrayList<>();
        final int[] live = new int[n];
        final boolean[] laminar = new boolean[n];
        boolean exact = true;
        int[] service;
        long[] set;
        long[] weight;
        final List<int[]> clauses = new ArrayList<>(); // {a, b}: literal v+1 (true) or -(v+1) (false), a ∨ b
        private final int[] firstVar = new int[n];
        private final int[] varCount = new int[n];
        private boolean[] reach;

        Relaxation(long[] opts) {
            long b = 0;
            for (int s = 0; s < n; s++) {
                b += minCost(s, opts[s]);
                laminar[s] = true;
            }
            base = b;
            for (int s = 0; s < n; s++) {
                firstVar[s] = serviceList.size();
                List<Long> sets = new ArrayList<>();
                for (int i : pairsOf[s]) {
                    if (!satisfied(opts, i)) {
                        live[s]++;
                        long m = pk[i] & opts[s];
                        if (m != 0 && !sets.contains(m)) {
                            sets.add(m);
                        }
                    }
                }
                addService(s, opts[s], sets);
            }
            vars = serviceList.size();
            service = serviceList.stream().mapToInt(Integer::intValue).toArray();
            set = setList.stream().mapToLong(Long::longValue).toArray();
            weight = weightList.stream().mapToLong(Long::longValue).toArray();
            for (int i = 0; i < pu.length; i++) {
                if (!satisfied(opts, i) && !implied(opts, i)) {
                    int a = var(pu[i], pk[i] & opts[pu[i]]), c = var(pw[i], pk[i] & opts[pw[i]]);
                    // after propagation both ends can serve a live pair
                    clauses.add(new int[] {a + 1, c + 1});
                }
            }
        }

        /**
         * Whether another live pair on the same two services implies pair i's clause: its set at each end is a subset
         * of i's (so its clause and the sets' implications give i's), or equal with a lower index. Leaving such
         * clauses out does not change the LP (they follow from the others in it too), but shrinks the network: a
         * mesh-wide deny adds one on every edge that a P1 policy already covers.
         */
        private boolean implied(long[] opts, int i) {
            long iu = pk[i] & opts[pu[i]], iw = pk[i] & opts[pw[i]];
            for (int j : sameEnds[i]) {
                long ju = pk[j] & opts[pu[i]], jw = pk[j] & opts[pw[i]];
                if ((ju & ~iu) == 0 && (jw & ~iw) == 0 && (ju != iu || jw != iw || j < i) && !satisfied(opts, j)) {
                    return true;
                }
            }
            return false;
        }

        private void addService(int s, long opts, List<Long> sets) {
            int r = sets.size();
            varCount[s] = r;
            long l0 = minCost(s, opts);
            boolean lam = true;
            for (int i = 0; i < r; i++) {
                for (int j = i + 1; j < r; j++) {
                    long a = sets.get(i), c = sets.get(j);
                    boolean nested = (a & ~c) == 0 || (c & ~a) == 0, disjoint = (a & c) == 0;
                    lam &= nested || disjoint;
                }
            }
            laminar[s] = lam;
            exact &= lam;
            long[] w = new long[r];
            if (lam) {
                // each set pays its cheapest option minus that of its smallest strict superset
                for (int i = 0; i < r; i++) {
                    long parent = -1;
                    for (int j = 0; j < r; j++) {
                        long a = sets.get(i), c = sets.get(j);
                        if (i != j && (a & ~c) == 0 && (parent < 0 || Long.bitCount(c) < Long.bitCount(parent))) {
                            parent = c;
                        }
                    }
                    w[i] = minCost(s, sets.get(i)) - (parent < 0 ? l0 : minCost(s, parent));
                }
            } else {
                // sorted by cheapest option, each pays the increase over the previous one: never more than the
                // cheapest option of the intersection of any sets that hold together
                Integer[] order = new Integer[r];
                for (int i = 0; i < r; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> {
                    int c = Long.compare(minCost(s, sets.get(x)), minCost(s, sets.get(y)));
                    return c != 0 ? c : Integer.compare(Long.bitCount(sets.get(y)), Long.bitCount(sets.get(x)));
                });
                long prev = l0;
                for (int i : order) {
                    w[i] = minCost(s, sets.get(i)) - prev;
                    prev = minCost(s, sets.get(i));
                }
            }
            for (int i = 0; i < r; i++) {
                serviceList.add(s);
                setList.add(sets.get(i));
                weightList.add(w[i]);
            }
            int f = firstVar[s];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    long a = sets.get(i), c = sets.get(j);
                    if (i != j && (a & ~c) == 0) {
                        clauses.add(new int[] {-(f + i + 1), f + j + 1}); // z[a] → z[c]
                    } else if (i < j && (a & c) == 0) {
                        clauses.add(new int[] {-(f + i + 1), -(f + j + 1)});
                    }
                }
            }
        }

        private int var(int s, long m) {
            for (int v = firstVar[s]; v < firstVar[s] + varCount[s]; v++) {
                if (setList.get(v) == m) {
                    return v;
                }
            }
            throw new IllegalStateException("no variable for a live pair");
        }

        /**
         * Twice the LP optimum above {@link #base}: min cut on nodes p_v (v true) and r_v (v not false); x_v =
         * (p_v + 1 - r_v) / 2 with p, r the source side of the cut.
         */
        long solve() {
            int src = 2 * vars, sink = 2 * vars + 1;
            MaxFlow flow = new MaxFlow(2 * vars + 2, 2 * vars + 2 * clauses.size());
            for (int v = 0; v < vars; v++) {
                flow.addArc(src, r(v), weight[v]);
                flow.addArc(p(v), sink, weight[v]);
            }
            for (int[] c : clauses) {
                // a ∨ b as the implications ¬a → b and ¬b → a, once on each copy
                flow.addArc(notNode(c[0]), node(c[1]), MaxFlow.INF);
                flow.addArc(notNode(c[1]), node(c[0]), MaxFlow.INF);
            }
            long cut = flow.run(src, sink);
            reach = flow.residualReachable(src);
            return cut;
        }

        private int p(int v) {
            return v;
        }

        private int r(int v) {
            return vars + v;
        }

        /** The node that is in the source side when literal l holds: p_v for v, r_v... for ¬v. */
        private int node(int lit) {
            return lit > 0 ? p(lit - 1) : r(-lit - 1) ;
        }

        private int notNode(int lit) {
            return lit > 0 ? r(lit - 1) : p(-lit - 1);
        }

        /** 2 x_v: 0, 1 or 2. */
        int value(int v) {
            return (reach[p(v)] ? 1 : 0) + (reach[r(v)] ? 0 : 1);
        }

        boolean integral() {
            for (int v = 0; v < vars; v++) {
                if (value(v) == 1) {
                    return false;
                }
            }
            return true;
        }

        /** Per service, the intersection of its sets at 1/2 or 1 (all bits when none). */
        long[] wanted() {
            long[] w = new long[n];
            Arrays.fill(w, -1L);
            for (int v = 0; v < vars; v++) {
                if (value(v) >= 1) {
                    w[service[v]] &= set[v];
                }
            }
            return w;
        }

        /** The options left when every variable at 1 holds. */
        long[] integralOptions(long[] opts) {
            long[] sol = opts.clone();
            for (int v = 0; v < vars; v++) {
                if (value(v) == 2) {
                    sol[service[v]] &= set[v];
                }
            }
            return sol;
        }

        /** Persistency: fixes the variables at 0 or 1 (exact relaxations only); true when something changed. */
        boolean fix(long[] opts) {
            long[] next = opts.clone();
            for (int v = 0; v < vars; v++) {
                int s = service[v];
                if (value(v) == 2) {
                    next[s] &= set[v];
                } else if (value(v) == 0) {
                    // s does not serve the pairs whose set at s is this one: their other ends do
                    for (int i : pairsOf[s]) {
                        if (!satisfied(opts, i) && (pk[i] & opts[s]) == set[v]) {
                            int other = pu[i] == s ? pw[i] : pu[i];
                            if (other != s) {
                                next[other] &= pk[i];
                            }
                        }
                    }
                }
            }
            boolean changed = !Arrays.equals(next, opts);
            System.arraycopy(next, 0, opts, 0, n);
            return changed;
        }

        /** Whether variable v's set overlaps (neither nested nor disjoint) another set of its service. */
        boolean overlaps(int v) {
            int s = service[v];
            for (int u = firstVar[s]; u < firstVar[s] + varCount[s]; u++) {
                long a = set[v], c = set[u];
                if (u != v && (a & c) != 0 && (a & ~c) != 0 && (c & ~a) != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}

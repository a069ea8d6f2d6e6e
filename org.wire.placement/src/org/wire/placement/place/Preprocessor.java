package org.wire.placement.place;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact reductions before solving, so that most production graphs never reach the solver's hard part:
 * <ul>
 * <li><b>dominated dataplanes</b>: t2 is dropped when another t1 is no dearer at every service and hosts every
 *     policy t2 hosts (swapping t2 for t1 anywhere keeps every constraint and never raises the cost);</li>
 * <li><b>forced placements</b> (unit propagation): a coverage pair is satisfied when one end is already forced
 *     into its dataplane set, and becomes a forced placement of the other end when one end cannot host it;</li>
 * <li><b>pendant services</b> (classic vertex-cover rule, only when one dataplane is left): a service whose only
 *     coverage partner is w can hand all its duties to w when w's sidecar is no dearer;</li>
 * <li><b>independent components</b>: what is left is split into connected components, solved separately.</li>
 * </ul>
 */
final class Preprocessor {
    private final PlacementProblem pb;
    private final boolean[] pairAlive;
    private final boolean[] groupAlive;
    private final int[][] pairsOf;
    private final int[][] groupsOf;
    private final ArrayDeque<Integer> work = new ArrayDeque<>(); // >= 0 pair index, < 0 ~group index
    private final boolean[] queued;

    private Preprocessor(PlacementProblem pb) {
        this.pb = pb;
        int n = pb.graph.size();
        pairAlive = new boolean[pb.pairs.size()];
        Arrays.fill(pairAlive, true);
        groupAlive = new boolean[pb.groups.size()];
        Arrays.fill(groupAlive, true);
        int[] pc = new int[n];
        int[] gc = new int[n];
        for (PlacementProblem.Pair p : pb.pairs) {
            pc[p.u()]++;
            if (p.w() != p.u()) {
                pc[p.w()]++;
            }
        }
        for (PlacementProblem.Group g : pb.groups) {
            for (int s : members(g)) {
                gc[s]++;
            }
        }
        pairsOf = new int[n][];
        groupsOf = new int[n][];
        for (int s = 0; s < n; s++) {
            pairsOf[s] = new int[pc[s]];
            groupsOf[s] = new int[gc[s]];
        }
        Arrays.fill(pc, 0);
        Arrays.fill(gc, 0);
        for (int i = 0; i < pb.pairs.size(); i++) {
            PlacementProblem.Pair p = pb.pairs.get(i);
            pairsOf[p.u()][pc[p.u()]++] = i;
            if (p.w() != p.u()) {
                pairsOf[p.w()][pc[p.w()]++] = i;
            }
        }
        for (int i = 0; i < pb.groups.size(); i++) {
            for (int s : members(pb.groups.get(i))) {
                groupsOf[s][gc[s]++] = i;
            }
        }
        queued = new boolean[pb.pairs.size() + pb.groups.size()];
    }

    /** What is left for the solver: independent components. */
    record Component(int[] services, int[] pairs, int[] groups) {}

    record Outcome(List<Component> components, int forcedServices) {}

    /** Test hook: false leaves only unit propagation, so the SAT encoding itself is exercised. */
    static volatile boolean reductions = true;

    static Outcome run(PlacementProblem pb) throws UnsatisfiablePlacementException {
        Preprocessor p = new Preprocessor(pb);
        if (!reductions) {
            for (int i = 0; i < pb.pairs.size(); i++) {
                p.enqueue(i);
            }
            p.drain();
            return p.components();
        }
        p.dropDominatedDataplanes();
        for (int i = 0; i < pb.pairs.size(); i++) {
            p.enqueue(i);
        }
        for (int i = 0; i < pb.groups.size(); i++) {
            p.enqueue(~i);
        }
        p.drain();
        for (int before = -1; before != p.changes;) {
            before = p.changes;
            p.dominateOptions();
            if (Long.bitCount(p.usableDataplanes()) == 1) {
                while (p.pendantRound()) {
                    // each round may expose new pendants
                }
            }
            long k = p.singleClass();
            if (k != 0) {
                p.weightedPendants(k);
                p.nemhauserTrotter(k);
            }
        }
        return p.components();
    }

    /** Restricts service s to the dataplanes in {@code mask} and requires a sidecar there. */
    static boolean restrict(PlacementProblem pb, int s, long mask, int policy, String why) throws UnsatisfiablePlacementException {
        long next = pb.allowed[s] & mask;
        if (pb.required[s] && next == pb.allowed[s]) {
            return false;
        }
        if (next == 0) {
            String name = policy >= 0 ? pb.policies.get(policy).name() : "-";
            String svc = pb.graph.service(s);
            String msg;
            if (pb.userForbidden[s]) {
                msg = "policy '" + name + "' needs a sidecar at service '" + svc + "' (" + why + ") but '" + svc + "' must not have a sidecar";
            } else if (pb.forcedBy[s] >= 0 && pb.forcedBy[s] != policy) {
                String other = pb.policies.get(pb.forcedBy[s]).name();
                msg = "policy '" + name + "' needs a sidecar of " + pb.dataplaneNames(mask) + " at service '" + svc + "' (" + why
                        + ") but policy '" + other + "' needs one of " + pb.dataplaneNames(pb.policies.get(pb.forcedBy[s]).hostMask())
                        + " there, and a service has at most one sidecar";
            } else {
                msg = "policy '" + name + "' needs a sidecar of " + pb.dataplaneNames(mask) + " at service '" + svc + "' (" + why
                        + ") but no such sidecar is possible there";
            }
            throw new UnsatisfiablePlacementException(name, msg);
        }
        pb.allowed[s] = next;
        pb.required[s] = true;
        if (pb.forcedBy[s] < 0 && policy >= 0) {
            pb.forcedBy[s] = policy;
        }
        return true;
    }

    private int changes;

    private void restrictAndWake(int s, long mask, int policy, String why) throws UnsatisfiablePlacementException {
        if (restrict(pb, s, mask, policy, why)) {
            changes++;
            for (int i : pairsOf[s]) {
                enqueue(i);
            }
            for (int g : groupsOf[s]) {
                enqueue(~g);
            }
        }
    }

    private void dropDominatedDataplanes() {
        int m = pb.dataplanes.size();
        long dominated = 0;
        for (int t2 = 0; t2 < m; t2++) {
            for (int t1 = 0; t1 < m; t1++) {
                if (t1 == t2 || (dominated & (1L << t1)) != 0) {
                    continue;
                }
                if (noDearerEverywhere(t1, t2) && hostsEverything(t1, t2)) {
                    dominated |= 1L << t2;
                    break;
                }
            }
        }
        for (int s = 0; s < pb.allowed.length; s++) {
            pb.allowed[s] &= ~dominated;
        }
    }

    /**
     * t1 costs no more than t2 at every service (costs may follow load), and less somewhere or t1 comes first: a
     * strict order, so two dataplanes never drop each other.
     */
    private boolean noDearerEverywhere(int t1, int t2) {
        boolean less = false;
        for (int s = 0; s < pb.allowed.length; s++) {
            long c1 = pb.cost(t1, s), c2 = pb.cost(t2, s);
            if (c1 > c2) {
                return false;
            }
            less |= c1 < c2;
        }
        return less || t1 < t2;
    }

    private boolean hostsEverything(int t1, int t2) {
        for (PolicyMatch pm : pb.policies) {
            if ((pm.hostMask() & (1L << t2)) != 0 && (pm.hostMask() & (1L << t1)) == 0) {
                return false;
            }
        }
        return true;
    }

    private long usableDataplanes() {
        long u = 0;
        for (long a : pb.allowed) {
            u |= a;
        }
        return u;
    }

    private void enqueue(int item) {
        int slot = item >= 0 ? item : pb.pairs.size() + ~item;
        if (!queued[slot]) {
            queued[slot] = true;
            work.add(item);
        }
    }

    private boolean forcedIn(int s, long mask) {
        return pb.required[s] && (pb.allowed[s] & ~mask) == 0;
    }

    private boolean cannot(int s, long mask) {
        return (pb.allowed[s] & mask) == 0;
    }

    private void drain() throws UnsatisfiablePlacementException {
        while (!work.isEmpty()) {
            int item = work.poll();
            if (item >= 0) {
                queued[item] = false;
                if (pairAlive[item]) {
                    processPair(item);
                }
            } else {
                queued[pb.pairs.size() + ~item] = false;
                if (groupAlive[~item]) {
                    processGroup(~item);
                }
            }
        }
    }

    private void processPair(int i) throws UnsatisfiablePlacementException {
        PlacementProblem.Pair p = pb.pairs.get(i);
        long k = p.mask();
        if (forcedIn(p.u(), k) || forcedIn(p.w(), k)) {
            pairAlive[i] = false;
            return;
        }
        boolean cu = cannot(p.u(), k), cw = cannot(p.w(), k);
        String co = pb.graph.service(p.u()) + "->" + pb.graph.service(p.w());
        if (cu && cw) {
            String name = pb.policies.get(p.policy()).name();
            throw new UnsatisfiablePlacementException(name, "policy '" + name + "': the CO " + co + " can be handled by neither end: "
                    + whyNot(p.u(), k) + "; " + whyNot(p.w(), k));
        }
        if (cu || cw) {
            pairAlive[i] = false;
            restrictAndWake(cu ? p.w() : p.u(), k, p.policy(), "the other end of CO " + co + " cannot host it");
        } else if (p.u() == p.w()) {
            pairAlive[i] = false;
            restrictAndWake(p.u(), k, p.policy(), "both ends of CO " + co);
        }
    }

    private void processGroup(int g) throws UnsatisfiablePlacementException {
        PlacementProblem.Group gr = pb.groups.get(g);
        long k = gr.mask();
        if (allForced(gr.sources(), k) || allForced(gr.destinations(), k)) {
            groupAlive[g] = false;
            return;
        }
        int badS = firstCannot(gr.sources(), k), badD = firstCannot(gr.destinations(), k);
        String name = pb.policies.get(gr.policy()).name();
        if (badS >= 0 && badD >= 0) {
            throw new UnsatisfiablePlacementException(name, "policy '" + name + "' (paper encoding) can run neither at all its sources ("
                    + whyNot(badS, k) + ") nor at all its destinations (" + whyNot(badD, k) + ")");
        }
        if (badS >= 0 || badD >= 0) {
            groupAlive[g] = false;
            for (int s : badS >= 0 ? gr.destinations() : gr.sources()) {
                restrictAndWake(s, k, gr.policy(), "paper encoding: the other side cannot host it");
            }
        }
    }

    private boolean allForced(int[] services, long k) {
        for (int s : services) {
            if (!forcedIn(s, k)) {
                return false;
            }
        }
        return true;
    }

    private int firstCannot(int[] services, long k) {
        for (int s : services) {
            if (cannot(s, k)) {
                return s;
            }
        }
        return -1;
    }

    private String whyNot(int s, long k) {
        String svc = pb.graph.service(s);
        if (pb.userForbidden[s]) {
            return "'" + svc + "' must not have a sidecar";
        }
        String by = pb.forcedBy[s] >= 0 ? " by policy '" + pb.policies.get(pb.forcedBy[s]).name() + "'" : "";
        return "'" + svc + "' is limited to " + pb.dataplaneNames(pb.allowed[s]) + by + ", none of which hosts it (needs " + pb.dataplaneNames(k) + ")";
    }

    /** The only service u shares live pairs with, and one such pair, as {partner, pair}; null when u has none or several. */
    private int[] soleLivePartner(int u) {
        int partner = -1;
        int via = -1;
        for (int i : pairsOf[u]) {
            if (!pairAlive[i]) {
                continue;
            }
            PlacementProblem.Pair p = pb.pairs.get(i);
            int other = p.u() == u ? p.w() : p.u();
            if (partner < 0) {
                partner = other;
                via = i;
            } else if (partner != other) {
                return null;
            }
        }
        return partner < 0 ? null : new int[] { partner, via };
    }

    /** One pass of the pendant rule; true when something changed. */
    private boolean pendantRound() throws UnsatisfiablePlacementException {
        boolean changed = false;
        for (int u = 0; u < pairsOf.length; u++) {
            if (pb.required[u] || pb.allowed[u] == 0 || groupsOf[u].length > 0 && anyAlive(groupsOf[u])) {
                continue;
            }
            int[] sole = soleLivePartner(u);
            int partner = sole == null ? -1 : sole[0];
            int via = sole == null ? -1 : sole[1];
            // with costs that follow load, w takes over only when its sidecar is no dearer than u's
            if (sole != null && partner != u && pb.allowed[partner] != 0 && pb.cheapestAllowedCost(partner) <= pb.cheapestAllowedCost(u)) {
                PlacementProblem.Pair p = pb.pairs.get(via);
                restrictAndWake(partner, pb.allowed[partner], p.policy(), "pendant rule");
                drain();
                changed = true;
            }
        }
        return changed;
    }


    private boolean anyAlive(int[] groupIdx) {
        for (int g : groupIdx) {
            if (groupAlive[g]) {
                return true;
            }
        }
        return false;
    }

    /** Removes options from a service (never from a required one down to nothing) and re-examines its constraints. */
    private void removeOptions(int s, long mask) {
        long next = pb.allowed[s] & ~mask;
        if (next == pb.allowed[s]) {
            return;
        }
        if (pb.required[s] && next == 0) {
            throw new IllegalStateException("reduction removed the last option of a required service " + pb.graph.service(s));
        }
        pb.allowed[s] = next;
        changes++;
        for (int i : pairsOf[s]) {
            enqueue(i);
        }
        for (int g : groupsOf[s]) {
            enqueue(~g);
        }
    }

    /**
     * Per-service dominance: at s, option t2 is dropped when no remaining constraint at s needs it and s is not
     * required (no sidecar is at least as good), or when a no dearer option t1 satisfies every remaining
     * constraint at s that t2 satisfies.
     */
    private void dominateOptions() throws UnsatisfiablePlacementException {
        for (int s = 0; s < pairsOf.length; s++) {
            long[] masks = aliveMasks(s);
            if (masks.length == 0 || pb.allowed[s] == 0) {
                continue;
            }
            long remove = 0;
            for (int t2 = 0; t2 < pb.dataplanes.size(); t2++) {
                long b2 = 1L << t2;
                if ((pb.allowed[s] & b2) == 0) {
                    continue;
                }
                boolean needed = false;
                for (long k : masks) {
                    needed |= (k & b2) != 0;
                }
                if (!needed && !pb.required[s]) {
                    remove |= b2;
                    continue;
                }
                for (int t1 = 0; t1 < pb.dataplanes.size(); t1++) {
                    long b1 = 1L << t1;
                    if (t1 == t2 || (pb.allowed[s] & b1) == 0 || (remove & b1) != 0) {
                        continue;
                    }
                    if (pb.cost(t1, s) < pb.cost(t2, s) || (pb.cost(t1, s) == pb.cost(t2, s) && t1 < t2)) {
                        boolean covers = true;
                        for (long k : masks) {
                            covers &= (k & b2) == 0 || (k & b1) != 0;
                        }
                        if (covers) {
                            remove |= b2;
                            break;
                        }
                    }
                }
            }
            removeOptions(s, remove);
        }
        drain();
    }

    private long[] aliveMasks(int s) {
        java.util.TreeSet<Long> masks = new java.util.TreeSet<>();
        for (int i : pairsOf[s]) {
            if (pairAlive[i]) {
                masks.add(pb.pairs.get(i).mask());
            }
        }
        for (int g : groupsOf[s]) {
            if (groupAlive[g]) {
                masks.add(pb.groups.get(g).mask());
            }
        }
        return masks.stream().mapToLong(Long::longValue).toArray();
    }

    /** The common mask K when what is left is a weighted vertex cover (only pairs, all with mask K); else 0. */
    private long singleClass() {
        for (boolean alive : groupAlive) {
            if (alive) {
                return 0;
            }
        }
        long k = 0;
        for (int i = 0; i < pairAlive.length; i++) {
            if (pairAlive[i]) {
                long m = pb.pairs.get(i).mask();
                if (k != 0 && m != k) {
                    return 0;
                }
                k = m;
            }
        }
        return k;
    }

    /** Vertex-cover weight of putting s into K: its cheapest option in K minus what it pays otherwise. */
    private long weight(int s, long k) {
        long in = Long.MAX_VALUE, out = pb.required[s] ? Long.MAX_VALUE : 0;
        for (int t = 0; t < pb.dataplanes.size(); t++) {
            if ((pb.allowed[s] & (1L << t)) != 0) {
                if ((k & (1L << t)) != 0) {
                    in = Math.min(in, pb.cost(t, s));
                } else {
                    out = Math.min(out, pb.cost(t, s));
                }
            }
        }
        return in - out;
    }

    /** Weighted pendant rule: u whose only partner is w, with w no heavier than u: w covers u's pairs. */
    private void weightedPendants(long k) throws UnsatisfiablePlacementException {
        for (int u = 0; u < pairsOf.length; u++) {
            int[] sole = soleLivePartner(u);
            int partner = sole == null ? -1 : sole[0];
            int via = sole == null ? -1 : sole[1];
            if (sole != null && partner != u && weight(partner, k) <= weight(u, k)) {
                restrictAndWake(partner, k, pb.pairs.get(via).policy(), "weighted pendant rule");
                drain();
            }
        }
    }

    /**
     * Nemhauser–Trotter reduction: solve the LP relaxation of the weighted vertex cover by max-flow on the
     * bipartite double cover; some optimal integral cover contains every vertex at 1 and none at 0.
     */
    private void nemhauserTrotter(long k) throws UnsatisfiablePlacementException {
        int n = pairsOf.length;
        int[] id = new int[n];
        Arrays.fill(id, -1);
        int count = 0;
        List<Integer> vertices = new ArrayList<>();
        for (int i = 0; i < pairAlive.length; i++) {
            if (pairAlive[i]) {
                for (int v : new int[] {pb.pairs.get(i).u(), pb.pairs.get(i).w()}) {
                    if (id[v] < 0) {
                        id[v] = count++;
                        vertices.add(v);
                    }
                }
            }
        }
        if (count == 0) {
            return;
        }
        int src = 2 * count, sink = 2 * count + 1;
        MaxFlow flow = new MaxFlow(2 * count + 2, 4 * count + 2 * pb.pairs.size());
        for (int v : vertices) {
            long w = weight(v, k);
            flow.addArc(src, id[v], w);
            flow.addArc(count + id[v], sink, w);
        }
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < pairAlive.length; i++) {
            PlacementProblem.Pair p = pb.pairs.get(i);
            if (pairAlive[i] && p.u() != p.w() && seen.add((long) Math.min(p.u(), p.w()) * n + Math.max(p.u(), p.w()))) {
                flow.addArc(id[p.u()], count + id[p.w()], MaxFlow.INF);
                flow.addArc(id[p.w()], count + id[p.u()], MaxFlow.INF);
            }
        }
        flow.run(src, sink);
        boolean[] reach = flow.residualReachable(src);
        List<Integer> in = new ArrayList<>(), out = new ArrayList<>();
        for (int v : vertices) {
            int x2 = (reach[id[v]] ? 0 : 1) + (reach[count + id[v]] ? 1 : 0);
            if (x2 == 2) {
                in.add(v);
            } else if (x2 == 0) {
                out.add(v);
            }
        }
        for (int v : in) {
            restrictAndWake(v, k, -1, "LP reduction");
        }
        for (int v : out) {
            removeOptions(v, k);
        }
        drain();
    }

    private Outcome components() {
        int n = pb.graph.size();
        int[] parent = new int[n];
        for (int s = 0; s < n; s++) {
            parent[s] = s;
        }
        boolean[] involved = new boolean[n];
        for (int i = 0; i < pairAlive.length; i++) {
            if (pairAlive[i]) {
                PlacementProblem.Pair p = pb.pairs.get(i);
                union(parent, p.u(), p.w());
                involved[p.u()] = involved[p.w()] = true;
            }
        }
        for (int g = 0; g < groupAlive.length; g++) {
            if (groupAlive[g]) {
                int[] ms = members(pb.groups.get(g));
                for (int s : ms) {
                    union(parent, ms[0], s);
                    involved[s] = true;
                }
            }
        }
        int forced = 0;
        java.util.Map<Integer, List<Integer>> byRoot = new java.util.TreeMap<>();
        for (int s = 0; s < n; s++) {
            if (involved[s]) {
                byRoot.computeIfAbsent(find(parent, s), r -> new ArrayList<>()).add(s);
            } else if (pb.required[s]) {
                forced++;
            }
        }
        java.util.Map<Integer, List<Integer>> pairsByRoot = new java.util.HashMap<>();
        for (int i = 0; i < pairAlive.length; i++) {
            if (pairAlive[i]) {
                pairsByRoot.computeIfAbsent(find(parent, pb.pairs.get(i).u()), r -> new ArrayList<>()).add(i);
            }
        }
        java.util.Map<Integer, List<Integer>> groupsByRoot = new java.util.HashMap<>();
        for (int g = 0; g < groupAlive.length; g++) {
            if (groupAlive[g]) {
                groupsByRoot.computeIfAbsent(find(parent, members(pb.groups.get(g))[0]), r -> new ArrayList<>()).add(g);
            }
        }
        List<Component> out = new ArrayList<>();
        for (var e : byRoot.entrySet()) {
            out.add(new Component(e.getValue().stream().mapToInt(Integer::intValue).toArray(),
                    pairsByRoot.getOrDefault(e.getKey(), List.of()).stream().mapToInt(Integer::intValue).toArray(),
                    groupsByRoot.getOrDefault(e.getKey(), List.of()).stream().mapToInt(Integer::intValue).toArray()));
        }
        return new Outcome(out, forced);
    }

    private static int[] members(PlacementProblem.Group g) {
        return java.util.stream.IntStream.concat(Arrays.stream(g.sources()), Arrays.stream(g.destinations())).distinct().toArray();
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}

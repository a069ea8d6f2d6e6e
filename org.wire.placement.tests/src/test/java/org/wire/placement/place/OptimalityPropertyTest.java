package org.wire.placement.place;

import org.wire.model.placement.PlacementResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.wire.placement.Wire;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.placement.testutil.Policies;
import org.wire.placement.testutil.RandomGraphs;

/**
 * On 3,000 tiny random instances (a third of them solved without the preprocessing reductions, half of those by SAT4J alone), the optimum equals a brute-force optimum over every
 * assignment {none, t1, t2, ...} per service, for both encodings; the edge encoding is never worse than
 * the paper encoding; every result passes the independent validator. Half the instances use the load-aware cost
 * (each dataplane's fixed cost plus 0–3 per unit of load, each service's load 0, small, or in the millions), so every
 * reduction that compares costs is checked with a cost per (dataplane, service).
 */
class OptimalityPropertyTest {
    private static final String[] ACTIONS = {"SetHeader", "RouteToVersion", "Deny"};

    @Test
    void satOptimumEqualsBruteForce() throws Exception {
        Random rnd = new Random(7);
        Random loadRnd = new Random(8); // separate, so the constant-cost instances stay those of before
        int solved = 0, unsat = 0, loadAware = 0;
        for (int round = 0; round < 3000; round++) {
            int n = 2 + rnd.nextInt(5);
            ServiceGraph g = RandomGraphs.graph(rnd, n, 0.4);
            List<Dataplane> dps = randomDataplanes(rnd);
            List<Policy> policies = randomPolicies(rnd, n);
            if ((round / 2) % 2 == 1) {
                g = g.withLoads(randomLoads(loadRnd, g));
                dps = dps.stream().map(d -> d.withPerLoad(loadRnd.nextInt(4))).toList();
                loadAware++;
            }
            Set<String> mustHave = new TreeSet<>(), mustNot = new TreeSet<>();
            if (rnd.nextInt(4) == 0) {
                mustNot.add("s" + rnd.nextInt(n));
            }
            if (rnd.nextInt(5) == 0) {
                String s = "s" + rnd.nextInt(n);
                if (!mustNot.contains(s)) {
                    mustHave.add(s);
                }
            }
            PlacementOptions base = PlacementOptions.defaults().withMustHaveSidecar(mustHave).withMustNotHaveSidecar(mustNot);
            Long edgeCost = null;
            for (boolean paper : new boolean[] {false, true}) {
                PlacementOptions opts = base.withPaperEncoding(paper);
                // odd rounds keep the paper form as selector groups instead of S×D pairs
                PlacementEncoder.setPaperPairsLimit(round % 2 == 1 ? 0 : 50_000);
                // every third round runs without the reductions: half of those on SAT4J alone (testing the encoding on
                // its own), half on the vertex-cover / mixed-mask searches given the unreduced problem
                PlacementSolver.setReductionsEnabled(round % 3 != 0);
                if (round % 6 == 0) {
                    System.setProperty("wire.kernel", "sat4j");
                } else {
                    System.clearProperty("wire.kernel");
                }
                long expected = bruteForce(g, policies, dps, opts);
                String ctx = "round " + round + (paper ? " paper" : " edge");
                try {
                    PlacementResult r = Wire.place(g, policies, dps, opts);
                    assertTrue(expected >= 0, ctx + ": solver found a placement where brute force found none");
                    assertEquals(expected, r.cost(), ctx);
                    assertTrue(r.optimal(), ctx);
                    assertEquals(List.of(), PlacementValidator.check(g, policies, dps, opts, r), ctx);
                    if (!paper) {
                        edgeCost = r.cost();
                        solved++;
                    } else {
                        assertTrue(edgeCost != null && edgeCost <= r.cost(), ctx + ": edge encoding worse than paper encoding");
                    }
                } catch (UnsatisfiablePlacementException e) {
                    if (expected >= 0) {
                        fail(ctx + ": solver says unsatisfiable (" + e.getMessage() + ") but brute force found cost " + expected);
                    }
                    assertTrue(e.getMessage().contains("'"), "message names something: " + e.getMessage());
                    if (!paper) {
                        unsat++;
                    }
                }
            }
        }
        PlacementEncoder.setPaperPairsLimit(50_000);
        PlacementSolver.setReductionsEnabled(true);
        System.clearProperty("wire.kernel");
        assertTrue(solved > 1800 && unsat > 20 && loadAware == 1500, "solved " + solved + ", unsat " + unsat + ", load-aware " + loadAware);
    }

    /** Per service: 0, a small load, or one in the millions (a hotspot). */
    static java.util.Map<String, Long> randomLoads(Random rnd, ServiceGraph g) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (String s : g.services()) {
            out.put(s, switch (rnd.nextInt(4)) {
                case 0 -> 0L;
                case 1 -> (long) rnd.nextInt(4);
                case 2 -> (long) rnd.nextInt(20);
                default -> 1_000_000L * (1 + rnd.nextInt(1000));
            });
        }
        return out;
    }

    static List<Dataplane> randomDataplanes(Random rnd) {
        int m = 1 + rnd.nextInt(3);
        List<Dataplane> out = new ArrayList<>();
        for (int t = 0; t < m; t++) {
            List<String> acts = new ArrayList<>();
            for (String a : ACTIONS) {
                if (rnd.nextInt(3) > 0) {
                    acts.add(a);
                }
            }
            if (acts.isEmpty()) {
                acts.add(ACTIONS[rnd.nextInt(3)]);
            }
            out.add(Policies.dataplane("d" + t, rnd.nextInt(6), acts.toArray(String[]::new)));
        }
        return out;
    }

    static List<Policy> randomPolicies(Random rnd, int n) {
        List<Policy> out = new ArrayList<>();
        int k = 1 + rnd.nextInt(4);
        for (int i = 0; i < k; i++) {
            String pattern = rnd.nextInt(10) == 0 ? "*" : RandomGraphs.pattern(rnd, n, 2);
            switch (rnd.nextInt(4)) {
                case 0, 1 -> out.add(Policies.policy("free" + i, pattern, rnd.nextBoolean() ? "SetHeader" : "Deny", Set.of(), true,
                        rnd.nextBoolean() ? Side.INGRESS : Side.EGRESS));
                case 2 -> out.add(Policies.policy("route" + i, pattern, "RouteToVersion", Set.of(Side.EGRESS), false, Side.EGRESS));
                default -> out.add(Policies.policy("both" + i, pattern, "Deny", Set.of(Side.EGRESS, Side.INGRESS), false, Side.EGRESS, Side.INGRESS));
            }
        }
        return out;
    }

    /** Minimum cost over all assignments, or -1 when none is feasible. Written from the spec, not the encoder. */
    static long bruteForce(ServiceGraph g, List<Policy> policies, List<Dataplane> dps, PlacementOptions opts) {
        int n = g.size(), m = dps.size();
        List<MatchSet> sets = new ArrayList<>();
        for (Policy p : policies) {
            sets.add(MatchSetComputer.compute(g, p.pattern()));
        }
        int[] a = new int[n]; // 0 = none, t+1 = dataplane t
        long best = -1;
        int total = (int) Math.pow(m + 1, n);
        for (int code = 0; code < total; code++) {
            int c = code;
            for (int s = 0; s < n; s++) {
                a[s] = c % (m + 1);
                c /= m + 1;
            }
            if (feasible(g, policies, sets, dps, opts, a)) {
                long cost = 0;
                for (int s = 0; s < n; s++) {
                    // a sidecar costs its dataplane's fixed part plus its part per unit of the service's load
                    cost += a[s] == 0 ? 0 : dps.get(a[s] - 1).cost() + dps.get(a[s] - 1).perLoad() * g.load(s);
                }
                if (best < 0 || cost < best) {
                    best = cost;
                }
            }
        }
        return best;
    }

    private static boolean feasible(ServiceGraph g, List<Policy> policies, List<MatchSet> sets, List<Dataplane> dps, PlacementOptions opts, int[] a) {
        for (int s = 0; s < g.size(); s++) {
            if (a[s] != 0 && opts.mustNotHaveSidecar().contains(g.service(s)) || a[s] == 0 && opts.mustHaveSidecar().contains(g.service(s))) {
                return false;
            }
        }
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            if (dps.stream().noneMatch(d -> d.iface().supportsAll(p))) {
                return false;
            }
            MatchSet m = sets.get(i);
            if (!p.free()) {
                for (int k = 0; k < m.size(); k++) {
                    if (p.has(Side.EGRESS) && !ok(a, dps, p, m.source(k)) || p.has(Side.INGRESS) && !ok(a, dps, p, m.destination(k))) {
                        return false;
                    }
                }
            } else if (opts.paperEncoding()) {
                boolean allS = true, allD = true;
                for (int k = 0; k < m.size(); k++) {
                    allS &= ok(a, dps, p, m.source(k));
                    allD &= ok(a, dps, p, m.destination(k));
                }
                if (!allS && !allD) {
                    return false;
                }
            } else {
                for (int k = 0; k < m.size(); k++) {
                    if (!ok(a, dps, p, m.source(k)) && !ok(a, dps, p, m.destination(k))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean ok(int[] a, List<Dataplane> dps, Policy p, int s) {
        return a[s] != 0 && dps.get(a[s] - 1).iface().supportsAll(p);
    }
}

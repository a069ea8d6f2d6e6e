package org.wire.placement.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.Wire;
import org.wire.placement.bench.SingleEntryHubGraphs;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.placement.PlacementResult;

/** The vertex-cover branch and bound against exhaustive enumeration, and the issue-11 family against brute force. */
class VertexCoverSearchTest {
    @Test
    void branchAndBoundEqualsBruteForceOnRandomGraphs() {
        Random rnd = new Random(11);
        for (int round = 0; round < 400; round++) {
            int n = 1 + rnd.nextInt(14);
            double p = rnd.nextDouble() * 0.6;
            List<List<Integer>> nb = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nb.add(new ArrayList<>());
            }
            List<int[]> edges = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                for (int w = u + 1; w < n; w++) {
                    if (rnd.nextDouble() < p) {
                        nb.get(u).add(w);
                        nb.get(w).add(u);
                        edges.add(new int[] {u, w});
                    }
                }
            }
            long[] weight = new long[n];
            byte[] forced = new byte[n];
            for (int i = 0; i < n; i++) {
                weight[i] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 20);
                int f = rnd.nextInt(12);
                forced[i] = f == 0 ? VertexCoverSearch.in() : f == 1 ? VertexCoverSearch.out() : 0;
            }
            int[][] adj = new int[n][];
            for (int i = 0; i < n; i++) {
                adj[i] = nb.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            long brute = Long.MAX_VALUE;
            for (int mask = 0; mask < (1 << n); mask++) {
                if (consistent(mask, forced, edges)) {
                    brute = Math.min(brute, cost(mask, weight));
                }
            }
            VertexCoverSearch.Cover c = VertexCoverSearch.solve(weight, adj, forced, Long.MAX_VALUE);
            if (brute == Long.MAX_VALUE) {
                assertNull(c, "round " + round + ": no cover exists");
                continue;
            }
            assertNotNull(c, "round " + round);
            assertTrue(c.optimal());
            int mask = 0;
            for (int i = 0; i < n; i++) {
                mask |= c.in()[i] ? 1 << i : 0;
            }
            assertTrue(consistent(mask, forced, edges), "round " + round + ": not a cover respecting the forced vertices");
            assertEquals(brute, cost(mask, weight), "round " + round);
        }
    }

    /** Small graphs of the family issue 11 reported: P1 on one dataplane is a plain vertex cover; compare to brute force. */
    @Test
    void singleEntryHubFamilyP1IsMinimumVertexCover() throws Exception {
        for (int seed = 0; seed < 25; seed++) {
            ServiceGraph g = SingleEntryHubGraphs.generate("hub" + seed, seed, 10 + seed % 8);
            PlacementResult r = Wire.place(g, PaperPolicySets.of(g, PolicySet.P1), StandardDataplanes.parse("istio=1"), PlacementOptions.defaults());
            assertTrue(r.optimal());
            // brute force over sidecar sets: every P1 CO edge needs a sidecar at one end
            List<int[]> need = new ArrayList<>();
            for (var m : PlacementEncoder.matchAll(g, PaperPolicySets.of(g, PolicySet.P1), StandardDataplanes.parse("istio=1"), false)) {
                for (int k = 0; k < m.matches().size(); k++) {
                    need.add(new int[] {m.matches().source(k), m.matches().destination(k)});
                }
            }
            long best = Long.MAX_VALUE;
            for (int mask = 0; mask < (1 << g.size()); mask++) {
                if (consistent(mask, new byte[g.size()], need)) {
                    best = Math.min(best, Integer.bitCount(mask));
                }
            }
            assertEquals(best, r.cost(), g.name());
        }
    }

    private static boolean consistent(int mask, byte[] forced, List<int[]> edges) {
        for (int i = 0; i < forced.length; i++) {
            boolean in = (mask & (1 << i)) != 0;
            if (forced[i] == VertexCoverSearch.in() && !in || forced[i] == VertexCoverSearch.out() && in) {
                return false;
            }
        }
        for (int[] e : edges) {
            if ((mask & (1 << e[0])) == 0 && (mask & (1 << e[1])) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long cost(int mask, long[] weight) {
        long c = 0;
        for (int i = 0; i < weight.length; i++) {
            c += (mask & (1 << i)) != 0 ? weight[i] : 0;
        }
        return c;
    }
}

package org.wire.placement.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The mixed-mask branch and bound against enumerating every option of every service; on odd rounds every service
 * has its own costs (fixed + per unit × load, loads from 0 to large), as the load-aware cost model gives.
 */
class MaskedCoverSearchTest {
    @Test
    void branchAndBoundEqualsBruteForceOnRandomInstances() {
        Random rnd = new Random(111);
        Random loads = new Random(112); // separate, so the constant-cost instances stay those of before
        int feasible = 0, overlapping = 0;
        for (int round = 0; round < 3000; round++) {
            int n = 1 + rnd.nextInt(7);
            int m = 1 + rnd.nextInt(3);
            long[] fixed = new long[m];
            for (int t = 0; t < m; t++) {
                fixed[t] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 12);
            }
            long[][] cost = new long[n][];
            long[] perLoad = new long[m];
            for (int t = 0; t < m && round % 2 == 1; t++) {
                perLoad[t] = loads.nextInt(3);
            }
            for (int s = 0; s < n; s++) {
                long load = round % 2 == 0 ? 0 : switch (loads.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 1 + loads.nextInt(3);
                    case 2 -> 1 + loads.nextInt(12);
                    default -> 1_000_000L * (1 + loads.nextInt(1000));
                };
                cost[s] = new long[m];
                for (int t = 0; t < m; t++) {
                    cost[s][t] = fixed[t] + perLoad[t] * load;
                }
            }
            long all = (1L << m) - 1;
            long[] options = new long[n];
            for (int s = 0; s < n; s++) {
                options[s] = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt((int) all) : all;
                if (rnd.nextInt(8) != 0) {
                    options[s] |= MaskedCoverSearch.NONE;
                }
            }
            int pairs = rnd.nextInt(2 * n + 3);
            int[] pu = new int[pairs], pw = new int[pairs];
            long[] pk = new long[pairs];
            for (int i = 0; i < pairs; i++) {
                pu[i] = rnd.nextInt(n);
                pw[i] = rnd.nextInt(20) == 0 ? pu[i] : rnd.nextInt(n);
                pk[i] = 1 + rnd.nextInt((int) all);
            }
            overlapping += hasOverlap(pk) ? 1 : 0;
            if (assertOptimal("round " + round, options, cost, pu, pw, pk)) {
                feasible++;
            }
        }
        assertTrue(feasible > 1500 && overlapping > 300, "feasible " + feasible + ", overlapping " + overlapping);
    }

    /**
     * Dense random graphs of 8–10 services (each pair of services a pair with probability 0.6, masks drawn from two
     * per instance, half the edges with a second pair of the other mask, costs 2 or 3): the relaxation is mostly
     * half-valued there, so the search branches several levels deep, incumbents from the rounding prune real
     * subtrees, and clauses implied by another pair on the same edge are left out.
     */
    @Test
    void branchAndBoundEqualsBruteForceOnDeeperSearches() {
        Random rnd = new Random(113);
        long before = SearchNodes.COUNT.sum();
        int rounds = 120;
        for (int round = 0; round < rounds; round++) {
            int n = 8 + rnd.nextInt(3);
            int m = 1 + rnd.nextInt(3);
            long all = (1L << m) - 1;
            long[] perDataplane = new long[m];
            for (int t = 0; t < m; t++) {
                perDataplane[t] = 2 + rnd.nextInt(2);
            }
            long[][] cost = new long[n][];
            java.util.Arrays.fill(cost, perDataplane);
            long[] options = new long[n];
            for (int s = 0; s < n; s++) {
                options[s] = (rnd.nextInt(8) == 0 ? 1 + rnd.nextInt((int) all) : all) | (rnd.nextInt(10) != 0 ? MaskedCoverSearch.NONE : 0);
            }
            long maskA = 1 + rnd.nextInt((int) all), maskB = 1 + rnd.nextInt((int) all);
            java.util.List<int[]> edges = new java.util.ArrayList<>();
            for (int u = 0; u < n; u++) {
                for (int w = u + 1; w < n; w++) {
                    if (rnd.nextDouble() < 0.6) {
                        edges.add(new int[] {u, w});
                    }
                }
            }
            // half the edges carry both masks (as P1 and a mesh-wide deny do), so one pair's clause often implies the other's
            java.util.List<long[]> pairs = new java.util.ArrayList<>(); // {u, w, mask}
            for (int[] e : edges) {
                long mask = rnd.nextBoolean() ? maskA : maskB;
                pairs.add(new long[] {e[0], e[1], mask});
                if (rnd.nextBoolean()) {
                    pairs.add(new long[] {e[1], e[0], mask == maskA ? maskB : maskA});
                }
            }
            int[] pu = new int[pairs.size()], pw = new int[pairs.size()];
            long[] pk = new long[pairs.size()];
            for (int i = 0; i < pu.length; i++) {
                pu[i] = (int) pairs.get(i)[0];
                pw[i] = (int) pairs.get(i)[1];
                pk[i] = pairs.get(i)[2];
            }
            assertOptimal("dense round " + round, options, cost, pu, pw, pk);
        }
        long nodes = SearchNodes.COUNT.sum() - before;
        assertTrue(nodes > 3 * rounds, "the searches should branch (more than 3 nodes each on average): " + nodes + " nodes");
    }

    /** The search's result equals brute force; true when a placement exists. */
    private static boolean assertOptimal(String where, long[] options, long[][] cost, int[] pu, int[] pw, long[] pk) {
        int n = options.length, pairs = pu.length;
        long brute = brute(options, cost, pu, pw, pk);
        MaskedCoverSearch.Result r = MaskedCoverSearch.solve(options, cost, pu, pw, pk, Long.MAX_VALUE);
        if (brute < 0) {
            assertNull(r, where + ": no placement exists");
            return false;
        }
        assertNotNull(r, where);
        assertTrue(r.optimal(), where);
        long c = 0;
        for (int s = 0; s < n; s++) {
            int t = r.option()[s];
            if (t < 0) {
                assertTrue((options[s] & MaskedCoverSearch.NONE) != 0, where + ": service " + s + " must have a sidecar");
            } else {
                assertTrue((options[s] & (1L << t)) != 0, where + ": option not allowed");
                c += cost[s][t];
            }
        }
        for (int i = 0; i < pairs; i++) {
            assertTrue(in(r.option()[pu[i]], pk[i]) || in(r.option()[pw[i]], pk[i]), where + ": pair " + i + " uncovered");
        }
        assertEquals(brute, c, where);
        return true;
    }

    /** Rounding from random "wanted" sets: whatever it returns is a placement (options kept, every pair covered) no cheaper than the optimum. */
    @Test
    void heuristicReturnsOnlyValidPlacements() {
        Random rnd = new Random(112);
        int returned = 0, optimalHits = 0;
        for (int round = 0; round < 3000; round++) {
            int n = 1 + rnd.nextInt(7);
            int m = 1 + rnd.nextInt(3);
            long[][] cost = new long[n][m]; // per service, as the load-aware cost model gives
            for (int s = 0; s < n; s++) {
                for (int t = 0; t < m; t++) {
                    cost[s][t] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(12);
                }
            }
            long all = (1L << m) - 1;
            long[] options = new long[n];
            long[] wanted = new long[n];
            for (int s = 0; s < n; s++) {
                options[s] = (rnd.nextInt(6) == 0 ? 1 + rnd.nextInt((int) all) : all) | (rnd.nextInt(8) != 0 ? MaskedCoverSearch.NONE : 0);
                wanted[s] = rnd.nextInt(3) == 0 ? -1L : 1 + rnd.nextInt((int) all);
            }
            int pairs = rnd.nextInt(2 * n + 3);
            int[] pu = new int[pairs], pw = new int[pairs];
            long[] pk = new long[pairs];
            int[][] pairsOf = new int[n][0];
            for (int i = 0; i < pairs; i++) {
                pu[i] = rnd.nextInt(n);
                pw[i] = rnd.nextInt(n);
                pk[i] = 1 + rnd.nextInt((int) all);
                pairsOf[pu[i]] = java.util.Arrays.copyOf(pairsOf[pu[i]], pairsOf[pu[i]].length + 1);
                pairsOf[pu[i]][pairsOf[pu[i]].length - 1] = i;
                if (pw[i] != pu[i]) {
                    pairsOf[pw[i]] = java.util.Arrays.copyOf(pairsOf[pw[i]], pairsOf[pw[i]].length + 1);
                    pairsOf[pw[i]][pairsOf[pw[i]].length - 1] = i;
                }
            }
            MaskedCoverHeuristic h = new MaskedCoverHeuristic(n, cost, pu, pw, pk, pairsOf);
            int[] choice = h.round(options, wanted);
            if (choice == null) {
                continue;
            }
            returned++;
            String where = "round " + round;
            long c = 0;
            for (int s = 0; s < n; s++) {
                long bit = choice[s] < 0 ? MaskedCoverSearch.NONE : 1L << choice[s];
                assertTrue((options[s] & bit) != 0, where + ": option of service " + s + " not allowed");
                c += choice[s] < 0 ? 0 : cost[s][choice[s]];
            }
            for (int i = 0; i < pairs; i++) {
                assertTrue(in(choice[pu[i]], pk[i]) || in(choice[pw[i]], pk[i]), where + ": pair " + i + " uncovered");
            }
            assertEquals(c, h.costOf(choice), where);
            long brute = brute(options, cost, pu, pw, pk);
            assertTrue(brute >= 0 && c >= brute, where + ": cheaper than the optimum " + brute);
            optimalHits += c == brute ? 1 : 0;
        }
        assertTrue(returned > 1000, "returned " + returned);
        assertTrue(optimalHits > 0, "optimal " + optimalHits);
    }

    private static boolean hasOverlap(long[] pk) {
        for (long a : pk) {
            for (long b : pk) {
                if ((a & b) != 0 && (a & ~b) != 0 && (b & ~a) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean in(int t, long mask) {
        return t >= 0 && (mask & (1L << t)) != 0;
    }

    /** Minimum cost over every choice of option per service, or -1 when none covers every pair. */
    private static long brute(long[] options, long[][] cost, int[] pu, int[] pw, long[] pk) {
        int n = options.length, m = cost[0].length;
        int[] choice = new int[n];
        long best = -1;
        int total = 1;
        for (int s = 0; s < n; s++) {
            total *= m + 1;
        }
        for (int code = 0; code < total; code++) {
            int x = code;
            boolean ok = true;
            long c = 0;
            for (int s = 0; s < n; s++) {
                choice[s] = x % (m + 1) - 1;
                x /= m + 1;
                long bit = choice[s] < 0 ? MaskedCoverSearch.NONE : 1L << choice[s];
                ok &= (options[s] & bit) != 0;
                c += choice[s] < 0 ? 0 : cost[s][choice[s]];
            }
            for (int i = 0; ok && i < pu.length; i++) {
                ok = in(choice[pu[i]], pk[i]) || in(choice[pw[i]], pk[i]);
            }
            if (ok && (best < 0 || c < best)) {
                best = c;
            }
        }
        return best;
    }
}

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
            long brute = brute(options, cost, pu, pw, pk);
            MaskedCoverSearch.Result r = MaskedCoverSearch.solve(options, cost, pu, pw, pk, Long.MAX_VALUE);
            String where = "round " + round;
            if (brute < 0) {
                assertNull(r, where + ": no placement exists");
                continue;
            }
            feasible++;
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
        }
        assertTrue(feasible > 1500 && overlapping > 300, "feasible " + feasible + ", overlapping " + overlapping);
    }

    /** Rounding from random "wanted" sets: whatever it returns is a placement (options kept, every pair covered) no cheaper than the optimum. */
    @Test
    void heuristicReturnsOnlyValidPlacements() {
        Random rnd = new Random(112);
        int returned = 0, optimalHits = 0;
        for (int round = 0; round < 3000; round++) {
            int n = 1 + rnd.nextInt(7);
            int m = 1 + rnd.nextInt(3);
            long[] cost = new long[m];
            for (int t = 0; t < m; t++) {
                cost[t] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(12);
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
                c += choice[s] < 0 ? 0 : cost[choice[s]];
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

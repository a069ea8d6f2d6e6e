package org.wire.placement.place;

/**
 * Placements for {@link MaskedCoverSearch} to prune against: a search node's half-integral relaxation rounded up,
 * then improved by moving single services to a cheaper option while every pair stays covered. Pruning needs a good
 * incumbent early; measured on the denser family with P1 + a mesh-wide deny, knowing the optimum beforehand
 * would cut the search from 3,466 to 832 nodes (30 graphs). Only a heuristic: the search checks and proves.
 */
final class MaskedCoverHeuristic {
    private final int n;
    private final long[][] cost; // per service, per dataplane
    private final int[] pu, pw;
    private final long[] pk;
    private final int[][] pairsOf;

    MaskedCoverHeuristic(int n, long[][] cost, int[] pu, int[] pw, long[] pk, int[][] pairsOf) {
        this.n = n;
        this.cost = cost;
        this.pu = pu;
        this.pw = pw;
        this.pk = pk;
        this.pairsOf = pairsOf;
    }

    /**
     * @param opts   the node's options per service
     * @param wanted per service, the dataplanes the rounded relaxation asks for (its options when it asks nothing)
     * @return one dataplane per service (-1: none) covering every pair, or null when rounding found none
     */
    int[] round(long[] opts, long[] wanted) {
        int[] choice = new int[n];
        for (int s = 0; s < n; s++) {
            long w = opts[s] & wanted[s];
            choice[s] = cheapest(s, w != 0 ? w : opts[s]);
            if (choice[s] < 0 && (opts[s] & MaskedCoverSearch.NONE) == 0) {
                return null;
            }
        }
        for (int i = 0; i < pu.length; i++) {
            if (!covered(choice, i)) {
                return null;
            }
        }
        improve(opts, choice);
        return choice;
    }

    /** Moves single services to cheaper options that keep all their pairs covered, dearest first, until none helps. */
    void improve(long[] opts, int[] choice) {
        Integer[] order = new Integer[n];
        for (int s = 0; s < n; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Long.compare(price(b, choice[b]), price(a, choice[a]));
            return c != 0 ? c : Integer.compare(pairsOf[a].length, pairsOf[b].length);
        });
        for (boolean changed = true; changed;) {
            changed = false;
            for (int s : order) {
                long now = price(s, choice[s]);
                if (now == 0) {
                    continue;
                }
                int keep = choice[s];
                int better = keep;
                if ((opts[s] & MaskedCoverSearch.NONE) != 0) {
                    choice[s] = -1;
                    if (coversAll(choice, s)) {
                        better = -1;
                    }
                }
                for (long b = opts[s] & ~MaskedCoverSearch.NONE; b != 0 && better != -1; b &= b - 1) {
                    int t = Long.numberOfTrailingZeros(b);
                    if (cost[s][t] < price(s, better)) {
                        choice[s] = t;
                        if (coversAll(choice, s)) {
                            better = t;
                        }
                    }
                }
                choice[s] = better;
                changed |= better != keep;
            }
        }
    }

    long costOf(int[] choice) {
        long c = 0;
        for (int s = 0; s < n; s++) {
            c += price(s, choice[s]);
        }
        return c;
    }

    private long price(int s, int t) {
        return t < 0 ? 0 : cost[s][t];
    }

    private boolean coversAll(int[] choice, int s) {
        for (int i : pairsOf[s]) {
            if (!covered(choice, i)) {
                return false;
            }
        }
        return true;
    }

    private boolean covered(int[] choice, int i) {
        return in(choice[pu[i]], pk[i]) || in(choice[pw[i]], pk[i]);
    }

    private static boolean in(int t, long mask) {
        return t >= 0 && (mask & (1L << t)) != 0;
    }

    private int cheapest(int s, long o) {
        return MaskedCoverSearch.cheapest(cost, s, o);
    }
}

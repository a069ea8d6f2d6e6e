package org.wire.placement.match;

import java.util.Arrays;

/**
 * The exact set of graph edges (u, w) that can carry a communication object matching a policy's
 * pattern. Edges are stored as {@code u * n + w} in ascending order, hence sorted by (u, w).
 */
public final class MatchSet {
    private final int n;
    private final long[] edges;

    MatchSet(int n, long[] sortedEdges) {
        this.n = n;
        this.edges = sortedEdges;
    }

    public int size() {
        return edges.length;
    }

    public boolean isEmpty() {
        return edges.length == 0;
    }

    public int source(int i) {
        return (int) (edges[i] / n);
    }

    public int destination(int i) {
        return (int) (edges[i] % n);
    }

    public boolean contains(int u, int w) {
        return Arrays.binarySearch(edges, (long) u * n + w) >= 0;
    }

    /** S_π: the sources of matching edges, ascending. */
    public int[] sources() {
        return Arrays.stream(edges).mapToInt(e -> (int) (e / n)).distinct().sorted().toArray();
    }

    /** D_π: the destinations of matching edges, ascending. */
    public int[] destinations() {
        return Arrays.stream(edges).mapToInt(e -> (int) (e % n)).distinct().sorted().toArray();
    }
}

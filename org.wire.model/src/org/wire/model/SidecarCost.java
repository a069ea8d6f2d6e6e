package org.wire.model;

import java.util.List;

import org.wire.model.graph.ServiceGraph;

/**
 * What one sidecar costs: {@code fixed + perLoad × load}, the dataplane's fixed cost plus its cost per unit of
 * the service's load (issue 11: a sidecar in front of a hotspot burns more than one in front of a quiet service).
 * With every {@code perLoad} 0 this is the paper's one cost per dataplane. Integer arithmetic; every sidecar's
 * cost is at most {@link #MAX}, so sums over any graph stay far from overflowing a long.
 */
public record SidecarCost(long fixed, long perLoad, long load, long total) {
    /** Bound on one sidecar's cost (10^12): a million services at this bound still sum below 2^63. */
    public static final long MAX = 1_000_000_000_000L;

    /** Bound on a fixed cost, a cost per unit of load and a load, as the project file and graph accept them. */
    public static final long MAX_PART = 1_000_000_000L;

    /** Whether {@code v} can be a fixed cost, a cost per unit of load or a load: a whole number from 0 to {@link #MAX_PART}. */
    public static boolean isPart(java.math.BigDecimal v) {
        return v.signum() >= 0 && v.compareTo(java.math.BigDecimal.valueOf(MAX_PART)) <= 0 && v.stripTrailingZeros().scale() <= 0;
    }

    /** The cost of a sidecar of {@code d} at service {@code s} of {@code graph}. */
    public static SidecarCost of(Dataplane d, ServiceGraph graph, int s) {
        long load = graph.load(s);
        long total;
        try {
            total = Math.addExact(d.cost(), Math.multiplyExact(d.perLoad(), load));
        } catch (ArithmeticException e) {
            total = Long.MAX_VALUE;
        }
        if (total > MAX) {
            throw new IllegalArgumentException((d.name().matches("(?i)[aeiou].*") ? "an " : "a ") + d.name() + " sidecar at service '" + graph.service(s) + "' would cost " + d.cost() + " + "
                    + load + " × " + d.perLoad() + ", more than " + MAX);
        }
        return new SidecarCost(d.cost(), d.perLoad(), load, total);
    }

    /** Whether any dataplane's cost follows load (else every sidecar of a dataplane costs the same). */
    public static boolean loadAware(List<Dataplane> dataplanes) {
        return dataplanes.stream().anyMatch(d -> d.perLoad() != 0);
    }

    /**
     * Null when every sidecar any of {@code dataplanes} could place on {@code graph} costs at most {@link #MAX};
     * else a message naming the dataplane and the service.
     */
    public static String checkBounds(List<Dataplane> dataplanes, ServiceGraph graph) {
        for (Dataplane d : dataplanes) {
            if (d.perLoad() == 0) {
                continue;
            }
            for (int s = 0; s < graph.size(); s++) {
                try {
                    of(d, graph, s);
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            }
        }
        return null;
    }

    /** "10 + 120 × 2 = 250", or "10" when the cost does not follow load. */
    public String explain() {
        return perLoad == 0 ? Long.toString(total) : fixed + " + " + load + " × " + perLoad + " = " + total;
    }
}

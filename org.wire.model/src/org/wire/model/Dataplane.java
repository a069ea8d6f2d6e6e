package org.wire.model;

/**
 * A dataplane on offer: its interface and what one sidecar of it costs. A sidecar at service s costs
 * {@code cost + perLoad × load(s)} ({@link SidecarCost}); with {@code perLoad = 0}, the paper's model, every
 * sidecar of the dataplane costs {@code cost}.
 *
 * @param cost    the fixed part of a sidecar's cost
 * @param perLoad the part per unit of the service's load (0: the cost does not follow load)
 */
public record Dataplane(String name, long cost, DataplaneInterface iface, long perLoad) {
    public Dataplane {
        if (cost < 0) {
            throw new IllegalArgumentException("dataplane " + name + ": cost must be >= 0, got " + cost);
        }
        if (perLoad < 0) {
            throw new IllegalArgumentException("dataplane " + name + ": cost per unit of load must be >= 0, got " + perLoad);
        }
    }

    /** A dataplane whose sidecars all cost {@code cost} (the paper's model). */
    public Dataplane(String name, long cost, DataplaneInterface iface) {
        this(name, cost, iface, 0);
    }

    public Dataplane withPerLoad(long perUnit) {
        return new Dataplane(name, cost, iface, perUnit);
    }
}

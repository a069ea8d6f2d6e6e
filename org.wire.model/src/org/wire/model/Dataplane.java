package org.wire.model;

/** A dataplane on offer: its interface and what one sidecar of it costs. */
public record Dataplane(String name, long cost, DataplaneInterface iface) {
    public Dataplane {
        if (cost < 0) {
            throw new IllegalArgumentException("dataplane " + name + ": cost must be >= 0, got " + cost);
        }
    }
}

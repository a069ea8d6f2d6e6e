package org.copper.testbed;

/** The three all-HAProxy deployments of the paper's comparison. */
enum DeploymentKind {
    /** A sidecar at every service (Istio today); sidecars forward the context. */
    EVERY_SERVICE("every-service", "sidecar at every service"),
    /** Sidecars where a policy runs plus every intermediate that must forward the context (the paper's Istio++). */
    ISTIO_PLUS_PLUS("istio-plus-plus", "Istio++"),
    /** Sidecars where Wire placed them; the eBPF add-on carries the context. */
    WIRE_EBPF("wire-ebpf", "Wire + eBPF");

    final String id;
    final String title;

    DeploymentKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** Whether the sidecars append their service's token to x-copper-ctx (the baselines: no eBPF add-on). */
    boolean sidecarsForwardContext() {
        return this != WIRE_EBPF;
    }
}

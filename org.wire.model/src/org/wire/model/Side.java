package org.wire.model;

/** The queue of a sidecar a communication object passes: the source's egress or the destination's ingress. */
public enum Side {
    EGRESS, INGRESS
}

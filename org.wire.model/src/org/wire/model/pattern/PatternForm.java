package org.wire.model.pattern;

import java.util.SortedSet;

/**
 * Which side of a matching communication object a pattern determines (spec §3.3).
 *
 * @param kind     ingress form ("COs arriving at S"), egress form ("COs leaving S") or mesh-wide
 * @param services the concrete services S the form names (empty for mesh-wide)
 */
public record PatternForm(Kind kind, SortedSet<String> services) {
    public enum Kind {
        /** Ends in a concrete service S: every match has destination S. */
        INGRESS,
        /** Ends in a concrete service S followed by one '.': every match has source S. */
        EGRESS,
        /** The lone '*'. */
        MESH_WIDE
    }
}

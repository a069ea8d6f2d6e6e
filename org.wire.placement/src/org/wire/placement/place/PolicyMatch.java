package org.wire.placement.place;

import org.wire.placement.match.MatchSet;
import org.wire.model.Policy;

/**
 * A policy with its exact match set and T_π (as a bit mask over the sorted dataplanes).
 */
public record PolicyMatch(Policy policy, MatchSet matches, long hostMask) {
    public String name() {
        return policy.name();
    }
}

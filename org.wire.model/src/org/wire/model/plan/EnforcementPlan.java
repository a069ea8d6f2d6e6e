package org.wire.model.plan;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.wire.model.ctx.ServiceIds;

/**
 * Wire's decision turned into what each sidecar must do: the input every back end renders. Every CO a policy
 * matches is handled by exactly one rule (free policies: at the end Wire chose for its edge; pinned: at the
 * ends their sections name). Services without an entry get no sidecar.
 */
public record EnforcementPlan(ServiceIds ids, SortedMap<String, SidecarPlan> sidecars) {
    public EnforcementPlan {
        sidecars = Collections.unmodifiableSortedMap(new TreeMap<>(sidecars));
    }
}

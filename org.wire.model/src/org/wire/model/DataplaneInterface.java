package org.wire.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dataplane's interface file declares (spec §3.1): its ACTs and states with the actions each lists.
 * A dataplane supports action A on ACT T when it declares an ACT that is T or a subtype of T and lists A.
 */
public record DataplaneInterface(String name, List<ActCapability> acts, Map<String, Set<String>> states) {
    public DataplaneInterface {
        acts = List.copyOf(acts);
        states = Map.copyOf(states);
    }

    public boolean supports(ActionRef ref) {
        if (ref.onState()) {
            return states.getOrDefault(ref.receiverType(), Set.of()).contains(ref.action());
        }
        return acts.stream().anyMatch(act -> act.ancestorsOrSelf().contains(ref.receiverType()) && act.actions().contains(ref.action()));
    }

    public boolean supportsAll(Policy policy) {
        return policy.actions().stream().allMatch(this::supports);
    }
}

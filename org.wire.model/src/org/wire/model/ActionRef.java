package org.wire.model;

import java.util.Set;

/**
 * An action a policy calls, as declared by an interface.
 *
 * @param receiverType the ACT or state type of the receiver variable in the policy (e.g. {@code Request})
 * @param onState      whether the receiver is a {@code using} state rather than the policy's ACT
 * @param action       the action name (e.g. {@code SetHeader})
 * @param annotation   the effective annotation: empty, {EGRESS}, {INGRESS} or both
 */
public record ActionRef(String receiverType, boolean onState, String action, Set<Side> annotation) {
    public ActionRef {
        annotation = Set.copyOf(annotation);
    }
}

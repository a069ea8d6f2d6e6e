package org.copper.lang.api;

import java.util.Set;

import org.copper.lang.iface.Side;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.typing.Declarations;
import org.eclipse.xtext.EcoreUtil2;

/** Classifies a policy as free (no state, only unannotated actions) or pinned (spec §4). */
public final class PolicyClassifier {
    private PolicyClassifier() {}

    public static PolicyKind classify(Policy policy) {
        if (!policy.getStates().isEmpty()) {
            return new PolicyKind(false, "uses state '" + policy.getStates().get(0).getName() + "'");
        }
        for (Call call : EcoreUtil2.getAllContentsOfType(policy, Call.class)) {
            if (call.getAction() == null || call.getAction().eIsProxy()) {
                continue;
            }
            Set<Side> annotation = Declarations.effectiveAnnotation(call.getAction());
            if (!annotation.isEmpty()) {
                String shown = annotation.size() == 2 ? "Ingress, Egress" : annotation.iterator().next().getLiteral();
                return new PolicyKind(false, "calls [" + shown + "] action '" + call.getAction().getName() + "'");
            }
        }
        return new PolicyKind(true, "no state, only unannotated actions");
    }
}

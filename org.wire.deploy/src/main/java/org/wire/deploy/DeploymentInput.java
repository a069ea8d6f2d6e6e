package org.wire.deploy;

import java.util.List;

import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.model.plan.EnforcementPlan;

/**
 * What every back end sees: the graph, the policy IR, Wire's placement, the enforcement plan derived from it
 * (which sidecar runs which rule on which queue, with the context regexes), and the project's deployment settings.
 */
public record DeploymentInput(ServiceGraph graph, List<Policy> policies, PlacementResult placement, EnforcementPlan plan,
        DeploySettings settings) {
    public DeploymentInput {
        policies = List.copyOf(policies);
    }
}

package org.wire.placement.output;

import org.wire.model.placement.PlacementResult;
import org.wire.model.placement.PlacementResult.PolicyPlacement;

/** A human-readable summary of a placement for the terminal. */
public final class PlacementTextReport {
    private PlacementTextReport() {}

    public static String render(PlacementResult r) {
        StringBuilder b = new StringBuilder();
        b.append("Placement for ").append(r.graph()).append(" (").append(r.encoding()).append(" encoding): ").append(r.sidecarCount())
                .append(" sidecar(s) of ").append(r.stats().services()).append(" services, cost ").append(r.cost())
                .append(r.optimal() ? " (optimal)" : " (NOT proven optimal)").append('\n');
        b.append("Sidecars:\n");
        if (r.sidecars().isEmpty()) {
            b.append("  (none)\n");
        }
        // with costs that follow load, what each sidecar costs: fixed + load × per unit = total
        r.sidecars().forEach((s, d) -> b.append("  ").append(s).append(" -> ").append(d)
                .append(r.sidecarCosts().containsKey(s) ? "  (cost " + r.sidecarCosts().get(s).explain() + ")" : "").append('\n'));
        b.append("Policies:\n");
        for (PolicyPlacement p : r.policies()) {
            b.append("  ").append(p.name()).append(p.free() ? " [free]" : " [pinned]");
            if (!p.egress().isEmpty()) {
                b.append(" egress ").append(String.join(", ", p.egress()));
            }
            if (!p.ingress().isEmpty()) {
                b.append(p.egress().isEmpty() ? "" : ";").append(" ingress ").append(String.join(", ", p.ingress()));
            }
            if (p.egress().isEmpty() && p.ingress().isEmpty()) {
                b.append(" matches no communication object");
            }
            b.append('\n');
        }
        PlacementResult.Stats s = r.stats();
        b.append(String.format("Stats: %d policies, %d matching CO edges, %d services fixed by preprocessing, %d solver component(s) (largest %d), %d variables, %d constraints, match %d ms, solve %d ms%n",
                s.policyCount(), s.matchingEdges(), s.forcedServices(), s.components(), s.largestComponent(), s.variables(), s.constraints(), s.matchMs(), s.solveMs()));
        return b.toString();
    }
}

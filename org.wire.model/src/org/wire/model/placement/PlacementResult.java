package org.wire.model.placement;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

import org.wire.model.Side;
import org.wire.model.SidecarCost;

/**
 * A placement (spec §5.5, §8). All collections are sorted, so equal inputs give equal results.
 *
 * @param graph     the graph's name
 * @param encoding  "edge" or "paper"
 * @param cost      Σ over the sidecars of what each costs ({@link SidecarCost})
 * @param optimal   true only when the solver proved optimality of every component
 * @param sidecars  service → dataplane name, only services that get a sidecar
 * @param dataplaneCosts dataplane name → cost, of the dataplanes on offer
 * @param policies  per policy, sorted by name
 * @param sidecarCosts when a dataplane's cost follows load: service → what its sidecar costs (fixed + load × per
 *                  unit); empty under the paper's one cost per dataplane
 */
public record PlacementResult(String graph, String encoding, long cost, boolean optimal, SortedMap<String, String> sidecars,
        SortedMap<String, Long> dataplaneCosts, List<PolicyPlacement> policies, Stats stats, SortedMap<String, SidecarCost> sidecarCosts) {

    /**
     * Where one policy runs.
     *
     * @param free      free policy (its sections may run on either end of each CO)
     * @param egress    services whose egress queue runs the policy
     * @param ingress   services whose ingress queue runs the policy
     * @param coEdges   free policies only: for each matching CO edge, which end executes it (exactly one)
     */
    public record PolicyPlacement(String name, boolean free, SortedSet<String> egress, SortedSet<String> ingress, List<EdgeExecution> coEdges) {}

    /** For a free policy, the end of CO edge from→to that executes it. */
    public record EdgeExecution(String from, String to, Side side) {
        public String executor() {
            return side == Side.EGRESS ? from : to;
        }
    }

    /**
     * Solve statistics.
     *
     * @param matchingEdges    Σ over policies of |matching edges|
     * @param forcedServices   services whose sidecar was decided by preprocessing
     * @param components       independent components that needed the solver
     * @param largestComponent services in the largest solver component
     * @param variables        solver variables over all components
     * @param constraints      solver constraints over all components
     * @param matchMs          time to compute match sets
     * @param solveMs          time to preprocess and solve (excludes match sets)
     */
    public record Stats(int services, int edges, int policyCount, long matchingEdges, int forcedServices, int components, int largestComponent,
            int variables, int constraints, long matchMs, long solveMs) {}

    public int sidecarCount() {
        return sidecars.size();
    }
}

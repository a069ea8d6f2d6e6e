package org.wire.placement;

import java.util.List;

import org.wire.model.graph.ServiceGraph;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.place.PlacementSolver;
import org.wire.placement.place.UnsatisfiablePlacementException;

/** Library entry point of Wire placement (spec §5), for the CLI and the deployment back ends. */
public final class Wire {
    private Wire() {}

    /**
     * Places the policies on the cheapest set of sidecars that enforces each of them exactly.
     *
     * @param graph      the service graph (see {@link org.wire.model.graph.GraphJsonReader#read})
     * @param policies   the policy IR; names must be unique
     * @param dataplanes the dataplanes on offer with their costs; names must be unique
     * @param options    encoding and user constraints ({@link PlacementOptions#defaults()})
     * @return the placement; {@code optimal()} is true only when the solver proved it
     * @throws UnsatisfiablePlacementException when no placement exists; the message names the policy and the reason
     * @throws PlacementException              when the time budget ran out before any placement was found
     * @throws IllegalArgumentException         on caller errors: duplicate policy or dataplane names, no dataplane,
     *                                          or an unknown service in the must / must-not sets
     */
    public static PlacementResult place(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementOptions options)
            throws PlacementException {
        return PlacementSolver.place(graph, policies, dataplanes, options);
    }
}

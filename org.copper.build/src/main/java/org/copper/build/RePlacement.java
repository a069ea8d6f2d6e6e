package org.copper.build;

import java.util.List;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.place.IncrementalPlacer;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;

/**
 * Wire's incremental placer kept between placements of one project, for callers that place the same project again
 * and again (the language server on every save): match sets of unchanged policies are reused. A different graph,
 * dataplane set or option set starts a fresh placer. The result equals a full {@code Wire.place}.
 */
public final class RePlacement {
    private record Key(ServiceGraph graph, List<Dataplane> dataplanes, PlacementOptions options) {}

    private Key key;
    private IncrementalPlacer placer;
    private int recomputed;

    synchronized PlacementResult place(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementOptions options)
            throws PlacementException {
        Key k = new Key(graph, List.copyOf(dataplanes), options);
        if (!k.equals(key)) {
            key = k;
            placer = new IncrementalPlacer(graph, dataplanes, options);
        }
        PlacementResult result = placer.place(policies);
        recomputed = placer.recomputedMatchSets();
        return result;
    }

    /** How many policies' match sets the last placement computed afresh (the others were reused). */
    public synchronized int recomputedMatchSets() {
        return recomputed;
    }
}

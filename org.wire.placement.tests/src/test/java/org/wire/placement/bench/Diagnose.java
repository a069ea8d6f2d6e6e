package org.wire.placement.bench;

import java.util.List;
import java.util.Locale;

import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.graph.ServiceGraph;
import org.wire.placement.model.Dataplane;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.place.PlacementResult;

/** Development aid: per generated graph, what reaches the solver and how long it takes. */
public final class Diagnose {
    public static void main(String[] args) throws Exception {
        int graphs = Integer.parseInt(args[0]);
        PolicySet set = PolicySet.parse(args[1]);
        List<Dataplane> dps = StandardDataplanes.parse(args[2]);
        long timeout = Long.parseLong(args[3]);
        for (int i = 0; i < graphs; i++) {
            int n = 24 + (int) Math.round((329 - 24) * i / (double) Math.max(1, graphs - 1));
            ServiceGraph g = ProductionLikeGraphs.generate("gen" + i, 2025_000 + i, n, (int) Math.min(892, n * 2.2));
            long t0 = System.nanoTime();
            PlacementResult r = Wire.place(g, PaperPolicySets.of(g, set), dps, PlacementOptions.defaults().withTimeoutMillis(timeout));
            System.out.printf(Locale.ROOT, "%s n=%d m=%d ms=%.1f cost=%d sc=%d opt=%s comps=%d largest=%d vars=%d forced=%d%n", g.name(), g.size(), g.edgeCount(),
                    (System.nanoTime() - t0) / 1e6, r.cost(), r.sidecarCount(), r.optimal(), r.stats().components(), r.stats().largestComponent(),
                    r.stats().variables(), r.stats().forcedServices());
        }
    }
}

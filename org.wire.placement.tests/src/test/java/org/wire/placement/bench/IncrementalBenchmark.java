package org.wire.placement.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.place.IncrementalPlacer;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.testutil.Policies;

/** One-policy edits on a 329-service single-entry hub graph with P1+P2: incremental vs full re-placement times. */
public final class IncrementalBenchmark {
    public static void main(String[] args) throws Exception {
        ServiceGraph g = SingleEntryHubGraphs.generate("hub329", 11, 329);
        List<Dataplane> dps = StandardDataplanes.parse("istio=10,cilium=4");
        List<Policy> ps = new ArrayList<>(PaperPolicySets.of(g, PolicySet.P1P2));
        IncrementalPlacer inc = new IncrementalPlacer(g, dps, PlacementOptions.defaults());
        Random rnd = new Random(3);
        int edits = 200;
        double[] incMs = new double[edits], fullMs = new double[edits];
        for (int warm = 0; warm < 2; warm++) {
            for (int e = 0; e < edits; e++) {
                int i = rnd.nextInt(ps.size());
                String target = g.service(1 + rnd.nextInt(g.size() - 1));
                ps.set(i, Policies.policy(ps.get(i).name(), g.service(0) + " .* " + target, rnd.nextBoolean() ? "SetHeader" : "RouteToVersion", Set.of(), true,
                        Side.INGRESS));
                long t0 = System.nanoTime();
                long a = inc.place(ps).cost();
                long t1 = System.nanoTime();
                long b = Wire.place(g, ps, dps, PlacementOptions.defaults()).cost();
                long t2 = System.nanoTime();
                if (a != b) {
                    throw new IllegalStateException("incremental " + a + " != full " + b);
                }
                incMs[e] = (t1 - t0) / 1e6;
                fullMs[e] = (t2 - t1) / 1e6;
            }
        }
        Arrays.sort(incMs);
        Arrays.sort(fullMs);
        System.out.printf(Locale.ROOT, "%s: %d services, %d edges, %d policies, %d one-policy edits (after a warm-up pass)%n", g.name(), g.size(), g.edgeCount(),
                ps.size(), edits);
        System.out.printf(Locale.ROOT, "incremental: mean %.2f ms, median %.2f, max %.2f; full: mean %.2f ms, median %.2f, max %.2f%n",
                Arrays.stream(incMs).average().orElse(0), incMs[edits / 2], incMs[edits - 1], Arrays.stream(fullMs).average().orElse(0), fullMs[edits / 2],
                fullMs[edits - 1]);
    }
}

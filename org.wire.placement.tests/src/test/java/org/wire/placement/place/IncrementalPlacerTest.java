package org.wire.placement.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.Wire;
import org.wire.placement.bench.SingleEntryHubGraphs;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.testutil.Policies;

/** Random edit sequences: the incremental placer equals a full solve after every edit, and reuses match sets. */
class IncrementalPlacerTest {
    @Test
    void equalsFullSolveOnRandomEditSequences() throws Exception {
        Random rnd = new Random(7);
        List<Dataplane> dps = StandardDataplanes.parse("istio=10,cilium=4");
        for (int run = 0; run < 4; run++) {
            ServiceGraph g = SingleEntryHubGraphs.generate("inc" + run, run, 40 + 20 * run);
            List<Policy> policies = new ArrayList<>(PaperPolicySets.of(g, PolicySet.P1P2));
            IncrementalPlacer inc = new IncrementalPlacer(g, dps, PlacementOptions.defaults());
            check(g, dps, policies, inc);
            assertEquals(policies.size(), inc.recomputedMatchSets());
            for (int step = 0; step < 25; step++) {
                int kind = rnd.nextInt(3);
                int expectRecomputed;
                if (kind == 0 && policies.size() > 1) { // remove
                    policies.remove(rnd.nextInt(policies.size()));
                    expectRecomputed = 0;
                } else if (kind == 1) { // add a new policy
                    String target = g.service(1 + rnd.nextInt(g.size() - 1));
                    policies.add(Policies.policy("new" + run + "-" + step, ".* " + target, rnd.nextBoolean() ? "SetHeader" : "RouteToVersion", Set.of(),
                            rnd.nextBoolean(), Side.INGRESS));
                    expectRecomputed = 1;
                } else { // edit: same name, other pattern and action
                    int i = rnd.nextInt(policies.size());
                    String target = g.service(1 + rnd.nextInt(g.size() - 1));
                    policies.set(i, Policies.policy(policies.get(i).name(), g.service(0) + " .* " + target, rnd.nextBoolean() ? "SetHeader" : "RouteToVersion",
                            Set.of(), true, Side.INGRESS));
                    expectRecomputed = 1;
                }
                check(g, dps, policies, inc);
                assertTrue(inc.recomputedMatchSets() <= expectRecomputed, "match sets recomputed: " + inc.recomputedMatchSets());
            }
        }
    }

    private static void check(ServiceGraph g, List<Dataplane> dps, List<Policy> policies, IncrementalPlacer inc) throws Exception {
        PlacementResult full = Wire.place(g, policies, dps, PlacementOptions.defaults());
        PlacementResult part = inc.place(policies);
        assertTrue(full.optimal() && part.optimal());
        assertEquals(full.cost(), part.cost());
        assertEquals(full.sidecars(), part.sidecars());
        assertEquals(full.policies(), part.policies());
    }
}

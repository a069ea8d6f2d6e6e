package org.wire.placement.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SidecarCost;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.GraphJsonWriter;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;
import org.wire.model.placement.PlacementJsonWriter;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.testutil.Policies;

/** The load-aware cost (issue 11): a sidecar costs fixed + per unit × the service's load. */
class LoadAwareCostTest {
    private static final List<Policy> HEADER_ON_A_TO_B = List.of(Policies.policy("h", "a b", "SetHeader", Set.of(), true, Side.INGRESS));

    private static ServiceGraph ab(long loadA, long loadB) {
        return ServiceGraph.of("ab", List.of("a", "b"), List.of(List.of("a", "b")), List.of()).withLoads(Map.of("a", loadA, "b", loadB));
    }

    @Test
    void aHotspotIsAvoidedWhenAnEquallyValidEndIsCheaper() throws Exception {
        List<Dataplane> dps = List.of(Policies.dataplane("istio", 10, "SetHeader").withPerLoad(2));
        // either end can run the policy; the quiet one is chosen, whichever it is
        PlacementResult quietA = Wire.place(ab(3, 1000), HEADER_ON_A_TO_B, dps, PlacementOptions.defaults());
        assertEquals(Map.of("a", "istio"), quietA.sidecars());
        assertEquals(10 + 3 * 2, quietA.cost());
        assertEquals(new SidecarCost(10, 2, 3, 16), quietA.sidecarCosts().get("a"));
        PlacementResult quietB = Wire.place(ab(1000, 3), HEADER_ON_A_TO_B, dps, PlacementOptions.defaults());
        assertEquals(Map.of("b", "istio"), quietB.sidecars());
        assertEquals(16, quietB.cost());
        assertTrue(PlacementJsonWriter.toJson(quietB, false).contains("\"sidecar_costs\": {\n    \"b\": {\n      \"fixed\": 10,\n      \"load\": 3,\n      \"per_load\": 2,\n      \"cost\": 16"),
                PlacementJsonWriter.toJson(quietB, false));
    }

    @Test
    void aHotspotKeepsItsSidecarWhenNothingElseCanRunThePolicy() throws Exception {
        // a pinned ingress policy must run at b however hot b is
        List<Policy> pinned = List.of(Policies.policy("p", "a b", "SetHeader", Set.of(Side.INGRESS), false, Side.INGRESS));
        List<Dataplane> dps = List.of(Policies.dataplane("istio", 10, "SetHeader").withPerLoad(2));
        PlacementResult r = Wire.place(ab(0, 1000), pinned, dps, PlacementOptions.defaults());
        assertEquals(Map.of("b", "istio"), r.sidecars());
        assertEquals(10 + 2000, r.cost());
        assertEquals("10 + 1000 × 2 = 2010", r.sidecarCosts().get("b").explain());
    }

    @Test
    void theCheaperDataplaneCanDependOnTheService() throws Exception {
        // fixed-cost heavy proxy vs. a light one whose cost grows with load: the light one at the quiet end only
        List<Dataplane> dps = List.of(Policies.dataplane("heavy", 50, "SetHeader"), Policies.dataplane("light", 5, "SetHeader").withPerLoad(1));
        List<Policy> both = List.of(Policies.policy("p", "a b", "SetHeader", Set.of(Side.EGRESS, Side.INGRESS), false, Side.EGRESS, Side.INGRESS));
        PlacementResult r = Wire.place(ab(10, 1000), both, dps, PlacementOptions.defaults());
        assertEquals(Map.of("a", "light", "b", "heavy"), r.sidecars());
        assertEquals(15 + 50, r.cost());
        assertEquals(List.of(), PlacementValidator.check(ab(10, 1000), both, dps, PlacementOptions.defaults(), r));
    }

    @Test
    void onlineBoutiqueWithAHotFrontendMovesSidecarsOffIt() throws Exception {
        ServiceGraph plain = GraphJsonReader.read(PaperFigureTest.example("online-boutique"));
        ServiceGraph loaded = plain.withLoads(onlineBoutiqueLoads());
        List<Policy> p1 = PaperPolicySets.of(plain, PolicySet.P1);
        List<Dataplane> constant = StandardDataplanes.parse("istio=10");
        List<Dataplane> byLoad = List.of(constant.get(0).withPerLoad(1));
        PlacementResult paper = Wire.place(loaded, p1, constant, PlacementOptions.defaults());
        assertTrue(paper.sidecars().containsKey("frontend"), paper.sidecars().toString());
        PlacementResult r = Wire.place(loaded, p1, byLoad, PlacementOptions.defaults());
        assertTrue(r.optimal());
        assertFalse(r.sidecars().containsKey("frontend"), r.sidecars().toString());
        assertEquals(List.of(), PlacementValidator.check(loaded, p1, byLoad, PlacementOptions.defaults(), r));
        assertEquals(OptimalityPropertyTest.bruteForce(loaded, p1, byLoad, PlacementOptions.defaults()), r.cost());
        // the paper's placement, priced by load, is dearer than the load-aware one
        long paperByLoad = paper.sidecars().keySet().stream().mapToLong(s -> 10 + loaded.load(loaded.indexOf(s))).sum();
        assertTrue(r.cost() < paperByLoad, r.cost() + " vs " + paperByLoad);
        System.out.println("online-boutique P1, istio=10+1/load: constant model " + paper.sidecars().keySet() + " priced by load " + paperByLoad
                + "; load-aware " + r.sidecars().keySet() + " cost " + r.cost());
    }

    /**
     * Assumed requests per second for illustration (not measured): the frontend takes every user request, static
     * assets included, so it carries more than its callees together.
     */
    static Map<String, Long> onlineBoutiqueLoads() {
        Map<String, Long> m = new TreeMap<>();
        m.put("frontend", 5000L);
        m.put("productcatalogservice", 900L);
        m.put("currencyservice", 700L);
        m.put("cartservice", 300L);
        m.put("recommendationservice", 250L);
        m.put("adservice", 200L);
        m.put("redis-cart", 300L);
        m.put("checkoutservice", 20L);
        m.put("shippingservice", 40L);
        m.put("paymentservice", 20L);
        m.put("emailservice", 20L);
        return m;
    }

    @Test
    void theConstantModelIgnoresLoadsAndWritesWhatItWroteBefore() throws Exception {
        ServiceGraph plain = GraphJsonReader.read(PaperFigureTest.example("online-boutique"));
        ServiceGraph loaded = plain.withLoads(onlineBoutiqueLoads());
        List<Policy> ps = PaperPolicySets.of(plain, PolicySet.P1P2);
        List<Dataplane> dps = StandardDataplanes.parse("istio=10,cilium=4");
        String before = PlacementJsonWriter.toJson(Wire.place(plain, ps, dps, PlacementOptions.defaults()), false);
        String after = PlacementJsonWriter.toJson(Wire.place(loaded, ps, dps, PlacementOptions.defaults()), false);
        assertEquals(before, after);
        assertFalse(after.contains("sidecar_costs"));
        assertTrue(Wire.place(loaded, ps, dps, PlacementOptions.defaults()).sidecarCosts().isEmpty());
    }

    @Test
    void aSidecarCostAboveTheBoundIsRefusedNamingTheService() {
        List<Dataplane> dps = List.of(Policies.dataplane("istio", 10, "SetHeader").withPerLoad(1_000_000_000L));
        ServiceGraph g = ab(0, 1_000_000_000L);
        assertEquals("an istio sidecar at service 'b' would cost 10 + 1000000000 × 1000000000, more than 1000000000000",
                SidecarCost.checkBounds(dps, g));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wire.place(g, HEADER_ON_A_TO_B, dps, PlacementOptions.defaults()));
        assertTrue(e.getMessage().contains("service 'b'"), e.getMessage());
        assertEquals(null, SidecarCost.checkBounds(List.of(dps.get(0).withPerLoad(999)), g));
    }

    @Test
    void graphsThatDifferOnlyInLoadsAreNotEqual() {
        assertEquals(ab(1, 2), ab(1, 2));
        assertEquals(ab(1, 2).hashCode(), ab(1, 2).hashCode());
        assertFalse(ab(1, 2).equals(ab(1, 3)), "a kept placer must not reuse another graph's costs");
    }

    @Test
    void graphJsonCarriesLoadsAndRejectsBadOnes() throws Exception {
        ServiceGraph g = ab(7, 0);
        String json = GraphJsonWriter.toJson(g);
        assertTrue(json.contains("\"load\": {\n    \"a\": 7\n  }"), json);
        ServiceGraph back = GraphJsonReader.parse("g.json", "g", new StringReader(json));
        assertEquals(Map.of("a", 7L), back.loads());
        assertFalse(GraphJsonWriter.toJson(ab(0, 0)).contains("load"));
        for (String bad : new String[] {"-1", "1.5", "1e10", "\"x\""}) {
            WireInputException e = assertThrows(WireInputException.class, () -> GraphJsonReader.parse("g.json", "g",
                    new StringReader("{\"services\": [\"a\"], \"load\": {\"a\": " + bad + "}}")));
            assertEquals("g.json: load.a: must be a whole number from 0 to 1000000000, got " + bad, e.getMessage());
        }
        WireInputException e = assertThrows(WireInputException.class, () -> GraphJsonReader.parse("g.json", "g",
                new StringReader("{\"services\": [\"a\"], \"load\": {\"zz\": 1}}")));
        assertEquals("g.json: load of 'zz': no such service in the graph", e.getMessage());
    }
}

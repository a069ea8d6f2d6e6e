package org.wire.placement.place;

import org.wire.model.placement.PlacementResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.placement.PlacementJsonWriter;
import org.wire.placement.output.PlacementTextReport;
import org.wire.placement.testutil.Policies;

class PlacementBehaviourTest {
    private static final ServiceGraph CHAIN = ServiceGraph.of("chain", List.of("fe", "a", "b", "c"),
            List.of(List.of("fe", "a"), List.of("a", "b"), List.of("b", "c"), List.of("c", "a")), List.of());

    @Test
    void outputIsDeterministicAndIndependentOfInputOrder() throws Exception {
        ServiceGraph g = GraphJsonReader.read(PaperFigureTest.example("social-network"));
        List<Policy> ps = new ArrayList<>(PaperPolicySets.of(g, PolicySet.P1P2));
        List<Dataplane> dps = new ArrayList<>(StandardDataplanes.parse("istio=10,cilium=4"));
        String first = PlacementJsonWriter.toJson(Wire.place(g, ps, dps, PlacementOptions.defaults()), false);
        Collections.shuffle(ps, new Random(3));
        Collections.reverse(dps);
        String second = PlacementJsonWriter.toJson(Wire.place(g, ps, dps, PlacementOptions.defaults()), false);
        assertEquals(first, second);
        assertTrue(first.contains("\"optimal\": true"));
        assertTrue(PlacementJsonWriter.toJson(Wire.place(g, ps, dps, PlacementOptions.defaults())).contains("\"solve_ms\": "));
    }

    @Test
    void freePolicyEdgesAreExecutedOnceAndReportedPerEdge() throws Exception {
        Policy p = Policies.policy("hdr", "fe .* b", "SetHeader", Set.of(), true, Side.INGRESS);
        List<Dataplane> dps = List.of(Policies.dataplane("istio", 3, "SetHeader"));
        PlacementResult r = Wire.place(CHAIN, List.of(p), dps, PlacementOptions.defaults());
        assertEquals(Map.of("b", "istio"), r.sidecars());
        assertEquals(List.of(new PlacementResult.EdgeExecution("a", "b", Side.INGRESS)), r.policies().get(0).coEdges());
        String json = PlacementJsonWriter.toJson(r, false);
        assertEquals(com.google.gson.JsonParser.parseString("{\"kind\": \"free\", \"egress\": [], \"ingress\": [\"b\"], \"co_edges\": [[\"a\", \"b\", \"ingress\"]]}"),
                com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("policies").get("hdr"), json);
        assertTrue(PlacementTextReport.render(r).contains("b -> istio"));
    }

    @Test
    void mustNotMovesAFreePolicyToTheOtherEndAndMustHaveAddsTheCheapestSidecar() throws Exception {
        Policy p = Policies.policy("hdr", "fe .* b", "SetHeader", Set.of(), true, Side.INGRESS);
        List<Dataplane> dps = List.of(Policies.dataplane("istio", 3, "SetHeader"), Policies.dataplane("tiny", 1, "Deny"));
        PlacementOptions opts = PlacementOptions.defaults().withMustNotHaveSidecar(Set.of("b")).withMustHaveSidecar(Set.of("fe"));
        PlacementResult r = Wire.place(CHAIN, List.of(p), dps, opts);
        assertEquals(Map.of("a", "istio", "fe", "tiny"), r.sidecars());
        assertEquals(4, r.cost());
        assertEquals(List.of(), PlacementValidator.check(CHAIN, List.of(p), dps, opts, r));
    }

    @Test
    void zeroCostDataplanesAreAllowed() throws Exception {
        Policy p = Policies.policy("route", "fe .* c", "RouteToVersion", Set.of(Side.EGRESS), false, Side.EGRESS);
        List<Dataplane> dps = List.of(Policies.dataplane("free", 0, "RouteToVersion"));
        PlacementResult r = Wire.place(CHAIN, List.of(p), dps, PlacementOptions.defaults());
        assertEquals(Map.of("b", "free"), r.sidecars());
        assertEquals(0, r.cost());
        assertTrue(r.optimal());
    }

    @Test
    void policyNoDataplaneOffersIsUnsatisfiableNamingTheAction() {
        Policy p = Policies.policy("hdr", "fe .* b", "SetHeader", Set.of(), true, Side.INGRESS);
        UnsatisfiablePlacementException e = assertThrows(UnsatisfiablePlacementException.class,
                () -> Wire.place(CHAIN, List.of(p), StandardDataplanes.parse("cilium=4"), PlacementOptions.defaults()));
        assertEquals("hdr", e.policy());
        assertTrue(e.getMessage().contains("Request.SetHeader") && e.getMessage().contains("cilium"), e.getMessage());
    }

    @Test
    void forbiddenSidecarOnAPinnedSideIsUnsatisfiable() {
        Policy p = Policies.policy("route", "fe .* c", "RouteToVersion", Set.of(Side.EGRESS), false, Side.EGRESS);
        UnsatisfiablePlacementException e = assertThrows(UnsatisfiablePlacementException.class, () -> Wire.place(CHAIN, List.of(p),
                StandardDataplanes.parse("istio=1"), PlacementOptions.defaults().withMustNotHaveSidecar(Set.of("b"))));
        assertTrue(e.getMessage().contains("'route'") && e.getMessage().contains("'b' must not have a sidecar"), e.getMessage());
    }

    @Test
    void freePolicyWithBothEndsForbiddenIsUnsatisfiable() {
        Policy p = Policies.policy("hdr", "fe .* b", "SetHeader", Set.of(), true, Side.INGRESS);
        UnsatisfiablePlacementException e = assertThrows(UnsatisfiablePlacementException.class, () -> Wire.place(CHAIN, List.of(p),
                StandardDataplanes.parse("istio=1"), PlacementOptions.defaults().withMustNotHaveSidecar(Set.of("a", "b"))));
        assertTrue(e.getMessage().contains("a->b") && e.getMessage().contains("neither end"), e.getMessage());
    }

    @Test
    void twoPinnedPoliciesNeedingDifferentDataplanesAtOneServiceConflict() {
        Policy route = Policies.policy("route", "fe .* c", "RouteToVersion", Set.of(Side.EGRESS), false, Side.EGRESS);
        Policy deny = Policies.policy("deny", "b c", "Deny", Set.of(Side.EGRESS), false, Side.EGRESS);
        List<Dataplane> dps = List.of(Policies.dataplane("r", 1, "RouteToVersion"), Policies.dataplane("d", 1, "Deny"));
        UnsatisfiablePlacementException e = assertThrows(UnsatisfiablePlacementException.class,
                () -> Wire.place(CHAIN, List.of(route, deny), dps, PlacementOptions.defaults()));
        assertTrue(e.getMessage().contains("at most one sidecar") && e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void paperEncodingIsNeverBetterAndCanBeWorse() throws Exception {
        // a->x and b->y for one free policy: edge form may use {a, y}? cost-wise: all S = {a, b}, all D = {x, y}; edge form picks 2 either way,
        // but with x forbidden the paper form must take all sources while the edge form mixes.
        ServiceGraph g = ServiceGraph.of("g", List.of("a", "b", "x", "y"), List.of(List.of("a", "x"), List.of("b", "y"), List.of("b", "x")), List.of());
        Policy p = Policies.policy("hdr", "[a, b] [x, y]", "SetHeader", Set.of(), true, Side.INGRESS);
        List<Dataplane> dps = StandardDataplanes.parse("istio=1");
        PlacementOptions mustHaveY = PlacementOptions.defaults().withMustHaveSidecar(Set.of("y", "a"));
        PlacementResult edge = Wire.place(g, List.of(p), dps, mustHaveY);
        PlacementResult paper = Wire.place(g, List.of(p), dps, mustHaveY.withPaperEncoding(true));
        assertEquals(3, edge.cost()); // a, y, and one of b/x
        assertEquals(3, paper.cost());
        PlacementOptions forbidX = PlacementOptions.defaults().withMustHaveSidecar(Set.of("y"));
        assertTrue(Wire.place(g, List.of(p), dps, forbidX).cost() <= Wire.place(g, List.of(p), dps, forbidX.withPaperEncoding(true)).cost());
        assertFalse(edge.encoding().equals(paper.encoding()));
    }
}

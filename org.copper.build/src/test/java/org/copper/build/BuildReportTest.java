package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.model.plan.EnforcementPlan;
import org.wire.placement.Wire;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.plan.EnforcementPlanner;

/** report.html: well-formed SVG naming every sidecar, baselines costed exactly, byte-identical renders. */
class BuildReportTest {
    @TempDir
    Path tmp;

    private record Inputs(ServiceGraph graph, List<Policy> policies, List<Dataplane> dataplanes, PlacementResult placement, EnforcementPlan plan) {
        String render() {
            return BuildReport.render(graph, policies, dataplanes, placement, plan);
        }
    }

    private static Inputs inputs(ServiceGraph graph, Path policyDir, String dataplanes) throws Exception {
        CopperWorkspace ws = CopperWorkspace.load(List.of(policyDir));
        ws.checkAgainst(graph);
        assertFalse(ws.hasErrors(), () -> ws.diagnostics().toString());
        List<Policy> policies = ws.lowerPolicies();
        List<Dataplane> dps = StandardDataplanes.parse(dataplanes, CopperWorkspace::builtinDataplane);
        PlacementOptions options = PlacementOptions.defaults();
        PlacementResult placement = Wire.place(graph, policies, dps, options);
        EnforcementPlan plan = EnforcementPlanner.plan(graph, policies, placement, ServiceIds.empty().extend(graph.services()),
                options.entryOriginsOnly());
        return new Inputs(graph, policies, dps, placement, plan);
    }

    private Inputs hotel() throws Exception {
        Path ex = Path.of("../examples/hotel-reservation");
        Path dir = tmp.resolve("hotel");
        Files.createDirectories(dir);
        Files.copy(ex.resolve("policies.cup"), dir.resolve("policies.cup"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return inputs(GraphJsonReader.read(ex.resolve("graph.json")), dir, "haproxy=3,cilium=1");
    }

    @Test
    void hotelReportSvgIsXmlAndNamesEverySidecarAndItsDataplane() throws Exception {
        Inputs in = hotel();
        assertFalse(in.placement().sidecars().isEmpty());
        String html = in.render();
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        Map<String, String> drawn = new HashMap<>();
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("service")) {
                drawn.put(g.getAttribute("data-service"), g.getAttribute("data-dataplane"));
                assertEquals(g.getAttribute("data-service"), g.getElementsByTagName("text").item(0).getTextContent());
            }
        }
        assertEquals(in.graph().serviceSet(), drawn.keySet(), "every service drawn once");
        in.placement().sidecars().forEach((s, d) -> {
            assertEquals(d, drawn.get(s), s);
            assertTrue(html.contains("<tr><td>" + s + "</td><td>" + d + "</td>"), s + " listed with its dataplane");
        });
        drawn.forEach((s, d) -> assertEquals(in.placement().sidecars().getOrDefault(s, ""), d, s));
        assertEquals(in.graph().edgeCount(), doc.getElementsByTagName("polyline").getLength());
        // every sidecar's reasons name a policy Wire placed there
        SidecarReasons.of(in.placement()).forEach((s, reasons) -> assertFalse(reasons.isEmpty(), s));
    }

    @Test
    void rendersAreByteIdentical() throws Exception {
        String first = hotel().render();
        String second = hotel().render();
        assertEquals(first, second);
        assertFalse(first.matches("(?s).*\\d\\d:\\d\\d:\\d\\d.*"), "no times");
    }

    @Test
    void baselinesOnAThreeServiceChain() throws Exception {
        // a -> b -> c; one header rewrite on calls b -> c. Cilium (cost 2) cannot rewrite headers, Istio (7) can.
        ServiceGraph graph = ServiceGraph.of("three", List.of("a", "b", "c"), List.of(List.of("a", "b"), List.of("b", "c")), List.of());
        Path dir = tmp.resolve("three");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("p.cup"), """
                import "common.cui";
                policy mark (
                    act (Request request)
                    context ('b c')
                ) {
                    [Ingress]
                    SetHeader(request, "x-mark", "1");
                }
                """);
        Inputs in = inputs(graph, dir, "cilium=2,istio=7");
        // Wire: one istio sidecar at c (or at b's egress): 7
        assertEquals(7, in.placement().cost());
        // every service: a and b run nothing -> cheapest (cilium 2 each); c rewrites headers -> istio 7
        Baselines.Baseline every = Baselines.everyService(graph, in.policies(), in.dataplanes());
        assertEquals(Map.of("a", "cilium", "b", "cilium", "c", "istio"), every.sidecars());
        assertEquals(2 + 2 + 7, every.cost());
        // Istio++: c runs the policy; b starts the only matching chain (b c) and forwards context; a is on no matching chain
        Baselines.Baseline plus = Baselines.istioPlusPlus(graph, in.policies(), in.dataplanes());
        assertEquals(Map.of("b", "cilium", "c", "istio"), plus.sidecars());
        assertEquals(2 + 7, plus.cost());
        String html = in.render();
        assertTrue(html.contains("<td class=\"n\">11</td>"), "every-service cost shown");
        assertTrue(html.contains("<td class=\"n\">9</td>"), "Istio++ cost shown");
    }

    @Test
    void namesAreEscaped() {
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;", BuildReport.esc("a<b>&\"'"));
    }
}

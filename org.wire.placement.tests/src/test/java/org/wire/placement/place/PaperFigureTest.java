package org.wire.placement.place;

import org.wire.model.placement.PlacementResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.Dataplane;
import org.wire.model.Policy;

/** The paper's Figure 11: P1 with one dataplane needs 3 / 2 / 5 sidecars on the three benchmark apps. */
class PaperFigureTest {
    static Path example(String app) {
        Path here = Path.of("").toAbsolutePath();
        Path root = here.getFileName().toString().equals("org.wire.placement.tests") ? here.getParent() : here;
        return root.resolve("examples").resolve(app).resolve("graph.json");
    }

    @ParameterizedTest
    @CsvSource({"online-boutique,3", "hotel-reservation,2", "social-network,5"})
    void p1WithOneDataplaneMatchesThePaper(String app, int sidecars) throws Exception {
        ServiceGraph g = GraphJsonReader.read(example(app));
        List<Policy> p1 = PaperPolicySets.of(g, PolicySet.P1);
        List<Dataplane> istio = StandardDataplanes.parse("istio=1");
        for (boolean paper : new boolean[] {false, true}) {
            PlacementOptions opts = PlacementOptions.defaults().withPaperEncoding(paper);
            PlacementResult r = Wire.place(g, p1, istio, opts);
            assertEquals(sidecars, r.sidecarCount(), app + (paper ? " paper" : " edge") + ": " + r.sidecars());
            assertTrue(r.optimal());
            assertEquals(List.of(), PlacementValidator.check(g, p1, istio, opts, r));
            // entry-only origins give the same answer: every P1 pattern starts at an entry service
            assertEquals(sidecars, Wire.place(g, p1, istio, opts.withEntryOriginsOnly(true)).sidecarCount());
        }
    }

    @ParameterizedTest
    @CsvSource({"online-boutique", "hotel-reservation", "social-network"})
    void p1p2WithTwoDataplanesIsValid(String app) throws Exception {
        ServiceGraph g = GraphJsonReader.read(example(app));
        List<Policy> ps = PaperPolicySets.of(g, PolicySet.P1P2);
        List<Dataplane> dps = StandardDataplanes.parse("istio=10,cilium=4");
        for (boolean paper : new boolean[] {false, true}) {
            PlacementOptions opts = PlacementOptions.defaults().withPaperEncoding(paper);
            PlacementResult r = Wire.place(g, ps, dps, opts);
            assertTrue(r.optimal());
            assertEquals(List.of(), PlacementValidator.check(g, ps, dps, opts, r));
        }
    }
}

package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.placement.PlacementJsonWriter;

/** Re-placement through a kept {@link RePlacement} (the language server's saves) equals placing from scratch, reusing unchanged match sets. */
class RePlacementTest {
    @TempDir
    Path dir;

    private ProjectFile project() throws Exception {
        return ProjectFile.read(dir.resolve(ProjectFile.FILE_NAME), null);
    }

    private String placedAgain(RePlacement again) throws Exception {
        return PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, "istio=10,cilium=4", again).placement(), false);
    }

    private String placedFromScratch() throws Exception {
        return PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, "istio=10,cilium=4").placement(), false);
    }

    private void edit(String from, String to) throws Exception {
        Path cup = dir.resolve("policies.cup");
        String text = Files.readString(cup);
        if (!text.contains(from)) {
            throw new AssertionError("the example no longer contains " + from);
        }
        Files.writeString(cup, text.replace(from, to));
    }

    @Test
    void aLoadChangeInTheProjectFileIsPlacedAfresh() throws Exception {
        for (String f : new String[] {"graph.json", "policies.cup"}) {
            Files.copy(BuildPipelineTest.EXAMPLES.resolve("online-boutique").resolve(f), dir.resolve(f));
        }
        String byLoad = "istio=10+1/load,cilium=4+1/load";
        Files.writeString(dir.resolve("copper.json"), "{\"graph\": \"graph.json\", \"load\": {\"frontend\": 5000}}");
        RePlacement again = new RePlacement();
        String hot = PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, byLoad, again).placement(), false);
        assertEquals(PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, byLoad).placement(), false), hot);
        // same graph file, other loads: the kept placer must not reuse the old costs
        Files.writeString(dir.resolve("copper.json"), "{\"graph\": \"graph.json\", \"load\": {\"frontend\": 0, \"cartservice\": 5000}}");
        String cool = PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, byLoad, again).placement(), false);
        assertEquals(PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, byLoad).placement(), false), cool);
        if (hot.equals(cool)) {
            throw new AssertionError("moving the hotspot should change the placement");
        }
    }

    @Test
    void eachSaveEqualsAFullPlacementAndRematchesOnlyWhatChanged() throws Exception {
        for (String f : new String[] {"graph.json", "policies.cup", "copper.json"}) {
            Files.copy(BuildPipelineTest.EXAMPLES.resolve("online-boutique").resolve(f), dir.resolve(f));
        }
        RePlacement again = new RePlacement();
        assertEquals(placedFromScratch(), placedAgain(again));
        assertEquals(4, again.recomputedMatchSets(), "the first placement matches every policy");

        assertEquals(placedFromScratch(), placedAgain(again));
        assertEquals(0, again.recomputedMatchSets(), "nothing changed");

        // a pattern edit: that policy alone is matched again, and the placement follows it
        String before = placedFromScratch();
        edit("context ('frontend .* productcatalogservice')", "context ('frontend .* currencyservice')");
        String after = placedFromScratch();
        assertEquals(after, placedAgain(again));
        assertEquals(1, again.recomputedMatchSets());
        if (before.equals(after)) {
            throw new AssertionError("the edit should change the placement's policy output");
        }

        // a new policy file: only its policy is matched
        Files.writeString(dir.resolve("extra.cup"), """
                import "common.cui";

                policy extra_marker (
                    act (Request request)
                    context ('frontend cartservice')
                ) {
                    [Egress]
                    SetHeader(request, 'x-extra', '1');
                }
                """);
        assertEquals(placedFromScratch(), placedAgain(again));
        assertEquals(1, again.recomputedMatchSets());

        // removing it: nothing is matched again
        Files.delete(dir.resolve("extra.cup"));
        assertEquals(placedFromScratch(), placedAgain(again));
        assertEquals(0, again.recomputedMatchSets());

        // other dataplanes: a fresh placer, every policy matched
        PlacementJsonWriter.toJson(BuildPipeline.place(project(), dir, "haproxy=1", again).placement(), false);
        assertEquals(4, again.recomputedMatchSets());
    }
}

package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.wire.model.graph.GraphJsonReader;

/** Every file shipped in examples/ checks clean and lowers into the Wire IR. */
class CorpusTest {
    /** Each folder of examples/ is its own project (policy names are unique within a project, not across them). */
    @Test
    void examplesCheckClean() throws IOException {
        Path examples = Path.of(System.getProperty("copper.examples", "../examples"));
        assertTrue(Files.isDirectory(examples), "examples folder not found: " + examples.toAbsolutePath());
        int policies = 0;
        try (var dirs = Files.list(examples)) {
            for (Path project : dirs.filter(Files::isDirectory).sorted().toList()) {
                CopperWorkspace ws = CopperWorkspace.load(List.of(project));
                assertEquals(List.of(), ws.diagnostics().stream().map(d -> d.format()).toList(), project.toString());
                var lowered = ws.lowerPolicies();
                assertEquals(ws.policies().size(), lowered.size());
                lowered.forEach(p -> assertTrue(!p.actions().isEmpty(), p.name()));
                policies += lowered.size();
            }
        }
        assertTrue(policies >= 12, "each benchmark app has the four policy categories");
    }

    /** Each app's policies name only services of its graph and match at least one of its calls. */
    @Test
    void examplesMatchTheirOwnGraphs() throws Exception {
        Path examples = Path.of(System.getProperty("copper.examples", "../examples"));
        int apps = 0;
        try (var dirs = Files.list(examples)) {
            for (Path app : dirs.filter(d -> Files.isRegularFile(d.resolve("graph.json"))).sorted().toList()) {
                CopperWorkspace ws = CopperWorkspace.load(List.of(app));
                ws.checkAgainst(GraphJsonReader.read(app.resolve("graph.json")));
                assertEquals(List.of(), ws.diagnostics().stream().map(d -> d.format()).toList(), app.toString());
                apps++;
            }
        }
        assertEquals(3, apps, "the three benchmark applications");
    }
}

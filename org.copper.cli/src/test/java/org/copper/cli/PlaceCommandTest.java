package org.copper.cli;

import static org.copper.cli.CheckCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code ./copper place} end to end: real interface files, SAT4J, JSON out, and its failure modes. */
class PlaceCommandTest {
    @TempDir
    Path dir;

    static final String GRAPH = """
            {"services": ["frontend", "cart", "catalog", "redis"],
             "edges": [["frontend", "cart"], ["frontend", "catalog"], ["cart", "redis"]],
             "databases": ["redis"]}
            """;

    static final String HEADER = """
            import "common.cui";
            policy mark (
                act (Request request)
                context ('frontend .* [cart, catalog]')
            ) {
                [Ingress]
                SetHeader(request, 'x-mark', 'true');
            }
            """;

    @Test
    void placesWithTheCheapestDataplaneThatOffersTheActions() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER);
        // cilium is cheaper but offers no SetHeader (its real interface file says so): only istio can host
        var r = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10,cilium=1", "--json",
                dir.resolve("p.cup").toString());
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(json.get("optimal").getAsBoolean());
        assertEquals(10, json.get("cost").getAsInt(), "one istio sidecar at frontend covers both calls (egress side)");
        assertEquals("istio", json.getAsJsonObject("sidecars").get("frontend").getAsString());
        assertEquals(1, json.getAsJsonObject("sidecars").size());
    }

    @Test
    void explainSaysWhichEdgesOfTheFreePolicyTheSidecarCovers() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER);
        var r = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10", "--explain", dir.resolve("p.cup").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("why each sidecar:\nfrontend (istio)\n  mark: free, covers frontend -> cart, frontend -> catalog\n"), r.out());
        var both = run("place", "--graph", dir.resolve("graph.json").toString(), "--explain", "--json", dir.resolve("p.cup").toString());
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("--explain"), both.err());
    }

    @Test
    void aCostThatFollowsLoadMovesTheSidecarOffTheHotFrontendAndSaysWhatEachCosts() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH.replace("\"databases\": [\"redis\"]",
                "\"databases\": [\"redis\"], \"load\": {\"frontend\": 900, \"cart\": 30, \"catalog\": 50}"));
        Files.writeString(dir.resolve("p.cup"), HEADER);
        var r = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10+1/load", "--explain",
                dir.resolve("p.cup").toString());
        assertEquals(0, r.code(), r.err());
        // frontend would cost 10 + 900; cart and catalog together 40 + 60
        assertTrue(r.out().contains("cost 100 (optimal)"), r.out());
        assertTrue(r.out().contains("  cart -> istio  (cost 10 + 30 × 1 = 40)\n  catalog -> istio  (cost 10 + 50 × 1 = 60)\n"), r.out());
        var constant = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10", dir.resolve("p.cup").toString());
        assertTrue(constant.out().contains("  frontend -> istio\n"), constant.out());
        var bad = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10+x/load", dir.resolve("p.cup").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--dataplanes: dataplane cost must be a whole number, or FIXED+PER_UNIT/load, in 'istio=10+x/load'"), bad.err());
        // 900 × 10^9 is still within the bound of 10^12 per sidecar, 5000 × 10^9 is not
        assertEquals(0, run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10+1000000000/load",
                dir.resolve("p.cup").toString()).code());
        Files.writeString(dir.resolve("hot.json"), Files.readString(dir.resolve("graph.json")).replace("900", "5000"));
        var tooDear = run("place", "--graph", dir.resolve("hot.json").toString(), "--dataplanes", "istio=10+1000000000/load", dir.resolve("p.cup").toString());
        assertEquals(2, tooDear.code(), tooDear.err());
        assertTrue(tooDear.err().contains("an istio sidecar at service 'frontend' would cost 10 + 5000 × 1000000000, more than 1000000000000"), tooDear.err());
    }

    @Test
    void outFileIsWrittenAtomicallyAndIsByteIdenticalAcrossRuns() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER);
        Path out1 = dir.resolve("one.json");
        Path out2 = dir.resolve("two.json");
        assertEquals(0, run("place", "--graph", dir.resolve("graph.json").toString(), "--out", out1.toString(), dir.toString()).code());
        assertEquals(0, run("place", "--graph", dir.resolve("graph.json").toString(), "--out", out2.toString(), dir.toString()).code());
        assertArrayEquals(Files.readAllBytes(out1), Files.readAllBytes(out2));
        assertFalse(Files.readString(out1).contains("solve_ms"));
    }

    @Test
    void outFileFollowsTheUmaskAndReplacingKeepsTheMode() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER);
        Path probe = Files.writeString(dir.resolve("probe"), "x"); // what the umask gives any new file
        Path out = dir.resolve("placement.json");
        assertEquals(0, run("place", "--graph", dir.resolve("graph.json").toString(), "--out", out.toString(), dir.resolve("p.cup").toString()).code());
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(out));
        var intoDir = run("place", "--graph", dir.resolve("graph.json").toString(), "--out", dir.toString(), dir.resolve("p.cup").toString());
        assertEquals(2, intoDir.code());
        assertTrue(intoDir.err().contains(dir + ": is a directory"), intoDir.err());
        assertFalse(intoDir.err().contains(".tmp"), intoDir.err());
    }

    @Test
    void noPoliciesIsAnErrorNotAnEmptyOptimalPlacement() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("empty.cup"), "import \"common.cui\";\n");
        var r = run("place", "--graph", dir.resolve("graph.json").toString(), dir.resolve("empty.cup").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no policies in"), r.err());
    }

    @Test
    void unsatisfiableNamesThePolicyAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER);
        Path out = dir.resolve("never.json");
        var r = run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "cilium=1", "--out", out.toString(),
                dir.resolve("p.cup").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("'mark'") && r.err().contains("SetHeader"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badGraphAndPolicyErrorsAreMessagesWithoutTraces() throws IOException {
        Files.writeString(dir.resolve("graph.json"), "{\"services\": [\"a\"], \"edges\": [[\"a\", \"zz\"]]}");
        Files.writeString(dir.resolve("p.cup"), HEADER);
        var bad = run("place", "--graph", dir.resolve("graph.json").toString(), dir.resolve("p.cup").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("zz"), bad.err());
        Files.writeString(dir.resolve("graph.json"), GRAPH);
        Files.writeString(dir.resolve("p.cup"), HEADER.replace("[Ingress]", "[Ingress]\n    RouteToVersion(request, 'a', 'b');"));
        var invalid = run("place", "--graph", dir.resolve("graph.json").toString(), dir.resolve("p.cup").toString());
        assertEquals(1, invalid.code());
        assertTrue(invalid.err().contains("p.cup:7:5: error: 'RouteToVersion' is [Egress]"), invalid.err());
        assertFalse(invalid.err().contains("\tat "), invalid.err());
        assertTrue(run("place", "--graph", dir.resolve("graph.json").toString(), "--dataplanes", "envoyx=3", dir.toString()).err()
                .contains("unknown dataplane 'envoyx'"));
    }
}

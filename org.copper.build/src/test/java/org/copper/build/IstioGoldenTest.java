package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wire.deploy.istio.IstioOutputValidator;

/**
 * Golden trees of whole builds of the three examples with Istio alone, with Istio beside a cheaper HAProxy (which
 * then takes every sidecar), and with one policy pinned to Istio by its ACT beside a cheaper HAProxy (a real mix),
 * every Istio file validated against the real models ({@link IstioOutputValidator}). report.html is left out of
 * the comparison (BuildReportTest checks it; it changes with every look of the report).
 *
 * <p>Regenerate after an intended change: {@code ./mvnw -o verify -pl org.copper.build -am -Dtest=IstioGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcopper.golden.update=true}, then review the diff of
 * {@code org.copper.build/src/test/resources/golden/}.
 */
class IstioGoldenTest {
    static final Path EXAMPLES = Path.of(System.getProperty("copper.examples", "../examples"));
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = ';', value = {
            "hotel-reservation; istio=10; istio;",
            "online-boutique; istio=10; istio;",
            "social-network; istio=10; istio;",
            "hotel-reservation; istio=10,haproxy=4; istio-haproxy;",
            "online-boutique; istio=10,haproxy=4; istio-haproxy;",
            "social-network; istio=10,haproxy=4; istio-haproxy;",
            "hotel-reservation; istio=10,haproxy=4; istio-pinned-haproxy; hr_profile_guard",
            "online-boutique; istio=10,haproxy=4; istio-pinned-haproxy; ob_cart_needs_session",
            "social-network; istio=10,haproxy=4; istio-pinned-haproxy; sn_social_graph_guard",
            // the paper's pair: Cilium where it suffices (routing, deny), Istio for header rewriting and state
            "hotel-reservation; istio=10,cilium=4; istio-cilium;",
            "online-boutique; istio=10,cilium=4; istio-cilium;",
            "social-network; istio=10,cilium=4; istio-cilium;" })
    void buildMatchesItsGoldenTree(String example, String dataplanes, String folder, String pinnedToIstio) throws Exception {
        Path project = pinnedToIstio == null ? EXAMPLES.resolve(example) : pinToIstio(example, pinnedToIstio);
        BuildPipeline.Result r = BuildPipeline.build(project, dataplanes, null);
        TreeMap<String, byte[]> files = new TreeMap<>(r.files().files());
        files.remove(BuildPipeline.REPORT);
        IstioOutputValidator.Report v = IstioOutputValidator.validate(files);
        boolean istioPlaced = r.placement().sidecars().containsValue("istio");
        assertEquals(istioPlaced, files.keySet().stream().anyMatch(p -> p.startsWith("istio/")), "istio/ exactly when Wire placed Istio");
        if (istioPlaced) {
            assertTrue(v.istioResources() > 0 && v.workloads() > 0, "validated " + v);
        }
        if (r.placement().sidecars().containsValue("cilium")) {
            org.wire.deploy.cilium.CiliumOutputValidator.validate(files);
        }
        if (pinnedToIstio != null) {
            assertTrue(istioPlaced && r.placement().sidecars().containsValue("haproxy"), "a real mix: " + r.placement().sidecars());
        }
        Path golden = GOLDEN.resolve(example).resolve(folder);
        if (GoldenTree.UPDATE) {
            GoldenTree.write(golden, files);
        }
        assertTrue(Files.isDirectory(golden), golden + " is missing: run with -Dcopper.golden.update=true");
        SortedMap<String, byte[]> expected = GoldenTree.read(golden);
        assertEquals(expected.keySet(), files.keySet(), "the files of " + example + " with " + dataplanes);
        for (var e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), files.get(e.getKey()), e.getKey() + " of " + example + " with " + dataplanes);
        }
    }

    @TempDir
    Path tmp;

    /**
     * The example with one policy written against Istio's ACT ({@code IstioRequest}), so that Wire must run it on
     * Istio while the cheaper HAProxy takes the rest: a real mix of dataplanes.
     */
    private Path pinToIstio(String example, String policy) throws Exception {
        Path dir = tmp.resolve(example);
        Files.createDirectories(dir);
        for (String f : new String[] { "copper.json", "graph.json" }) {
            Files.copy(EXAMPLES.resolve(example).resolve(f), dir.resolve(f));
        }
        String src = Files.readString(EXAMPLES.resolve(example).resolve("policies.cup"));
        int at = src.indexOf("policy " + policy + " ");
        int act = src.indexOf("act (Request ", at);
        assertTrue(at >= 0 && act > at && src.startsWith("import \"common.cui\";", src.indexOf("import")), example);
        src = src.substring(0, act) + "act (IstioRequest " + src.substring(act + "act (Request ".length());
        Files.writeString(dir.resolve("policies.cup"), src.replace("import \"common.cui\";", "import \"istio.cui\";"));
        return dir;
    }
}

package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wire.deploy.istio.IstioOutputValidator;

/**
 * Golden trees of whole builds of the three examples with Istio alone and with Istio beside a cheaper HAProxy,
 * every Istio file validated against the real models ({@link IstioOutputValidator}). report.html is left out of
 * the comparison (BuildReportTest checks it; it changes with every look of the report), and the project's absolute
 * path in policy origins reads PROJECT.
 *
 * <p>Regenerate after an intended change: {@code ./mvnw -o verify -pl org.copper.build -am -Dtest=IstioGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcopper.golden.update=true}, then review the diff of
 * {@code org.copper.build/src/test/resources/golden/}.
 */
class IstioGoldenTest {
    static final Path EXAMPLES = Path.of(System.getProperty("copper.examples", "../examples"));
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("copper.golden.update");

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = ';', value = {
            "hotel-reservation; istio=10; istio",
            "online-boutique; istio=10; istio",
            "social-network; istio=10; istio",
            "hotel-reservation; istio=10,haproxy=4; istio-haproxy",
            "online-boutique; istio=10,haproxy=4; istio-haproxy",
            "social-network; istio=10,haproxy=4; istio-haproxy" })
    void buildMatchesItsGoldenTree(String example, String dataplanes, String folder) throws Exception {
        BuildPipeline.Result r = BuildPipeline.build(EXAMPLES.resolve(example), dataplanes, null);
        TreeMap<String, byte[]> files = new TreeMap<>(r.files().files());
        files.remove(BuildPipeline.REPORT);
        IstioOutputValidator.Report v = IstioOutputValidator.validate(files);
        // policy origins name the project by its absolute path: the goldens hold it as PROJECT, whatever the checkout
        String project = EXAMPLES.resolve(example).toAbsolutePath().normalize().toString();
        files.replaceAll((p, b) -> new String(b, StandardCharsets.UTF_8).replace(project, "PROJECT").getBytes(StandardCharsets.UTF_8));
        boolean istioPlaced = r.placement().sidecars().containsValue("istio");
        assertEquals(istioPlaced, files.keySet().stream().anyMatch(p -> p.startsWith("istio/")), "istio/ exactly when Wire placed Istio");
        if (istioPlaced) {
            assertTrue(v.istioResources() > 0 && v.workloads() > 0, "validated " + v);
        }
        Path golden = GOLDEN.resolve(example).resolve(folder);
        if (UPDATE) {
            if (Files.exists(golden)) {
                BuildPipelineTest.deleteTree(golden);
            }
            for (var e : files.entrySet()) {
                Path p = golden.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        }
        assertTrue(Files.isDirectory(golden), golden + " is missing: run with -Dcopper.golden.update=true");
        SortedMap<String, byte[]> expected = read(golden);
        assertEquals(expected.keySet(), files.keySet(), "the files of " + example + " with " + dataplanes);
        for (var e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), files.get(e.getKey()), e.getKey() + " of " + example + " with " + dataplanes);
        }
    }

    private static SortedMap<String, byte[]> read(Path root) throws Exception {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}

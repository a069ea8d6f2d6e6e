package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wire.deploy.cilium.CiliumOutputValidator;

/**
 * Golden builds of the three examples with Cilium in the mix, and with Cilium alone. Each compares the whole
 * back-end output (placement.json, cilium/, haproxy/) with the tree under {@code src/test/resources/golden-cilium/}, and
 * validates every Cilium file ({@link CiliumOutputValidator}: fabric8 model, Cilium's CRD fields, Envoy's protos).
 *
 * <p>To regenerate after an intended change: {@code ./mvnw -o verify -pl org.copper.build -am -Dtest=CiliumGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcopper.golden.update=true}, then review the diff.
 */
class CiliumGoldenTest {
    static final Path GOLDEN = Path.of(System.getProperty("copper.golden.dir", "src/test/resources/golden-cilium"));
    /** The parts of the output the back ends own; report.html and ebpf/ have their own tests. */
    static final List<String> COMPARED = List.of("placement.json", "cilium/", "haproxy/");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({ "online-boutique, 2", "hotel-reservation, 1", "social-network, 2" })
    void mixOfCiliumAndHaproxy(String example, int expectedEnvoyConfigs) throws Exception {
        BuildPipeline.Result r = BuildPipeline.build(BuildPipelineTest.EXAMPLES.resolve(example), "cilium=4,haproxy=10", null);
        check(example + "/cilium4-haproxy10", r, expectedEnvoyConfigs);
        assertTrue(r.placement().sidecars().containsValue("haproxy"), "the examples rewrite headers: HAProxy is needed too");
    }

    @ParameterizedTest
    @CsvSource({ "online-boutique, 2", "hotel-reservation, 1", "social-network, 2" })
    void ciliumAlone(String example, int expectedEnvoyConfigs) throws Exception {
        // the whole example cannot run on Cilium alone: its header rewrite has no dataplane
        BuildException e = assertThrows(BuildException.class,
                () -> BuildPipeline.build(BuildPipelineTest.EXAMPLES.resolve(example), "cilium=4", null));
        assertTrue(e.getMessage().matches("(?s)policy '\\w+' \\(.*policies\\.cup:\\d+:\\d+\\): no available dataplane \\(cilium\\) offers .*"),
                e.getMessage());
        // its policies Cilium can run, copied verbatim
        Path project = tmp.resolve(example);
        Files.createDirectories(project);
        Files.copy(BuildPipelineTest.EXAMPLES.resolve(example).resolve("graph.json"), project.resolve("graph.json"));
        Files.copy(Path.of("src/test/resources/cilium-only", example, "policies.cup"), project.resolve("policies.cup"));
        Files.writeString(project.resolve("copper.json"), "{\"graph\": \"graph.json\", \"dataplanes\": {\"cilium\": 4}}");
        BuildPipeline.Result r = BuildPipeline.build(project, null, null);
        check(example + "/cilium4", r, expectedEnvoyConfigs);
        assertTrue(r.placement().sidecars().values().stream().allMatch("cilium"::equals));
    }

    /** The Cilium-alone projects hold the examples' own policies, not edited copies. */
    @ParameterizedTest
    @ValueSource(strings = { "online-boutique", "hotel-reservation", "social-network" })
    void ciliumOnlyPoliciesAreVerbatimFromTheExample(String example) throws Exception {
        String original = Files.readString(BuildPipelineTest.EXAMPLES.resolve(example).resolve("policies.cup"));
        String subset = Files.readString(Path.of("src/test/resources/cilium-only", example, "policies.cup"));
        String body = subset.substring(subset.indexOf("import \"common.cui\";"));
        int policies = 0;
        for (String chunk : body.split("\n\n")) {
            assertTrue(original.contains(chunk.strip()), example + ": not in the example:\n" + chunk);
            policies += chunk.contains("policy ") ? 1 : 0;
        }
        assertTrue(policies >= 1);
    }

    private void check(String name, BuildPipeline.Result r, int expectedEnvoyConfigs) throws Exception {
        SortedMap<String, byte[]> files = r.files().files();
        CiliumOutputValidator.Report report = CiliumOutputValidator.validate(files);
        assertEquals(expectedEnvoyConfigs, report.envoyConfigs(), name + ": CiliumEnvoyConfigs " + report);
        TreeMap<String, byte[]> compared = new TreeMap<>();
        files.forEach((p, b) -> {
            if (COMPARED.stream().anyMatch(c -> c.endsWith("/") ? p.startsWith(c) : p.equals(c))) {
                compared.put(p, b);
            }
        });
        Path dir = GOLDEN.resolve(name);
        if (GoldenTree.UPDATE) {
            GoldenTree.write(dir, compared);
            return;
        }
        assertTrue(Files.isDirectory(dir), "no golden tree " + dir + " (regenerate: -Dcopper.golden.update=true)");
        SortedMap<String, byte[]> golden = GoldenTree.read(dir);
        assertEquals(golden.keySet(), compared.keySet(), name + ": the files differ from the golden tree");
        List<String> differ = new ArrayList<>();
        golden.forEach((p, b) -> {
            if (!java.util.Arrays.equals(b, compared.get(p))) {
                differ.add(p);
            }
        });
        if (!differ.isEmpty()) {
            String p = differ.get(0);
            fail(name + ": " + differ + " differ from the golden tree (regenerate: -Dcopper.golden.update=true); first, " + p + ":\n"
                    + new String(compared.get(p), StandardCharsets.UTF_8));
        }
    }
}

package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.deploy.ebpf.EbpfDeployment;
import org.wire.model.ctx.ServiceIds;

/** The build step on real example projects: errors name the file and field, nothing is written on error, output is byte-identical. */
class BuildPipelineTest {
    static final Path EXAMPLES = Path.of(System.getProperty("copper.examples", "../examples"));

    @TempDir
    Path tmp;

    private Path project(String example, String copperJson) throws Exception {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir);
        Files.copy(EXAMPLES.resolve(example).resolve("graph.json"), dir.resolve("graph.json"));
        Files.copy(EXAMPLES.resolve(example).resolve("policies.cup"), dir.resolve("policies.cup"));
        Files.writeString(dir.resolve("copper.json"), copperJson);
        return dir;
    }

    @Test
    void badProjectFilesNameTheFileAndTheField() throws Exception {
        Map<String, String> cases = new TreeMap<>(Map.ofEntries(
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": 1}", "not valid JSON: End of input at line 1 column 53"),
                Map.entry("{\"graph\": \"gr\\u0000aph.json\"}", "graph: 'gr\\0aph.json' is not a valid path"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": 1e400}}", "dataplanes.haproxy: the cost must be a whole number"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": 1.5}}", "dataplanes.haproxy: the cost must be a whole number"),
                Map.entry("{}", "graph: missing (required)"),
                Map.entry("{\"graph\": 3}", "graph: expected a non-empty string"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": -1}}", "dataplanes.haproxy: the cost must be a whole number from 0"),
                Map.entry("{\"graph\": \"graph.json\", \"colour\": 1}", "colour: unknown field"),
                Map.entry("{\"graph\": \"graph.json\", \"endpoints\": {\"port\": 70000}}", "endpoints.port: expected a port number 1..65535"),
                Map.entry("{\"graph\": \"graph.json\", \"requireSidecar\": [\"nosuch\"]}", "requireSidecar: no service nosuch in the graph"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"envoy\": 1}}", "dataplanes: "),
                Map.entry("[1]", "expected a JSON object"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": {\"cost\": 1, \"perLoad\": -2}}}",
                        "dataplanes.haproxy.perLoad: the cost per unit of load must be a whole number from 0 to 1000000000, got -2"),
                Map.entry("{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": {\"cost\": 1, \"per\": 2}}}", "dataplanes.haproxy.per: unknown field"),
                Map.entry("{\"graph\": \"graph.json\", \"load\": {\"frontend\": 1.5}}", "load.frontend: a load must be a whole number from 0 to 1000000000, got 1.5"),
                Map.entry("{\"graph\": \"graph.json\", \"load\": {\"nosuch\": 1}}", "load.nosuch: no such service in the graph"),
                Map.entry("{\"graph\": \"graph.json\", \"load\": [1]}", "load: expected an object"),
                Map.entry("{\"graph\": \"graph.json\", \"load\": {\"frontend\": 1000000000}, \"dataplanes\": {\"haproxy\": {\"cost\": 1, \"perLoad\": 1000000000}}}",
                        "copper.json: a haproxy sidecar at service 'frontend' would cost 1 + 1000000000 × 1000000000, more than 1000000000000"),
                Map.entry("{\"graph\": \"graph.json\", \"namespace\": \"Not_OK\"}", "namespace: 'Not_OK' is not a Kubernetes namespace name")));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path dir = project("hotel-reservation", c.getKey());
            Path out = tmp.resolve("out");
            BuildException e = assertThrows(BuildException.class, () -> BuildPipeline.buildInto(dir, null, out), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("http"), "no internals: " + e.getMessage());
            if (!c.getKey().contains("dataplanes") && !c.getKey().contains("requireSidecar")) {
                assertTrue(e.getMessage().startsWith(dir.resolve("copper.json").toString()), e.getMessage());
            }
            assertFalse(Files.exists(out), "nothing written on error");
            deleteTree(dir);
        }
    }

    @Test
    void policyErrorsListEachDiagnosticAndWriteNothing() throws Exception {
        Path dir = project("hotel-reservation", "{\"graph\": \"graph.json\"}");
        Files.writeString(dir.resolve("broken.cup"), "import \"common.cui\";\npolicy p (act (Request r) context ('a .*')) { [Ingress] Deny(r); }\n");
        Path out = tmp.resolve("out");
        PolicyErrorsException e = assertThrows(PolicyErrorsException.class, () -> BuildPipeline.buildInto(dir, null, out));
        assertTrue(e.diagnostics().stream().anyMatch(d -> d.format().contains("broken.cup:2:")), e.diagnostics().toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotABuildOutput() throws Exception {
        Path dir = project("hotel-reservation", "{\"graph\": \"graph.json\"}");
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThrows(BuildException.class, () -> OutputDirectory.replace(out, new org.wire.deploy.FileTree()));
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void anUnwritableOutputDirectoryIsAnErrorNamingItAndThePreviousOutputStays() throws Exception {
        Path dir = project("hotel-reservation", "{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": 1}}");
        // root ignores permission bits, so an unwritable place is one no one can create in: below a file, and in /proc
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        for (Path out : List.of(file.resolve("out"), Path.of("/proc/copper-build-test-out"))) {
            BuildException e = assertThrows(BuildException.class, () -> BuildPipeline.buildInto(dir, null, out));
            assertTrue(e.getMessage().startsWith(out.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            assertFalse(Files.exists(out));
        }
        Path out = tmp.resolve("out");
        BuildPipeline.buildInto(dir, null, out);
        byte[] before = Files.readAllBytes(out.resolve("placement.json"));
        Files.writeString(dir.resolve("policies.cup"), "this is not Copper");
        assertThrows(PolicyErrorsException.class, () -> BuildPipeline.buildInto(dir, null, out));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("placement.json")), "a failed build leaves the previous output untouched");
    }

    @Test
    void outputIsReplacedAtomicallyWithUmaskPermissions() throws Exception {
        org.wire.deploy.FileTree tree = new org.wire.deploy.FileTree();
        tree.put("a/b.txt", "one");
        Path out = tmp.resolve("out");
        OutputDirectory.replace(out, tree);
        org.wire.deploy.FileTree second = new org.wire.deploy.FileTree();
        second.put("c.txt", "two");
        OutputDirectory.replace(out, second);
        assertFalse(Files.exists(out.resolve("a/b.txt")), "the old tree is gone");
        assertEquals("two", Files.readString(out.resolve("c.txt")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList(), "no temporary directories left");
        }
        // a fresh file created by Files.write follows the umask: compare with one made the same way
        Path probe = Files.writeString(tmp.resolve("probe"), "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        assertEquals(expected, Files.getPosixFilePermissions(out.resolve("c.txt")));
    }

    @Test
    void serviceIdsStayStableWhenAServiceIsAdded() {
        ServiceIds first = ServiceIds.empty().extend(List.of("frontend", "search", "geo"));
        ServiceIds second = first.extend(List.of("frontend", "search", "geo", "aaa-new"));
        for (String s : List.of("frontend", "search", "geo")) {
            assertEquals(first.id(s), second.id(s));
        }
        assertEquals(4, second.id("aaa-new"));
        assertEquals(first, ServiceIds.parse(first.toJson(), "ids.json"));
        assertThrows(IllegalArgumentException.class, () -> ServiceIds.parse("{\"a\": 1, \"b\": 1}", "ids.json"));
        assertEquals(EbpfDeployment.IDS, "ebpf/service-ids.json");
    }

    /** The Maven plugin's layout: policies in one folder, the project file elsewhere under any name, or a graph alone. */
    @Test
    void policiesApartFromTheProjectFileBuildTheSameFiles() throws Exception {
        Path beside = project("hotel-reservation", "{\"graph\": \"graph.json\", \"namespace\": \"hotel\"}");
        Path policies = beside; // the same policy files (their paths show in the output), read through another project file
        Path conf = Files.createDirectories(tmp.resolve("elsewhere/project")); // the graph is named after its folder
        Files.copy(beside.resolve("graph.json"), conf.resolve("graph.json"));
        Files.writeString(conf.resolve("shop.json"), "{\"graph\": \"graph.json\", \"namespace\": \"hotel\"}");

        ProjectFile apart = ProjectFile.read(conf.resolve("shop.json"), null);
        assertEquals(conf.resolve("graph.json"), apart.graph());
        assertEquals("hotel", apart.namespace());
        BuildPipeline.Result a = BuildPipeline.build(apart, policies, null, null);
        BuildPipeline.Result b = BuildPipeline.build(beside, null, null);
        assertEquals(b.files().files().keySet(), a.files().files().keySet());
        b.files().files().forEach((path, bytes) -> assertArrayEquals(bytes, a.files().files().get(path), path));

        // a graph alone: no project file needed, every field takes its default
        Path noProjectFile = conf.resolve("none.json");
        ProjectFile graphOnly = ProjectFile.read(noProjectFile, conf.resolve("graph.json"));
        assertEquals("default", graphOnly.namespace());
        assertEquals(Map.of("haproxy", 1L), graphOnly.dataplanes());
        assertFalse(BuildPipeline.build(graphOnly, policies, null, null).placement().sidecars().isEmpty());
        assertThrows(BuildException.class, () -> ProjectFile.read(noProjectFile, null));

        // messages name the project file that was read
        Files.writeString(conf.resolve("shop.json"), "{\"graph\": \"graph.json\", \"requireSidecar\": [\"nosuch\"]}");
        BuildException e = assertThrows(BuildException.class,
                () -> BuildPipeline.build(ProjectFile.read(conf.resolve("shop.json"), null), policies, null, null));
        assertTrue(e.getMessage().startsWith(conf.resolve("shop.json") + ": requireSidecar: no service nosuch"), e.getMessage());
    }

    @Test
    void checkReportsWarningsWithoutPlacingAndFailsOnErrors() throws Exception {
        Path dir = project("hotel-reservation", "{\"graph\": \"graph.json\"}");
        Files.writeString(dir.resolve("typo.cup"), "import \"common.cui\";\npolicy t (act (Request r) context ('frontend serch')) { [Ingress] Deny(r); }\n");
        ProjectFile project = ProjectFile.read(dir);
        List<org.copper.lang.api.CopperDiagnostic> warnings = BuildPipeline.check(project, dir);
        assertTrue(warnings.stream().anyMatch(d -> d.path().endsWith("typo.cup") && d.line() == 2 && d.message().contains("serch")), warnings.toString());
        Files.writeString(dir.resolve("typo.cup"), "import \"common.cui\";\npolicy t (act (Request r) context ('frontend search')) { [Ingress] Refuse(r); }\n");
        PolicyErrorsException e = assertThrows(PolicyErrorsException.class, () -> BuildPipeline.check(project, dir));
        assertTrue(e.diagnostics().stream().anyMatch(d -> d.path().endsWith("typo.cup") && d.line() == 2), e.diagnostics().toString());
    }

    /** online-boutique with a hot frontend, haproxy at 10 + 1 per unit of load (issue 11's load-aware cost). */
    static final String LOAD_AWARE_BOUTIQUE = "{\"graph\": \"graph.json\", \"dataplanes\": {\"haproxy\": {\"cost\": 10, \"perLoad\": 1}}, \"load\": {\"frontend\": 5000, "
                + "\"productcatalogservice\": 900, \"currencyservice\": 700, \"cartservice\": 300, \"recommendationservice\": 250, \"adservice\": 200, "
                + "\"checkoutservice\": 20, \"paymentservice\": 20}}";

    @Test
    void aProjectWhoseCostFollowsLoadPricesEachSidecarAndSaysSo() throws Exception {
        Path dir = project("online-boutique", LOAD_AWARE_BOUTIQUE);
        BuildPipeline.Result r = BuildPipeline.build(dir, null, null);
        var placement = r.placement();
        assertTrue(placement.optimal());
        assertEquals(placement.sidecars().keySet(), placement.sidecarCosts().keySet());
        assertEquals(placement.cost(), placement.sidecarCosts().values().stream().mapToLong(org.wire.model.SidecarCost::total).sum());
        assertEquals(new org.wire.model.SidecarCost(10, 1, 300, 310), placement.sidecarCosts().get("cartservice"), placement.sidecarCosts().toString());
        String json = new String(r.files().files().get(BuildPipeline.PLACEMENT), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"sidecar_costs\""), json);
        String report = new String(r.files().files().get("report.html"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains("haproxy (cost 10 + 1 per unit of load)"), report);
        assertTrue(report.contains("<th>cost (fixed + load × per unit)</th>") && report.contains("<td class=\"n\">10 + 300 × 1 = 310</td>"), report);
        // the same project with the paper's constant cost places as before, without the cost column
        BuildPipeline.Result constant = BuildPipeline.build(EXAMPLES.resolve("online-boutique"), null, null);
        assertFalse(new String(constant.files().files().get("report.html"), java.nio.charset.StandardCharsets.UTF_8).contains("per unit"));
        assertFalse(new String(constant.files().files().get(BuildPipeline.PLACEMENT), java.nio.charset.StandardCharsets.UTF_8).contains("sidecar_costs"));
        assertTrue(constant.placement().sidecars().containsKey("frontend") && !placement.sidecars().containsKey("frontend"),
                "the hot frontend loses its sidecar: " + placement.sidecars());
        System.out.println("online-boutique example policies, haproxy=10+1/load: " + placement.sidecars().keySet() + " cost " + placement.cost()
                + "; constant haproxy=1: " + constant.placement().sidecars().keySet());
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void assertSameTree(Path a, Path b) throws Exception {
        try (Stream<Path> wa = Files.walk(a); Stream<Path> wb = Files.walk(b)) {
            List<String> la = wa.map(p -> a.relativize(p).toString()).sorted().toList();
            List<String> lb = wb.map(p -> b.relativize(p).toString()).sorted().toList();
            assertEquals(la, lb);
            for (String p : la) {
                if (Files.isRegularFile(a.resolve(p))) {
                    assertArrayEquals(Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p);
                }
            }
        }
    }
}

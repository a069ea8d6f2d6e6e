package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole output of {@code ./copper build} for each example app (its project file: HAProxy) against reviewed
 * golden trees, and two builds into two directories byte-identical. Regenerate after a deliberate change:
 * {@code ./mvnw verify -pl org.copper.build -am -Dcopper.golden.update=true}, then review the diff in git.
 */
class BuildGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = { "online-boutique", "hotel-reservation", "social-network" })
    void exampleBuildsToItsGoldenTreeAndTwiceToTheSameBytes(String app) throws Exception {
        Path project = BuildPipelineTest.EXAMPLES.resolve(app);
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        BuildPipeline.buildInto(project, null, first);
        BuildPipeline.buildInto(project, null, second);
        BuildPipelineTest.assertSameTree(first, second);
        Path golden = GOLDEN.resolve(app).resolve("project"); // beside the back ends' own golden mixes
        if (Boolean.getBoolean("copper.golden.update")) {
            if (Files.exists(golden)) {
                BuildPipelineTest.deleteTree(golden);
            }
            for (var e : tree(first).entrySet()) {
                Path target = golden.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> expected = tree(golden);
        Map<String, String> actual = tree(first);
        assertEquals(expected.keySet(), actual.keySet(), "the files of " + app);
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), actual.get(file), app + ": " + file);
        }
    }

    /** Every file under {@code root} by relative path (the build's marker file excluded: it holds no output). */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.equals(".copper-build")) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}

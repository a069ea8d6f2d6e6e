package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedMap;

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
        SortedMap<String, byte[]> actual = GoldenTree.read(first);
        actual.remove(".copper-build"); // the marker holds no output
        if (GoldenTree.UPDATE) {
            GoldenTree.write(golden, actual);
        }
        SortedMap<String, byte[]> expected = GoldenTree.read(golden);
        assertEquals(expected.keySet(), actual.keySet(), "the files of " + app);
        for (String file : expected.keySet()) {
            assertEquals(new String(expected.get(file), StandardCharsets.UTF_8), new String(actual.get(file), StandardCharsets.UTF_8), app + ": " + file);
        }
    }
}

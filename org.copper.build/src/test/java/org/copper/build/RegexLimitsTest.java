package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.wire.deploy.DataplaneBackend;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;

/** A context regex over a dataplane's RE2 limit is a build error naming the policy with file:line, on a real plan. */
class RegexLimitsTest {
    private static DataplaneBackend withLimit(int limit) {
        return new DataplaneBackend() {
            @Override
            public String dataplane() {
                return "haproxy";
            }

            @Override
            public void render(DeploymentInput input, FileTree out) {}

            @Override
            public OptionalInt maxRegexProgramSize() {
                return OptionalInt.of(limit);
            }
        };
    }

    @Test
    void overTheLimitNamesThePolicyAndItsLine() throws Exception {
        Path project = BuildPipelineTest.EXAMPLES.resolve("hotel-reservation");
        var plan = BuildPipeline.build(project, null, project.resolve("out-regex-limits-test")).plan();
        var e = assertThrows(UnbuildablePolicyException.class, () -> RegexLimits.check(plan, Map.of("haproxy", withLimit(10))));
        assertTrue(e.getMessage().matches("(?s).*policies\\.cup:\\d+(:\\d+)?: policy \\w+: its context regex at .* over the haproxy limit of 10 .*"),
                e.getMessage());
        assertDoesNotThrow(() -> RegexLimits.check(plan, Map.of("haproxy", withLimit(32768))));
    }
}

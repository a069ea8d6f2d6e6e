package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wire.model.PolicyText;

/**
 * The whole IR of every example policy, compared as one text with a reviewed golden file: a change in
 * lowering shows up as a diff here before a back end generates something different from it.
 * Regenerate after a deliberate change: {@code ./mvnw verify -pl org.copper.lang.tests -Dcopper.golden.update=true}
 * (then review the diff in git).
 */
class LoweringGoldenTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("copper.examples", "../examples"));
    private static final Path GOLDEN = Path.of("src/test/resources/lowering");

    @ParameterizedTest
    @ValueSource(strings = { "online-boutique", "hotel-reservation", "social-network" })
    void exampleLowersToItsGoldenIr(String app) throws Exception {
        CopperWorkspace ws = CopperWorkspace.load(List.of(EXAMPLES.resolve(app)));
        assertFalse(ws.hasErrors(), () -> ws.diagnostics().toString());
        String actual = PolicyText.of(ws.lowerPolicies());
        Path golden = GOLDEN.resolve(app + ".ir.txt");
        if (Boolean.getBoolean("copper.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
    }
}

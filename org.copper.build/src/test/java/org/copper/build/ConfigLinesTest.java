package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Table 3 (Copper lines against Istio lines) on the examples built with Istio alone; prints the table for docs/backends.md. */
class ConfigLinesTest {
    @ParameterizedTest
    @ValueSource(strings = { "hotel-reservation", "online-boutique", "social-network" })
    void copperLinesAreTheDeclarationsAndTheReportShowsTheTable(String example) throws Exception {
        Path dir = IstioGoldenTest.EXAMPLES.resolve(example);
        BuildPipeline.Result r = BuildPipeline.build(dir, "istio=10", null);
        ConfigLines t = ConfigLines.of(ConfigLines.copperLines(org.copper.lang.api.CopperWorkspace.load(List.of(dir))), r.files());
        Map<String, Integer> oracle = declarations(Files.readString(dir.resolve("policies.cup")));
        assertEquals(oracle.keySet(), t.rows().keySet(), "every policy runs on Istio here");
        t.rows().forEach((p, row) -> {
            assertEquals(oracle.get(p), row.copper(), p);
            assertTrue(row.istio() > 0, p);
        });
        assertEquals(oracle.values().stream().mapToInt(Integer::intValue).sum(), t.copperTotal());
        String report = r.files().text(BuildPipeline.REPORT);
        assertTrue(report.contains("Copper against Istio") && report.contains("<td class=\"n\">" + t.istioTotal() + "</td>"), "report shows Table 3");
        System.out.println("Table 3, " + example + ":\n" + new String(t.markdown(), StandardCharsets.UTF_8));
    }

    /** An independent count: from the line with "policy NAME" to the line where its braces close (no braces in strings here). */
    private static Map<String, Integer> declarations(String source) {
        TreeMap<String, Integer> out = new TreeMap<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("policy ")) {
                continue;
            }
            String name = lines[i].substring("policy ".length()).split("[\\s(]")[0];
            int depth = 0;
            boolean opened = false;
            for (int j = i; j < lines.length; j++) {
                for (char ch : lines[j].toCharArray()) {
                    if (ch == '{') {
                        depth++;
                        opened = true;
                    } else if (ch == '}') {
                        depth--;
                    }
                }
                if (opened && depth == 0) {
                    out.put(name, j - i + 1);
                    break;
                }
            }
        }
        return out;
    }
}

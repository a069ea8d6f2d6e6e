package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.placement.match.CommonMatch;
import org.wire.placement.match.ContextAutomaton;

/** Conflicts reported per group (issue 11): one warning per group, and the same policies as the pairwise check. */
class ConflictGroupsTest {
    @TempDir
    Path dir;

    static final ServiceGraph GRAPH = ServiceGraph.of("shop", List.of("frontend", "cart", "catalog", "redis", "ads"),
            List.of(List.of("frontend", "cart"), List.of("frontend", "catalog"), List.of("cart", "redis"), List.of("catalog", "ads"),
                    List.of("ads", "cart")), List.of("redis"));

    @Test
    void manyPoliciesSettingOneHeaderGiveOneWarningNamingTheGroup() throws IOException {
        StringBuilder b = new StringBuilder("import 'common.cui';\n");
        for (int i = 0; i < 30; i++) {
            b.append("policy p").append(i).append(" (act (Request r) context ('frontend .* cart')) { [Ingress] SetHeader(r, 'x-m', 'v")
                    .append(i).append("'); }\n");
        }
        CopperFixture fx = new CopperFixture(dir);
        fx.write("a.cup", b.toString());
        CopperWorkspace ws = fx.check();
        ws.checkAgainst(GRAPH);
        List<String> lines = ws.diagnostics().stream().map(CopperFixture::shortFormat).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("a.cup:31:8: warning: policy 'p29' conflicts with 29 other policies: 'p0' (line 2), 'p1' (line 3),"),
                lines.get(0));
        assertTrue(lines.get(0).contains("'p9' (line 11) and 19 more; 'p0' and 'p1' both match the call frontend -> cart"), lines.get(0));
    }

    /** Random header policies: the policies named in warnings are exactly those with a pairwise conflict (the old check). */
    @Test
    void groupedWarningsNameExactlyThePoliciesThatConflictPairwise() throws IOException {
        String[] patterns = {"frontend cart", "frontend .* cart", ".* cart", "frontend catalog ads cart", "cart redis", ".* redis", "*",
                "frontend catalog", "catalog ads", ". ads", "frontend (catalog ads)? cart", "ads cart redis"};
        Random rnd = new Random(7);
        int withConflicts = 0;
        for (int round = 0; round < 40; round++) {
            int n = 2 + rnd.nextInt(9);
            List<String> pattern = new ArrayList<>(), header = new ArrayList<>(), value = new ArrayList<>();
            StringBuilder b = new StringBuilder("import 'common.cui';\n");
            for (int i = 0; i < n; i++) {
                pattern.add(patterns[rnd.nextInt(patterns.length)]);
                header.add(rnd.nextBoolean() ? "x-a" : "x-b");
                value.add(rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(2));
                b.append("policy p").append(i).append(" (act (Request r) context ('").append(pattern.get(i)).append("')) { [Ingress] ")
                        .append(value.get(i) == null ? "RemoveHeader(r, '" + header.get(i) + "')" : "SetHeader(r, '" + header.get(i) + "', '" + value.get(i) + "')")
                        .append("; }\n");
            }
            TreeSet<String> expected = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && header.get(i).equals(header.get(j)) && !java.util.Objects.equals(value.get(i), value.get(j))
                            && CommonMatch.find(GRAPH, dfa(pattern.get(i)), dfa(pattern.get(j))) != null) {
                        expected.add("p" + i);
                    }
                }
            }
            CopperFixture fx = new CopperFixture(dir.resolve("r" + round));
            fx.write("a.cup", b.toString());
            CopperWorkspace ws = fx.check();
            ws.checkAgainst(GRAPH);
            TreeSet<String> named = new TreeSet<>();
            for (CopperDiagnostic d : ws.diagnostics()) {
                if (d.message().contains(" conflicts with ")) {
                    named.add(d.message().substring("policy '".length(), d.message().indexOf("' conflicts")));
                    named.addAll(d.data());
                }
            }
            assertEquals(expected, named, "round " + round + ":\n" + b);
            withConflicts += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(withConflicts > 15, "rounds with conflicts: " + withConflicts);
    }

    private static ContextAutomaton dfa(String pattern) {
        try {
            return ContextAutomaton.compile(ContextPattern.parse(pattern));
        } catch (org.wire.model.pattern.PatternSyntaxError e) {
            throw new AssertionError(pattern, e);
        }
    }
}

package org.wire.placement.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.placement.testutil.BacktrackingMatcher;
import org.wire.placement.testutil.RandomGraphs;

/** The product construction agrees with brute-force enumeration of walks plus a backtracking matcher. */
class MatchSetPropertyTest {
    private static final int MAX_WALK = 9;

    @Test
    void agreesWithWalkEnumerationOnRandomGraphs() throws Exception {
        Random rnd = new Random(42);
        for (int round = 0; round < 1500; round++) {
            int n = 2 + rnd.nextInt(3);
            ServiceGraph g = RandomGraphs.graph(rnd, n, 0.45);
            String text = rnd.nextInt(12) == 0 ? "*" : RandomGraphs.pattern(rnd, n, 3);
            ContextPattern pattern = ContextPattern.parse(text);
            boolean entryOnly = rnd.nextInt(4) == 0;
            MatchSet actual = MatchSetComputer.compute(g, ContextAutomaton.compile(pattern), entryOnly);
            assertEquals(bruteForce(g, pattern, entryOnly), edges(g, actual), () -> "pattern '" + text + "' on " + g.edges().stream().map(e -> g.service(e[0]) + "->" + g.service(e[1])).toList());
        }
    }

    @Test
    void cyclesTerminateAndLongChainsMatch() throws Exception {
        ServiceGraph g = ServiceGraph.of("cycle", List.of("a", "b", "c"), List.of(List.of("a", "b"), List.of("b", "c"), List.of("c", "a")), List.of());
        MatchSet m = MatchSetComputer.compute(g, ContextPattern.parse("a b c a b"));
        assertEquals(new TreeSet<>(List.of("a->b")), edges(g, m));
        MatchSet all = MatchSetComputer.compute(g, ContextPattern.parse("a .* c"));
        assertEquals(new TreeSet<>(List.of("b->c")), edges(g, all));
        assertEquals(new TreeSet<>(List.of("a->b", "b->c", "c->a")), edges(g, MatchSetComputer.compute(g, ContextPattern.parse("*"))));
    }

    static TreeSet<String> edges(ServiceGraph g, MatchSet m) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < m.size(); i++) {
            out.add(g.service(m.source(i)) + "->" + g.service(m.destination(i)));
        }
        return out;
    }

    /** Every walk origin … u w of up to MAX_WALK services, checked by the backtracking matcher. */
    static TreeSet<String> bruteForce(ServiceGraph g, ContextPattern p, boolean entryOnly) {
        TreeSet<String> out = new TreeSet<>();
        for (int o = 0; o < g.size(); o++) {
            if (entryOnly && g.predecessors(o).length > 0) {
                continue;
            }
            List<String> walk = new ArrayList<>(List.of(g.service(o)));
            extend(g, o, walk, p, out);
        }
        return out;
    }

    private static void extend(ServiceGraph g, int last, List<String> walk, ContextPattern p, TreeSet<String> out) {
        if (walk.size() >= MAX_WALK) {
            return;
        }
        for (int w : g.successors(last)) {
            walk.add(g.service(w));
            if (BacktrackingMatcher.matches(p, walk)) {
                out.add(g.service(last) + "->" + g.service(w));
            }
            extend(g, w, walk, p, out);
            walk.remove(walk.size() - 1);
        }
    }
}

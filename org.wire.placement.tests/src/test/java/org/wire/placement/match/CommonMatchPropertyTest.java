package org.wire.placement.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.placement.testutil.BacktrackingMatcher;
import org.wire.placement.testutil.RandomGraphs;

/** CommonMatch against walk enumeration with the independent backtracking matcher. */
class CommonMatchPropertyTest {
    static final int MAX_WALK = 6;

    @Test
    void findsACommonCoExactlyWhenOneExists() throws Exception {
        Random rnd = new Random(7);
        int found = 0;
        for (int i = 0; i < 1500; i++) {
            int n = 2 + rnd.nextInt(5);
            ServiceGraph g = RandomGraphs.graph(rnd, n, 0.45);
            ContextPattern a = ContextPattern.parse(rnd.nextInt(10) == 0 ? "*" : RandomGraphs.pattern(rnd, n, 3));
            ContextPattern b = ContextPattern.parse(RandomGraphs.pattern(rnd, n, 3));
            List<String> witness = CommonMatch.find(g, ContextAutomaton.compile(a), ContextAutomaton.compile(b));
            List<String> shortest = bruteForce(g, a, b);
            if (witness != null) {
                found++;
                assertTrue(witness.size() >= 2, witness::toString);
                for (int k = 0; k + 1 < witness.size(); k++) {
                    assertTrue(g.hasEdge(g.indexOf(witness.get(k)), g.indexOf(witness.get(k + 1))), () -> "not a walk: " + witness);
                }
                assertTrue(BacktrackingMatcher.matches(a, witness) && BacktrackingMatcher.matches(b, witness),
                        () -> "both must match " + witness + " for " + a.text() + " / " + b.text());
                if (shortest != null) {
                    assertEquals(shortest.size(), witness.size(), "breadth-first: a shortest common context");
                } else {
                    assertTrue(witness.size() > MAX_WALK, () -> "enumeration missed " + witness);
                }
            } else {
                assertEquals(null, shortest, () -> "missed a common CO for " + a.text() + " / " + b.text() + " on " + g.services());
            }
        }
        assertTrue(found > 100, "the generator must produce overlapping pairs, got " + found);
    }

    /** A shortest walk of at most MAX_WALK services that both patterns match, or null. */
    static List<String> bruteForce(ServiceGraph g, ContextPattern a, ContextPattern b) {
        for (int length = 2; length <= MAX_WALK; length++) {
            for (int o = 0; o < g.size(); o++) {
                List<String> hit = extend(g, o, new ArrayList<>(List.of(g.service(o))), length, a, b);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    private static List<String> extend(ServiceGraph g, int last, List<String> walk, int length, ContextPattern a, ContextPattern b) {
        if (walk.size() == length) {
            return BacktrackingMatcher.matches(a, walk) && BacktrackingMatcher.matches(b, walk) ? List.copyOf(walk) : null;
        }
        for (int w : g.successors(last)) {
            walk.add(g.service(w));
            List<String> hit = extend(g, w, walk, length, a, b);
            walk.remove(walk.size() - 1);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }
}

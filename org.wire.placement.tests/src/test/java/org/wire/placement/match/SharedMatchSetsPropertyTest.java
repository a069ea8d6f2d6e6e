package org.wire.placement.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.placement.testutil.RandomGraphs;

/**
 * The shared computation ({@link SharedMatchSets}) equals the per-pattern product search
 * ({@link MatchSetComputer#compute}) on random graphs with cycles and self-loops, for sets of patterns built to
 * share prefixes, to repeat each other in other spellings, and to defeat the split (trailing repetitions,
 * '*'); on small graphs also against brute-force walk enumeration.
 */
class SharedMatchSetsPropertyTest {
    @Test
    void equalsThePerPatternSearchOnRandomGraphsAndPatternSets() throws Exception {
        Random rnd = new Random(11);
        int patterns = 0;
        int searches = 0;
        for (int round = 0; round < 400; round++) {
            int n = 2 + rnd.nextInt(8);
            ServiceGraph g = RandomGraphs.graph(rnd, n, 0.15 + 0.4 * rnd.nextDouble());
            boolean entryOnly = rnd.nextInt(4) == 0;
            List<String> texts = patternSet(rnd, n);
            SharedMatchSets shared = new SharedMatchSets(g, entryOnly);
            for (String text : texts) {
                ContextPattern p = ContextPattern.parse(text);
                MatchSet expected = MatchSetComputer.compute(g, ContextAutomaton.compile(p), entryOnly);
                assertEquals(edges(expected), edges(shared.of(p)), () -> "pattern '" + text + "' (entry origins only: " + entryOnly + ") in "
                        + texts + " on " + g.edges().stream().map(e -> g.service(e[0]) + "->" + g.service(e[1])).toList());
            }
            patterns += texts.size();
            searches += shared.productSearches();
        }
        // the sets are built to share: far fewer product searches than patterns (a check that sharing happens at all)
        int p = patterns, s = searches;
        assertTrue(s * 2 < p, () -> s + " product searches for " + p + " patterns");
    }

    @Test
    void equalsWalkEnumerationOnSmallGraphs() throws Exception {
        Random rnd = new Random(12);
        for (int round = 0; round < 300; round++) {
            int n = 2 + rnd.nextInt(3);
            ServiceGraph g = RandomGraphs.graph(rnd, n, 0.45);
            boolean entryOnly = rnd.nextInt(4) == 0;
            List<String> texts = patternSet(rnd, n);
            SharedMatchSets shared = new SharedMatchSets(g, entryOnly);
            for (String text : texts) {
                ContextPattern p = ContextPattern.parse(text);
                assertEquals(MatchSetPropertyTest.bruteForce(g, p, entryOnly), MatchSetPropertyTest.edges(g, shared.of(p)),
                        () -> "pattern '" + text + "' on " + g.edges().stream().map(e -> g.service(e[0]) + "->" + g.service(e[1])).toList());
            }
        }
    }

    @Test
    void theBenchmarksEntryPatternsShareOneSearchPerEntry() throws Exception {
        // a -> b -> c -> a is a cycle; d is a second entry
        ServiceGraph g = ServiceGraph.of("g", List.of("a", "b", "c", "d", "e"),
                List.of(List.of("a", "b"), List.of("b", "c"), List.of("c", "a"), List.of("c", "e"), List.of("d", "c"), List.of("e", "e")), List.of());
        SharedMatchSets shared = new SharedMatchSets(g, false);
        for (String entry : List.of("a", "d")) {
            for (String x : g.services()) {
                ContextPattern p = ContextPattern.parse(entry + " .* " + x);
                assertEquals(edges(MatchSetComputer.compute(g, p)), edges(shared.of(p)), entry + " .* " + x);
            }
        }
        assertEquals(2, shared.productSearches());
        // the same pattern written differently is the same match set, computed once
        MatchSet once = shared.of(ContextPattern.parse("a .* c"));
        assertSame(once, shared.of(ContextPattern.parse("(a)  (.* c)")));
        // single items only: no product search
        MatchSet chain = shared.of(ContextPattern.parse("a b c [a, e]"));
        assertEquals(edges(MatchSetComputer.compute(g, ContextPattern.parse("a b c [a, e]"))), edges(chain));
        assertEquals(2, shared.productSearches());
    }

    /**
     * About a dozen patterns over s0..s(n-1): free random patterns; a few random prefixes, each extended by one to three
     * single items; respellings of patterns already in the set; and patterns the split cannot take.
     */
    private static List<String> patternSet(Random rnd, int n) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(3); i++) {
            prefixes.add(switch (rnd.nextInt(4)) {
                case 0 -> "s" + rnd.nextInt(n) + " .*";
                case 1 -> ".*";
                default -> RandomGraphs.pattern(rnd, n, 2);
            });
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> out.add(RandomGraphs.pattern(rnd, n, 3));
                case 1 -> out.add(rnd.nextBoolean() ? "*" : RandomGraphs.pattern(rnd, n, 2) + " (" + RandomGraphs.pattern(rnd, n, 1) + ")" + "*+?".charAt(rnd.nextInt(3)));
                case 2 -> {
                    if (!out.isEmpty()) {
                        String earlier = out.get(rnd.nextInt(out.size()));
                        out.add(earlier.equals("*") ? "*" : "(" + earlier + ")");
                    }
                }
                default -> {
                    StringBuilder p = new StringBuilder(prefixes.get(rnd.nextInt(prefixes.size())));
                    for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
                        p.append(' ').append(singleItem(rnd, n));
                    }
                    out.add(p.toString());
                }
            }
        }
        Collections.shuffle(out, rnd);
        return out;
    }

    private static String singleItem(Random rnd, int n) {
        return switch (rnd.nextInt(6)) {
            case 0 -> ".";
            case 1 -> "[s" + rnd.nextInt(n) + ", s" + rnd.nextInt(n) + "]";
            case 2 -> "(s" + rnd.nextInt(n) + " | zz)";
            case 3 -> "zz";
            default -> "s" + rnd.nextInt(n);
        };
    }

    private static List<String> edges(MatchSet m) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            out.add(m.source(i) + "->" + m.destination(i));
        }
        return out;
    }
}

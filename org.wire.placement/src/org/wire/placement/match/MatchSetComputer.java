package org.wire.placement.match;

import java.util.Arrays;
import java.util.BitSet;

import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;

/**
 * Computes exact match sets (spec §5.1): the pattern's automaton runs in product with the graph.
 * A product state (automaton state, service) is visited at most once, so cycles in the graph
 * terminate and the work is O(|automaton| * |E|). A context string is the walk
 * origin … u w; edge (u, w) matches when the automaton accepts after reading w.
 */
public final class MatchSetComputer {
    private MatchSetComputer() {}

    /** Every service is a possible chain origin (spec §5.1). */
    public static MatchSet compute(ServiceGraph graph, ContextPattern pattern) {
        return compute(graph, ContextAutomaton.compile(pattern), false);
    }

    /**
     * @param entryOriginsOnly when true, only entry services (no incoming edges) start chains;
     *                         otherwise every service does
     */
    public static MatchSet compute(ServiceGraph graph, ContextAutomaton dfa, boolean entryOriginsOnly) {
        int n = graph.size();
        int[] cls = new int[n];
        Arrays.fill(cls, dfa.otherClass());
        for (String name : dfa.namedServices()) {
            int i = graph.indexOf(name);
            if (i >= 0) {
                cls[i] = dfa.classOf(name);
            }
        }
        int states = dfa.stateCount();
        BitSet visited = new BitSet(states * n);
        int[] queue = new int[16];
        int head = 0, tail = 0;
        long[] found = new long[16];
        int foundCount = 0;
        int[] origins = entryOriginsOnly ? graph.entries() : null;
        int originCount = entryOriginsOnly ? origins.length : n;
        for (int k = 0; k < originCount; k++) {
            int v = entryOriginsOnly ? origins[k] : k;
            int s = dfa.step(dfa.start(), cls[v]);
            if (s >= 0 && !visited.get(s * n + v)) {
                visited.set(s * n + v);
                if (tail == queue.length) {
                    queue = Arrays.copyOf(queue, queue.length * 2);
                }
                queue[tail++] = s * n + v;
            }
        }
        while (head < tail) {
            int code = queue[head++];
            int s = code / n, u = code % n;
            for (int w : graph.successors(u)) {
                int t = dfa.step(s, cls[w]);
                if (t < 0) {
                    continue;
                }
                if (dfa.accepting(t)) {
                    // duplicates (same edge reached in several automaton states) are removed below
                    if (foundCount == found.length) {
                        found = Arrays.copyOf(found, found.length * 2);
                    }
                    found[foundCount++] = (long) u * n + w;
                }
                int next = t * n + w;
                if (!visited.get(next)) {
                    visited.set(next);
                    if (tail == queue.length) {
                        queue = Arrays.copyOf(queue, queue.length * 2);
                    }
                    queue[tail++] = next;
                }
            }
        }
        long[] edges = Arrays.stream(Arrays.copyOf(found, foundCount)).sorted().distinct().toArray();
        return new MatchSet(n, edges);
    }
}

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
 * This is one search per pattern; {@link SharedMatchSets} shares searches between many patterns.
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
        Search s = search(graph, dfa, entryOriginsOnly, true);
        long[] edges = Arrays.stream(Arrays.copyOf(s.found, s.foundCount)).sorted().distinct().toArray();
        return new MatchSet(graph.size(), edges);
    }

    /**
     * The services that end a non-empty walk (from an allowed origin) the automaton accepts: the "ends" of a
     * pattern prefix in {@link SharedMatchSets}.
     */
    static BitSet ends(ServiceGraph graph, ContextAutomaton dfa, boolean entryOriginsOnly) {
        Search s = search(graph, dfa, entryOriginsOnly, false);
        int n = graph.size();
        BitSet out = new BitSet(n);
        for (int i = 0; i < s.visitedCount; i++) {
            int code = s.visited[i];
            if (dfa.accepting(code / n)) {
                out.set(code % n);
            }
        }
        return out;
    }

    /** The product states reached, in visiting order, and (when asked) the accepted edges, possibly repeated. */
    private record Search(int[] visited, int visitedCount, long[] found, int foundCount) {}

    private static Search search(ServiceGraph graph, ContextAutomaton dfa, boolean entryOriginsOnly, boolean collectEdges) {
        int n = graph.size();
        int[] cls = new int[n];
        Arrays.fill(cls, dfa.otherClass());
        int[] named = new int[dfa.namedServices().size()];
        int namedCount = 0;
        for (String name : dfa.namedServices()) {
            int i = graph.indexOf(name);
            if (i >= 0) {
                cls[i] = dfa.classOf(name);
                named[namedCount++] = i;
            }
        }
        int states = dfa.stateCount();
        BitSet visited = new BitSet(states * n);
        int[] queue = new int[16];
        int head = 0, tail = 0;
        long[] found = new long[16];
        int foundCount = 0;
        // When no unnamed service can start a match (e.g. 'frontend .* cart'), only named services are tried as origins.
        boolean unnamedStart = dfa.step(dfa.start(), dfa.otherClass()) >= 0;
        int[] origins = unnamedStart ? null : Arrays.copyOf(named, namedCount);
        int originCount = unnamedStart ? n : namedCount;
        for (int k = 0; k < originCount; k++) {
            int v = unnamedStart ? k : origins[k];
            if (entryOriginsOnly && graph.predecessors(v).length > 0) {
                continue;
            }
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
                if (collectEdges && dfa.accepting(t)) {
                    // duplicates (same edge reached in several automaton states) are removed by the caller
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
        return new Search(queue, tail, found, foundCount);
    }
}

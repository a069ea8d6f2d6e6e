package org.wire.placement.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.wire.model.graph.ServiceGraph;

/**
 * Finds a communication object that two context patterns both match on a graph: a breadth-first
 * search over (state of A, state of B, service) from every origin, so the context returned is a
 * shortest one. Each triple is visited once, so cycles in the graph terminate.
 */
public final class CommonMatch {
    private CommonMatch() {}

    /** The context string (origin … source destination) of a CO both automata accept, or null if none. */
    public static List<String> find(ServiceGraph graph, ContextAutomaton a, ContextAutomaton b) {
        return find(graph, a, b, destination -> true);
    }

    /** Like {@link #find(ServiceGraph, ContextAutomaton, ContextAutomaton)}, for COs whose destination passes the filter. */
    public static List<String> find(ServiceGraph graph, ContextAutomaton a, ContextAutomaton b, Predicate<String> destination) {
        // hopped: reached over at least one edge; an origin alone is no CO even where both accept
        record Node(int sa, int sb, int service, boolean hopped) {}
        Map<Node, Node> parent = new HashMap<>();
        ArrayDeque<Node> work = new ArrayDeque<>();
        for (int origin = 0; origin < graph.size(); origin++) {
            int sa = a.step(a.start(), a.classOf(graph.service(origin)));
            int sb = b.step(b.start(), b.classOf(graph.service(origin)));
            Node n = new Node(sa, sb, origin, false);
            if (sa >= 0 && sb >= 0 && !parent.containsKey(n)) {
                parent.put(n, null);
                work.add(n);
            }
        }
        while (!work.isEmpty()) {
            Node at = work.poll();
            for (int next : graph.successors(at.service())) {
                int sa = a.step(at.sa(), a.classOf(graph.service(next)));
                int sb = b.step(at.sb(), b.classOf(graph.service(next)));
                if (sa < 0 || sb < 0) {
                    continue;
                }
                Node n = new Node(sa, sb, next, true);
                if (parent.containsKey(n)) {
                    continue;
                }
                parent.put(n, at);
                if (a.accepting(sa) && b.accepting(sb) && destination.test(graph.service(next))) {
                    List<String> chain = new ArrayList<>();
                    for (Node p = n; p != null; p = parent.get(p)) {
                        chain.add(graph.service(p.service()));
                    }
                    Collections.reverse(chain);
                    return chain;
                }
                work.add(n);
            }
        }
        return null;
    }
}

package org.wire.placement.match;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;
import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Sequence;

/**
 * The match sets of many patterns over one graph, sharing work between patterns (issue 11: 1,000 policies
 * on 20,000 services spent 99 % of their time in one product search per policy). Equal to
 * {@link MatchSetComputer#compute} pattern by pattern.
 *
 * <p>A walk origin … u w matches {@code A x}, where x is one service, a set or {@code .}, exactly when
 * origin … u matches A and w is in x. So a pattern ending in such an item matches the edges from the
 * <em>ends</em> of A (the services ending a non-empty walk matching A) into x. The ends of a prefix are
 * computed once per distinct prefix and shared: the benchmark's {@code 'e .* X'} for every X costs one
 * product search for {@code 'e .*'} and then, per X, a look at X's predecessors. A prefix that itself ends
 * in a single item gets its ends from the shorter prefix by one step along the edges (plus the item's own
 * services as origins when the shorter prefix also matches the empty walk), so a pattern of single items ({@code 'a b c'}) needs no product search at all. Patterns that do not end in a single
 * item ({@code 'a b*'}, {@code '*'}) get {@link MatchSetComputer}'s product search, once per distinct pattern.
 * Patterns are told apart by {@link PatternKey}, so equal patterns share everything.
 *
 * <p>Not thread-safe: one instance per computation.
 */
public final class SharedMatchSets {
    private final ServiceGraph graph;
    private final boolean entryOriginsOnly;
    private final Map<String, MatchSet> matchSets = new HashMap<>();
    private final Map<String, Base> bases = new HashMap<>();
    private int productSearches;

    /**
     * @param entryOriginsOnly when true, only entry services (no incoming edges) start chains; otherwise every
     *                         service does (as in {@link MatchSetComputer#compute(ServiceGraph, ContextAutomaton, boolean)})
     */
    public SharedMatchSets(ServiceGraph graph, boolean entryOriginsOnly) {
        this.graph = graph;
        this.entryOriginsOnly = entryOriginsOnly;
    }

    public ServiceGraph graph() {
        return graph;
    }

    /** The pattern's match set; the same instance for every pattern with the same {@link PatternKey}. */
    public MatchSet of(ContextPattern pattern) {
        String key = PatternKey.of(pattern.root());
        MatchSet known = matchSets.get(key);
        if (known == null) {
            known = compute(pattern.root());
            matchSets.put(key, known);
        }
        return known;
    }

    /** Product searches run so far (the expensive part): for tests and benchmarks. */
    public int productSearches() {
        return productSearches;
    }

    /** Distinct patterns seen so far. */
    public int distinctPatterns() {
        return matchSets.size();
    }

    private MatchSet compute(PatternNode root) {
        List<PatternNode> items = PatternKey.items(root);
        int[] last = items.size() >= 2 ? services(items.get(items.size() - 1)) : null;
        if (last == null) {
            productSearches++;
            return MatchSetComputer.compute(graph, ContextAutomaton.compile(root), entryOriginsOnly);
        }
        BitSet from = ends(items.subList(0, items.size() - 1));
        int n = graph.size();
        long[] edges = new long[16];
        int count = 0;
        if (last == ANY) {
            for (int u = from.nextSetBit(0); u >= 0; u = from.nextSetBit(u + 1)) {
                for (int w : graph.successors(u)) {
                    if (count == edges.length) {
                        edges = Arrays.copyOf(edges, count * 2);
                    }
                    edges[count++] = (long) u * n + w;
                }
            }
        } else {
            for (int w : last) {
                for (int u : graph.predecessors(w)) {
                    if (from.get(u)) {
                        if (count == edges.length) {
                            edges = Arrays.copyOf(edges, count * 2);
                        }
                        edges[count++] = (long) u * n + w;
                    }
                }
            }
        }
        long[] sorted = Arrays.copyOf(edges, count);
        Arrays.sort(sorted); // each edge once: u is read once per w, and w once per u
        return new MatchSet(n, sorted);
    }

    /**
     * The ends of the walks matching these items. The trailing single items are stepped along the edges from
     * the ends of what comes before them (iteratively, so a long sequence does not recurse); only that first
     * part, unless it is a single item itself, needs a product search, cached under its key. When the first
     * part also matches the empty walk ({@code '.*'}, {@code '(a b)?'}), the first single item may start the walk.
     */
    private BitSet ends(List<PatternNode> items) {
        int first = items.size();
        while (first > 0 && services(items.get(first - 1)) != null) {
            first--;
        }
        BitSet cur;
        if (first == 0) {
            cur = origins(services(items.get(0)));
            first = 1;
        } else {
            PatternNode base = first == 1 ? items.get(0) : new Sequence(List.copyOf(items.subList(0, first)), 0, 0);
            String key = PatternKey.of(base);
            Base known = bases.get(key);
            if (known == null) {
                productSearches++;
                ContextAutomaton dfa = ContextAutomaton.compile(base);
                known = new Base(MatchSetComputer.ends(graph, dfa, entryOriginsOnly), dfa.accepting(dfa.start()));
                bases.put(key, known);
            }
            cur = known.ends();
            if (first < items.size()) {
                int[] next = services(items.get(first));
                cur = step(cur, next);
                if (known.matchesEmpty()) {
                    cur.or(origins(next));
                }
                first++;
            }
        }
        for (int i = first; i < items.size(); i++) {
            cur = step(cur, services(items.get(i)));
        }
        return cur;
    }

    /** A prefix that needed a product search: the ends of its non-empty walks, and whether it matches the empty one. */
    private record Base(BitSet ends, boolean matchesEmpty) {}

    /** The services of {@code symbol} that may start a walk. */
    private BitSet origins(int[] symbol) {
        BitSet out = new BitSet(graph.size());
        if (symbol == ANY) {
            out.set(0, graph.size());
        } else {
            for (int v : symbol) {
                out.set(v);
            }
        }
        if (entryOriginsOnly) {
            for (int v = out.nextSetBit(0); v >= 0; v = out.nextSetBit(v + 1)) {
                if (graph.predecessors(v).length > 0) {
                    out.clear(v);
                }
            }
        }
        return out;
    }

    /** The services of {@code symbol} with an edge from a service of {@code from}. */
    private BitSet step(BitSet from, int[] symbol) {
        BitSet out = new BitSet(graph.size());
        if (symbol == ANY) {
            for (int u = from.nextSetBit(0); u >= 0; u = from.nextSetBit(u + 1)) {
                for (int w : graph.successors(u)) {
                    out.set(w);
                }
            }
        } else {
            for (int w : symbol) {
                for (int u : graph.predecessors(w)) {
                    if (from.get(u)) {
                        out.set(w);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** Marks "any service" ({@code .}); compared by identity. */
    private static final int[] ANY = new int[0];

    /**
     * The graph services one item stands for when it is a single item: {@link #ANY} for {@code .}, the services
     * (ascending, those in the graph) for a service, a set or an alternation of those; null for anything else.
     */
    private int[] services(PatternNode item) {
        if (item instanceof AnyService) {
            return ANY;
        }
        Set<String> names = ContextAutomaton.singleSymbol(item);
        if (names == null) {
            return null;
        }
        return names.stream().mapToInt(graph::indexOf).filter(i -> i >= 0).sorted().distinct().toArray();
    }
}

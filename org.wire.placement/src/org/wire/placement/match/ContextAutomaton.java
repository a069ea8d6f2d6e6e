package org.wire.placement.match;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;
import org.wire.model.pattern.PatternNode.Alternation;
import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Group;
import org.wire.model.pattern.PatternNode.MeshWide;
import org.wire.model.pattern.PatternNode.Repeat;
import org.wire.model.pattern.PatternNode.Sequence;
import org.wire.model.pattern.PatternNode.Service;
import org.wire.model.pattern.PatternNode.ServiceSet;

/**
 * A context pattern compiled to a deterministic automaton over service names (anchored at both
 * ends). The alphabet is finite because a pattern only distinguishes the services it names: each
 * named service is its own symbol class and every other service falls into the class
 * {@link #otherClass()}. Built by Thompson construction and the subset construction; states that
 * cannot reach acceptance are removed (transition -1), so walks are cut off as early as possible.
 */
public final class ContextAutomaton {
    private final List<String> names;          // symbol classes 0..k-1, sorted
    private final Map<String, Integer> classOf;
    private final int[][] delta;               // [state][class] -> state or -1
    private final boolean[] accepting;

    private ContextAutomaton(List<String> names, int[][] delta, boolean[] accepting) {
        this.names = names;
        this.delta = delta;
        this.accepting = accepting;
        this.classOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            classOf.put(names.get(i), i);
        }
    }

    /** Compiles a pattern. The mesh-wide {@code *} accepts every context string (length >= 2 in practice). */
    public static ContextAutomaton compile(ContextPattern pattern) {
        return compile(pattern.root());
    }

    /** Compiles a syntax tree, e.g. the prefix of a pattern ({@link SharedMatchSets}). */
    static ContextAutomaton compile(PatternNode root) {
        if (root instanceof MeshWide m) {
            root = new Repeat(new AnyService(m.start(), m.end()), PatternNode.Quantifier.PLUS, m.start(), m.end());
        }
        TreeSet<String> named = new TreeSet<>();
        collectNames(root, named);
        List<String> names = List.copyOf(named);
        Nfa nfa = new Nfa(names);
        int[] frag = nfa.build(root);
        return determinize(nfa, frag[0], frag[1], names);
    }

    public int start() {
        return 0;
    }

    /** Next state on a service of the given class, or -1 when no match is possible any more. */
    public int step(int state, int symbolClass) {
        return delta[state][symbolClass];
    }

    public boolean accepting(int state) {
        return accepting[state];
    }

    public int stateCount() {
        return delta.length;
    }

    /** The services this pattern names, in class order. */
    public List<String> namedServices() {
        return names;
    }

    public int otherClass() {
        return names.size();
    }

    public int classOf(String service) {
        return classOf.getOrDefault(service, names.size());
    }

    /** Whether the automaton accepts this exact sequence of services (for tests and diagnostics). */
    public boolean accepts(List<String> services) {
        int s = start();
        for (String x : services) {
            s = step(s, classOf(x));
            if (s < 0) {
                return false;
            }
        }
        return accepting(s);
    }

    /** The services of a node that is exactly one concrete service, a set, or an alternation/group of those; else null. */
    static Set<String> singleSymbol(PatternNode node) {
        switch (node) {
            case Service s -> {
                return Set.of(s.name());
            }
            case ServiceSet set -> {
                Set<String> members = new TreeSet<>();
                set.members().forEach(m -> members.add(m.name()));
                return members;
            }
            case Group g -> {
                return singleSymbol(g.inner());
            }
            case Alternation alt -> {
                Set<String> union = new TreeSet<>();
                for (PatternNode o : alt.options()) {
                    Set<String> part = singleSymbol(o);
                    if (part == null) {
                        return null;
                    }
                    union.addAll(part);
                }
                return union;
            }
            default -> {
                return null;
            }
        }
    }

    private static void collectNames(PatternNode node, Set<String> out) {
        switch (node) {
            case Service s -> out.add(s.name());
            case ServiceSet set -> set.members().forEach(m -> out.add(m.name()));
            case Group g -> collectNames(g.inner(), out);
            case Sequence seq -> seq.items().forEach(i -> collectNames(i, out));
            case Alternation alt -> alt.options().forEach(o -> collectNames(o, out));
            case Repeat r -> collectNames(r.item(), out);
            case AnyService a -> { }
            case MeshWide m -> { }
        }
    }

    /**
     * Thompson NFA over symbol classes; a transition label is null (epsilon), {@link #ANY}, or the sorted
     * classes it accepts. An alternation whose options are all single concrete services (or sets) becomes
     * one transition labelled with their union: the same language, but without one epsilon path per
     * option, so that a pattern listing thousands of services stays a handful of NFA states.
     */
    private static final class Nfa {
        static final int[] ANY = new int[0];
        final List<String> names;
        final List<List<int[]>> out = new ArrayList<>(); // per state: {target, labelIndex}; labelIndex -1 = epsilon
        final List<int[]> labels = new ArrayList<>();

        Nfa(List<String> names) {
            this.names = names;
        }

        int newState() {
            out.add(new ArrayList<>());
            return out.size() - 1;
        }

        void eps(int a, int b) {
            out.get(a).add(new int[] {b, -1});
        }

        void sym(int a, int b, int[] label) {
            labels.add(label);
            out.get(a).add(new int[] {b, labels.size() - 1});
        }

        int[] symbol(int[] label) {
            int a = newState(), b = newState();
            sym(a, b, label);
            return new int[] {a, b};
        }

        int[] classes(Set<String> services) {
            return services.stream().mapToInt(n -> java.util.Collections.binarySearch(names, n)).sorted().distinct().toArray();
        }

        int[] build(PatternNode node) {
            Set<String> single = singleSymbol(node);
            if (single != null) {
                return symbol(classes(single));
            }
            switch (node) {
                case AnyService any -> {
                    return symbol(ANY);
                }
                case Group g -> {
                    return build(g.inner());
                }
                case Sequence seq -> {
                    int[] first = null;
                    int[] prev = null;
                    for (PatternNode item : seq.items()) {
                        int[] f = build(item);
                        if (prev == null) {
                            first = f;
                        } else {
                            eps(prev[1], f[0]);
                        }
                        prev = f;
                    }
                    return new int[] {first[0], prev[1]};
                }
                case Alternation alt -> {
                    int a = newState(), b = newState();
                    for (PatternNode o : alt.options()) {
                        int[] f = build(o);
                        eps(a, f[0]);
                        eps(f[1], b);
                    }
                    return new int[] {a, b};
                }
                case Repeat r -> {
                    int a = newState(), b = newState();
                    int[] f = build(r.item());
                    eps(a, f[0]);
                    eps(f[1], b);
                    if (r.quantifier() != PatternNode.Quantifier.PLUS) {
                        eps(a, b); // zero occurrences
                    }
                    if (r.quantifier() != PatternNode.Quantifier.OPTIONAL) {
                        eps(f[1], f[0]); // more occurrences
                    }
                    return new int[] {a, b};
                }
                case Service s -> throw new IllegalStateException("handled as a single symbol");
                case ServiceSet s -> throw new IllegalStateException("handled as a single symbol");
                case MeshWide m -> throw new IllegalStateException("mesh-wide is rewritten before construction");
            }
        }

        BitSet closure(BitSet states) {
            BitSet result = (BitSet) states.clone();
            ArrayDeque<Integer> work = new ArrayDeque<>();
            states.stream().forEach(work::push);
            while (!work.isEmpty()) {
                int s = work.pop();
                for (int[] t : out.get(s)) {
                    if (t[1] < 0 && !result.get(t[0])) {
                        result.set(t[0]);
                        work.push(t[0]);
                    }
                }
            }
            return result;
        }
    }

    /**
     * Subset construction. Each DFA state's NFA transitions are read once and grouped by the classes
     * they name; every class no transition names shares the "any service" successor. Successor sets are
     * memoised before their epsilon closure, so a state with thousands of classes leading to the same
     * place closes that place once. Work: O(DFA states x (NFA transitions + classes)), not times the NFA size.
     */
    private static ContextAutomaton determinize(Nfa nfa, int nfaStart, int nfaAccept, List<String> names) {
        int classes = names.size() + 1;
        Map<BitSet, Integer> ids = new HashMap<>();
        Map<BitSet, Integer> byKernel = new HashMap<>(); // successor set before closure -> state id
        List<BitSet> sets = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        BitSet init = new BitSet();
        init.set(nfaStart);
        init = nfa.closure(init);
        ids.put(init, 0);
        sets.add(init);
        for (int i = 0; i < sets.size(); i++) {
            BitSet cur = sets.get(i);
            BitSet anyTargets = new BitSet();
            Map<Integer, BitSet> named = new HashMap<>();
            for (int s = cur.nextSetBit(0); s >= 0; s = cur.nextSetBit(s + 1)) {
                for (int[] t : nfa.out.get(s)) {
                    if (t[1] < 0) {
                        continue;
                    }
                    int[] label = nfa.labels.get(t[1]);
                    if (label == Nfa.ANY) {
                        anyTargets.set(t[0]);
                    } else {
                        for (int c : label) {
                            named.computeIfAbsent(c, k -> new BitSet()).set(t[0]);
                        }
                    }
                }
            }
            int[] row = new int[classes];
            int other = successor(nfa, anyTargets, byKernel, ids, sets);
            java.util.Arrays.fill(row, other);
            for (Map.Entry<Integer, BitSet> e : named.entrySet()) {
                BitSet kernel = e.getValue();
                kernel.or(anyTargets);
                row[e.getKey()] = successor(nfa, kernel, byKernel, ids, sets);
            }
            rows.add(row);
        }
        int n = sets.size();
        boolean[] acc = new boolean[n];
        for (int i = 0; i < n; i++) {
            acc[i] = sets.get(i).get(nfaAccept);
        }
        // Keep only live states (those that can still reach acceptance): dead ends become -1.
        boolean[] live = acc.clone();
        for (boolean changed = true; changed;) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (!live[i]) {
                    for (int t : rows.get(i)) {
                        if (t >= 0 && live[t]) {
                            live[i] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        int[][] delta = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] row = rows.get(i).clone();
            for (int c = 0; c < row.length; c++) {
                if (row[c] >= 0 && !live[row[c]]) {
                    row[c] = -1;
                }
            }
            delta[i] = live[i] ? row : new int[classes];
            if (!live[i]) {
                java.util.Arrays.fill(delta[i], -1);
            }
        }
        return new ContextAutomaton(names, delta, acc);
    }

    private static int successor(Nfa nfa, BitSet kernel, Map<BitSet, Integer> byKernel, Map<BitSet, Integer> ids, List<BitSet> sets) {
        if (kernel.isEmpty()) {
            return -1;
        }
        Integer known = byKernel.get(kernel);
        if (known != null) {
            return known;
        }
        BitSet next = nfa.closure(kernel);
        Integer id = ids.get(next);
        if (id == null) {
            id = sets.size();
            ids.put(next, id);
            sets.add(next);
        }
        byKernel.put(kernel, id);
        return id;
    }
}

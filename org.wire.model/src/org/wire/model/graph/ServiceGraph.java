package org.wire.model.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The service graph G = (V, E) of spec §2/§8. Immutable. Services are numbered 0..n-1 in
 * lexicographic order of their names so that everything built on top (encodings, output)
 * is deterministic for equal inputs.
 */
public final class ServiceGraph {
    private final String name;
    private final String[] services;
    private final Map<String, Integer> index;
    private final boolean[] database;
    private final int[][] successors;
    private final int[][] predecessors;
    private final int edgeCount;
    /** Per service: its load (issue 11's load-aware cost; 0 when unknown). */
    private final long[] load;

    private ServiceGraph(String name, String[] services, boolean[] database, int[][] successors, int[][] predecessors, int edgeCount) {
        this(name, services, database, successors, predecessors, edgeCount, new long[services.length]);
    }

    private ServiceGraph(String name, String[] services, boolean[] database, int[][] successors, int[][] predecessors, int edgeCount, long[] load) {
        this.load = load;
        this.name = name;
        this.services = services;
        this.database = database;
        this.successors = successors;
        this.predecessors = predecessors;
        this.edgeCount = edgeCount;
        this.index = new HashMap<>(services.length * 2);
        for (int i = 0; i < services.length; i++) {
            index.put(services[i], i);
        }
    }

    /**
     * Builds a graph; duplicate edges collapse. Throws {@link IllegalArgumentException} on an empty
     * service list, a duplicate service, or an edge / database naming an undeclared service (the
     * JSON reader turns these into {@link WireInputException}s naming the file).
     */
    public static ServiceGraph of(String name, Collection<String> services, Collection<List<String>> edges, Collection<String> databases) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("the service graph declares no services");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String s : services) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("empty service name");
            }
            if (!sorted.add(s)) {
                throw new IllegalArgumentException("duplicate service '" + s + "'");
            }
        }
        String[] names = sorted.toArray(String[]::new);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            idx.put(names[i], i);
        }
        boolean[] db = new boolean[names.length];
        for (String d : databases) {
            Integer i = idx.get(d);
            if (i == null) {
                throw new IllegalArgumentException("database '" + d + "' is not a declared service");
            }
            db[i] = true;
        }
        List<SortedSet<Integer>> succ = new ArrayList<>();
        List<SortedSet<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            succ.add(new TreeSet<>());
            pred.add(new TreeSet<>());
        }
        int count = 0;
        for (List<String> e : edges) {
            if (e.size() != 2) {
                throw new IllegalArgumentException("an edge must name exactly two services, got " + e);
            }
            Integer u = idx.get(e.get(0));
            Integer w = idx.get(e.get(1));
            if (u == null || w == null) {
                String unknown = u == null ? e.get(0) : e.get(1);
                throw new IllegalArgumentException("edge [\"" + e.get(0) + "\", \"" + e.get(1) + "\"] names undeclared service '" + unknown + "'");
            }
            if (succ.get(u).add(w)) {
                pred.get(w).add(u);
                count++;
            }
        }
        return new ServiceGraph(name, names, db, toArrays(succ), toArrays(pred), count);
    }

    private static int[][] toArrays(List<SortedSet<Integer>> sets) {
        int[][] out = new int[sets.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = sets.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /**
     * This graph with the given services' loads replaced (the others keep theirs). A load is a whole number from 0
     * to {@link org.wire.model.SidecarCost#MAX_PART}, e.g. requests per second or the calls a trace counted.
     * Throws {@link IllegalArgumentException} naming an unknown service or a bad value.
     */
    public ServiceGraph withLoads(Map<String, Long> loads) {
        long[] next = load.clone();
        for (Map.Entry<String, Long> e : loads.entrySet()) {
            int i = indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("load of '" + e.getKey() + "': no such service in the graph");
            }
            long v = e.getValue();
            if (v < 0 || v > org.wire.model.SidecarCost.MAX_PART) {
                throw new IllegalArgumentException("load of '" + e.getKey() + "' must be a whole number from 0 to "
                        + org.wire.model.SidecarCost.MAX_PART + ", got " + v);
            }
            next[i] = v;
        }
        return new ServiceGraph(name, services, database, successors, predecessors, edgeCount, next);
    }

    /** The load of service i (0 when none was given). */
    public long load(int i) {
        return load[i];
    }

    /** The services with a load other than 0, and their loads. */
    public java.util.SortedMap<String, Long> loads() {
        java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < services.length; i++) {
            if (load[i] != 0) {
                out.put(services[i], load[i]);
            }
        }
        return out;
    }

    /** Value equality: same name, services, databases, edges and loads (the language server keeps a placer per graph). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceGraph g && name.equals(g.name) && edgeCount == g.edgeCount && Arrays.equals(services, g.services)
                && Arrays.equals(database, g.database) && Arrays.deepEquals(successors, g.successors) && Arrays.equals(load, g.load);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(services)) + edgeCount;
    }

    /** A label for messages and experiment rows (usually the file name without extension). */
    public String name() {
        return name;
    }

    public int size() {
        return services.length;
    }

    public int edgeCount() {
        return edgeCount;
    }

    public String service(int i) {
        return services[i];
    }

    /** Index of a service, or -1 when the graph has no such service. */
    public int indexOf(String service) {
        Integer i = index.get(service);
        return i == null ? -1 : i;
    }

    public List<String> services() {
        return List.of(services);
    }

    public boolean isDatabase(int i) {
        return database[i];
    }

    public SortedSet<String> databases() {
        SortedSet<String> out = new TreeSet<>();
        for (int i = 0; i < services.length; i++) {
            if (database[i]) {
                out.add(services[i]);
            }
        }
        return out;
    }

    /** Successors of service i, ascending. The array must not be modified. */
    public int[] successors(int i) {
        return successors[i];
    }

    /** Predecessors of service i, ascending. The array must not be modified. */
    public int[] predecessors(int i) {
        return predecessors[i];
    }

    public boolean hasEdge(int u, int w) {
        return Arrays.binarySearch(successors[u], w) >= 0;
    }

    /** Entry services: those without incoming edges (spec §8), ascending. */
    public int[] entries() {
        return java.util.stream.IntStream.range(0, services.length).filter(i -> predecessors[i].length == 0).toArray();
    }

    /** Services reachable from {@code from} by a walk of length >= 1 (so {@code from} itself only on a cycle). */
    public boolean[] reachableFrom(int from) {
        boolean[] seen = new boolean[services.length];
        int[] stack = new int[services.length];
        int top = 0;
        for (int w : successors[from]) {
            if (!seen[w]) {
                seen[w] = true;
                stack[top++] = w;
            }
        }
        while (top > 0) {
            int u = stack[--top];
            for (int w : successors[u]) {
                if (!seen[w]) {
                    seen[w] = true;
                    stack[top++] = w;
                }
            }
        }
        return seen;
    }

    /** All edges as [u, w] index pairs, in (u, w) order. */
    public List<int[]> edges() {
        List<int[]> out = new ArrayList<>(edgeCount);
        for (int u = 0; u < services.length; u++) {
            for (int w : successors[u]) {
                out.add(new int[] {u, w});
            }
        }
        return out;
    }

    public Set<String> serviceSet() {
        return index.keySet();
    }
}

package org.copper.lang.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.copper.lang.PolicyHeader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternSyntaxError;
import org.wire.placement.match.CommonMatch;
import org.wire.placement.match.ContextAutomaton;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.SharedMatchSets;

/**
 * Conflicts (spec §4) found without comparing every pair of policies, and reported once per group. Policies are
 * bucketed by what they write (one header name; the routes of one service, with the denials), so only policies in
 * one bucket can conflict. In a bucket, policies with the same context pattern share one match set; patterns are
 * compared only when their match sets share a call (an index from calls to patterns), and only while they are not
 * yet in one group (union-find), so a common call is searched for at most about once per pattern; and the search for
 * two patterns is remembered, since they meet again in every bucket they share. Each group of
 * policies that conflict, directly or through each other, is one warning on its last member, naming the members
 * and one call two of them share.
 */
public final class ConflictGroups {
    private static final int NAMED = 10;

    /**
     * One group's warning: it belongs on {@code policy} (the group's last member), names the others in the message and,
     * at most ten, in {@code data}.
     */
    public record Conflict(CopperWorkspace.LoadedPolicy policy, String message, List<String> data) {}

    private final List<CopperWorkspace.LoadedPolicy> policies;
    private final ServiceGraph graph;
    private final SharedMatchSets matchSets; // patterns that differ only in their last service share their search
    private final Map<String, Pattern> patterns = new HashMap<>();
    private final Map<Meeting, List<String>> meetings = new HashMap<>(); // a common call or null, per pair of patterns

    /** One distinct context pattern: its automaton and, computed on demand, its matching calls per destination. */
    private final class Pattern {
        final ContextPattern pattern;
        final ContextAutomaton dfa;
        private Map<Integer, List<int[]>> byDestination;

        Pattern(ContextPattern pattern) {
            this.pattern = pattern;
            this.dfa = ContextAutomaton.compile(pattern);
        }

        Map<Integer, List<int[]>> calls() {
            if (byDestination == null) {
                byDestination = new TreeMap<>();
                MatchSet ms = matchSets.of(pattern);
                for (int i = 0; i < ms.size(); i++) {
                    byDestination.computeIfAbsent(ms.destination(i), d -> new ArrayList<>()).add(new int[] {ms.source(i), ms.destination(i)});
                }
            }
            return byDestination;
        }
    }

    /** What one policy writes under one key. Header values: the value, or null when removed. Routes: "v:" + version, "v?" unknown, "deny". */
    private record Write(int policy, String value, String spelling) {}

    private ConflictGroups(List<CopperWorkspace.LoadedPolicy> policies, ServiceGraph graph) {
        this.policies = policies;
        this.graph = graph;
        this.matchSets = new SharedMatchSets(graph, false);
    }

    /** The conflict groups among the policies, ordered by their last member's index in {@code policies}. */
    public static List<Conflict> find(List<CopperWorkspace.LoadedPolicy> policies, ServiceGraph graph) {
        return new ConflictGroups(policies, graph).run();
    }

    private List<Conflict> run() {
        Map<String, List<Write>> byKey = new TreeMap<>();
        List<Integer> denials = new ArrayList<>();
        Map<Integer, Pattern> patternOf = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            Pattern p = pattern(PolicyHeader.context(policies.get(i).policy()));
            if (p == null) {
                continue; // reported by validation
            }
            patternOf.put(i, p);
            PolicyWrites w = PolicyWrites.of(policies.get(i).policy());
            for (String[] h : w.headers()) {
                if (h[0] != null) {
                    byKey.computeIfAbsent("header " + h[0].toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(new Write(i, h[1], h[0]));
                }
            }
            for (String[] r : w.routes()) {
                // a route with no constant service may act on any call: it meets denials everywhere
                byKey.computeIfAbsent(r[0] == null ? "route *" : "route " + r[0], k -> new ArrayList<>())
                        .add(new Write(i, r[1] == null ? "v?" : "v:" + r[1], r[0]));
            }
            if (w.denies()) {
                denials.add(i);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<Write> writes = new ArrayList<>(e.getValue());
            boolean route = e.getKey().startsWith("route ");
            if (route) {
                denials.forEach(d -> writes.add(new Write(d, "deny", null)));
            }
            writes.sort((a, b) -> Integer.compare(a.policy(), b.policy()));
            if (!anyConflict(writes, route)) {
                continue;
            }
            String routed = route && !e.getKey().equals("route *") ? e.getKey().substring("route ".length()) : null;
            groups.addAll(groupsOf(writes, route, routed, patternOf));
        }
        groups.sort((a, b) -> Integer.compare(a.last(), b.last()));
        List<Conflict> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(g.conflict());
        }
        return out;
    }

    private Pattern pattern(String text) {
        if (patterns.containsKey(text)) {
            return patterns.get(text);
        }
        Pattern p = null;
        try {
            p = new Pattern(ContextPattern.parse(text));
        } catch (PatternSyntaxError | RuntimeException e) {
            // reported by validation
        }
        patterns.put(text, p);
        return p;
    }

    private static boolean conflicting(String a, String b, boolean route) {
        if (!route) {
            return !Objects.equals(a, b);
        }
        boolean da = a.equals("deny"), db = b.equals("deny");
        if (da || db) {
            return da != db;
        }
        return a.startsWith("v:") && b.startsWith("v:") && !a.equals(b);
    }

    /** Whether two writes of different policies conflict at all, calls aside. */
    private static boolean anyConflict(List<Write> writes, boolean route) {
        return conflictingPair(writes, writes, route) != null;
    }

    /** A set of policies (under one key) with the same pattern. */
    private static final class Cls {
        final Pattern pattern;
        final List<Write> writes = new ArrayList<>();

        Cls(Pattern pattern) {
            this.pattern = pattern;
        }
    }

    private List<Group> groupsOf(List<Write> writes, boolean route, String routed, Map<Integer, Pattern> patternOf) {
        Map<Pattern, Cls> classes = new LinkedHashMap<>();
        for (Write w : writes) {
            classes.computeIfAbsent(patternOf.get(w.policy()), Cls::new).writes.add(w);
        }
        List<Cls> cls = new ArrayList<>(classes.values());
        int n = cls.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Integer routedIndex = routed == null ? null : graph.indexOf(routed);
        if (routedIndex != null && routedIndex < 0) {
            return List.of(); // the routed service is not in the graph: no call to it
        }
        Predicate<String> destination = routed == null ? d -> true : routed::equals;
        Map<Integer, Witness> witness = new HashMap<>(); // root -> the first conflicting pair found and its call
        // within a class: same pattern, so any of its calls is common to all members
        for (int c = 0; c < n; c++) {
            Write[] pair = conflictingPair(cls.get(c).writes, cls.get(c).writes, route);
            if (pair != null) {
                List<String> co = commonCall(cls.get(c).pattern, cls.get(c).pattern, routed, destination);
                if (co != null) {
                    witness.put(c, new Witness(pair[0], pair[1], co));
                }
            }
        }
        // across classes: only those whose match sets share a call
        Map<Long, List<Integer>> byCall = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            Map<Integer, List<int[]>> calls = cls.get(c).pattern.calls();
            for (List<int[]> list : routedIndex == null ? calls.values() : List.of(calls.getOrDefault(routedIndex, List.of()))) {
                for (int[] call : list) {
                    byCall.computeIfAbsent((long) call[0] * graph.size() + call[1], k -> new ArrayList<>()).add(c);
                }
            }
        }
        for (List<Integer> sharing : byCall.values()) {
            for (int x = 0; x < sharing.size(); x++) {
                for (int y = x + 1; y < sharing.size(); y++) {
                    int a = sharing.get(x), b = sharing.get(y);
                    int ra = find(parent, a), rb = find(parent, b);
                    if (ra == rb) {
                        continue;
                    }
                    Write[] pair = conflictingPair(cls.get(a).writes, cls.get(b).writes, route);
                    if (pair == null) {
                        continue;
                    }
                    List<String> co = commonCall(cls.get(a).pattern, cls.get(b).pattern, routed, destination);
                    if (co == null) {
                        continue;
                    }
                    Witness wa = witness.get(ra), wb = witness.get(rb);
                    parent[Math.max(ra, rb)] = Math.min(ra, rb);
                    Witness keep = wa != null ? wa : wb != null ? wb : new Witness(pair[0], pair[1], co);
                    witness.remove(Math.max(ra, rb));
                    witness.put(Math.min(ra, rb), keep);
                }
            }
        }
        Map<Integer, List<Write>> members = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            int r = find(parent, c);
            if (witness.containsKey(r)) {
                members.computeIfAbsent(r, k -> new ArrayList<>()).addAll(cls.get(c).writes);
            }
        }
        List<Group> out = new ArrayList<>();
        for (var e : members.entrySet()) {
            List<Write> ws = e.getValue();
            ws.sort((a, b) -> Integer.compare(a.policy(), b.policy()));
            List<Integer> named = new ArrayList<>();
            for (Write w : ws) {
                boolean hasPartner = false;
                for (Write o : ws) {
                    hasPartner |= o.policy() != w.policy() && conflicting(w.value(), o.value(), route);
                }
                if (hasPartner && !named.contains(w.policy())) {
                    named.add(w.policy());
                }
            }
            out.add(new Group(named, witness.get(e.getKey()), route));
        }
        return out;
    }

    /**
     * A call both patterns match (to the routed service, when given), or null. Remembered per pair: the same two
     * patterns meet again in every bucket they share (one per header name both write), and the search is the same.
     */
    private List<String> commonCall(Pattern a, Pattern b, String routed, Predicate<String> destination) {
        Meeting key = new Meeting(a, b, routed);
        if (meetings.containsKey(key)) {
            return meetings.get(key);
        }
        List<String> co = CommonMatch.find(graph, a.dfa, b.dfa, destination);
        meetings.put(key, co);
        return co;
    }

    /** Two patterns (compared by identity: one object per distinct pattern text) and the routed service or null. */
    private record Meeting(Pattern a, Pattern b, String routed) {}

    /**
     * Two writes of different policies that conflict, earlier policy first; null when none do. Writes are first
     * reduced to their distinct values (two writers each), so many policies writing one value cost one comparison.
     */
    private static Write[] conflictingPair(List<Write> as, List<Write> bs, boolean route) {
        Map<String, List<Write>> ra = representatives(as), rb = as == bs ? ra : representatives(bs);
        for (List<Write> xs : ra.values()) {
            for (List<Write> ys : rb.values()) {
                if (!conflicting(xs.get(0).value(), ys.get(0).value(), route)) {
                    continue;
                }
                for (Write a : xs) {
                    for (Write b : ys) {
                        if (a.policy() != b.policy()) {
                            return a.policy() < b.policy() ? new Write[] {a, b} : new Write[] {b, a};
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, List<Write>> representatives(List<Write> ws) {
        Map<String, List<Write>> byValue = new LinkedHashMap<>();
        for (Write w : ws) {
            List<Write> rep = byValue.computeIfAbsent(Objects.toString(w.value(), "\0removed"), k -> new ArrayList<>(2));
            if (rep.size() < 2 && (rep.isEmpty() || rep.get(0).policy() != w.policy())) {
                rep.add(w);
            }
        }
        return byValue;
    }

    private record Witness(Write earlier, Write later, List<String> co) {}

    private final class Group {
        final List<Integer> members;
        final Witness witness;
        final boolean route;

        Group(List<Integer> members, Witness witness, boolean route) {
            this.members = members;
            this.witness = witness;
            this.route = route;
        }

        int last() {
            return members.get(members.size() - 1);
        }

        Conflict conflict() {
            CopperWorkspace.LoadedPolicy last = policies.get(last());
            List<String> co = witness.co();
            int n = co.size();
            String call = "the call " + co.get(n - 2) + " -> " + co.get(n - 1) + " with context '" + String.join(" ", co) + "'";
            List<Integer> others = new ArrayList<>();
            for (int m : members) {
                if (m != last()) {
                    others.add(m);
                }
            }
            List<String> data = others.stream().limit(NAMED).map(m -> policies.get(m).policy().getName()).toList();
            String message;
            if (members.size() == 2) {
                CopperWorkspace.LoadedPolicy earlier = policies.get(members.get(0));
                message = "policy '" + last.policy().getName() + "' conflicts with '" + earlier.policy().getName() + "' (" + where(earlier, last)
                        + "): both match " + call + ", and " + why();
            } else {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < Math.min(NAMED, others.size()); k++) {
                    CopperWorkspace.LoadedPolicy o = policies.get(others.get(k));
                    b.append(k == 0 ? "" : ", ").append('\'').append(o.policy().getName()).append("' (").append(where(o, last)).append(')');
                }
                if (others.size() > NAMED) {
                    b.append(" and ").append(others.size() - NAMED).append(" more");
                }
                message = "policy '" + last.policy().getName() + "' conflicts with " + others.size() + " other policies: " + b + "; '"
                        + policies.get(witness.earlier().policy()).policy().getName() + "' and '" + policies.get(witness.later().policy()).policy().getName()
                        + "' both match " + call + ", and " + why();
            }
            return new Conflict(last, message, data);
        }

        private String why() {
            Write a = witness.earlier(), b = witness.later();
            if (route) {
                if (a.value().equals("deny") || b.value().equals("deny")) {
                    return "one denies what the other routes to a version";
                }
                return "they route '" + a.spelling() + "' to different versions ('" + a.value().substring(2) + "' and '" + b.value().substring(2) + "')";
            }
            if (a.value() == null || b.value() == null) {
                return "one sets header '" + a.spelling() + "' and the other removes it";
            }
            return "they set header '" + a.spelling() + "' to different values ('" + a.value() + "' and '" + b.value() + "')";
        }
    }

    private static String where(CopperWorkspace.LoadedPolicy p, CopperWorkspace.LoadedPolicy relativeTo) {
        return p.path().equals(relativeTo.path()) ? "line " + p.line() : p.path() + ":" + p.line();
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}

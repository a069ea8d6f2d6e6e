package org.copper.lang.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.copper.lang.PolicyHeader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternSyntaxError;
import org.wire.placement.match.CommonMatch;
import org.wire.placement.match.ContextAutomaton;

/**
 * Issue 11, item 4: the conflict check's time against the number of policies, grouped ({@link ConflictGroups}, as
 * shipped) and pairwise (the check it replaced, kept here as the baseline), in one run on the same loaded
 * workspace, so that machine load affects both alike. Not a test: run with
 * {@code org.copper.lang.tests/bench/conflict-bench.sh [N...]}. Parsing and validation are not timed.
 */
public final class ConflictGrowthBenchmark {
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1000, 2000, 4000, 8000, 16000, 32000);
        }
        long pairwiseLimitMs = 300_000;
        Random rnd = new Random(11);
        int n = 200;
        List<String> names = new ArrayList<>();
        List<List<String>> edges = new ArrayList<>();
        int[] parent = new int[n];
        names.add("frontend");
        for (int i = 1; i < n; i++) {
            names.add("s" + i);
            parent[i] = rnd.nextInt(i);
            edges.add(List.of(names.get(parent[i]), names.get(i)));
        }
        for (int k = 0; k < n; k++) {
            int a = rnd.nextInt(n - 1), b = a + 1 + rnd.nextInt(n - 1 - a);
            if (parent[b] != a && !edges.contains(List.of(names.get(a), names.get(b)))) {
                edges.add(List.of(names.get(a), names.get(b)));
            }
        }
        ServiceGraph graph = ServiceGraph.of("growth", names, edges, List.of());
        System.out.println("| policies | grouped: ms | grouped: warnings | pairwise: ms | pairwise: warnings | pairwise / grouped |");
        System.out.println("|---|---|---|---|---|---|");
        boolean pairwise = true;
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("conflicts");
            Files.writeString(dir.resolve("p.cup"), policies(size, new Random(size), names, parent));
            CopperWorkspace ws = CopperWorkspace.load(List.of(dir));
            List<CopperWorkspace.LoadedPolicy> ps = ws.policies();
            ConflictGroups.find(ps, graph); // warm-up
            long t0 = System.nanoTime();
            int grouped = ConflictGroups.find(ps, graph).size();
            double groupedMs = (System.nanoTime() - t0) / 1e6;
            String pw = "not run", pwWarnings = "-", ratio = "-";
            if (pairwise) {
                t0 = System.nanoTime();
                int count = pairwise(ps, graph);
                double ms = (System.nanoTime() - t0) / 1e6;
                pw = String.format(Locale.ROOT, "%.0f", ms);
                pwWarnings = String.valueOf(count);
                ratio = String.format(Locale.ROOT, "%.0f", ms / groupedMs);
                pairwise = ms * 4 < pairwiseLimitMs; // the next size takes about four times as long
            }
            System.out.printf(Locale.ROOT, "| %d | %.0f | %d | %s | %s | %s |%n", size, groupedMs, grouped, pw, pwWarnings, ratio);
        }
    }

    private static String policies(int count, Random rnd, List<String> names, int[] parent) {
        StringBuilder b = new StringBuilder("import \"common.cui\";\n");
        for (int k = 0; k < count; k++) {
            int i = 1 + rnd.nextInt(names.size() - 1);
            String x = names.get(i);
            double r = rnd.nextDouble();
            String ctx = r < 0.4 ? "frontend .* " + x : r < 0.8 ? ".* " + x : names.get(parent[i]) + " " + x;
            double a = rnd.nextDouble();
            String body = a < 0.7 ? "[Ingress] SetHeader(r, 'x-h" + k % 40 + "', 'v" + rnd.nextInt(3) + "');"
                    : a < 0.8 ? "[Ingress] RemoveHeader(r, 'x-h" + k % 40 + "');"
                    : a < 0.95 ? "[Egress] RouteToVersion(r, '" + x + "', 'v" + rnd.nextInt(2) + "');" : "[Ingress] Deny(r);";
            b.append("policy p").append(k).append(" (act (Request r) context ('").append(ctx).append("')) { ").append(body).append(" }\n");
        }
        return b.toString();
    }

    /** The check ConflictGroups replaced: every pair of policies, one warning per conflicting pair. */
    static int pairwise(List<CopperWorkspace.LoadedPolicy> policies, ServiceGraph graph) throws PatternSyntaxError {
        int warnings = 0;
        List<ContextAutomaton> automata = new ArrayList<>();
        List<PolicyWrites> writes = new ArrayList<>();
        for (CopperWorkspace.LoadedPolicy p : policies) {
            automata.add(ContextAutomaton.compile(ContextPattern.parse(PolicyHeader.context(p.policy()))));
            writes.add(PolicyWrites.of(p.policy()));
        }
        for (int j = 0; j < policies.size(); j++) {
            for (int i = 0; i < j; i++) {
                Conflict conflict = conflictBetween(writes.get(i), writes.get(j));
                if (conflict != null && CommonMatch.find(graph, automata.get(i), automata.get(j),
                        d -> conflict.destinations() == null || conflict.destinations().contains(d)) != null) {
                    warnings++;
                }
            }
        }
        return warnings;
    }

    /** A conflict: why, and which destinations it concerns (null: any). */
    private record Conflict(String why, java.util.Set<String> destinations) {}

    /**
     * The former pairwise rule, kept here as the baseline the grouped check is measured against: how two policies
     * write the same thing differently, or null when they do not.
     */
    private static Conflict conflictBetween(PolicyWrites one, PolicyWrites other) {
        boolean denies = one.denies();
        List<String[]> routes = one.routes(), headers = one.headers();
        // a route only acts on calls to the service it names
        if (denies && !other.routes().isEmpty() || other.denies() && !routes.isEmpty()) {
            java.util.Set<String> routed = new java.util.HashSet<>();
            (denies ? other.routes() : routes).forEach(r -> routed.add(r[0]));
            return new Conflict("one denies what the other routes to a version", routed.contains(null) ? null : routed);
        }
        for (String[] r : routes) {
            for (String[] o : other.routes()) {
                if (r[0] != null && r[0].equals(o[0]) && r[1] != null && o[1] != null && !r[1].equals(o[1])) {
                    return new Conflict("they route '" + r[0] + "' to different versions ('" + r[1] + "' and '" + o[1] + "')",
                            java.util.Set.of(r[0]));
                }
            }
        }
        for (String[] h : headers) {
            for (String[] o : other.headers()) {
                if (h[0] != null && h[0].equalsIgnoreCase(o[0]) && !java.util.Objects.equals(h[1], o[1])) {
                    return new Conflict(h[1] == null || o[1] == null ? "one sets header '" + h[0] + "' and the other removes it"
                            : "they set header '" + h[0] + "' to different values ('" + h[1] + "' and '" + o[1] + "')", null);
                }
            }
        }
        return null;
    }
}

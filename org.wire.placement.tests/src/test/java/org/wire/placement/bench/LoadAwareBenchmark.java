package org.wire.placement.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.SidecarCost;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.place.PlacementValidator;

/**
 * Issue 11 item 5: the load-aware cost against the paper's constant one. Per graph: heavy-tailed loads (Pareto 1.2,
 * 5 to 10^6, seeded; not measured traffic), the constant-cost placement priced by load, the load-aware placement
 * (wall and CPU time, proven optimal, validated), its optimum checked against GLPK on the load-aware 0/1 program,
 * and how many sidecars sit on the hottest tenth of the services in each. Run with
 * {@code org.wire.placement.tests/bench/load-benchmark.sh [--graphs N] [--seed S]} (prints timings: not a unit test).
 */
public final class LoadAwareBenchmark {
    public static void main(String[] args) throws Exception {
        int graphs = 30;
        long seed = 11;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--graphs" -> graphs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        boolean glpk = GlpkOracle.available();
        Path dir = Files.createTempDirectory("wire-load-bench");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[][] sets = { {"P1", "istio=10", "istio=10+1/load"}, {"P1+P2", "istio=10,cilium=4", "istio=10+1/load,cilium=4+1/load"} };
        List<String> families = List.of("single-entry-hub", "alibaba-like");
        Map<String, List<ServiceGraph>> byFamily = new TreeMap<>();
        for (String f : families) {
            List<ServiceGraph> gs = new ArrayList<>();
            for (int i = 0; i < graphs; i++) {
                int n = 24 + (int) Math.round((329 - 24) * i / (double) Math.max(1, graphs - 1));
                String name = String.format(Locale.ROOT, "%s%02d", f, i);
                long s = seed * 1000 + i;
                ServiceGraph g = f.equals("alibaba-like") ? AlibabaLikeGraphs.generate(name, s, n) : SingleEntryHubGraphs.generate(name, s, n);
                gs.add(g.withLoads(loads(g, new Random(s + 7))));
            }
            byFamily.put(f, gs);
        }
        for (int warm = 0; warm < 2; warm++) {
            for (List<ServiceGraph> gs : byFamily.values()) {
                for (ServiceGraph g : gs) {
                    for (String[] set : sets) {
                        Wire.place(g, policies(g, set[0]), StandardDataplanes.parse(set[2]), PlacementOptions.defaults());
                    }
                }
            }
        }
        System.out.println("| family | policy set | graphs | constant: mean wall ms (mean CPU ms) | load-aware: mean / max wall ms (mean CPU ms) | proven optimal | same optimum as GLPK | "
                + "constant placement priced by load (sum) | load-aware cost (sum) | saving | sidecars on the hottest 10 %: constant / load-aware | sidecars: constant / load-aware |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String f : families) {
            for (String[] set : sets) {
                List<Dataplane> constant = StandardDataplanes.parse(set[1]), byLoad = StandardDataplanes.parse(set[2]);
                double sumMs = 0, maxMs = 0, sumCpu = 0, constMs = 0, constCpu = 0;
                int optimal = 0, sameGlpk = 0, glpkProved = 0, hotConst = 0, hotAware = 0, scConst = 0, scAware = 0;
                long priced = 0, aware = 0;
                for (ServiceGraph g : byFamily.get(f)) {
                    List<Policy> ps = policies(g, set[0]);
                    long k0 = System.nanoTime(), kc0 = cpu.getCurrentThreadCpuTime();
                    PlacementResult c = Wire.place(g, ps, constant, PlacementOptions.defaults());
                    constMs += (System.nanoTime() - k0) / 1e6;
                    constCpu += (cpu.getCurrentThreadCpuTime() - kc0) / 1e6;
                    long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                    PlacementResult r = Wire.place(g, ps, byLoad, PlacementOptions.defaults());
                    double ms = (System.nanoTime() - t0) / 1e6, cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                    sumMs += ms;
                    sumCpu += cpuMs;
                    maxMs = Math.max(maxMs, ms);
                    optimal += r.optimal() ? 1 : 0;
                    List<String> problems = PlacementValidator.check(g, ps, byLoad, PlacementOptions.defaults(), r);
                    if (!problems.isEmpty()) {
                        System.out.println("INVALID " + g.name() + " " + set[0] + ": " + problems);
                    }
                    long cByLoad = pricedByLoad(c, g, byLoad);
                    if (r.cost() > cByLoad) {
                        System.out.println("MISMATCH " + g.name() + " " + set[0] + ": load-aware " + r.cost() + " > constant priced by load " + cByLoad);
                    }
                    priced += cByLoad;
                    aware += r.cost();
                    Set<String> hot = hottestTenth(g);
                    hotConst += (int) c.sidecars().keySet().stream().filter(hot::contains).count();
                    hotAware += (int) r.sidecars().keySet().stream().filter(hot::contains).count();
                    scConst += c.sidecarCount();
                    scAware += r.sidecarCount();
                    if (glpk) {
                        GlpkOracle.Outcome o = GlpkOracle.solve(g, ps, byLoad, dir);
                        if (o.cost() >= 0) {
                            glpkProved++;
                            if (o.cost() == r.cost()) {
                                sameGlpk++;
                            } else {
                                System.out.println("MISMATCH " + g.name() + " " + set[0] + ": ours " + r.cost() + ", GLPK " + o.cost());
                            }
                        }
                    }
                }
                int n = byFamily.get(f).size();
                System.out.printf(Locale.ROOT, "| %s | %s: %s vs %s | %d | %.2f (%.2f) | %.2f / %.2f (%.2f) | %d/%d | %s | %d | %d | %.1f %% | %d / %d | %d / %d |%n", f, set[0], set[1],
                        set[2], n, constMs / n, constCpu / n, sumMs / n, maxMs, sumCpu / n, optimal, n, glpk ? sameGlpk + "/" + glpkProved : "n/a (no glpsol)", priced, aware,
                        100.0 * (priced - aware) / priced, hotConst, hotAware, scConst, scAware);
            }
        }
    }

    private static List<Policy> policies(ServiceGraph g, String set) {
        return PaperPolicySets.of(g, set.equals("P1") ? PolicySet.P1 : PolicySet.P1P2);
    }

    /** The constant-cost placement's sidecars, each priced as the load-aware dataplane of the same name would cost. */
    private static long pricedByLoad(PlacementResult r, ServiceGraph g, List<Dataplane> byLoad) {
        Map<String, Dataplane> dps = byLoad.stream().collect(Collectors.toMap(Dataplane::name, d -> d));
        return r.sidecars().entrySet().stream().mapToLong(e -> SidecarCost.of(dps.get(e.getValue()), g, g.indexOf(e.getKey())).total()).sum();
    }

    /** Heavy-tailed loads: Pareto with shape 1.2 and scale 5, capped at 10^6. */
    static Map<String, Long> loads(ServiceGraph g, Random rnd) {
        Map<String, Long> out = new TreeMap<>();
        for (String s : g.services()) {
            double u = 1 - rnd.nextDouble();
            out.put(s, Math.min(1_000_000L, Math.round(5 * Math.pow(u, -1 / 1.2))));
        }
        return out;
    }

    private static Set<String> hottestTenth(ServiceGraph g) {
        return g.services().stream().sorted(Comparator.comparingLong((String s) -> -g.load(g.indexOf(s))).thenComparing(s -> s))
                .limit(Math.max(1, g.size() / 10)).collect(Collectors.toSet());
    }
}

package org.wire.placement.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.Wire;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.placement.match.ContextAutomaton;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;
import org.wire.placement.match.SharedMatchSets;
import org.wire.placement.place.PlacementOptions;

/**
 * Growth of {@code Wire.place} with the graph (issue 11, item 4): production-like graphs of N services and 2.5 N
 * edges, 1,000 policies (500 free P1 + 500 pinned P2, as in {@link PlacementBenchmark}'s scale run). Per size:
 * the median of several timed runs after a warm-up, wall and CPU time of the placing thread, the match-set and
 * solve parts; and in the same run the former way (one product search per policy) as the baseline, whose match
 * sets are compared with the shared ones edge by edge.
 * Arguments: {@code [--seed S] [--runs R] [--dataplanes istio=10,cilium=4] [N...]} (default sizes 5000 10000 20000 40000).
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        long seed = 2025;
        int runs = 7;
        String dpSpec = "istio=10,cilium=4";
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dataplanes" -> dpSpec = args[++i];
                default -> sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(5_000, 10_000, 20_000, 40_000);
        }
        List<Dataplane> dps = StandardDataplanes.parse(dpSpec);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "Scale benchmark: seed %d, %d timed runs per size (median), dataplanes %s, %d cores, Java %s, load average %.2f%n",
                seed, runs, dpSpec, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println();
        System.out.println("| services / edges | policies (distinct patterns) | product searches | total: wall ms | total: CPU ms | match sets ms "
                + "| solve ms | former match sets (one search per policy): wall ms | CPU ms | sidecars, cost, optimal |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            ServiceGraph g = ProductionLikeGraphs.generate("scale" + n, seed, n, (int) (n * 2.5));
            List<Policy> ps = policies(g, seed);
            Wire.place(g, ps, dps, PlacementOptions.defaults()); // warm-up at this size
            double[] wall = new double[runs], cpuMs = new double[runs], match = new double[runs], solve = new double[runs];
            PlacementResult r = null;
            for (int k = 0; k < runs; k++) {
                long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                r = Wire.place(g, ps, dps, PlacementOptions.defaults());
                wall[k] = (System.nanoTime() - t0) / 1e6;
                cpuMs[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                match[k] = r.stats().matchMs();
                solve[k] = r.stats().solveMs();
            }
            SharedMatchSets shared = new SharedMatchSets(g, false);
            for (Policy p : ps) {
                shared.of(p.pattern());
            }
            double[] formerWall = new double[Math.min(runs, 3)], formerCpu = new double[formerWall.length];
            for (int k = 0; k < formerWall.length; k++) {
                long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                List<MatchSet> former = new ArrayList<>();
                for (Policy p : ps) {
                    former.add(MatchSetComputer.compute(g, ContextAutomaton.compile(p.pattern()), false));
                }
                formerWall[k] = (System.nanoTime() - t0) / 1e6;
                formerCpu[k] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
                for (int i = 0; i < ps.size(); i++) {
                    if (!same(former.get(i), shared.of(ps.get(i).pattern()))) {
                        throw new IllegalStateException("shared and per-policy match sets differ for " + ps.get(i).name());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %,d / %,d | %,d (%,d) | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d, %d, %s |%n", g.size(), g.edgeCount(), ps.size(),
                    shared.distinctPatterns(), shared.productSearches(), median(wall), median(cpuMs), median(match), median(solve), median(formerWall),
                    median(formerCpu), r.sidecarCount(), r.cost(), r.optimal());
        }
        System.out.printf(Locale.ROOT, "%nload average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** 1,000 policies: 500 free (P1) and 500 pinned (P2), sampled with a fixed seed. */
    static List<Policy> policies(ServiceGraph g, long seed) {
        List<Policy> p1 = PaperPolicySets.p1(g);
        List<Policy> p2 = PaperPolicySets.p2(g);
        Random rnd = new Random(seed);
        Collections.shuffle(p1, rnd);
        Collections.shuffle(p2, rnd);
        List<Policy> ps = new ArrayList<>(p1.subList(0, Math.min(500, p1.size())));
        ps.addAll(p2.subList(0, Math.min(500, p2.size())));
        return ps;
    }

    private static boolean same(MatchSet a, MatchSet b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.source(i) != b.source(i) || a.destination(i) != b.destination(i)) {
                return false;
            }
        }
        return true;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

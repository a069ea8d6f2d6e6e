package org.wire.placement.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.Wire;
import org.wire.placement.place.PlacementOptions;
import org.wire.placement.place.PlacementSolver;

/**
 * One row of {@link FamilyBenchmark} in detail, for tuning the searches on a loaded machine: per graph the search
 * nodes, the thread's CPU time and Wire's match/solve split beside wall time (best of several warm runs), and the
 * cost (optionally checked against GLPK). Usage: {@code SearchProbe --family denser --set 3 [--graphs 30] [--seed 11]
 * [--runs 3] [--glpk] [--only i]}.
 */
public final class SearchProbe {
    public static void main(String[] args) throws Exception {
        String family = "denser";
        int set = 3, graphs = 30, runs = 3, only = -1;
        long seed = 11;
        boolean glpk = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--family" -> family = args[++i];
                case "--set" -> set = Integer.parseInt(args[++i]);
                case "--graphs" -> graphs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = Integer.parseInt(args[++i]);
                case "--glpk" -> glpk = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("wire-probe");
        List<ServiceGraph> gs = new ArrayList<>();
        for (int i = 0; i < graphs; i++) {
            if (only < 0 || only == i) {
                gs.add(FamilyBenchmark.graph(family, i, graphs, seed));
            }
        }
        List<Dataplane> dps = FamilyBenchmark.dataplanes(set);
        for (int w = 0; w < 2; w++) { // JIT warm-up
            for (ServiceGraph g : gs) {
                Wire.place(g, FamilyBenchmark.policies(g, set, seed), dps, PlacementOptions.defaults());
            }
        }
        double[] wall = new double[gs.size()], cpu = new double[gs.size()];
        long totalNodes = 0, maxNodes = 0;
        System.out.println("| graph | services | kernel | cost | optimal | nodes | wall ms (best) | cpu ms | match ms | solve ms |" + (glpk ? " GLPK |" : ""));
        for (int gi = 0; gi < gs.size(); gi++) {
            ServiceGraph g = gs.get(gi);
            List<Policy> ps = FamilyBenchmark.policies(g, set, seed);
            double bestWall = Double.MAX_VALUE, bestCpu = 0;
            PlacementResult r = null, bestRun = null;
            long nodes = 0;
            for (int k = 0; k < runs; k++) {
                long n0 = PlacementSolver.searchNodes();
                long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                r = Wire.place(g, ps, dps, PlacementOptions.defaults());
                if (Boolean.getBoolean("wire.debug")) {
                    System.err.println("-- " + g.name());
                }
                double ms = (System.nanoTime() - t0) / 1e6, cms = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                nodes = PlacementSolver.searchNodes() - n0;
                if (ms < bestWall) {
                    bestWall = ms;
                    bestCpu = cms;
                    bestRun = r;
                }
            }
            r = bestRun;
            wall[gi] = bestWall;
            cpu[gi] = bestCpu;
            totalNodes += nodes;
            maxNodes = Math.max(maxNodes, nodes);
            String check = "";
            if (glpk) {
                GlpkOracle.Outcome o = GlpkOracle.solve(g, ps, dps, dir);
                check = " " + o.cost() + (o.cost() >= 0 && o.cost() != r.cost() ? " MISMATCH" : "") + " |";
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s | %d | %.2f | %.2f | %d | %d |%s%n", g.name(), g.size(), r.stats().largestComponent(), r.cost(),
                    r.optimal(), nodes, bestWall, bestCpu, r.stats().matchMs(), r.stats().solveMs(), check);
        }
        System.out.printf(Locale.ROOT, "wall mean %.2f max %.2f; cpu mean %.2f max %.2f; nodes total %d max %d%n", Arrays.stream(wall).average().orElse(0),
                Arrays.stream(wall).max().orElse(0), Arrays.stream(cpu).average().orElse(0), Arrays.stream(cpu).max().orElse(0), totalNodes, maxNodes);
    }
}

package org.wire.placement.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.wire.placement.Wire;
import org.wire.placement.experiment.ExperimentReport;
import org.wire.placement.experiment.PaperPolicySets;
import org.wire.placement.experiment.PolicySet;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.placement.place.PlacementOptions;
import org.wire.model.placement.PlacementResult;
import org.wire.placement.place.PlacementValidator;

/**
 * One-command benchmark (see docs/placement.md): seeded production-like graphs (24–329 services,
 * 37–892 edges) plus the three benchmark apps, P1 and P1+P2, ours (edge and paper encodings) against z3
 * on the paper's formulation in the same run, and a 20,000-service / 1,000-policy scale run.
 * Arguments: {@code [--graphs N] [--seed S] [--dataplanes istio=10,cilium=4] [--z3-timeout SEC] [--scale N] [--no-z3]}.
 */
public final class PlacementBenchmark {
    private PlacementBenchmark() {}

    record Sample(String graph, int services, int edges, double oursMs, double paperMs, long oursCost, long paperCost, boolean optimal,
            double fraction, String z3Status, long z3Cost, double z3Ms) {}

    public static void main(String[] args) throws Exception {
        int graphs = 60;
        long seed = 2025;
        String dpSpec = "istio=10,cilium=4";
        int z3Timeout = 60;
        int scale = 20_000;
        boolean z3 = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--graphs" -> graphs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--dataplanes" -> dpSpec = args[++i];
                case "--z3-timeout" -> z3Timeout = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--no-z3" -> z3 = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Dataplane> dps = StandardDataplanes.parse(dpSpec);
        boolean haveZ3 = z3 && Z3PaperFormulation.available();
        System.out.printf(Locale.ROOT, "Wire placement benchmark: %d generated graphs (seed %d) + 3 apps, dataplanes %s, %s, %d cores, Java %s%n",
                graphs, seed, dpSpec, haveZ3 ? "z3 " + z3Version() : (z3 ? "z3 NOT FOUND (install the Debian package z3): ours only" : "z3 skipped"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (haveZ3) {
            System.out.printf(Locale.ROOT, "z3 process start-up on an empty problem: %.1f ms (included in z3 times below)%n", Z3PaperFormulation.startupMs());
        }
        List<ServiceGraph> all = new ArrayList<>();
        Random sizes = new Random(seed);
        for (int i = 0; i < graphs; i++) {
            int n = graphs == 1 ? 24 : 24 + (int) Math.round((329 - 24) * i / (double) (graphs - 1));
            double ratio = 37.0 / 24 + (892.0 / 329 - 37.0 / 24) * sizes.nextDouble();
            int m = Math.max(n, Math.min(892, (int) Math.round(n * ratio)));
            all.add(ProductionLikeGraphs.generate(String.format(Locale.ROOT, "gen%02d", i), seed * 1000 + i, n, m));
        }
        Path examples = findExamples();
        for (String app : List.of("online-boutique", "hotel-reservation", "social-network")) {
            if (examples != null && Files.exists(examples.resolve(app).resolve("graph.json"))) {
                all.add(GraphJsonReader.read(examples.resolve(app).resolve("graph.json")));
            }
        }
        // warm-up: let the JIT compile the hot paths before anything is measured
        for (int rep = 0; rep < 3; rep++) {
            for (ServiceGraph g : all) {
                Wire.place(g, PaperPolicySets.of(g, PolicySet.P1P2), dps, PlacementOptions.defaults());
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| policy set | graphs | ours (edge) mean / median / max ms | ours (paper enc.) mean / max ms | z3 (paper formulation) mean / median / max ms | z3 timeouts | optimum agrees with z3 | median fraction without sidecar |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        StringBuilder apps = new StringBuilder("| app | services | edges | P1 sidecars (istio only) | P1 sidecars / cost | P1+P2 sidecars / cost | P1+P2 ours ms | P1+P2 z3 ms |\n|---|---|---|---|---|---|---|---|\n");
        List<List<Sample>> perSet = new ArrayList<>();
        for (PolicySet set : PolicySet.values()) {
            List<Sample> samples = new ArrayList<>();
            for (ServiceGraph g : all) {
                samples.add(measure(g, set, dps, haveZ3, z3Timeout));
            }
            perSet.add(samples);
            double[] ours = samples.stream().mapToDouble(Sample::oursMs).toArray();
            double[] paper = samples.stream().mapToDouble(Sample::paperMs).toArray();
            double[] z3ms = samples.stream().filter(s -> s.z3Status().equals("sat")).mapToDouble(Sample::z3Ms).toArray();
            long timeouts = samples.stream().filter(s -> !s.z3Status().equals("sat") && !s.z3Status().equals("-")).count();
            long agree = samples.stream().filter(s -> s.z3Status().equals("sat") && s.z3Cost() == s.paperCost()).count();
            long edgeBetter = samples.stream().filter(s -> s.oursCost() < s.paperCost()).count();
            double medianFraction = ExperimentReport.median(samples.stream().mapToDouble(Sample::fraction).toArray());
            System.out.printf(Locale.ROOT, "%n== %s ==%n%-18s %8s %6s %9s %9s %10s %10s %8s %10s %10s%n", set.label(), "graph", "services", "edges", "ours_ms",
                    "paper_ms", "cost", "paper_cost", "no_sc", "z3_ms", "z3_cost");
            for (Sample s : samples) {
                System.out.printf(Locale.ROOT, "%-18s %8d %6d %9.2f %9.2f %10d %10d %7.1f%% %10s %10s%n", s.graph(), s.services(), s.edges(), s.oursMs(), s.paperMs(),
                        s.oursCost(), s.paperCost(), 100 * s.fraction(), s.z3Status().equals("sat") ? String.format(Locale.ROOT, "%.1f", s.z3Ms()) : s.z3Status(),
                        s.z3Cost() < 0 ? "-" : Long.toString(s.z3Cost()));
            }
            String summary = String.format(Locale.ROOT, "ours (edge): mean %.2f ms, median %.2f ms, max %.2f ms; ours (paper encoding): mean %.2f ms, max %.2f ms; "
                    + "z3: %s; %d/%d proven optimal; edge encoding strictly cheaper on %d graphs; median fraction without sidecar %.1f%%",
                    mean(ours), ExperimentReport.median(ours), max(ours), mean(paper), max(paper),
                    haveZ3 ? String.format(Locale.ROOT, "mean %.1f ms, median %.1f ms, max %.1f ms, %d timeouts, optimum agrees on %d/%d", mean(z3ms),
                            ExperimentReport.median(z3ms), max(z3ms), timeouts, agree, samples.size()) : "not run",
                    samples.stream().filter(Sample::optimal).count(), samples.size(), edgeBetter, 100 * medianFraction);
            System.out.println(summary);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f / %.2f / %.2f | %.2f / %.2f | %s | %s | %s | %.1f%% |%n", set.label(), samples.size(), mean(ours),
                    ExperimentReport.median(ours), max(ours), mean(paper), max(paper),
                    haveZ3 ? String.format(Locale.ROOT, "%.1f / %.1f / %.1f", mean(z3ms), ExperimentReport.median(z3ms), max(z3ms)) : "n/a",
                    haveZ3 ? Long.toString(timeouts) : "n/a", haveZ3 ? agree + "/" + samples.size() : "n/a", 100 * medianFraction));
        }
        for (int i = all.size() - 3; i >= 0 && i < all.size(); i++) {
            ServiceGraph g = all.get(i);
            int oneDp = Wire.place(g, PaperPolicySets.of(g, PolicySet.P1), StandardDataplanes.parse("istio=1"), PlacementOptions.defaults()).sidecarCount();
            Sample p1 = perSet.get(0).get(i), p12 = perSet.get(1).get(i);
            apps.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d / %d | %d / %d | %.2f | %s |%n", g.name(), g.size(), g.edgeCount(), oneDp,
                    Math.round(g.size() * (1 - p1.fraction())), p1.oursCost(), Math.round(g.size() * (1 - p12.fraction())), p12.oursCost(), p12.oursMs(),
                    p12.z3Status().equals("sat") ? String.format(Locale.ROOT, "%.1f", p12.z3Ms()) : p12.z3Status()));
        }
        String scaleRow = scale > 0 ? scale(scale, seed, dps, haveZ3, z3Timeout) : "";
        System.out.println("\n== Markdown for docs/placement.md ==\n");
        System.out.print(md);
        System.out.println();
        System.out.print(apps);
        System.out.println();
        System.out.println(scaleRow);
    }

    private static Sample measure(ServiceGraph g, PolicySet set, List<Dataplane> dps, boolean haveZ3, int z3Timeout) throws Exception {
        List<Policy> ps = PaperPolicySets.of(g, set);
        long t0 = System.nanoTime();
        PlacementResult edge = Wire.place(g, ps, dps, PlacementOptions.defaults());
        double oursMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        PlacementResult paper = Wire.place(g, ps, dps, PlacementOptions.defaults().withPaperEncoding(true));
        double paperMs = (System.nanoTime() - t1) / 1e6;
        List<String> errors = PlacementValidator.check(g, ps, dps, PlacementOptions.defaults(), edge);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(g.name() + ": invalid placement: " + errors.get(0));
        }
        Z3PaperFormulation.Outcome z = haveZ3 ? Z3PaperFormulation.solve(g, ps, dps, z3Timeout) : new Z3PaperFormulation.Outcome("-", -1, 0);
        return new Sample(g.name(), g.size(), g.edgeCount(), oursMs, paperMs, edge.cost(), paper.cost(), edge.optimal() && paper.optimal(),
                (g.size() - edge.sidecarCount()) / (double) g.size(), z.status(), z.cost(), z.wallMs());
    }

    private static String scale(int n, long seed, List<Dataplane> dps, boolean haveZ3, int z3Timeout) throws Exception {
        ServiceGraph g = ProductionLikeGraphs.generate("scale" + n, seed, n, (int) (n * 2.5));
        List<Policy> ps = ScaleBenchmark.policies(g, seed); // 500 free (P1) + 500 pinned (P2)
        Wire.place(g, ps, dps, PlacementOptions.defaults()); // warm-up at this size
        long t0 = System.nanoTime();
        PlacementResult r = Wire.place(g, ps, dps, PlacementOptions.defaults());
        double ms = (System.nanoTime() - t0) / 1e6;
        String z3 = "z3 not run";
        if (haveZ3) {
            Z3PaperFormulation.Outcome z = Z3PaperFormulation.solve(g, ps, dps, z3Timeout);
            z3 = z.status().equals("sat") ? String.format(Locale.ROOT, "z3 (paper formulation) %.0f ms, cost %d", z.wallMs(), z.cost())
                    : String.format(Locale.ROOT, "z3 (paper formulation): %s after %.0f ms (limit %d s)", z.status(), z.wallMs(), z3Timeout);
        }
        String line = String.format(Locale.ROOT, "Scale: %d services, %d edges, %d policies (%d free + %d pinned), %d matching CO edges: ours %.0f ms total "
                + "(match sets %d ms, preprocessing + solving %d ms), %d sidecars, cost %d, optimal %s, %d solver components (largest %d services); %s",
                g.size(), g.edgeCount(), ps.size(), ps.stream().filter(Policy::free).count(), ps.stream().filter(p -> !p.free()).count(), r.stats().matchingEdges(), ms, r.stats().matchMs(),
                r.stats().solveMs(), r.sidecarCount(), r.cost(), r.optimal(), r.stats().components(), r.stats().largestComponent(), z3);
        System.out.println("\n" + line);
        return line;
    }

    private static Path findExamples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("examples").resolve("online-boutique"))) {
                return p.resolve("examples");
            }
            p = p.getParent();
        }
        return null;
    }

    private static String z3Version() {
        try {
            Process p = new ProcessBuilder("z3", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).strip().replace("Z3 version ", "");
        } catch (Exception e) {
            return "?";
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}

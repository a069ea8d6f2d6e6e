package org.wire.placement.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.placement.place.PlacementEncoder;
import org.wire.placement.place.PolicyMatch;

/**
 * Independent exact check: writes the placement (spec §5.3, edge encoding, with Wire's match sets) as a CPLEX-LP
 * 0/1 program and solves it with GLPK's {@code glpsol} (Debian package glpk-utils). None of Wire's reductions
 * or solvers are involved.
 */
public final class GlpkOracle {
    /** cost -1: GLPK did not prove an optimum within {@link #TIME_LIMIT_S} seconds. */
    public record Outcome(long cost, double wallMs) {}

    static final int TIME_LIMIT_S = 60;

    private static final Pattern OBJ = Pattern.compile("Objective:\\s+\\S+\\s*=\\s*(-?[0-9.eE+]+)");

    private GlpkOracle() {}

    public static boolean available() {
        try {
            return new ProcessBuilder("glpsol", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    public static Outcome solve(ServiceGraph g, List<Policy> policies, List<Dataplane> dataplanes, Path dir) throws Exception {
        List<Dataplane> dps = PlacementEncoder.sortDataplanes(dataplanes);
        List<PolicyMatch> matched = PlacementEncoder.matchAll(g, policies, dps, false);
        StringBuilder lp = new StringBuilder("Minimize\n obj:");
        for (int s = 0; s < g.size(); s++) {
            for (int t = 0; t < dps.size(); t++) {
                // fixed part plus the part per unit of the service's load (issue 11), from the definition
                lp.append(" + ").append(dps.get(t).cost() + dps.get(t).perLoad() * g.load(s)).append(' ').append(q(t, s));
            }
        }
        lp.append("\nSubject To\n");
        int row = 0;
        for (int s = 0; s < g.size(); s++) {
            lp.append(" r").append(row++).append(':');
            for (int t = 0; t < dps.size(); t++) {
                lp.append(" + ").append(q(t, s));
            }
            lp.append(" <= 1\n");
        }
        for (PolicyMatch pm : matched) {
            MatchSet m = pm.matches();
            for (int k = 0; k < m.size(); k++) {
                int u = m.source(k), w = m.destination(k);
                if (!pm.policy().free()) {
                    if (pm.policy().has(Side.EGRESS)) {
                        row = atLeastOne(lp, row, pm.hostMask(), dps.size(), u, -1);
                    }
                    if (pm.policy().has(Side.INGRESS)) {
                        row = atLeastOne(lp, row, pm.hostMask(), dps.size(), w, -1);
                    }
                } else {
                    row = atLeastOne(lp, row, pm.hostMask(), dps.size(), u, w);
                }
            }
        }
        lp.append("Binary\n");
        for (int s = 0; s < g.size(); s++) {
            for (int t = 0; t < dps.size(); t++) {
                lp.append(' ').append(q(t, s)).append('\n');
            }
        }
        lp.append("End\n");
        Path file = dir.resolve(g.name() + ".lp"), out = dir.resolve(g.name() + ".glpk.txt");
        Files.writeString(file, lp);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("glpsol", "--tmlim", String.valueOf(TIME_LIMIT_S), "--lp", file.toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIME_LIMIT_S + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("glpsol failed on " + file);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        String report = Files.readString(out);
        if (!report.contains("INTEGER OPTIMAL")) {
            return new Outcome(-1, ms); // not proven within the time limit
        }
        Matcher mt = OBJ.matcher(report);
        if (!mt.find()) {
            throw new IllegalStateException("no objective in " + out);
        }
        return new Outcome(Math.round(Double.parseDouble(mt.group(1))), ms);
    }

    private static int atLeastOne(StringBuilder lp, int row, long mask, int m, int a, int b) {
        lp.append(" r").append(row).append(':');
        for (int end : new int[] {a, b}) {
            if (end < 0) {
                continue;
            }
            for (int t = 0; t < m; t++) {
                if ((mask & (1L << t)) != 0) {
                    lp.append(" + ").append(q(t, end));
                }
            }
        }
        lp.append(" >= 1\n");
        return row + 1;
    }

    private static String q(int t, int s) {
        return "q_" + t + "_" + s;
    }
}

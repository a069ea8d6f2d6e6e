package org.wire.placement.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;

/**
 * The paper's formulation (§5) written as SMT-LIB for z3's optimiser: p[π][s], q[t][s], at most one
 * sidecar per service, p → ∨ q over T_π, pinned policies at all of S_π / D_π, free policies at all of
 * S_π or all of D_π, minimise Σ c(t)·q[t][s]. It is fed the same exact match sets as ours, so the two
 * solve the same problem and must agree on the optimum.
 */
final class Z3PaperFormulation {
    record Outcome(String status, long cost, double wallMs) {}

    private Z3PaperFormulation() {}

    static boolean available() {
        try {
            Process p = new ProcessBuilder("z3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String smtlib(ServiceGraph g, List<Policy> policies, List<Dataplane> dps) {
        StringBuilder b = new StringBuilder(1 << 16);
        int n = g.size(), m = dps.size();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) {
                b.append("(declare-const q").append(t).append('_').append(s).append(" Bool)\n");
            }
            if (m > 1) {
                b.append("(assert ((_ at-most 1)");
                for (int t = 0; t < m; t++) {
                    b.append(" q").append(t).append('_').append(s);
                }
                b.append("))\n");
            }
        }
        for (int i = 0; i < policies.size(); i++) {
            Policy p = policies.get(i);
            MatchSet ms = MatchSetComputer.compute(g, p.pattern());
            if (ms.isEmpty()) {
                continue;
            }
            java.util.TreeSet<Integer> relevant = new java.util.TreeSet<>();
            for (int s : ms.sources()) {
                relevant.add(s);
            }
            for (int s : ms.destinations()) {
                relevant.add(s);
            }
            StringBuilder hosts = new StringBuilder();
            for (int s : relevant) {
                b.append("(declare-const p").append(i).append('_').append(s).append(" Bool)\n");
                b.append("(assert (=> p").append(i).append('_').append(s).append(" (or false");
                for (int t = 0; t < m; t++) {
                    if (dps.get(t).iface().supportsAll(p)) {
                        b.append(" q").append(t).append('_').append(s);
                    }
                }
                b.append(")))\n");
            }
            if (!p.free()) {
                if (p.has(Side.EGRESS)) {
                    for (int s : ms.sources()) {
                        b.append("(assert p").append(i).append('_').append(s).append(")\n");
                    }
                }
                if (p.has(Side.INGRESS)) {
                    for (int s : ms.destinations()) {
                        b.append("(assert p").append(i).append('_').append(s).append(")\n");
                    }
                }
            } else {
                b.append("(assert (or (and true");
                for (int s : ms.sources()) {
                    b.append(" p").append(i).append('_').append(s);
                }
                b.append(") (and true");
                for (int s : ms.destinations()) {
                    b.append(" p").append(i).append('_').append(s);
                }
                b.append(")))\n");
            }
            hosts.setLength(0);
        }
        b.append("(declare-const cost Int)\n(assert (= cost (+ 0");
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < m; t++) {
                if (dps.get(t).cost() != 0) {
                    b.append(" (ite q").append(t).append('_').append(s).append(' ').append(dps.get(t).cost()).append(" 0)");
                }
            }
        }
        b.append(")))\n(minimize cost)\n(check-sat)\n(get-value (cost))\n");
        return b.toString();
    }

    /** Runs z3 on the formulation; wall time includes process start (measured separately as a baseline). */
    static Outcome solve(ServiceGraph g, List<Policy> policies, List<Dataplane> dps, int timeoutSeconds) throws IOException, InterruptedException {
        Path file = Files.createTempFile("wire-paper-", ".smt2");
        try {
            Files.writeString(file, smtlib(g, policies, dps), StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("z3", "-smt2", "-T:" + timeoutSeconds, file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!done) {
                p.destroyForcibly();
                return new Outcome("timeout", -1, ms);
            }
            String first = out.strip().isEmpty() ? "" : out.strip().lines().findFirst().orElse("");
            if (!first.equals("sat")) {
                return new Outcome(first.contains("timeout") || first.equals("unknown") ? "timeout" : first, -1, ms);
            }
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("\\(\\(cost (\\d+)\\)\\)").matcher(out);
            return new Outcome("sat", mt.find() ? Long.parseLong(mt.group(1)) : -1, ms);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** z3 start-up cost on a trivial problem, so readers can tell solving from process overhead. */
    static double startupMs() throws IOException, InterruptedException {
        Path file = Files.createTempFile("wire-empty-", ".smt2");
        try {
            Files.writeString(file, "(check-sat)\n");
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("z3", "-smt2", file.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            return best;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

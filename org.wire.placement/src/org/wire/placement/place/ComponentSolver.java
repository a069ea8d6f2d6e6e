package org.wire.placement.place;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.sat4j.core.Vec;
import org.sat4j.core.VecInt;
import org.sat4j.pb.IPBSolver;
import org.sat4j.pb.ObjectiveFunction;
import org.sat4j.pb.PseudoOptDecorator;
import org.sat4j.pb.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.IVec;
import org.sat4j.specs.TimeoutException;

/**
 * Solves one independent component with SAT4J pseudo-Boolean optimisation (cutting planes) (linear search on the
 * objective, each improvement forcing a strictly better one). Variables: q[t][s] for each service s of
 * the component and each dataplane t it may still take, plus one selector per paper-encoding group. The objective
 * weighs q[t][s] with what a sidecar of t costs at s (the same for every s unless the cost follows load).
 * The result is optimal only when SAT4J proved that no better solution exists.
 */
final class ComponentSolver {
    record Solution(int[] assignment, boolean optimal, int variables, int constraints) {}

    private ComponentSolver() {}

    /** Assignment per service of the component (same order): a dataplane index or -1. */
    static Solution solve(PlacementProblem pb, Preprocessor.Component c, long deadlineNanos) throws PlacementException {
        if (!"sat4j".equals(System.getProperty("wire.kernel"))) {
            Solution vc = VertexCoverComponent.solve(pb, c, deadlineNanos);
            if (vc != null) {
                return vc;
            }
            Solution masked = MaskedCoverComponent.solve(pb, c, deadlineNanos);
            if (masked != null) {
                return masked;
            }
        }
        int m = pb.dataplanes.size();
        Map<Integer, Integer> pos = new HashMap<>();
        for (int i = 0; i < c.services().length; i++) {
            pos.put(c.services()[i], i);
        }
        int[][] q = new int[c.services().length][m]; // var id or 0
        int next = 1;
        for (int i = 0; i < c.services().length; i++) {
            long a = pb.allowed[c.services()[i]];
            for (int t = 0; t < m; t++) {
                if ((a & (1L << t)) != 0) {
                    q[i][t] = next++;
                }
            }
        }
        int firstSelector = next;
        next += c.groups().length;
        IPBSolver solver = newSolver();
        solver.newVar(next - 1);
        int constraints = 0;
        try {
            for (int i = 0; i < c.services().length; i++) {
                VecInt options = lits(q[i], ~0L, 0);
                if (options.size() > 1) {
                    solver.addAtMost(options, 1);
                    constraints++;
                }
                if (pb.required[c.services()[i]]) {
                    solver.addClause(options);
                    constraints++;
                }
            }
            for (int p : c.pairs()) {
                PlacementProblem.Pair pair = pb.pairs.get(p);
                VecInt clause = lits(q[pos.get(pair.u())], pair.mask(), 0);
                lits(q[pos.get(pair.w())], pair.mask(), 0).copyTo(clause);
                solver.addClause(clause);
                constraints++;
            }
            for (int g = 0; g < c.groups().length; g++) {
                PlacementProblem.Group gr = pb.groups.get(c.groups()[g]);
                int y = firstSelector + g; // y: all sources; ¬y: all destinations
                for (int s : gr.sources()) {
                    solver.addClause(lits(q[pos.get(s)], gr.mask(), -y));
                    constraints++;
                }
                for (int s : gr.destinations()) {
                    solver.addClause(lits(q[pos.get(s)], gr.mask(), y));
                    constraints++;
                }
            }
        } catch (ContradictionException e) {
            throw unsat(pb, c);
        }
        VecInt objVars = new VecInt();
        IVec<BigInteger> coeffs = new Vec<>();
        for (int i = 0; i < c.services().length; i++) {
            for (int t = 0; t < m; t++) {
                long cost = pb.cost(t, c.services()[i]);
                if (q[i][t] != 0 && cost != 0) {
                    objVars.push(q[i][t]);
                    coeffs.push(BigInteger.valueOf(cost));
                }
            }
        }
        PseudoOptDecorator opt = new PseudoOptDecorator(solver);
        opt.setObjectiveFunction(new ObjectiveFunction(objVars, coeffs));
        boolean[] best = null;
        boolean optimal = false;
        try {
            while (true) {
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                opt.setTimeoutMs(left);
                if (!opt.admitABetterSolution()) {
                    optimal = best != null;
                    break;
                }
                best = new boolean[next];
                for (int v = 1; v < next; v++) {
                    best[v] = opt.model(v);
                }
                if (objVars.isEmpty()) {
                    optimal = true; // nothing to minimise: any solution is optimal
                    break;
                }
                opt.discardCurrentSolution();
            }
        } catch (ContradictionException e) {
            optimal = best != null; // the bound became unsatisfiable: the last solution is optimal
        } catch (TimeoutException e) {
            optimal = false;
        }
        if (best == null) {
            if (optimal || System.nanoTime() < deadlineNanos) {
                throw unsat(pb, c);
            }
            throw new PlacementException("the solver found no placement within the time budget (component of "
                    + c.services().length + " services around '" + pb.graph.service(c.services()[0]) + "')");
        }
        int[] assignment = new int[c.services().length];
        Arrays.fill(assignment, -1);
        for (int i = 0; i < c.services().length; i++) {
            for (int t = 0; t < m; t++) {
                if (q[i][t] != 0 && best[q[i][t]]) {
                    assignment[i] = t;
                }
            }
        }
        return new Solution(assignment, optimal, next - 1, constraints);
    }

    /**
     * SAT4J's cutting-planes PB solver: on the covering problems left after preprocessing it proves optimality
     * several times faster than the resolution-based default (measured: 1.6 s vs 14 s on a 100-service kernel).
     * The system property {@code wire.sat4j} names another {@code org.sat4j.pb.SolverFactory} method for experiments.
     */
    private static IPBSolver newSolver() {
        String name = System.getProperty("wire.sat4j", "newCompetPBCPMixedConstraintsObjective");
        try {
            return (IPBSolver) SolverFactory.class.getMethod(name).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("unknown SAT4J solver " + name, e);
        }
    }

    private static VecInt lits(int[] vars, long mask, int extra) {
        VecInt v = new VecInt();
        for (int t = 0; t < vars.length; t++) {
            if (vars[t] != 0 && (mask & (1L << t)) != 0) {
                v.push(vars[t]);
            }
        }
        if (extra != 0) {
            v.push(extra);
        }
        return v;
    }

    private static UnsatisfiablePlacementException unsat(PlacementProblem pb, Preprocessor.Component c) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (int p : c.pairs()) {
            names.add(pb.policies.get(pb.pairs.get(p).policy()).name());
        }
        for (int g : c.groups()) {
            names.add(pb.policies.get(pb.groups.get(g).policy()).name());
        }
        for (int s : c.services()) {
            if (pb.forcedBy[s] >= 0) {
                names.add(pb.policies.get(pb.forcedBy[s]).name());
            }
        }
        String first = names.isEmpty() ? "-" : names.first();
        String list = String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", ..." : "");
        return new UnsatisfiablePlacementException(first, "policy '" + first + "' cannot be placed together with [" + list
                + "]: with at most one sidecar per service, no dataplane choice around '" + pb.graph.service(c.services()[0])
                + "' hosts every policy that must run there");
    }
}

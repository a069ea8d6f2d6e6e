package org.wire.placement.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;
import org.wire.model.ActionRef;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SourceLocation;
import org.wire.model.Stmt;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternForm;
import org.wire.model.pattern.PatternFormChecker;
import org.wire.model.pattern.PatternSyntaxError;

/**
 * The paper's experiment policies (spec §8), built directly as IR. For each entry service e and each
 * service X reachable from e (X ≠ e): P1 is the free policy {@code context('e .* X')} with
 * {@code [Ingress] SetHeader(request, 'x-p1', 'true')}, for non-database X only; P2 is the pinned
 * policy {@code context('e .* X')} with {@code [Egress] RouteToVersion(request, 'X', 'v1')}.
 */
public final class PaperPolicySets {
    private static final ActionRef SET_HEADER = new ActionRef("Request", false, "SetHeader", Set.of());
    private static final ActionRef ROUTE = new ActionRef("Request", false, "RouteToVersion", Set.of(Side.EGRESS));

    private PaperPolicySets() {}

    public static List<Policy> of(ServiceGraph g, PolicySet set) {
        List<Policy> out = new ArrayList<>(p1(g));
        if (set == PolicySet.P1P2) {
            out.addAll(p2(g));
        }
        return out;
    }

    public static List<Policy> p1(ServiceGraph g) {
        List<Policy> out = new ArrayList<>();
        for (int e : g.entries()) {
            boolean[] reach = g.reachableFrom(e);
            for (int x = 0; x < g.size(); x++) {
                if (reach[x] && x != e && !g.isDatabase(x)) {
                    out.add(p1(g.service(e), g.service(x)));
                }
            }
        }
        return out;
    }

    public static List<Policy> p2(ServiceGraph g) {
        List<Policy> out = new ArrayList<>();
        for (int e : g.entries()) {
            boolean[] reach = g.reachableFrom(e);
            for (int x = 0; x < g.size(); x++) {
                if (reach[x] && x != e) {
                    out.add(p2(g.service(e), g.service(x)));
                }
            }
        }
        return out;
    }

    public static Policy p1(String entry, String target) {
        Stmt call = new Stmt.CallStmt(new Expr.Call("SetHeader", List.of(new Expr.Var("request"), new Expr.Str("x-p1"), new Expr.Str("true"))));
        return policy("p1/" + entry + "/" + target, entry + " .* " + target, Map.of(Side.INGRESS, List.of(call)), SET_HEADER, true);
    }

    public static Policy p2(String entry, String target) {
        Stmt call = new Stmt.CallStmt(new Expr.Call("RouteToVersion", List.of(new Expr.Var("request"), new Expr.Str(target), new Expr.Str("v1"))));
        return policy("p2/" + entry + "/" + target, entry + " .* " + target, Map.of(Side.EGRESS, List.of(call)), ROUTE, false);
    }

    private static Policy policy(String name, String patternText, Map<Side, List<Stmt>> sections, ActionRef action, boolean free) {
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(patternText);
        } catch (PatternSyntaxError e) {
            throw new IllegalArgumentException("service name not usable in a context pattern: " + patternText, e);
        }
        PatternForm form = switch (PatternFormChecker.check(pattern)) {
            case PatternFormChecker.Result.Valid v -> v.form();
            case PatternFormChecker.Result.Invalid i -> throw new IllegalArgumentException(i.error().message());
        };
        return new Policy(name, "Request", "request", Map.of(), pattern, form, sections, Set.of(action), free, SourceLocation.UNKNOWN);
    }
}

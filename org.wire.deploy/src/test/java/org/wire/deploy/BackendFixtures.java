package org.wire.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wire.model.ActionRef;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SourceLocation;
import org.wire.model.Stmt;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternForm;

/** The small world every back end's unit test builds policies in: frontend → search → geo, and IR shorthands. */
public final class BackendFixtures {
    public static final ServiceGraph GRAPH = ServiceGraph.of("t", List.of("frontend", "search", "geo"),
            List.of(List.of("frontend", "search"), List.of("search", "geo")), List.of());
    public static final ServiceIds IDS = ServiceIds.empty().extend(GRAPH.services());
    public static final Expr.Var REQ = new Expr.Var("request");

    private BackendFixtures() {}

    /** A policy on {@code actType} (its ACT variable is {@code request}) with one section, declared at {@code NAME.cup:3:1}. */
    public static Policy policy(String name, String actType, String pattern, Map<String, String> states, Side side, List<Stmt> body) {
        try {
            return new Policy(name, actType, "request", states, ContextPattern.parse(pattern),
                    new PatternForm(PatternForm.Kind.INGRESS, new TreeSet<>()), Map.of(side, body), Set.<ActionRef>of(), false,
                    new SourceLocation(name + ".cup", 3, 1));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Policy policy(String name, String pattern, Map<String, String> states, Side side, List<Stmt> body) {
        return policy(name, "Request", pattern, states, side, body);
    }

    /** A stateless policy on Request. */
    public static Policy policy(String name, String pattern, Side side, List<Stmt> body) {
        return policy(name, "Request", pattern, Map.of(), side, body);
    }

    public static Stmt call(String action, Expr... args) {
        return new Stmt.CallStmt(new Expr.Call(action, List.of(args)));
    }

    public static Expr.Str str(String s) {
        return new Expr.Str(s);
    }

    /** {@code HasHeader(request, header)} */
    public static Expr has(String header) {
        return new Expr.Call("HasHeader", List.of(REQ, str(header)));
    }
}

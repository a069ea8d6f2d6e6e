package org.wire.placement.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wire.model.ActCapability;
import org.wire.model.ActionRef;
import org.wire.model.Dataplane;
import org.wire.model.DataplaneInterface;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SourceLocation;
import org.wire.model.Stmt;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternForm;

/** Builds policy IR and dataplanes programmatically for tests. */
public final class Policies {
    private Policies() {}

    /** A policy calling {@code action} on Request in the given sections; free when {@code free}. */
    public static Policy policy(String name, String pattern, String action, Set<Side> annotation, boolean free, Side... sections) {
        try {
            ContextPattern p = ContextPattern.parse(pattern);
            Map<Side, List<Stmt>> body = new java.util.EnumMap<>(Side.class);
            for (Side s : sections) {
                body.put(s, List.of(new Stmt.CallStmt(new Expr.Call(action, List.of(new Expr.Var("request"))))));
            }
            return new Policy(name, "Request", "request", Map.of(), p, new PatternForm(PatternForm.Kind.INGRESS, new TreeSet<>()), body,
                    Set.of(new ActionRef("Request", false, action, annotation)), free, SourceLocation.UNKNOWN);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Dataplane dataplane(String name, long cost, String... actions) {
        return new Dataplane(name, cost, new DataplaneInterface(name, List.of(new ActCapability(List.of("Request"), Set.of(actions))), Map.of()));
    }

    public static List<String> names(List<Policy> ps) {
        List<String> out = new ArrayList<>();
        ps.forEach(p -> out.add(p.name()));
        return out;
    }
}

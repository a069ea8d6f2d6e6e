package org.wire.deploy.cilium;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.wire.deploy.CallArguments;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.Stmt;
import org.wire.model.plan.Rule;

/**
 * Compiles one rule into what Envoy does with it: the condition under which it denies a request, and the version
 * routes it takes. The actions cilium.cui offers (Deny, RouteToVersion, HasHeader, GetHeader) change nothing a later
 * statement reads, so the path to every action is a condition on the request headers as they arrived, decided
 * statically: no per-request variables are needed.
 */
final class RuleCompiler {
    static final String CTX_HEADER = "x-copper-ctx";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern VERSION = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    /** A RouteToVersion reached when {@code when} holds; the last one reached wins. */
    record Route(HeaderMatch when, String version) {}

    private final String dataplane;
    private final Rule rule;
    private final Policy policy;
    /** When this rule denies: the OR of the paths to its Deny statements. */
    private HeaderMatch deny = HeaderMatch.FALSE;
    private final List<Route> routes = new ArrayList<>();

    private RuleCompiler(String dataplane, Rule rule) {
        this.dataplane = dataplane;
        this.rule = rule;
        this.policy = rule.policy();
    }

    /**
     * @param context the rule's context match as header conditions (the listener adds the caller for egress rules)
     */
    static RuleCompiler compile(String dataplane, Rule rule, HeaderMatch context) throws UnsupportedPolicyException {
        RuleCompiler c = new RuleCompiler(dataplane, rule);
        if (!rule.policy().actType().endsWith("Request")) {
            // a connection carries no x-copper-ctx header: nothing at L4 tells its chain
            throw new UnsupportedPolicyException(dataplane, rule.policy(), "act type " + rule.policy().actType()
                    + " (only requests: the context header travels in requests, a connection has none)");
        }
        c.block(rule.body(), context);
        return c;
    }

    HeaderMatch deny() {
        return deny;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    private void block(List<Stmt> stmts, HeaderMatch path) throws UnsupportedPolicyException {
        for (Stmt s : stmts) {
            switch (s) {
                case Stmt.CallStmt c -> call(c.call(), path);
                case Stmt.If i -> {
                    HeaderMatch cond = condition(i.condition());
                    block(i.then(), path.and(cond));
                    block(i.otherwise(), path.and(cond.not()));
                }
            }
        }
    }

    private void call(Expr.Call c, HeaderMatch path) throws UnsupportedPolicyException {
        List<Expr> a = c.args();
        switch (c.action()) {
            case "Deny" -> {
                requireAct(c, 1);
                deny = deny.or(path);
            }
            case "RouteToVersion" -> {
                requireAct(c, 3);
                if (rule.side() != Side.EGRESS) {
                    throw unsupported(c, "on the ingress queue (only the caller picks a version)");
                }
                String service = string(c, a.get(1));
                String version = string(c, a.get(2));
                if (!service.equals(rule.destination())) {
                    return; // it picks a version of another service: calls to this destination are not affected
                }
                if (!VERSION.matcher(version).matches() || (service + "-" + version).length() > 63) {
                    throw unsupported(c, "with version '" + version + "' (the Service " + service + "-" + version
                            + " must be a Kubernetes name: lowercase letters, digits, '-')");
                }
                if (!path.equals(HeaderMatch.FALSE)) {
                    routes.add(new Route(path, version));
                }
            }
            // their values are not used: reading a header changes nothing
            case "GetHeader", "HasHeader" -> {
                requireAct(c, 2);
                header(c, a.get(1));
            }
            default -> throw unsupported(c, "as a statement");
        }
    }

    private HeaderMatch condition(Expr e) throws UnsupportedPolicyException {
        return switch (e) {
            case Expr.Bool b -> b.value() ? HeaderMatch.TRUE : HeaderMatch.FALSE;
            case Expr.Not n -> condition(n.operand()).not();
            case Expr.And x -> condition(x.left()).and(condition(x.right()));
            case Expr.Or x -> condition(x.left()).or(condition(x.right()));
            case Expr.Call c when c.action().equals("HasHeader") -> {
                requireAct(c, 2);
                yield new HeaderMatch.Present(header(c, c.args().get(1)));
            }
            case Expr.Call c -> throw unsupported(c, "as a condition");
            default -> throw new UnsupportedPolicyException(dataplane, policy, "the condition " + e);
        };
    }

    private void requireAct(Expr.Call c, int arity) throws UnsupportedPolicyException {
        new CallArguments(dataplane, policy).requireAct(c, arity);
    }

    private String string(Expr.Call c, Expr e) throws UnsupportedPolicyException {
        return new CallArguments(dataplane, policy).literal(c, e);
    }

    /** HTTP/2 header names are lowercase; Envoy compares them so. */
    private String header(Expr.Call c, Expr e) throws UnsupportedPolicyException {
        String name = string(c, e);
        if (!TOKEN.matcher(name).matches()) {
            throw unsupported(c, "with header name '" + name + "'");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private UnsupportedPolicyException unsupported(Expr.Call c, String how) {
        return new CallArguments(dataplane, policy).unsupported(c, how);
    }
}

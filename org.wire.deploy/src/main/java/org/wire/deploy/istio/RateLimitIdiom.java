package org.wire.deploy.istio;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Stmt;

/**
 * Recognises the fixed-window rate limit written the way Copper writes it,
 *
 * <pre>
 * if (IsTimeSince(window, S)) { Reset(count); }
 * Increment(count);
 * if (IsGreaterThan(count, N)) { Deny(request); }
 * </pre>
 *
 * (at most N requests per window of S seconds), so that it runs as Envoy's local rate limit filter: a token bucket of
 * N tokens refilled to N every S seconds, shared by all of the proxy's workers. The one difference, documented in
 * docs/backends.md: Envoy's windows start on its own timer, the program's at the first request after the last one
 * ended; either admits N per window and at most 2N across a window boundary.
 */
final class RateLimitIdiom {
    /** N requests per S seconds. */
    record Limit(long requests, long seconds) {}

    private RateLimitIdiom() {}

    static Optional<Limit> match(Policy p, List<Stmt> body) {
        if (body.size() != 3
                || !(body.get(0) instanceof Stmt.If reset) || !reset.otherwise().isEmpty() || reset.then().size() != 1
                || !(body.get(1) instanceof Stmt.CallStmt inc)
                || !(body.get(2) instanceof Stmt.If deny) || !deny.otherwise().isEmpty() || deny.then().size() != 1) {
            return Optional.empty();
        }
        Map<String, String> states = p.states();
        if (!(reset.condition() instanceof Expr.Call since) || !since.action().equals("IsTimeSince") || since.args().size() != 2
                || !(since.args().get(0) instanceof Expr.Var timer) || !"Timer".equals(states.get(timer.name()))
                || !(since.args().get(1) instanceof Expr.Int seconds) || seconds.value() <= 0) {
            return Optional.empty();
        }
        String counter = counterOf(reset.then().get(0), "Reset", states);
        if (counter == null || !counter.equals(counterOf(inc, "Increment", states))) {
            return Optional.empty();
        }
        if (!(deny.condition() instanceof Expr.Call gt) || !gt.action().equals("IsGreaterThan") || gt.args().size() != 2
                || !(gt.args().get(0) instanceof Expr.Var c) || !c.name().equals(counter)
                || !(gt.args().get(1) instanceof Expr.Int n) || n.value() <= 0 || n.value() > 0xffffffffL) {
            return Optional.empty();
        }
        if (!(deny.then().get(0) instanceof Stmt.CallStmt d) || !d.call().action().equals("Deny") || d.call().args().size() != 1
                || !(d.call().args().get(0) instanceof Expr.Var req) || !req.name().equals(p.actVar())) {
            return Optional.empty();
        }
        return Optional.of(new Limit(n.value(), seconds.value()));
    }

    private static String counterOf(Stmt s, String action, Map<String, String> states) {
        if (s instanceof Stmt.CallStmt c && c.call().action().equals(action) && c.call().args().size() == 1
                && c.call().args().get(0) instanceof Expr.Var v && "Counter".equals(states.get(v.name()))) {
            return v.name();
        }
        return null;
    }
}

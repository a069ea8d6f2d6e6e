package org.wire.deploy.istio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wire.deploy.envoy.EnvoyJson;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Stmt;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.Rule;

/**
 * An ingress rule as one Envoy HTTP filter for the callee's inbound listener (EnvoyFilter context
 * SIDECAR_INBOUND, the queue Wire chose). No Istio resource matches a header value by regex at the callee
 * (AuthorizationPolicy cannot), so:
 * <ul>
 * <li>a body that only denies, on conditions over header presence, becomes Envoy's RBAC filter (action DENY)
 * whose permission is the context regex ({@code safe_regex}) and the condition under which the body denies;</li>
 * <li>the fixed-window rate limit ({@link RateLimitIdiom}) becomes Envoy's local rate limit filter, enabled and
 * enforced for 100% of requests (both default to 0%), wrapped like the Lua filter below;</li>
 * <li>any other body becomes a Lua filter, wrapped in an {@code ExtensionWithMatcher} that skips it unless the
 * context header matches, so the script itself needs no regex engine.</li>
 * </ul>
 */
@SuppressWarnings("unchecked")
final class InboundFilters {
    private InboundFilters() {}

    /** The filter (an HTTP_FILTER patch value), or null when the body does nothing; stateful: keeps state in Lua. */
    record Filter(Map<String, Object> value, boolean stateful) {}

    static Filter of(String dataplane, Rule rule) throws UnsupportedPolicyException {
        Policy p = rule.policy();
        String name = "copper." + p.name();
        ContextMatch m = rule.match();
        if (rule.body().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> denyWhen = new ArrayList<>();
        if (denyOnly(rule.body(), p)) {
            denyPaths(rule.body(), new ArrayList<>(), denyWhen);
            if (denyWhen.isEmpty()) {
                return null;
            }
            List<Map<String, Object>> all = new ArrayList<>();
            if (m.chainRegex() != null) {
                all.add(EnvoyFilterJson.headerRegex(CallerRoutes.CTX_HEADER, m.chainRegex()));
            }
            if (m.callerRegex() != null) {
                all.add(EnvoyFilterJson.headerRegex(CallerRoutes.CTX_HEADER, m.callerRegex()));
            }
            all.add(EnvoyFilterJson.or(denyWhen));
            Map<String, Object> rbac = EnvoyJson.typed(EnvoyJson.RBAC, "rules", EnvoyJson.obj(
                    "action", "DENY",
                    "policies", EnvoyJson.obj(p.name(), EnvoyJson.obj(
                            "permissions", List.of(EnvoyFilterJson.and(all)),
                            "principals", List.of(EnvoyFilterJson.any())))));
            return new Filter(EnvoyJson.httpFilter(name, rbac), false);
        }
        List<Map<String, Object>> predicates = new ArrayList<>();
        if (m.chainRegex() != null) {
            predicates.add(EnvoyFilterJson.headerPredicate(CallerRoutes.CTX_HEADER, m.chainRegex()));
        }
        if (m.callerRegex() != null) {
            predicates.add(EnvoyFilterJson.headerPredicate(CallerRoutes.CTX_HEADER, m.callerRegex()));
        }
        var limit = RateLimitIdiom.match(p, rule.body());
        if (limit.isPresent()) {
            return new Filter(onlyWhen(name, predicates, EnvoyJson.httpFilter("envoy.filters.http.local_ratelimit",
                    EnvoyFilterJson.localRateLimit("copper_" + p.name(), limit.get().requests(), limit.get().seconds()))), false);
        }
        LuaCompiler.Script script = LuaCompiler.compile(dataplane, rule);
        Map<String, Object> lua = EnvoyJson.httpFilter("envoy.filters.http.lua",
                EnvoyJson.typed(EnvoyJson.LUA, "default_source_code", EnvoyJson.obj("inline_string", script.source())));
        return new Filter(onlyWhen(name, predicates, lua), script.stateful());
    }

    /** {@code filter} under {@code name}, skipped unless every predicate holds; as it is when there are none (any context). */
    private static Map<String, Object> onlyWhen(String name, List<Map<String, Object>> predicates, Map<String, Object> filter) {
        if (predicates.isEmpty()) {
            return EnvoyJson.httpFilter(name, (Map<String, Object>) filter.get("typed_config"));
        }
        Map<String, Object> predicate = predicates.size() == 1 ? predicates.get(0)
                : EnvoyJson.obj("and_matcher", EnvoyJson.obj("predicate", predicates));
        return EnvoyFilterJson.onlyWhen(name, predicate, filter);
    }

    /** Only Deny statements, under conditions over header presence and constants. */
    private static boolean denyOnly(List<Stmt> body, Policy p) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.CallStmt c -> {
                    Expr.Call call = c.call();
                    if (!call.action().equals("Deny") || call.args().size() != 1 || !(call.args().get(0) instanceof Expr.Var v)
                            || !v.name().equals(p.actVar())) {
                        return false;
                    }
                }
                case Stmt.If i -> {
                    if (!presenceOnly(i.condition(), p) || !denyOnly(i.then(), p) || !denyOnly(i.otherwise(), p)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean presenceOnly(Expr e, Policy p) {
        return switch (e) {
            case Expr.Bool b -> true;
            case Expr.Not n -> presenceOnly(n.operand(), p);
            case Expr.And x -> presenceOnly(x.left(), p) && presenceOnly(x.right(), p);
            case Expr.Or x -> presenceOnly(x.left(), p) && presenceOnly(x.right(), p);
            case Expr.Call c -> c.action().equals("HasHeader") && c.args().size() == 2 && c.args().get(0) instanceof Expr.Var v
                    && v.name().equals(p.actVar()) && c.args().get(1) instanceof Expr.Str s && HeaderNames.normalise(s.value()) != null;
            default -> false;
        };
    }

    /**
     * Adds to {@code out}, per Deny statement, the condition under which it runs (the conjunction of the
     * conditions on its path). Nothing changes the request before a Deny, so the body denies exactly when one
     * of these holds.
     */
    private static void denyPaths(List<Stmt> body, List<Map<String, Object>> path, List<Map<String, Object>> out) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.CallStmt c -> {
                    out.add(path.isEmpty() ? EnvoyFilterJson.any() : EnvoyFilterJson.and(path));
                    return; // nothing after an unconditional Deny on this path runs
                }
                case Stmt.If i -> {
                    Map<String, Object> cond = permission(i.condition());
                    List<Map<String, Object>> then = new ArrayList<>(path);
                    then.add(cond);
                    denyPaths(i.then(), then, out);
                    List<Map<String, Object>> otherwise = new ArrayList<>(path);
                    otherwise.add(EnvoyFilterJson.not(cond));
                    denyPaths(i.otherwise(), otherwise, out);
                }
            }
        }
    }

    private static Map<String, Object> permission(Expr e) {
        return switch (e) {
            case Expr.Bool b -> b.value() ? EnvoyFilterJson.any() : EnvoyFilterJson.not(EnvoyFilterJson.any());
            case Expr.Not n -> EnvoyFilterJson.not(permission(n.operand()));
            case Expr.And x -> EnvoyFilterJson.and(List.of(permission(x.left()), permission(x.right())));
            case Expr.Or x -> EnvoyFilterJson.or(List.of(permission(x.left()), permission(x.right())));
            case Expr.Call c -> EnvoyFilterJson.headerPresent(HeaderNames.normalise(((Expr.Str) c.args().get(1)).value()));
            default -> throw new IllegalArgumentException("not a presence condition: " + e);
        };
    }
}

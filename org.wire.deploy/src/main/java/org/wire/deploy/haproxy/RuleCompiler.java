package org.wire.deploy.haproxy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.wire.deploy.CallArguments;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.Stmt;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.Rule;

/**
 * Compiles the rules of one frontend (a sidecar's ingress, or its egress towards one callee) into HAProxy
 * {@code acl} and {@code http-request} lines.
 *
 * <p>Policy bodies are sequential programs, HAProxy evaluates an {@code if} condition anew on every line. So each
 * rule's context match and each {@code if} condition is evaluated once, into a transaction variable, and every
 * action is guarded by the variable of the branch it stands in: a header an earlier action set cannot change
 * which branch later actions of the same {@code if} belong to. Routing is a variable too (the last
 * RouteToVersion run wins, as in the program), read by {@code use_backend} after all {@code http-request} lines.
 */
final class RuleCompiler {
    static final String CTX_HEADER = "x-copper-ctx";
    /** rand() range for Sampler: bounds are honoured exactly when bound × RAND_RANGE is an integer. */
    static final long RAND_RANGE = 1_000_000L;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern REGEX_SAFE = Pattern.compile("[^'\\s]+");

    private final String dataplane;
    private final Side side;
    private final String destination;
    final List<String> acls = new ArrayList<>();
    final List<String> requests = new ArrayList<>();
    /** Versions of {@code destination} some egress rule routes to (egress only). */
    final SortedSet<String> versions = new TreeSet<>();
    /** Stick tables the counters and timers of this frontend's rules live in (one entry each, key 1). */
    final List<String> tables = new ArrayList<>();
    private final String frontend;
    private int ruleCount;
    private int stickCounters;
    /** HAProxy 2.6 tracks at most 3 stick counters per request (sc0..sc2): one per Counter or Timer. */
    static final int STICK_COUNTERS = 3;

    RuleCompiler(String dataplane, String frontend, Side side, String destination) {
        this.dataplane = dataplane;
        this.frontend = frontend;
        this.side = side;
        this.destination = destination;
    }

    void add(Rule rule) throws UnsupportedPolicyException {
        int k = ruleCount++;
        Policy p = rule.policy();
        requests.add("# policy " + p.name() + " (" + p.origin() + ")" + (rule.callers().isEmpty() ? "" : ", callers " + String.join(" ", rule.callers())));
        if (!p.actType().endsWith("Request")) {
            throw new UnsupportedPolicyException(dataplane, p, "act type " + p.actType() + " (only requests)");
        }
        Condition ctx = Condition.TRUE;
        ContextMatch m = rule.match();
        if (m.chainRegex() != null) {
            String acl = "r" + k + "_" + p.name() + "_chain";
            acls.add("acl " + acl + " req.fhdr(" + CTX_HEADER + ") -m reg " + quoteRegex(m.chainRegex()));
            ctx = ctx.and(Condition.term(acl));
        }
        if (m.callerRegex() != null) {
            String acl = "r" + k + "_" + p.name() + "_caller";
            acls.add("acl " + acl + " req.fhdr(" + CTX_HEADER + ") -m reg " + quoteRegex(m.callerRegex()));
            ctx = ctx.and(Condition.term(acl));
        }
        String guard = "r" + k;
        requests.add(conditional("http-request set-var(txn." + guard + ") bool(1)", ctx));
        new Body(p, "r" + k).block(rule.body(), guard);
    }

    /** The statements of one rule; {@code prefix} names its variables. */
    private final class Body {
        private final Policy policy;
        private final String prefix;
        private final Set<String> sampled = new HashSet<>();
        private final java.util.Map<String, Integer> tracked = new java.util.HashMap<>();
        private int branches;

        Body(Policy policy, String prefix) {
            this.policy = policy;
            this.prefix = prefix;
        }

        void block(List<Stmt> stmts, String guard) throws UnsupportedPolicyException {
            for (Stmt s : stmts) {
                switch (s) {
                    case Stmt.CallStmt c -> call(c.call(), guard);
                    case Stmt.If i -> {
                        Condition g = Condition.term(isSet(guard));
                        Condition cond = timer(i.condition(), guard);
                        String then = prefix + "_b" + branches++;
                        requests.add(conditional("http-request set-var(txn." + then + ") bool(1)", g.and(cond)));
                        block(i.then(), then);
                        if (!i.otherwise().isEmpty()) {
                            String otherwise = prefix + "_b" + branches++;
                            requests.add(conditional("http-request set-var(txn." + otherwise + ") bool(1)",
                                    g.and(Condition.term("!" + isSet(then)))));
                            block(i.otherwise(), otherwise);
                        }
                    }
                }
            }
        }

        private void call(Expr.Call c, String guard) throws UnsupportedPolicyException {
            String when = " if " + isSet(guard);
            List<Expr> a = c.args();
            switch (c.action()) {
                case "SetHeader" -> {
                    requireAct(c, 3);
                    requests.add("http-request set-header " + header(c, a.get(1)) + " " + logFormat(c, a.get(2)) + when);
                }
                case "RemoveHeader" -> {
                    requireAct(c, 2);
                    requests.add("http-request del-header " + header(c, a.get(1)) + when);
                }
                case "Deny" -> {
                    requireAct(c, 1);
                    requests.add("http-request deny" + when);
                }
                case "RouteToVersion" -> {
                    requireAct(c, 3);
                    if (side != Side.EGRESS) {
                        throw unsupported(c, "on the ingress queue (only the caller picks a version)");
                    }
                    String service = string(c, a.get(1));
                    String version = string(c, a.get(2));
                    if (!service.equals(destination)) {
                        // it picks a version of another service: this call does not go there, so nothing to do (said in the file)
                        requests.add("# RouteToVersion(" + service + ", " + version + ") of policy " + policy.name()
                                + " has no effect on calls to " + destination);
                        return;
                    }
                    if (!NAME.matcher(version).matches()) {
                        throw unsupported(c, "with version '" + version + "' (letters, digits, '_', '.', '-' only)");
                    }
                    versions.add(version);
                    requests.add("http-request set-var(txn.route) str(" + version + ")" + when);
                }
                case "GetRandomSample" -> {
                    String state = state(c, 1);
                    sampled.add(state);
                    requests.add("http-request set-var(txn." + prefix + "_s_" + state + ") rand(" + RAND_RANGE + ")" + when);
                }
                case "Increment" -> requests.add("http-request sc-inc-gpc0(" + track(c, state(c, 1)) + ")" + when);
                case "Reset" -> {
                    // sc_clr_gpc0 clears the counter and returns its old value, which nobody needs
                    String state = state(c, 1);
                    requests.add("http-request set-var(txn." + prefix + "_cleared) sc_clr_gpc0(" + track(c, state) + ")" + when);
                }
                default -> throw unsupported(c, "as a statement");
            }
        }

        private Condition condition(Expr e) throws UnsupportedPolicyException {
            return switch (e) {
                case Expr.Bool b -> b.value() ? Condition.TRUE : Condition.FALSE;
                case Expr.Not n -> condition(n.operand()).not();
                case Expr.And x -> condition(x.left()).and(condition(x.right()));
                case Expr.Or x -> condition(x.left()).or(condition(x.right()));
                case Expr.Call c when c.action().equals("HasHeader") -> {
                    requireAct(c, 2);
                    yield Condition.term("{ req.fhdr_cnt(" + header(c, c.args().get(1)) + ") gt 0 }");
                }
                case Expr.Call c when c.action().equals("IsLessThan") -> {
                    String state = state(c, 2);
                    if (!sampled.contains(state)) {
                        throw unsupported(c, "before GetRandomSample(" + state + ") in the same section");
                    }
                    yield Condition.term("{ var(txn." + prefix + "_s_" + state + ") -m int lt " + scaledBound(c, c.args().get(1)) + " }");
                }
                case Expr.Call c when c.action().equals("IsGreaterThan") -> {
                    String state = state(c, 2);
                    if (!(c.args().get(1) instanceof Expr.Int n)) {
                        throw unsupported(c, "with a bound that is not an integer literal");
                    }
                    yield Condition.term("{ sc_get_gpc0(" + track(c, state) + ") gt " + n.value() + " }");
                }
                case Expr.Call c when c.action().equals("IsTimeSince") -> throw unsupported(c,
                        "inside a larger condition (only 'if (IsTimeSince(t, s))' has a faithful form: it restarts the timer)");
                case Expr.Call c -> throw unsupported(c, "as a condition");
                default -> throw new UnsupportedPolicyException(dataplane, policy, "the condition " + e);
            };
        }

        /**
         * {@code if (IsTimeSince(t, s))}: true when s seconds have passed since the timer last fired (a timer that never
         * fired counts from the epoch, so its first use fires); firing restarts it. The time it fired is gpt0 of the
         * timer's stick-table entry, in seconds. Any other condition goes to {@link #condition}.
         */
        private Condition timer(Expr e, String guard) throws UnsupportedPolicyException {
            if (!(e instanceof Expr.Call c) || !c.action().equals("IsTimeSince")) {
                return condition(e);
            }
            String state = state(c, 2);
            if (!(c.args().get(1) instanceof Expr.Int seconds) || seconds.value() < 0) {
                throw unsupported(c, "with a duration that is not a non-negative integer literal");
            }
            int sc = track(c, state);
            String when = " if " + isSet(guard);
            String t = prefix + "_t_" + state;
            requests.add("http-request set-var(txn." + t + "_last) sc_get_gpt0(" + sc + ")" + when);
            requests.add("http-request set-var(txn." + t + "_age) date(),sub(txn." + t + "_last)" + when);
            requests.add("http-request set-var(txn." + t + "_fired) bool(1) if " + isSet(guard) + " { var(txn." + t + "_age) -m int ge "
                    + seconds.value() + " }");
            requests.add("http-request sc-set-gpt0(" + sc + ") date() if " + isSet(t + "_fired"));
            return Condition.term(isSet(t + "_fired"));
        }

        /** The stick counter of a Counter or Timer, tracked (under the rule's guard) where first used. */
        private int track(Expr.Call c, String state) throws UnsupportedPolicyException {
            Integer sc = tracked.get(state);
            if (sc != null) {
                return sc;
            }
            if (stickCounters >= STICK_COUNTERS) {
                throw unsupported(c, "on a " + (STICK_COUNTERS + 1) + "th Counter/Timer in frontend " + frontend
                        + " (HAProxy 2.6 tracks " + STICK_COUNTERS + " per request)");
            }
            sc = stickCounters++;
            tracked.put(state, sc);
            String table = "st_" + frontend + "_" + prefix + "_" + state;
            tables.add(table);
            requests.add("http-request track-sc" + sc + " int(1) table " + table + " if " + isSet(prefix));
            return sc;
        }

        private long scaledBound(Expr.Call c, Expr bound) throws UnsupportedPolicyException {
            BigDecimal b = switch (bound) {
                case Expr.Decimal d -> d.value();
                case Expr.Int i -> BigDecimal.valueOf(i.value());
                default -> throw unsupported(c, "with a bound that is not a number literal");
            };
            BigDecimal scaled = b.multiply(BigDecimal.valueOf(RAND_RANGE));
            if (scaled.stripTrailingZeros().scale() > 0) {
                throw unsupported(c, "with bound " + b.toPlainString() + " (finer than 1/" + RAND_RANGE + ")");
            }
            return Math.max(0, Math.min(RAND_RANGE, scaled.longValueExact()));
        }

        private void requireAct(Expr.Call c, int arity) throws UnsupportedPolicyException {
            new CallArguments(dataplane, policy).requireAct(c, arity);
        }

        private String state(Expr.Call c, int arity) throws UnsupportedPolicyException {
            if (c.args().size() != arity || !(c.args().get(0) instanceof Expr.Var v) || !policy.states().containsKey(v.name())
                    || !v.name().matches("[A-Za-z0-9_]+")) {
                throw unsupported(c, "with these arguments");
            }
            return v.name();
        }

        private String string(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            return new CallArguments(dataplane, policy).literal(c, e);
        }

        private String header(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            String name = string(c, e);
            if (!TOKEN.matcher(name).matches() || name.contains("'") || name.contains("$") || name.contains("#")) {
                throw unsupported(c, "with header name '" + name + "'");
            }
            return name;
        }

        /** A double-quoted HAProxy word holding a log-format string that yields exactly {@code value}. */
        private String logFormat(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            String value = new CallArguments(dataplane, policy).headerValue(c, e);
            StringBuilder b = new StringBuilder("\"");
            for (char ch : value.toCharArray()) {
                switch (ch) {
                    case '%' -> b.append("%%");
                    case '"', '\\', '$' -> b.append('\\').append(ch);
                    default -> b.append(ch);
                }
            }
            return b.append('"').toString();
        }

        private UnsupportedPolicyException unsupported(Expr.Call c, String how) {
            return new CallArguments(dataplane, policy).unsupported(c, how);
        }
    }

    private static String isSet(String var) {
        return "{ var(txn." + var + ") -m bool }";
    }

    private static String conditional(String line, Condition c) {
        return c.equals(Condition.TRUE) ? line : line + " if " + c.render();
    }

    private static String quoteRegex(String regex) {
        if (!REGEX_SAFE.matcher(regex).matches()) {
            throw new IllegalArgumentException("context regex with a quote or blank: " + regex);
        }
        return "'" + regex + "'";
    }
}

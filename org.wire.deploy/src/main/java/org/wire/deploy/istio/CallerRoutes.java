package org.wire.deploy.istio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.deploy.CallArguments;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.deploy.istio.CallerCase.Literal;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Stmt;
import org.wire.model.plan.Rule;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchBuilder;

/**
 * The egress rules one Istio sidecar runs on its calls to one callee, as VirtualService routes. A VirtualService
 * acts in the caller's sidecar, which is exactly the egress queue Wire chose, and a route's {@code sourceLabels}
 * restrict it to this caller's workload.
 *
 * <p>A route applies one set of header operations and one destination choice, where a policy body is a program.
 * So the rules are executed symbolically: every path through them (in the plan's order) becomes a case with the
 * header conditions that select it and its final effect; a header a path set or removed earlier answers
 * {@code HasHeader} itself. Sampled branches of the same conditions become weighted destinations.
 */
final class CallerRoutes {
    static final String CTX_HEADER = "x-copper-ctx";
    static final String ANY_VALUE = ".*";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One VirtualService route and the policies it realises. */
    record Route(SortedSet<String> policies, HTTPRoute route) {}

    private final String dataplane;
    private final String caller;
    private final String callee;
    private final String host;
    /** Versions of the callee some route sends to (its DestinationRule's subsets). */
    final SortedSet<String> versions = new TreeSet<>();
    /** Versions per policy that routes to them, for line counts. */
    final Map<String, SortedSet<String>> versionsByPolicy = new TreeMap<>();

    CallerRoutes(String dataplane, String caller, String callee, String host) {
        this.dataplane = dataplane;
        this.caller = caller;
        this.callee = callee;
        this.host = host;
    }

    List<Route> compile(List<Rule> rules) throws UnsupportedPolicyException {
        rules.forEach(r -> policiesByName.put(r.policy().name(), r.policy()));
        List<CallerCase> cases = new ArrayList<>(List.of(new CallerCase()));
        for (Rule rule : rules) {
            if (!affects(rule.body())) {
                continue; // e.g. RouteToVersion of another service: nothing to do on calls to this callee
            }
            Run run = new Run(rule.policy());
            List<CallerCase> next = new ArrayList<>();
            for (CallerCase c : cases) {
                if (c.denied) {
                    next.add(c);
                    continue;
                }
                List<CallerCase> in = new ArrayList<>(List.of(c));
                List<CallerCase> out = new ArrayList<>();
                for (String regex : contextRegexes(rule)) {
                    List<CallerCase> matched = new ArrayList<>();
                    for (CallerCase x : in) {
                        addIfPossible(matched, x.with(new Literal(CTX_HEADER, regex, true)));
                        addIfPossible(out, x.with(new Literal(CTX_HEADER, regex, false)));
                    }
                    in = matched;
                }
                next.addAll(run.block(rule.body(), in));
                next.addAll(out);
            }
            cases = next;
        }
        return routes(cases);
    }

    private static List<String> contextRegexes(Rule rule) {
        List<String> r = new ArrayList<>();
        if (rule.match().chainRegex() != null) {
            r.add(rule.match().chainRegex());
        }
        if (rule.match().callerRegex() != null) {
            r.add(rule.match().callerRegex());
        }
        return r;
    }

    private static void addIfPossible(List<CallerCase> to, CallerCase c) {
        if (c != null) {
            to.add(c);
        }
    }

    /** Whether the body can change a call to this callee (a RouteToVersion of another service cannot). */
    private boolean affects(List<Stmt> body) {
        for (Stmt s : body) {
            switch (s) {
                case Stmt.CallStmt c -> {
                    Expr.Call call = c.call();
                    if (call.action().equals("RouteToVersion")) {
                        if (call.args().size() == 3 && call.args().get(1) instanceof Expr.Str svc && !svc.value().equals(callee)) {
                            continue;
                        }
                        return true;
                    }
                    if (!call.action().equals("GetRandomSample")) {
                        return true;
                    }
                }
                case Stmt.If i -> {
                    if (affects(i.then()) || affects(i.otherwise())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Symbolic execution of one rule's body. */
    private final class Run {
        private final Policy policy;

        Run(Policy policy) {
            this.policy = policy;
        }

        List<CallerCase> block(List<Stmt> stmts, List<CallerCase> cases) throws UnsupportedPolicyException {
            List<CallerCase> cur = cases;
            for (Stmt s : stmts) {
                List<CallerCase> next = new ArrayList<>();
                for (CallerCase c : cur) {
                    if (c.denied) {
                        next.add(c);
                        continue;
                    }
                    switch (s) {
                        case Stmt.CallStmt call -> {
                            call(call.call(), c);
                            next.add(c);
                        }
                        case Stmt.If i -> {
                            List<CallerCase> then = new ArrayList<>(), otherwise = new ArrayList<>();
                            for (Branch b : eval(i.condition(), c)) {
                                (b.value() ? then : otherwise).add(b.c());
                            }
                            next.addAll(block(i.then(), then));
                            next.addAll(block(i.otherwise(), otherwise));
                        }
                    }
                }
                cur = next;
            }
            return cur;
        }

        private void call(Expr.Call c, CallerCase k) throws UnsupportedPolicyException {
            List<Expr> a = c.args();
            switch (c.action()) {
                case "SetHeader" -> {
                    requireAct(c, 3);
                    String h = header(c, a.get(1));
                    k.headerOps.remove(h);
                    k.headerOps.put(h, headerValue(c, a.get(2)));
                    k.policies.add(policy.name());
                }
                case "RemoveHeader" -> {
                    requireAct(c, 2);
                    String h = header(c, a.get(1));
                    k.headerOps.remove(h);
                    k.headerOps.put(h, null);
                    k.policies.add(policy.name());
                }
                case "Deny" -> {
                    requireAct(c, 1);
                    k.denied = true;
                    k.policies.add(policy.name());
                }
                case "RouteToVersion" -> {
                    requireAct(c, 3);
                    if (!string(c, a.get(1)).equals(callee)) {
                        return;
                    }
                    String v = string(c, a.get(2));
                    if (!v.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || v.length() > 63) {
                        throw unsupported(c, "with version '" + v + "' (a DestinationRule subset name and label value: a-z, 0-9, '-')");
                    }
                    k.version = v;
                    k.policies.add(policy.name());
                    versions.add(v);
                    versionsByPolicy.computeIfAbsent(policy.name(), x -> new TreeSet<>()).add(v);
                }
                case "GetRandomSample" -> {
                    String s = state(c, 1, "Sampler");
                    BigDecimal[] old = k.samples.put(s, new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ONE });
                    if (old != null) {
                        // a fresh sample is independent of the old one: the old interval's weight stays in the product
                        k.probability = k.probability.multiply(old[1].subtract(old[0]));
                    }
                }
                default -> throw unsupported(c, "at the caller's egress (Istio's caller-side resource, the VirtualService, keeps no state"
                        + " and has no such operation)");
            }
        }

        private record Branch(CallerCase c, boolean value) {}

        private List<Branch> eval(Expr e, CallerCase c) throws UnsupportedPolicyException {
            List<Branch> out = new ArrayList<>();
            switch (e) {
                case Expr.Bool b -> out.add(new Branch(c, b.value()));
                case Expr.Not n -> eval(n.operand(), c).forEach(b -> out.add(new Branch(b.c(), !b.value())));
                case Expr.And x -> {
                    for (Branch b : eval(x.left(), c)) {
                        if (b.value()) {
                            out.addAll(eval(x.right(), b.c()));
                        } else {
                            out.add(b);
                        }
                    }
                }
                case Expr.Or x -> {
                    for (Branch b : eval(x.left(), c)) {
                        if (b.value()) {
                            out.add(b);
                        } else {
                            out.addAll(eval(x.right(), b.c()));
                        }
                    }
                }
                case Expr.Call call when call.action().equals("HasHeader") -> {
                    requireAct(call, 2);
                    String h = header(call, call.args().get(1));
                    if (c.headerOps.containsKey(h)) {
                        out.add(new Branch(c, c.headerOps.get(h) != null)); // this path set or removed it
                    } else {
                        Literal lit = new Literal(h, null, true);
                        CallerCase yes = c.with(lit), no = c.with(lit.negated());
                        if (yes != null) {
                            out.add(new Branch(yes, true));
                        }
                        if (no != null) {
                            out.add(new Branch(no, false));
                        }
                    }
                }
                case Expr.Call call when call.action().equals("IsLessThan") -> {
                    String s = state(call, 2, "Sampler");
                    BigDecimal[] iv = c.samples.get(s);
                    if (iv == null) {
                        throw unsupported(call, "before GetRandomSample(" + s + ") on the same path");
                    }
                    BigDecimal bound = switch (call.args().get(1)) {
                        case Expr.Decimal d -> d.value();
                        case Expr.Int i -> BigDecimal.valueOf(i.value());
                        default -> throw unsupported(call, "with a bound that is not a number literal");
                    };
                    BigDecimal b = bound.max(BigDecimal.ZERO).min(BigDecimal.ONE);
                    if (b.compareTo(iv[0]) <= 0) {
                        out.add(new Branch(c, false));
                    } else if (b.compareTo(iv[1]) >= 0) {
                        out.add(new Branch(c, true));
                    } else {
                        CallerCase lo = c.copy(), hi = c.copy();
                        lo.samples.put(s, new BigDecimal[] { iv[0], b });
                        hi.samples.put(s, new BigDecimal[] { b, iv[1] });
                        out.add(new Branch(lo, true));
                        out.add(new Branch(hi, false));
                    }
                }
                case Expr.Call call -> throw unsupported(call, "as a condition at the caller's egress (a VirtualService matches on"
                        + " request headers only)");
                default -> throw new UnsupportedPolicyException(dataplane, policy, "the condition " + e);
            }
            return out;
        }

        private void requireAct(Expr.Call c, int arity) throws UnsupportedPolicyException {
            new CallArguments(dataplane, policy).requireAct(c, arity);
        }

        private String state(Expr.Call c, int arity, String type) throws UnsupportedPolicyException {
            if (c.args().size() != arity || !(c.args().get(0) instanceof Expr.Var v) || !type.equals(policy.states().get(v.name()))) {
                throw unsupported(c, "with these arguments");
            }
            return v.name();
        }

        private String string(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            return new CallArguments(dataplane, policy).literal(c, e);
        }

        private String header(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            String name = HeaderNames.normalise(string(c, e));
            if (name == null) {
                throw unsupported(c, "with header name '" + string(c, e) + "'");
            }
            if (name.equals(CTX_HEADER)) {
                throw unsupported(c, "on the context header " + CTX_HEADER + " (the eBPF add-on owns it)");
            }
            return name;
        }

        private String headerValue(Expr.Call c, Expr e) throws UnsupportedPolicyException {
            return new CallArguments(dataplane, policy).headerValue(c, e);
        }

        private UnsupportedPolicyException unsupported(Expr.Call c, String how) {
            return new CallArguments(dataplane, policy).unsupported(c, how);
        }
    }

    /** Header conditions a route can hold at most (each case is refined over all of them). */
    static final int MAX_CONDITIONS = 12;

    /**
     * Groups paths by their conditions; each group with an effect is one route. Paths are first refined over every
     * header condition any path tests, so that groups are disjoint and each holds all sampled paths of its
     * requests (a path that sampled high may never have asked for a header a low path did).
     */
    private List<Route> routes(List<CallerCase> unrefined) throws UnsupportedPolicyException {
        List<Literal> atoms = new ArrayList<>();
        for (CallerCase c : unrefined) {
            for (Literal l : c.literals) {
                Literal atom = new Literal(l.header(), l.regex(), true);
                if (!atoms.contains(atom)) {
                    atoms.add(atom);
                }
            }
        }
        if (atoms.size() > MAX_CONDITIONS) {
            TreeSet<String> names = new TreeSet<>();
            unrefined.forEach(c -> names.addAll(c.policies));
            throw new UnsupportedPolicyException(dataplane, anyPolicy(names.isEmpty() ? new TreeSet<>(policiesByName.keySet()) : names),
                    "more than " + MAX_CONDITIONS + " header conditions on the calls from " + caller + " to " + callee);
        }
        List<CallerCase> cases = new ArrayList<>();
        for (CallerCase c : unrefined) {
            refine(c, atoms, 0, cases);
        }
        LinkedHashMap<List<Literal>, List<CallerCase>> groups = new LinkedHashMap<>();
        for (CallerCase c : cases) {
            List<Literal> key = new ArrayList<>(c.literals);
            key.sort((a, b) -> (a.header() + "\0" + a.regex() + "\0" + a.positive()).compareTo(b.header() + "\0" + b.regex() + "\0" + b.positive()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        List<Route> out = new ArrayList<>();
        for (Map.Entry<List<Literal>, List<CallerCase>> g : groups.entrySet()) {
            List<CallerCase> group = g.getValue();
            if (group.stream().noneMatch(CallerCase::hasEffect)) {
                continue; // the default route does the same
            }
            TreeSet<String> policies = new TreeSet<>();
            group.forEach(c -> policies.addAll(c.policies));
            HTTPRouteBuilder route = new HTTPRouteBuilder()
                    .withName(caller + "-" + (out.size() + 1))
                    .withMatch(match(g.getKey(), policies));
            long denied = group.stream().filter(c -> c.denied).count();
            if (denied == group.size()) {
                route.withNewDirectResponse().withStatus(403L).endDirectResponse();
            } else if (denied > 0) {
                throw new UnsupportedPolicyException(dataplane, anyPolicy(policies), "a Deny on some sampled branches only at the caller's"
                        + " egress (a VirtualService route either denies or routes)");
            } else {
                route.withRoute(destinations(group, policies));
            }
            out.add(new Route(policies, route.build()));
        }
        return out;
    }

    private static void refine(CallerCase c, List<Literal> atoms, int i, List<CallerCase> out) {
        if (i == atoms.size()) {
            out.add(c);
            return;
        }
        Literal a = atoms.get(i);
        boolean decided = c.literals.stream().anyMatch(l -> l.header().equals(a.header()) && java.util.Objects.equals(l.regex(), a.regex()));
        if (decided) {
            refine(c, atoms, i + 1, out);
            return;
        }
        refine(c.with(a), atoms, i + 1, out);
        refine(c.with(a.negated()), atoms, i + 1, out);
    }

    /** The policies of the rules being compiled, by name: an error names one of them. */
    private final Map<String, Policy> policiesByName = new TreeMap<>();

    private Policy anyPolicy(SortedSet<String> names) {
        return policiesByName.get(names.first());
    }

    private List<HTTPRouteDestination> destinations(List<CallerCase> group, SortedSet<String> policies) throws UnsupportedPolicyException {
        // identical outcomes (version and header operations) add up
        LinkedHashMap<String, BigDecimal> weight = new LinkedHashMap<>();
        LinkedHashMap<String, CallerCase> outcome = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CallerCase c : group) {
            BigDecimal p = c.probability;
            for (BigDecimal[] iv : c.samples.values()) {
                p = p.multiply(iv[1].subtract(iv[0]));
            }
            total = total.add(p);
            String key = c.version + "\0" + c.headerOps;
            weight.merge(key, p, BigDecimal::add);
            outcome.putIfAbsent(key, c);
        }
        if (total.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalStateException("sampled paths of one condition add up to " + total + ", not 1");
        }
        List<HTTPRouteDestination> out = new ArrayList<>();
        for (Map.Entry<String, CallerCase> e : outcome.entrySet()) {
            CallerCase c = e.getValue();
            HTTPRouteDestinationBuilder d = new HTTPRouteDestinationBuilder()
                    .withNewDestination().withHost(host).withSubset(c.version).endDestination();
            if (outcome.size() > 1) {
                BigDecimal percent = weight.get(e.getKey()).multiply(HUNDRED);
                if (percent.stripTrailingZeros().scale() > 0) {
                    throw new UnsupportedPolicyException(dataplane, anyPolicy(policies), "a sampled branch taken with probability "
                            + weight.get(e.getKey()).toPlainString() + " (VirtualService weights are whole percent)");
                }
                d.withWeight(percent.intValueExact());
            }
            if (!c.headerOps.isEmpty()) {
                TreeMap<String, String> set = new TreeMap<>();
                List<String> remove = new ArrayList<>();
                c.headerOps.forEach((h, v) -> {
                    if (v == null) {
                        remove.add(h);
                    } else {
                        set.put(h, v.replace("%", "%%")); // Envoy reads %...% in header values as a command
                    }
                });
                java.util.Collections.sort(remove);
                d.withNewHeaders().withNewRequest()
                        .withSet(set.isEmpty() ? null : set)
                        .withRemove(remove.isEmpty() ? null : remove)
                        .endRequest().endHeaders();
            }
            out.add(d.build());
        }
        return out;
    }

    private HTTPMatchRequest match(List<Literal> literals, SortedSet<String> policies) throws UnsupportedPolicyException {
        TreeMap<String, StringMatch> headers = new TreeMap<>();
        TreeMap<String, List<String>> without = new TreeMap<>();
        for (Literal l : literals) {
            String regex = l.regex() == null ? ANY_VALUE : l.regex();
            if (l.positive()) {
                StringMatch old = headers.put(l.header(), regex(regex));
                if (old != null) {
                    throw new UnsupportedPolicyException(dataplane, anyPolicy(policies), "the calls from " + caller + " to " + callee
                            + " where policies " + String.join(", ", policies) + " all apply with different context patterns"
                            + " (a VirtualService match holds one regex per header)");
                }
            } else {
                without.computeIfAbsent(l.header(), k -> new ArrayList<>()).add(regex);
            }
        }
        TreeMap<String, StringMatch> withoutHeaders = new TreeMap<>();
        without.forEach((h, regexes) -> withoutHeaders.put(h, regex(regexes.contains(ANY_VALUE) ? ANY_VALUE
                : regexes.size() == 1 ? regexes.get(0) : "(?:" + String.join(")|(?:", regexes) + ")")));
        return new HTTPMatchRequestBuilder()
                .withSourceLabels(new TreeMap<>(Map.of(IstioBackend.APP_LABEL, caller)))
                .withHeaders(headers.isEmpty() ? null : headers)
                .withWithoutHeaders(withoutHeaders.isEmpty() ? null : withoutHeaders)
                .build();
    }

    private static StringMatch regex(String regex) {
        return new StringMatchBuilder().withNewStringMatchRegexType(regex).build();
    }
}

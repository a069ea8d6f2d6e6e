package org.wire.deploy.istio;

import static org.wire.deploy.BackendFixtures.GRAPH;
import static org.wire.deploy.BackendFixtures.IDS;
import static org.wire.deploy.BackendFixtures.REQ;
import static org.wire.deploy.BackendFixtures.call;
import static org.wire.deploy.BackendFixtures.has;
import static org.wire.deploy.BackendFixtures.policy;
import static org.wire.deploy.BackendFixtures.str;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.wire.deploy.DeploySettings;
import org.wire.deploy.DeploySettings.Endpoint;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.Stmt;
import org.wire.model.ctx.ContextRegex;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.JsonFormat;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;

/** Renders hand-built plans for frontend -> search -> geo and checks the Istio resources, their Envoy configs and Lua. */
class IstioBackendTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Rule rule(Policy p, Side side, String at, String destination) {
        String regex = new ContextRegex(IDS).toDestination(p.pattern(), destination).orElseThrow();
        String caller = side == Side.EGRESS ? at : GRAPH.service(GRAPH.predecessors(GRAPH.indexOf(destination))[0]);
        return new Rule(p, side, at, destination, new TreeSet<>(Set.of(caller)), new ContextMatch(regex, null), p.sections().get(side));
    }

    static final Policy ROUTE = policy("route_search", "frontend search", Map.of("sampler", "Sampler"), Side.EGRESS, List.of(
            call("GetRandomSample", new Expr.Var("sampler")),
            new Stmt.If(new Expr.Call("IsLessThan", List.of(new Expr.Var("sampler"), new Expr.Decimal(new BigDecimal("0.25")))),
                    List.of(call("RouteToVersion", REQ, str("search"), str("beta"))),
                    List.of(call("RouteToVersion", REQ, str("search"), str("prod"))))));
    static final Policy TAG = policy("tag_search", "frontend search", Map.of(), Side.INGRESS,
            List.of(call("SetHeader", REQ, str("X-P1"), str("100% \"true\" é")), call("RemoveHeader", REQ, str("x-debug"))));
    static final Policy GUARD = policy("guard_geo", "frontend .* geo", Map.of(), Side.INGRESS, List.of(
            new Stmt.If(new Expr.Or(new Expr.Not(has("x-user")), new Expr.And(has("x-bot"), new Expr.Bool(true))),
                    List.of(call("Deny", REQ)), List.of())));
    static final Expr.Var N = new Expr.Var("n");
    static final Policy LIMIT = policy("limit_geo", "frontend .* geo", Map.of("n", "Counter", "w", "Timer"), Side.INGRESS, List.of(
            new Stmt.If(new Expr.Call("IsTimeSince", List.of(new Expr.Var("w"), new Expr.Int(60))), List.of(call("Reset", N)), List.of()),
            call("Increment", N),
            new Stmt.If(new Expr.Call("IsGreaterThan", List.of(N, new Expr.Int(100))), List.of(call("Deny", REQ)), List.of())));

    static DeploymentInput input(List<Policy> ps, Map<String, SidecarPlan> sidecars) {
        SortedMap<String, Endpoint> eps = new TreeMap<>(Map.of("frontend", new Endpoint("frontend", 8080, 9080),
                "search", new Endpoint("search", 8080, 9080), "geo", new Endpoint("geo", 8080, 9080)));
        return new DeploymentInput(GRAPH, ps, null, new EnforcementPlan(IDS, new TreeMap<>(sidecars)),
                new DeploySettings("shop", "traceparent", eps));
    }

    static DeploymentInput sample() {
        Map<String, SidecarPlan> sc = new TreeMap<>();
        sc.put("frontend", new SidecarPlan("frontend", "istio", List.of(rule(ROUTE, Side.EGRESS, "frontend", "search")), List.of()));
        sc.put("search", new SidecarPlan("search", "istio", List.of(), List.of(rule(TAG, Side.INGRESS, "search", "search"))));
        sc.put("geo", new SidecarPlan("geo", "istio", List.of(), List.of(rule(GUARD, Side.INGRESS, "geo", "geo"),
                rule(LIMIT, Side.INGRESS, "geo", "geo"))));
        return input(List.of(ROUTE, TAG, GUARD, LIMIT), sc);
    }

    static FileTree render(DeploymentInput in) throws UnsupportedPolicyException {
        FileTree t = new FileTree();
        new IstioBackend().render(in, t);
        return t;
    }

    @Test
    void everyFileValidatesAndTheSampledRouteIsWeighted() throws Exception {
        FileTree t = render(sample());
        IstioOutputValidator.Report r = IstioOutputValidator.validate(t.files());
        assertEquals(4, r.istioResources(), t.files().keySet().toString()); // VS + DR for search, EnvoyFilters at search and geo
        assertEquals(3, r.envoyFilters());
        assertEquals(1, r.luaSources().size()); // tag_search; limit_geo is a local rate limit
        assertEquals(3, r.workloads());

        VirtualService vs = YAML.readValue(t.text("istio/mesh/search-virtualservice.yaml"), VirtualService.class);
        assertEquals(List.of("search"), vs.getSpec().getHosts());
        HTTPRoute route = vs.getSpec().getHttp().get(0);
        assertEquals(Map.of("app", "frontend"), route.getMatch().get(0).getSourceLabels());
        String regex = ((StringMatchRegex) route.getMatch().get(0).getHeaders().get("x-copper-ctx").getMatchType()).getRegex();
        assertEquals(new ContextRegex(IDS).toDestination(ROUTE.pattern(), "search").orElseThrow(), regex);
        Map<String, Integer> weights = new TreeMap<>();
        route.getRoute().forEach(d -> weights.put(d.getDestination().getSubset(), d.getWeight()));
        assertEquals(Map.of("beta", 25, "prod", 75), weights);
        assertEquals("default", vs.getSpec().getHttp().get(1).getName());
        assertTrue(vs.getSpec().getHttp().get(1).getMatch().isEmpty());

        DestinationRule dr = YAML.readValue(t.text("istio/mesh/search-destinationrule.yaml"), DestinationRule.class);
        assertEquals(List.of("beta", "prod"), dr.getSpec().getSubsets().stream().map(s -> s.getName()).toList());
        assertEquals(Map.of("version", "beta"), dr.getSpec().getSubsets().get(0).getLabels());

        EnvoyFilter geo = YAML.readValue(t.text("istio/mesh/geo-envoyfilter.yaml"), EnvoyFilter.class);
        assertEquals(Map.of("app", "geo"), geo.getSpec().getWorkloadSelector().getLabels());
        assertEquals("SIDECAR_INBOUND", geo.getSpec().getConfigPatches().get(0).getMatch().getContext().toString());
        assertFalse(t.text("istio/workloads/search.yaml").contains("concurrency"));
    }

    @Test
    void injectionOnlyWhereWirePlacedAnIstioSidecar() throws Exception {
        Map<String, SidecarPlan> sc = new TreeMap<>();
        sc.put("search", new SidecarPlan("search", "istio", List.of(), List.of(rule(TAG, Side.INGRESS, "search", "search"))));
        sc.put("geo", new SidecarPlan("geo", "haproxy", List.of(), List.of(rule(GUARD, Side.INGRESS, "geo", "geo"))));
        FileTree t = render(input(List.of(TAG, GUARD), sc));
        IstioOutputValidator.validate(t.files());
        for (String s : GRAPH.services()) {
            var d = YAML.readValue(t.text("istio/workloads/" + s + ".yaml"), io.fabric8.kubernetes.api.model.apps.Deployment.class);
            assertEquals(s.equals("search") ? "true" : "false", d.getSpec().getTemplate().getMetadata().getLabels().get(IstioObjects.INJECT), s);
        }
        assertFalse(t.contains("istio/mesh/geo-envoyfilter.yaml"), "geo's rule is HAProxy's");
    }

    @Test
    void noIstioSidecarNoOutput() throws Exception {
        Map<String, SidecarPlan> sc = new TreeMap<>();
        sc.put("geo", new SidecarPlan("geo", "haproxy", List.of(), List.of(rule(GUARD, Side.INGRESS, "geo", "geo"))));
        assertTrue(render(input(List.of(GUARD), sc)).files().isEmpty());
    }

    @Test
    void deterministic() throws Exception {
        SortedMap<String, byte[]> a = render(sample()).files(), b = render(sample()).files();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((p, x) -> assertArrayEquals(x, b.get(p), p));
    }

    @Test
    void luaHeaderRewriteRunsAsWritten() throws Exception {
        List<String> lua = IstioOutputValidator.validate(render(sample()).files()).luaSources();
        String tag = lua.stream().filter(s -> s.contains("tag_search")).findFirst().orElseThrow();
        LuaRunner run = new LuaRunner(tag);
        LuaRunner.Outcome o = run.request(Map.of("x-debug", "1", "x-copper-ctx", "001"));
        assertNull(o.status());
        assertEquals(Map.of("x-p1", "100% \"true\" é", "x-copper-ctx", "001"), o.headers());
    }

    static final Policy CAP = policy("cap_geo", "frontend .* geo", Map.of("n", "Counter"), Side.INGRESS, List.of(
            call("Increment", N),
            new Stmt.If(new Expr.Call("IsGreaterThan", List.of(N, new Expr.Int(3))), List.of(call("Deny", REQ)), List.of())));

    @Test
    void luaCounterDeniesFromTheFourthOn() throws Exception {
        Map<String, SidecarPlan> sc = Map.of("geo", new SidecarPlan("geo", "istio", List.of(), List.of(rule(CAP, Side.INGRESS, "geo", "geo"))));
        FileTree t = render(input(List.of(CAP), sc));
        List<String> lua = IstioOutputValidator.validate(t.files()).luaSources();
        assertEquals(1, lua.size());
        assertTrue(t.text("istio/workloads/geo.yaml").contains("concurrency"), "geo keeps a counter in Lua: one proxy worker");
        LuaRunner run = new LuaRunner(lua.get(0));
        for (int i = 1; i <= 3; i++) {
            assertNull(run.request(Map.of()).status(), "request " + i);
        }
        assertEquals("403", run.request(Map.of()).status());
        assertEquals("403", run.request(Map.of()).status());
    }

    @Test
    void fixedWindowLimitIsEnvoysLocalRateLimitAtFullStrength() throws Exception {
        FileTree t = render(sample());
        EnvoyFilter geo = YAML.readValue(t.text("istio/mesh/geo-envoyfilter.yaml"), EnvoyFilter.class);
        String json = new ObjectMapper().writeValueAsString(geo.getSpec().getConfigPatches().get(1).getPatch().getValue());
        HttpFilter.Builder b = HttpFilter.newBuilder();
        JsonFormat.parser().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                .add(io.envoyproxy.envoy.extensions.common.matching.v3.ExtensionWithMatcher.getDescriptor())
                .add(io.envoyproxy.envoy.extensions.filters.common.matcher.action.v3.SkipFilter.getDescriptor())
                .add(io.envoyproxy.envoy.type.matcher.v3.HttpRequestHeaderMatchInput.getDescriptor())
                .add(io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit.getDescriptor()).build()).merge(json, b);
        var m = b.build().getTypedConfig().unpack(io.envoyproxy.envoy.extensions.common.matching.v3.ExtensionWithMatcher.class);
        var l = m.getExtensionConfig().getTypedConfig().unpack(io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit.class);
        assertEquals(100, l.getTokenBucket().getMaxTokens());
        assertEquals(100, l.getTokenBucket().getTokensPerFill().getValue());
        assertEquals(60, l.getTokenBucket().getFillInterval().getSeconds());
        assertEquals(100, l.getFilterEnabled().getDefaultValue().getNumerator());
        assertEquals(100, l.getFilterEnforced().getDefaultValue().getNumerator());
        assertEquals(io.envoyproxy.envoy.type.v3.StatusCode.Forbidden, l.getStatus().getCode());
        // the bucket only sees requests whose context matches: the matcher skips the filter otherwise
        var single = m.getXdsMatcher().getMatcherList().getMatchers(0).getPredicate().getNotMatcher().getSinglePredicate();
        assertEquals(new ContextRegex(IDS).toDestination(LIMIT.pattern(), "geo").orElseThrow(), single.getValueMatch().getSafeRegex().getRegex());
        assertFalse(t.text("istio/workloads/geo.yaml").contains("concurrency"), "the bucket is shared by Envoy's workers");
    }

    /** RBAC denies exactly when the policy would: an evaluator of the parsed RBAC permission against the Copper condition. */
    @Test
    void rbacDeniesExactlyWhenThePolicyDoes() throws Exception {
        FileTree t = render(sample());
        EnvoyFilter geo = YAML.readValue(t.text("istio/mesh/geo-envoyfilter.yaml"), EnvoyFilter.class);
        String json = new ObjectMapper().writeValueAsString(geo.getSpec().getConfigPatches().get(0).getPatch().getValue());
        HttpFilter.Builder b = HttpFilter.newBuilder();
        JsonFormat.parser().usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(RBAC.getDescriptor()).build()).merge(json, b);
        RBAC rbac = b.build().getTypedConfig().unpack(RBAC.class);
        assertEquals(io.envoyproxy.envoy.config.rbac.v3.RBAC.Action.DENY, rbac.getRules().getAction());
        Permission perm = rbac.getRules().getPoliciesOrThrow("guard_geo").getPermissions(0);
        Pattern ctx = Pattern.compile(new ContextRegex(IDS).toDestination(GUARD.pattern(), "geo").orElseThrow());
        Random rnd = new Random(7);
        String[] values = { null, "", "001", "002", "001002", "002001", "001002003", "00X" };
        for (int i = 0; i < 400; i++) {
            Map<String, String> h = new HashMap<>();
            String c = values[rnd.nextInt(values.length)];
            if (c != null) {
                h.put("x-copper-ctx", c);
            }
            if (rnd.nextBoolean()) {
                h.put("x-user", "u");
            }
            if (rnd.nextBoolean()) {
                h.put("x-bot", "");
            }
            boolean expected = c != null && ctx.matcher(c).matches() && (!h.containsKey("x-user") || h.containsKey("x-bot"));
            assertEquals(expected, matches(perm, h), h.toString());
        }
    }

    private static boolean matches(Permission p, Map<String, String> h) {
        return switch (p.getRuleCase()) {
            case ANY -> p.getAny();
            case NOT_RULE -> !matches(p.getNotRule(), h);
            case AND_RULES -> p.getAndRules().getRulesList().stream().allMatch(x -> matches(x, h));
            case OR_RULES -> p.getOrRules().getRulesList().stream().anyMatch(x -> matches(x, h));
            case HEADER -> {
                var m = p.getHeader();
                String v = h.get(m.getName());
                if (m.hasStringMatch()) {
                    yield v != null && Pattern.compile(m.getStringMatch().getSafeRegex().getRegex()).matcher(v).matches();
                }
                yield m.getPresentMatch() == (v != null);
            }
            default -> throw new AssertionError("unexpected permission " + p);
        };
    }

    @Test
    void egressIsExecutedInOrder() throws Exception {
        // SetHeader then HasHeader of the same header: the route does not ask the request for it
        Policy p = policy("seq", "frontend search", Map.of(), Side.EGRESS, List.of(
                call("SetHeader", REQ, str("x-a"), str("1")),
                new Stmt.If(has("x-a"), List.of(call("RouteToVersion", REQ, str("search"), str("v2"))), List.of()),
                new Stmt.If(has("x-b"), List.of(call("RemoveHeader", REQ, str("x-a"))), List.of())));
        Map<String, SidecarPlan> sc = Map.of("frontend", new SidecarPlan("frontend", "istio", List.of(rule(p, Side.EGRESS, "frontend", "search")), List.of()));
        FileTree t = render(input(List.of(p), sc));
        IstioOutputValidator.validate(t.files());
        VirtualService vs = YAML.readValue(t.text("istio/mesh/search-virtualservice.yaml"), VirtualService.class);
        List<HTTPRoute> http = vs.getSpec().getHttp();
        assertEquals(3, http.size()); // x-b present, x-b absent, default
        HTTPRoute withB = http.get(0), withoutB = http.get(1);
        assertTrue(withB.getMatch().get(0).getHeaders().containsKey("x-b"));
        assertEquals(List.of("x-a"), withB.getRoute().get(0).getHeaders().getRequest().getRemove());
        assertTrue(withoutB.getMatch().get(0).getWithoutHeaders().containsKey("x-b"));
        assertEquals(Map.of("x-a", "1"), withoutB.getRoute().get(0).getHeaders().getRequest().getSet());
        for (HTTPRoute r : List.of(withB, withoutB)) {
            assertEquals("v2", r.getRoute().get(0).getDestination().getSubset());
            assertFalse(r.getMatch().get(0).getHeaders().containsKey("x-a"));
        }
    }

    @Test
    void egressDenyIsADirectResponseAtTheCaller() throws Exception {
        Policy p = policy("block", "frontend search", Map.of(), Side.EGRESS, List.of(
                new Stmt.If(new Expr.Not(has("x-user")), List.of(call("Deny", REQ)), List.of())));
        Map<String, SidecarPlan> sc = Map.of("frontend", new SidecarPlan("frontend", "istio", List.of(rule(p, Side.EGRESS, "frontend", "search")), List.of()));
        FileTree t = render(input(List.of(p), sc));
        IstioOutputValidator.validate(t.files());
        VirtualService vs = YAML.readValue(t.text("istio/mesh/search-virtualservice.yaml"), VirtualService.class);
        HTTPRoute r = vs.getSpec().getHttp().get(0);
        assertEquals(403L, r.getDirectResponse().getStatus());
        assertTrue(r.getMatch().get(0).getWithoutHeaders().containsKey("x-user"));
        assertEquals(2, vs.getSpec().getHttp().size());
    }

    @Test
    void whatIstioCannotExpressAtTheChosenSideIsABuildError() {
        Policy counterAtEgress = policy("count_out", "frontend search", Map.of("n", "Counter"), Side.EGRESS,
                List.of(call("Increment", N)));
        UnsupportedPolicyException e = assertThrows(UnsupportedPolicyException.class, () -> render(input(List.of(counterAtEgress),
                Map.of("frontend", new SidecarPlan("frontend", "istio", List.of(rule(counterAtEgress, Side.EGRESS, "frontend", "search")), List.of())))));
        assertTrue(e.getMessage().startsWith("count_out.cup:3:1: policy count_out: the istio back end cannot express Increment"), e.getMessage());

        Policy routeAtIngress = policy("route_in", "frontend search", Map.of(), Side.INGRESS,
                List.of(call("RouteToVersion", REQ, str("search"), str("v2"))));
        e = assertThrows(UnsupportedPolicyException.class, () -> render(input(List.of(routeAtIngress),
                Map.of("search", new SidecarPlan("search", "istio", List.of(), List.of(rule(routeAtIngress, Side.INGRESS, "search", "search")))))));
        assertTrue(e.getMessage().contains("route_in") && e.getMessage().contains("ingress"), e.getMessage());

        Policy third = policy("thirds", "frontend search", Map.of("s", "Sampler"), Side.EGRESS, List.of(
                call("GetRandomSample", new Expr.Var("s")),
                new Stmt.If(new Expr.Call("IsLessThan", List.of(new Expr.Var("s"), new Expr.Decimal(new BigDecimal("0.333")))),
                        List.of(call("RouteToVersion", REQ, str("search"), str("v2"))), List.of())));
        e = assertThrows(UnsupportedPolicyException.class, () -> render(input(List.of(third),
                Map.of("frontend", new SidecarPlan("frontend", "istio", List.of(rule(third, Side.EGRESS, "frontend", "search")), List.of())))));
        assertTrue(e.getMessage().contains("whole percent"), e.getMessage());
    }

    @Test
    void theValidatorRejectsUnknownFields() throws Exception {
        FileTree t = render(sample());
        TreeMap<String, byte[]> files = new TreeMap<>(t.files());
        String vs = t.text("istio/mesh/search-virtualservice.yaml").replace("  hosts:", "  hostz:\n  - \"x\"\n  hosts:");
        files.put("istio/mesh/search-virtualservice.yaml", vs.getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> IstioOutputValidator.validate(files));

        files.putAll(t.files());
        String ef = t.text("istio/mesh/geo-envoyfilter.yaml").replace("action: \"DENY\"", "action: \"DENY\"\n            bogus: 1");
        assertFalse(ef.equals(t.text("istio/mesh/geo-envoyfilter.yaml")));
        files.put("istio/mesh/geo-envoyfilter.yaml", ef.getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> IstioOutputValidator.validate(files));
    }

    /**
     * The symbolic execution behind the VirtualService against a plain interpreter of the same body: for every
     * request (header presence, context matching or not), the first matching route's outcome distribution
     * (deny; subset and resulting headers, by weight) equals the interpreter's over 1000 evenly spaced samples.
     */
    @Test
    void virtualServiceRoutesAgreeWithAnInterpreterOfTheBody() throws Exception {
        Expr.Var s = new Expr.Var("s");
        List<Stmt> body = List.of(
                new Stmt.If(has("x-b"), List.of(call("SetHeader", REQ, str("x-a"), str("1"))), List.of()),
                call("GetRandomSample", s),
                new Stmt.If(new Expr.And(new Expr.Call("IsLessThan", List.of(s, new Expr.Decimal(new BigDecimal("0.3")))), has("x-c")),
                        List.of(call("RouteToVersion", REQ, str("search"), str("v2"))),
                        List.of(new Stmt.If(new Expr.Not(has("x-a")),
                                List.of(call("RemoveHeader", REQ, str("x-d")), call("RouteToVersion", REQ, str("search"), str("v1"))),
                                List.of()))),
                new Stmt.If(new Expr.Or(new Expr.And(has("x-e"), has("x-a")), new Expr.Call("IsLessThan", List.of(s, new Expr.Decimal(new BigDecimal("0.3"))))),
                        List.of(call("SetHeader", REQ, str("x-f"), str("late"))), List.of()));
        Policy p = policy("mix", "frontend search", Map.of("s", "Sampler"), Side.EGRESS, body);
        Map<String, SidecarPlan> sc = Map.of("frontend", new SidecarPlan("frontend", "istio", List.of(rule(p, Side.EGRESS, "frontend", "search")), List.of()));
        FileTree t = render(input(List.of(p), sc));
        IstioOutputValidator.validate(t.files());
        VirtualService vs = YAML.readValue(t.text("istio/mesh/search-virtualservice.yaml"), VirtualService.class);
        Pattern ctx = Pattern.compile(new ContextRegex(IDS).toDestination(p.pattern(), "search").orElseThrow());
        String[] names = { "x-a", "x-b", "x-c", "x-d", "x-e", "x-f" };
        for (int mask = 0; mask < (1 << names.length) * 2; mask++) {
            Map<String, String> req = new TreeMap<>();
            for (int i = 0; i < names.length; i++) {
                if ((mask >> i & 1) != 0) {
                    req.put(names[i], "0");
                }
            }
            req.put("x-copper-ctx", (mask >> names.length & 1) != 0 ? "001" : "002");
            Map<String, Integer> expected = new TreeMap<>();
            for (int k = 0; k < 1000; k++) {
                Map<String, String> h = new TreeMap<>(req);
                String[] version = { null };
                if (ctx.matcher(h.get("x-copper-ctx")).matches()) {
                    interpret(body, h, version, new BigDecimal(k).add(new BigDecimal("0.5")).divide(new BigDecimal(1000)));
                }
                expected.merge(version[0] + " " + h, 1, Integer::sum);
            }
            assertEquals(expected, viaRoutes(vs, req), req.toString());
        }
    }

    /** The body run directly on a request; {@code u} is the sample GetRandomSample draws. */
    private static void interpret(List<Stmt> body, Map<String, String> h, String[] version, BigDecimal u) {
        for (Stmt st : body) {
            switch (st) {
                case Stmt.CallStmt c -> {
                    List<Expr> a = c.call().args();
                    switch (c.call().action()) {
                        case "SetHeader" -> h.put(((Expr.Str) a.get(1)).value(), ((Expr.Str) a.get(2)).value());
                        case "RemoveHeader" -> h.remove(((Expr.Str) a.get(1)).value());
                        case "RouteToVersion" -> version[0] = ((Expr.Str) a.get(2)).value();
                        case "GetRandomSample" -> { }
                        default -> throw new AssertionError(c);
                    }
                }
                case Stmt.If i -> interpret(truth(i.condition(), h, u) ? i.then() : i.otherwise(), h, version, u);
            }
        }
    }

    private static boolean truth(Expr e, Map<String, String> h, BigDecimal u) {
        return switch (e) {
            case Expr.Not n -> !truth(n.operand(), h, u);
            case Expr.And x -> truth(x.left(), h, u) && truth(x.right(), h, u);
            case Expr.Or x -> truth(x.left(), h, u) || truth(x.right(), h, u);
            case Expr.Call c when c.action().equals("HasHeader") -> h.containsKey(((Expr.Str) c.args().get(1)).value());
            case Expr.Call c when c.action().equals("IsLessThan") -> u.compareTo(((Expr.Decimal) c.args().get(1)).value()) < 0;
            default -> throw new AssertionError(e);
        };
    }

    /** Istio's reading of the VirtualService for a request from frontend: first matching route, its destinations by weight (out of 1000). */
    private static Map<String, Integer> viaRoutes(VirtualService vs, Map<String, String> req) {
        for (HTTPRoute r : vs.getSpec().getHttp()) {
            if (!r.getMatch().isEmpty() && r.getMatch().stream().noneMatch(m -> {
                boolean ok = m.getSourceLabels().equals(Map.of("app", "frontend"));
                for (var e : m.getHeaders().entrySet()) {
                    String v = req.get(e.getKey());
                    ok &= v != null && Pattern.compile(((StringMatchRegex) e.getValue().getMatchType()).getRegex()).matcher(v).matches();
                }
                for (var e : m.getWithoutHeaders().entrySet()) {
                    String v = req.get(e.getKey());
                    ok &= v == null || !Pattern.compile(((StringMatchRegex) e.getValue().getMatchType()).getRegex()).matcher(v).matches();
                }
                return ok;
            })) {
                continue;
            }
            assertNull(r.getDirectResponse(), "this body never denies");
            Map<String, Integer> out = new TreeMap<>();
            for (var d : r.getRoute()) {
                Map<String, String> h = new TreeMap<>(req);
                if (d.getHeaders() != null && d.getHeaders().getRequest() != null) {
                    d.getHeaders().getRequest().getRemove().forEach(h::remove);
                    d.getHeaders().getRequest().getSet().forEach((k, v) -> h.put(k, v.replace("%%", "%")));
                }
                out.merge(d.getDestination().getSubset() + " " + h, d.getWeight() == null ? 1000 : d.getWeight() * 10, Integer::sum);
            }
            return out;
        }
        throw new AssertionError("no route for " + req);
    }
}

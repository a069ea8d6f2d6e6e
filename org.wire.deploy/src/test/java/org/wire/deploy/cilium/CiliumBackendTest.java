package org.wire.deploy.cilium;

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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.wire.model.ctx.ServiceIds;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Cilium back end on a hand-built plan for frontend -> search -> geo (and frontend -> geo): every file validated
 * ({@link CiliumOutputValidator}), and what the generated Envoy configuration does with random requests compared with
 * running the rules' statements directly.
 */
class CiliumBackendTest {
    static final ContextRegex REGEX = new ContextRegex(IDS);
    static final String NS = "shop";


    static Stmt route(String service, String version) {
        return call("RouteToVersion", REQ, new Expr.Str(service), new Expr.Str(version));
    }

    static Rule rule(Policy p, Side side, String at, String destination, Set<String> callers, String callerRegex) {
        String chain = REGEX.toDestination(p.pattern(), destination).orElseThrow();
        return new Rule(p, side, at, destination, new TreeSet<>(callers), new ContextMatch(chain, callerRegex), p.sections().get(side));
    }

    /** Routing with two alternatives and a later override at frontend's egress; denials at search's egress and geo's ingress. */
    static List<Policy> policies() {
        Policy routeSearch = policy("route_search", "frontend search", Side.EGRESS, List.of(
                new Stmt.If(new Expr.And(has("x-canary"), new Expr.Not(has("X-Opt-Out"))), List.of(route("search", "beta")),
                        List.of(route("search", "prod"))),
                new Stmt.If(new Expr.Or(has("x-force-beta"), new Expr.And(has("x-bot"), new Expr.Bool(false))),
                        List.of(route("search", "beta"), route("geo", "v9")), List.of())));
        Policy botsStop = policy("bots_stop", "frontend .* geo", Side.EGRESS, List.of(
                call("GetHeader", REQ, new Expr.Str("x-bot")),
                new Stmt.If(has("x-bot"), List.of(call("Deny", REQ)), List.of())));
        Policy guardGeo = policy("guard_geo", "frontend .* geo", Side.INGRESS, List.of(
                new Stmt.If(new Expr.Or(new Expr.Not(has("x-user")), new Expr.And(has("x-bot"), new Expr.Bool(true))),
                        List.of(call("Deny", REQ)), List.of())));
        return List.of(routeSearch, botsStop, guardGeo);
    }

    static DeploymentInput input(List<Policy> ps, Map<String, SidecarPlan> sidecars) {
        SortedMap<String, Endpoint> eps = new TreeMap<>(Map.of("frontend", new Endpoint("frontend", 8080, 9080),
                "search", new Endpoint("search", 8081, 9080), "geo", new Endpoint("geo", 8082, 9080)));
        return new DeploymentInput(GRAPH, ps, null, new EnforcementPlan(IDS, new TreeMap<>(sidecars)),
                new DeploySettings(NS, "traceparent", eps));
    }

    static DeploymentInput sample() {
        List<Policy> ps = policies();
        Map<String, SidecarPlan> sc = new TreeMap<>();
        sc.put("frontend", new SidecarPlan("frontend", "cilium",
                List.of(rule(ps.get(0), Side.EGRESS, "frontend", "search", Set.of("frontend"), null)), List.of()));
        sc.put("search", new SidecarPlan("search", "cilium",
                List.of(rule(ps.get(1), Side.EGRESS, "search", "geo", Set.of("search"), null)), List.of()));
        // as for a free policy whose frontend -> geo calls another end handles: the ingress rule owns search's calls only
        sc.put("geo", new SidecarPlan("geo", "cilium", List.of(),
                List.of(rule(ps.get(2), Side.INGRESS, "geo", "geo", Set.of("search"), REGEX.lastCallerIn(Set.of("search"))))));
        return input(ps, sc);
    }

    static FileTree render(DeploymentInput in) throws UnsupportedPolicyException {
        FileTree out = new FileTree();
        new CiliumBackend().render(in, out);
        return out;
    }

    @Test
    void everyGeneratedFileIsValid() throws Exception {
        FileTree out = render(sample());
        assertEquals(Set.of("cilium/geo/ciliumenvoyconfig.yaml", "cilium/kustomization.yaml", "cilium/search/ciliumenvoyconfig.yaml"),
                out.files().keySet());
        CiliumOutputValidator.Report r = CiliumOutputValidator.validate(out.files());
        assertEquals(2, r.envoyConfigs());
        // one listener and route configuration per Service; clusters: search, search-beta, search-prod, geo
        assertEquals(Map.of("Listener", 2, "RouteConfiguration", 2, "Cluster", 4), r.envoyResources());
        assertTrue(r.regexes() >= 5, "regexes checked: " + r.regexes());
    }

    @Test
    void theValidatorRejectsWhatEnvoyOrCiliumWouldReject() throws Exception {
        FileTree good = render(sample());
        String cec = good.text("cilium/search/ciliumenvoyconfig.yaml");
        Map<String, String> broken = new TreeMap<>(Map.of(
                "unknown Envoy field", cec.replace("stat_prefix:", "stats_prefix:"),
                "unknown @type", cec.replace("router.v3.Router", "router.v3.Routr"),
                "unknown CRD field", cec.replace("backendServices:", "backendService:"),
                "unknown metadata field", cec.replace("  namespace: \"shop\"\nspec:", "  namespace: \"shop\"\n  nameSpace: \"shop\"\nspec:"),
                "route to a missing cluster", cec.replace("name: \"shop/search-prod\"", "name: \"shop/search-old\""),
                "not RE2", cec.replaceFirst("regex: \"\\^", "regex: \"(?<=a)^")));
        for (Map.Entry<String, String> b : broken.entrySet()) {
            assertFalse(b.getValue().equals(cec), b.getKey() + ": the mutation applies");
            TreeMap<String, byte[]> files = new TreeMap<>(good.files());
            files.put("cilium/search/ciliumenvoyconfig.yaml", b.getValue().getBytes(StandardCharsets.UTF_8));
            assertThrows(Throwable.class, () -> CiliumOutputValidator.validate(files), b.getKey());
        }
        TreeMap<String, byte[]> orphan = new TreeMap<>(good.files());
        orphan.put("cilium/extra/ciliumenvoyconfig.yaml", good.files().get("cilium/search/ciliumenvoyconfig.yaml"));
        assertThrows(AssertionError.class, () -> CiliumOutputValidator.validate(orphan), "a file the kustomization does not list");
    }

    /**
     * Random requests on every edge: what the listener of the callee's Service does (RBAC, then the first matching
     * route, evaluated on the parsed protos) equals what the rules' statements do when run one after the other at
     * the caller's egress and then the callee's ingress.
     */
    @Test
    void envoyDoesWhatTheRulesSay() throws Exception {
        DeploymentInput in = sample();
        FileTree out = render(in);
        KubernetesSerialization k8s = new KubernetesSerialization();
        Map<String, Listener> listeners = new TreeMap<>();
        Map<String, RouteConfiguration> routes = new TreeMap<>();
        for (String service : List.of("search", "geo")) {
            GenericKubernetesResource cec = k8s.unmarshal(out.text("cilium/" + service + "/ciliumenvoyconfig.yaml"), GenericKubernetesResource.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> resources = (List<Map<String, Object>>) ((Map<String, Object>) cec.getAdditionalProperties().get("spec")).get("resources");
            for (Map<String, Object> res : resources) {
                var m = EnvoyProtos.parse(k8s.asJson(res));
                if (m.getDescriptorForType().getName().equals("Listener")) {
                    listeners.put(service, Listener.parseFrom(m.toByteString()));
                } else if (m.getDescriptorForType().getName().equals("RouteConfiguration")) {
                    routes.put(service, RouteConfiguration.parseFrom(m.toByteString()));
                }
            }
        }
        Random rnd = new Random(7);
        List<String> headerNames = List.of("x-canary", "x-opt-out", "x-force-beta", "x-bot", "x-user");
        int denied = 0, rerouted = 0, cases = 0;
        for (int i = 0; i < 4000; i++) {
            int[] edge = GRAPH.edges().get(rnd.nextInt(GRAPH.edges().size()));
            String caller = GRAPH.service(edge[0]), callee = GRAPH.service(edge[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String h : headerNames) {
                if (rnd.nextBoolean()) {
                    headers.put(h, "1");
                }
            }
            if (rnd.nextInt(10) > 0) {
                StringBuilder ctx = new StringBuilder(rnd.nextInt(8) == 0 ? "~" : "");
                int len = rnd.nextInt(3);
                for (int t = 0; t < len; t++) {
                    ctx.append(ServiceIds.token(1 + rnd.nextInt(4)));
                }
                // the eBPF add-on ends the header with the immediate caller
                ctx.append(IDS.token(caller));
                headers.put(RuleCompiler.CTX_HEADER, ctx.toString());
            }
            String expected = oracle(in, caller, callee, headers);
            String actual = envoy(listeners.get(callee), routes.get(callee), callee, headers);
            assertEquals(expected, actual, () -> caller + " -> " + callee + " " + headers);
            cases++;
            denied += expected.equals("denied") ? 1 : 0;
            rerouted += expected.contains("-") ? 1 : 0;
        }
        // the sample exercises every outcome
        assertTrue(denied > 100 && rerouted > 100, "denied " + denied + ", rerouted " + rerouted + " of " + cases);
    }

    /** "denied", or the Service the call goes to. */
    private static String envoy(Listener l, RouteConfiguration rc, String callee, Map<String, String> headers) throws Exception {
        if (l == null) {
            return callee;
        }
        HttpConnectionManager hcm = HttpConnectionManager.parseFrom(l.getFilterChains(0).getFilters(0).getTypedConfig().getValue());
        for (HttpFilter f : hcm.getHttpFiltersList()) {
            if (f.getName().equals("envoy.filters.http.rbac") && EnvoyEvaluator.denies(RBAC.parseFrom(f.getTypedConfig().getValue()), headers)) {
                return "denied";
            }
        }
        String cluster = EnvoyEvaluator.cluster(rc, headers);
        assertTrue(cluster.startsWith(NS + "/"), cluster);
        return cluster.substring(NS.length() + 1);
    }

    /** Runs the rules as the sidecar model says: the caller's egress rules for this callee, then the callee's ingress rules. */
    private static String oracle(DeploymentInput in, String caller, String callee, Map<String, String> headers) {
        List<Rule> rules = new ArrayList<>();
        SidecarPlan from = in.plan().sidecars().get(caller);
        if (from != null) {
            from.egress().stream().filter(r -> r.destination().equals(callee)).forEach(rules::add);
        }
        SidecarPlan to = in.plan().sidecars().get(callee);
        if (to != null) {
            to.ingress().stream().filter(r -> r.callers().contains(caller)).forEach(rules::add);
        }
        String[] version = { null };
        for (Rule r : rules) {
            String ctx = headers.get(RuleCompiler.CTX_HEADER);
            ContextMatch m = r.match();
            boolean applies = m.any() || ctx != null && (m.chainRegex() == null || Pattern.matches(m.chainRegex(), ctx))
                    && (m.callerRegex() == null || Pattern.matches(m.callerRegex(), ctx));
            // the sidecar model: an egress rule sees only its own service's calls, an ingress rule its callers'
            if (applies && run(r.body(), headers, version, callee)) {
                return "denied";
            }
        }
        return version[0] == null ? callee : callee + "-" + version[0];
    }

    /** True when a Deny runs. */
    private static boolean run(List<Stmt> body, Map<String, String> headers, String[] version, String callee) {
        for (Stmt s : body) {
            if (s instanceof Stmt.If i) {
                if (run(eval(i.condition(), headers) ? i.then() : i.otherwise(), headers, version, callee)) {
                    return true;
                }
            } else if (s instanceof Stmt.CallStmt c) {
                switch (c.call().action()) {
                    case "Deny" -> {
                        return true;
                    }
                    case "RouteToVersion" -> {
                        if (((Expr.Str) c.call().args().get(1)).value().equals(callee)) {
                            version[0] = ((Expr.Str) c.call().args().get(2)).value();
                        }
                    }
                    default -> {}
                }
            }
        }
        return false;
    }

    private static boolean eval(Expr e, Map<String, String> headers) {
        return switch (e) {
            case Expr.Bool b -> b.value();
            case Expr.Not n -> !eval(n.operand(), headers);
            case Expr.And a -> eval(a.left(), headers) && eval(a.right(), headers);
            case Expr.Or o -> eval(o.left(), headers) || eval(o.right(), headers);
            case Expr.Call c -> headers.containsKey(((Expr.Str) c.args().get(1)).value().toLowerCase(java.util.Locale.ROOT));
            default -> throw new IllegalArgumentException(e.toString());
        };
    }

    @Test
    void whatCiliumCannotExpressIsAnErrorNamingThePolicyAndNothingIsWritten() throws Exception {
        Map<String, Policy> cases = new TreeMap<>(Map.of(
                "SetHeader as a statement", policy("tag", "frontend search", Side.INGRESS,
                        List.of(call("SetHeader", REQ, new Expr.Str("x-a"), new Expr.Str("b")))),
                "Increment as a statement", policy("count", "Request", "frontend search", Map.of("n", "Counter"), Side.INGRESS,
                        List.of(call("Increment", new Expr.Var("n")))),
                "RouteToVersion on the ingress queue", policy("late_route", "frontend search", Side.INGRESS, List.of(route("search", "v2"))),
                "act type Connection", policy("close", "Connection", "frontend search", Map.of(), Side.INGRESS,
                        List.of(call("Close", REQ))),
                "RouteToVersion with version 'V_2'", policy("bad_version", "frontend search", Side.EGRESS, List.of(route("search", "V_2")))));
        for (Map.Entry<String, Policy> c : cases.entrySet()) {
            Policy p = c.getValue();
            Side side = p.has(Side.INGRESS) ? Side.INGRESS : Side.EGRESS;
            String at = side == Side.INGRESS ? "search" : "frontend";
            SidecarPlan sp = side == Side.INGRESS
                    ? new SidecarPlan(at, "cilium", List.of(), List.of(rule(p, side, at, "search", Set.of("frontend"), null)))
                    : new SidecarPlan(at, "cilium", List.of(rule(p, side, at, "search", Set.of("frontend"), null)), List.of());
            FileTree out = new FileTree();
            out.put("keep.txt", "x");
            UnsupportedPolicyException e = assertThrows(UnsupportedPolicyException.class,
                    () -> new CiliumBackend().render(input(List.of(p), Map.of(at, sp)), out), c.getKey());
            assertTrue(e.getMessage().startsWith(p.name() + ".cup:3:1: policy " + p.name() + ": the cilium back end cannot express "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(c.getKey()), c.getKey() + " -> " + e.getMessage());
            assertEquals(Set.of("keep.txt"), out.files().keySet(), "nothing written");
        }
    }

    @Test
    void outputIsDeterministicAndOtherDataplanesAreLeftAlone() throws Exception {
        var a = render(sample()).files();
        var b = render(sample()).files();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((p, bytes) -> assertArrayEquals(bytes, b.get(p), p));

        DeploymentInput in = sample();
        Map<String, SidecarPlan> sc = new TreeMap<>(in.plan().sidecars());
        SidecarPlan geo = sc.get("geo");
        sc.put("geo", new SidecarPlan("geo", "haproxy", geo.egress(), geo.ingress()));
        SidecarPlan search = sc.get("search");
        sc.put("search", new SidecarPlan("search", "haproxy", search.egress(), search.ingress()));
        FileTree out = render(input(in.policies(), sc));
        assertEquals(Set.of("cilium/kustomization.yaml", "cilium/search/ciliumenvoyconfig.yaml"), out.files().keySet());
    }

    /** A context regex over Envoy's default RE2 program size is refused, naming the policy. */
    @Test
    void regexOverEnvoysLimitIsRefused() throws Exception {
        assertEquals(java.util.OptionalInt.of(100), new CiliumBackend().maxRegexProgramSize());
        Policy p = policy("long_chain", "frontend search", Side.EGRESS, List.of(call("Deny", REQ)));
        String huge = "^(?:" + String.join("|", java.util.Collections.nCopies(40, "00[1-9]")) + ")+$";
        Rule r = new Rule(p, Side.EGRESS, "frontend", "search", new TreeSet<>(Set.of("frontend")), new ContextMatch(huge, null), p.sections().get(Side.EGRESS));
        SidecarPlan fe = new SidecarPlan("frontend", "cilium", List.of(r), List.of());
        UnsupportedPolicyException e = assertThrows(UnsupportedPolicyException.class, () -> render(input(List.of(p), Map.of("frontend", fe))));
        assertTrue(e.getMessage().startsWith("long_chain.cup:3:1: policy long_chain:") && e.getMessage().contains("RE2 program"), e.getMessage());
    }

    /** Calls no rule acts on (a RouteToVersion of another service, a branch never taken) are not sent through Envoy. */
    @Test
    void noListenerForCallsNothingActsOn() throws Exception {
        Policy elsewhere = policy("elsewhere", "frontend search", Side.EGRESS, List.of(route("geo", "v2"),
                new Stmt.If(new Expr.Bool(false), List.of(route("search", "v3"), call("Deny", REQ)), List.of())));
        SidecarPlan fe = new SidecarPlan("frontend", "cilium", List.of(rule(elsewhere, Side.EGRESS, "frontend", "search", Set.of("frontend"), null)),
                List.of());
        assertEquals(Set.of(), render(input(List.of(elsewhere), Map.of("frontend", fe))).files().keySet());
    }

    /** kustomize (inside kubectl) builds the folder: every listed file exists and is a Kubernetes object. */
    @Test
    void kubectlKustomizeBuildsTheFolder(@TempDir Path dir) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(p -> Path.of(p, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        FileTree out = render(sample());
        for (var e : out.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.resolve("cilium").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertEquals(2, log.lines().filter(l -> l.equals("kind: CiliumEnvoyConfig")).count(), log);
    }
}

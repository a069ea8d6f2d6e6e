package org.wire.deploy.haproxy;

import static org.wire.deploy.BackendFixtures.GRAPH;
import static org.wire.deploy.BackendFixtures.IDS;
import static org.wire.deploy.BackendFixtures.REQ;
import static org.wire.deploy.BackendFixtures.call;
import static org.wire.deploy.BackendFixtures.policy;
import static org.wire.deploy.BackendFixtures.str;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

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
import org.wire.model.pattern.ContextPattern;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Renders a hand-built plan for frontend -> search -> geo and checks it with the real {@code haproxy -c}. */
class HaproxyBackendTest {

    static Rule rule(Policy p, Side side, String at, String destination) {
        String regex = new ContextRegex(IDS).toDestination(p.pattern(), destination).orElseThrow();
        Set<String> callers = new HashSet<>();
        callers.add(side == Side.EGRESS ? at : "frontend".equals(destination) ? "none" : GRAPH.service(GRAPH.predecessors(GRAPH.indexOf(destination))[0]));
        return new Rule(p, side, at, destination, new TreeSet<>(callers), new ContextMatch(regex, null), p.sections().get(side));
    }

    /** Ingress SetHeader at search; pinned, sampled RouteToVersion at frontend's egress; conditional Deny at geo. */
    static List<Policy> policies() {
        Policy tag = policy("tag_search", "frontend search", Map.of(), Side.INGRESS,
                List.of(call("SetHeader", REQ, str("x-p1"), str("100% \"true\" $HOME")), call("RemoveHeader", REQ, str("x-debug"))));
        Policy route = policy("route_search", "frontend search", Map.of("sampler", "Sampler"), Side.EGRESS, List.of(
                call("GetRandomSample", new Expr.Var("sampler")),
                new Stmt.If(new Expr.Call("IsLessThan", List.of(new Expr.Var("sampler"), new Expr.Decimal(new BigDecimal("0.25")))),
                        List.of(call("RouteToVersion", REQ, str("search"), str("beta"))),
                        List.of(call("RouteToVersion", REQ, str("search"), str("prod"))))));
        Policy deny = policy("guard_geo", "frontend .* geo", Map.of(), Side.INGRESS, List.of(
                new Stmt.If(new Expr.Or(new Expr.Not(new Expr.Call("HasHeader", List.of(REQ, str("x-user")))),
                        new Expr.And(new Expr.Call("HasHeader", List.of(REQ, str("x-bot"))), new Expr.Bool(true))),
                        List.of(call("Deny", REQ)), List.of())));
        Expr.Var n = new Expr.Var("n");
        Policy limit = policy("limit_geo", "frontend .* geo", Map.of("n", "Counter", "w", "Timer"), Side.INGRESS, List.of(
                new Stmt.If(new Expr.Call("IsTimeSince", List.of(new Expr.Var("w"), new Expr.Int(60))), List.of(call("Reset", n)), List.of()),
                call("Increment", n),
                new Stmt.If(new Expr.Call("IsGreaterThan", List.of(n, new Expr.Int(100))), List.of(call("Deny", REQ)), List.of())));
        return List.of(tag, route, deny, limit);
    }

    static DeploymentInput input(List<Policy> ps, Map<String, SidecarPlan> sidecars) {
        SortedMap<String, Endpoint> eps = new TreeMap<>(Map.of("frontend", new Endpoint("frontend", 8080, 9080),
                "search", new Endpoint("search", 8080, 9080), "geo", new Endpoint("geo", 8080, 9080)));
        return new DeploymentInput(GRAPH, ps, null, new EnforcementPlan(IDS, new TreeMap<>(sidecars)),
                new DeploySettings("shop", "traceparent", eps));
    }

    static DeploymentInput sample() {
        List<Policy> ps = policies();
        Map<String, SidecarPlan> sc = new TreeMap<>();
        sc.put("frontend", new SidecarPlan("frontend", "haproxy", List.of(rule(ps.get(1), Side.EGRESS, "frontend", "search")), List.of()));
        sc.put("search", new SidecarPlan("search", "haproxy", List.of(), List.of(rule(ps.get(0), Side.INGRESS, "search", "search"))));
        sc.put("geo", new SidecarPlan("geo", "haproxy", List.of(), List.of(rule(ps.get(2), Side.INGRESS, "geo", "geo"),
                rule(ps.get(3), Side.INGRESS, "geo", "geo"))));
        return input(ps, sc);
    }

    static FileTree render(DeploymentInput in) throws UnsupportedPolicyException {
        FileTree out = new FileTree();
        new HaproxyBackend().render(in, out);
        return out;
    }

    @Test
    void everyGeneratedConfigPassesHaproxyCheck(@TempDir Path dir) throws Exception {
        FileTree out = render(sample());
        List<String> cfgs = new ArrayList<>();
        out.files().keySet().stream().filter(p -> p.endsWith("haproxy.cfg")).forEach(cfgs::add);
        assertEquals(List.of("haproxy/frontend/haproxy.cfg", "haproxy/geo/haproxy.cfg", "haproxy/search/haproxy.cfg"), cfgs);
        String haproxy = haproxyOrSkip();
        for (String cfg : cfgs) {
            Path f = dir.resolve(cfg.replace('/', '_'));
            Files.writeString(f, out.text(cfg));
            Process p = new ProcessBuilder(haproxy, "-c", "-f", f.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), () -> cfg + " rejected by haproxy -c:\n" + log + "\n---\n" + out.text(cfg));
            // the test machine has no DNS for the Kubernetes service names; every other warning fails
            List<String> warnings = log.lines().filter(l -> l.contains("[WARNING]") && !l.contains("could not resolve address")).toList();
            assertEquals(List.of(), warnings, () -> cfg + ": haproxy -c warns:\n" + log);
        }
    }

    @Test
    void contextRegexesAndActionsAppear() throws Exception {
        FileTree out = render(sample());
        String search = out.text("haproxy/search/haproxy.cfg");
        String re = new ContextRegex(IDS).toDestination(ContextPattern.parse("frontend search"), "search").orElseThrow();
        assertTrue(search.contains("acl r0_tag_search_chain req.fhdr(x-copper-ctx) -m reg '" + re + "'"), search);
        assertTrue(search.contains("http-request set-header x-p1 \"100%% \\\"true\\\" \\$HOME\" if { var(txn.r0) -m bool }"), search);
        assertTrue(search.contains("http-request del-header x-debug if { var(txn.r0) -m bool }"), search);
        assertTrue(search.contains("bind :8080 proto h2") && search.contains("server app 127.0.0.1:9080 proto h2"), search);
        assertTrue(search.contains("frontend to_geo\n    bind 127.0.0.1:" + (15000 + IDS.ids().get("geo")) + " proto h2"), search);

        String fe = out.text("haproxy/frontend/haproxy.cfg");
        assertTrue(fe.contains("http-request set-var(txn.r0_s_sampler) rand(1000000) if { var(txn.r0) -m bool }"), fe);
        assertTrue(fe.contains("{ var(txn.r0_s_sampler) -m int lt 250000 }"), fe);
        assertTrue(fe.contains("use_backend search_beta if { var(txn.route) -m str beta }"), fe);
        assertTrue(fe.contains("backend search_prod\n    server search-prod search-prod:8080 proto h2"), fe);
        assertTrue(fe.contains("server search search:8080 proto h2"), fe);

        String geo = out.text("haproxy/geo/haproxy.cfg");
        String geoRe = new ContextRegex(IDS).toDestination(ContextPattern.parse("frontend .* geo"), "geo").orElseThrow();
        assertTrue(geo.contains("-m reg '" + geoRe + "'"), geo);
        // !has(x-user) || (has(x-bot) && true), each alternative under the rule's guard
        assertTrue(geo.contains("http-request set-var(txn.r0_b0) bool(1) if { var(txn.r0) -m bool } !{ req.fhdr_cnt(x-user) gt 0 }"
                + " || { var(txn.r0) -m bool } { req.fhdr_cnt(x-bot) gt 0 }"), geo);
        assertTrue(geo.contains("http-request deny if { var(txn.r0_b0) -m bool }"), geo);
        assertFalse(geo.contains("\nfrontend to_"), geo);
        // the rate limit: timer w fires after 60 s and resets counter n, then n counts and denies above 100
        assertTrue(geo.contains("http-request track-sc0 int(1) table st_ingress_r1_w if { var(txn.r1) -m bool }"), geo);
        assertTrue(geo.contains("{ var(txn.r1_t_w_age) -m int ge 60 }"), geo);
        assertTrue(geo.contains("http-request sc-set-gpt0(0) date() if { var(txn.r1_t_w_fired) -m bool }"), geo);
        assertTrue(geo.contains("http-request set-var(txn.r1_cleared) sc_clr_gpc0(1) if { var(txn.r1_b0) -m bool }"), geo);
        assertTrue(geo.contains("http-request sc-inc-gpc0(1) if { var(txn.r1) -m bool }"), geo);
        assertTrue(geo.contains("{ sc_get_gpc0(1) gt 100 }"), geo);
        assertTrue(geo.contains("backend st_ingress_r1_n\n    stick-table type integer size 1 store gpc0,gpt0"), geo);
        assertTrue(geo.indexOf("sc_clr_gpc0(1)") < geo.indexOf("sc-inc-gpc0(1)"), "Reset before Increment, as written");
    }

    @Test
    void kubernetesObjectsReadBack() throws Exception {
        FileTree out = render(sample());
        KubernetesSerialization k = new KubernetesSerialization();
        ConfigMap cm = k.unmarshal(out.text("haproxy/search/configmap.yaml"), ConfigMap.class);
        assertEquals("shop", cm.getMetadata().getNamespace());
        assertEquals(out.text("haproxy/search/haproxy.cfg"), cm.getData().get("haproxy.cfg"));
        Deployment d = k.unmarshal(out.text("haproxy/search/sidecar-patch.yaml"), Deployment.class);
        assertEquals("search", d.getMetadata().getName());
        var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(8080, c.getPorts().get(0).getContainerPort());
        assertEquals(cm.getMetadata().getName(), d.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName());
    }

    @Test
    void outputIsDeterministic() throws Exception {
        var a = render(sample()).files();
        var b = render(sample()).files();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((p, bytes) -> assertArrayEquals(bytes, b.get(p), p));
    }

    @Test
    void otherDataplanesAreLeftAlone() throws Exception {
        DeploymentInput in = sample();
        Map<String, SidecarPlan> sc = new TreeMap<>(in.plan().sidecars());
        SidecarPlan geo = sc.get("geo");
        sc.put("geo", new SidecarPlan("geo", "istio", geo.egress(), geo.ingress()));
        FileTree out = render(input(in.policies(), sc));
        assertFalse(out.contains("haproxy/geo/haproxy.cfg"));
        assertTrue(out.contains("haproxy/search/haproxy.cfg"));
    }

    @Test
    void unsupportedActionThrowsNamingThePolicyAndWritesNothing() {
        Policy count = policy("timed_or", "frontend search", Map.of("t", "Timer"), Side.INGRESS,
                List.of(new Stmt.If(new Expr.Or(new Expr.Call("IsTimeSince", List.of(new Expr.Var("t"), new Expr.Int(5))),
                        new Expr.Call("HasHeader", List.of(REQ, str("x")))), List.of(call("Deny", REQ)), List.of())));
        Policy ingressRoute = policy("late_route", "frontend search", Map.of(), Side.INGRESS,
                List.of(call("RouteToVersion", REQ, str("search"), str("v1"))));
        for (Policy p : List.of(count, ingressRoute)) {
            DeploymentInput in = sample();
            Map<String, SidecarPlan> sc = new TreeMap<>(in.plan().sidecars());
            sc.put("search", new SidecarPlan("search", "haproxy", List.of(), List.of(rule(p, Side.INGRESS, "search", "search"))));
            FileTree out = new FileTree();
            UnsupportedPolicyException e = assertThrows(UnsupportedPolicyException.class,
                    () -> new HaproxyBackend().render(input(List.of(p), sc), out));
            assertTrue(e.getMessage().contains("policy " + p.name()), e.getMessage());
            String action = p == count ? "IsTimeSince" : "RouteToVersion";
            assertTrue(e.getMessage().contains(action), e.getMessage());
            assertTrue(e.getMessage().startsWith(p.name() + ".cup:3:1"), e.getMessage());
            assertTrue(out.files().isEmpty(), "nothing written on error");
        }
    }

    /** haproxy on PATH; in CI (CI=true) its absence fails the test, elsewhere it skips with a message. */
    static String haproxyOrSkip() throws IOException, InterruptedException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "haproxy");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("haproxy is not installed (CI=true): apt-get install -y haproxy");
        }
        Assumptions.abort("haproxy is not installed: skipping haproxy -c (apt-get install -y haproxy to run it)");
        return null;
    }
}

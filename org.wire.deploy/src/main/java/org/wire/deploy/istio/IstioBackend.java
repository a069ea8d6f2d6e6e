package org.wire.deploy.istio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonObject;

import org.wire.deploy.DataplaneBackend;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Policy;
import org.wire.model.io.JsonText;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;

/**
 * The Istio back end. Where Istio applies each resource agrees with the queue Wire chose:
 * <ul>
 * <li>egress rules (at the caller) become VirtualService routes for the callee's host, restricted to the caller's
 * workload by {@code sourceLabels}; a VirtualService acts in the caller's sidecar. Version subsets go into a
 * DestinationRule;</li>
 * <li>ingress rules (at the callee) become HTTP filters inserted by an EnvoyFilter in context SIDECAR_INBOUND of
 * the callee's workload: RBAC for deny-only bodies, Lua (behind a context-header matcher) for the rest.</li>
 * </ul>
 * Output under {@code istio/}: {@code mesh/} (the Istio resources, listed by {@code kustomization.yaml} for
 * {@code kubectl apply -k}), {@code workloads/SERVICE.yaml} (a strategic-merge patch per Deployment setting
 * {@code sidecar.istio.io/inject}: "true" where Wire placed an Istio sidecar, "false" elsewhere) and
 * {@code lines.json} (lines of Istio resources per policy, for Table 3).
 *
 * <p>Workloads are found by the label {@value #APP_LABEL}{@code : SERVICE} and versions by {@code version: V}.
 */
public final class IstioBackend implements DataplaneBackend {
    public static final String NAME = "istio";
    public static final String APP_LABEL = "app";
    public static final String LINES = NAME + "/lines.json";

    @Override
    public String dataplane() {
        return NAME;
    }

    /** Istio's bootstrap raises Envoy's limit ({@code re2.max_program_size.error_level}, default 100) to this. */
    public static final int ISTIO_RE2_PROGRAM_SIZE = 32768;

    @Override
    public java.util.OptionalInt maxRegexProgramSize() {
        return java.util.OptionalInt.of(ISTIO_RE2_PROGRAM_SIZE);
    }

    @Override
    public void render(DeploymentInput input, FileTree out) throws UnsupportedPolicyException {
        String ns = input.settings().namespace();
        TreeMap<String, Integer> policyLines = new TreeMap<>();
        // callee -> caller routes, in caller order (sidecars come sorted)
        TreeMap<String, List<HTTPRoute>> routes = new TreeMap<>();
        TreeMap<String, SortedSet<String>> versions = new TreeMap<>();
        TreeMap<String, Map<String, SortedSet<String>>> versionUsers = new TreeMap<>();
        TreeMap<String, List<EnvoyFilterEnvoyConfigObjectPatch>> inbound = new TreeMap<>();
        TreeSet<String> oneWorker = new TreeSet<>();
        TreeSet<String> istioSidecars = new TreeSet<>();

        for (SidecarPlan sidecar : input.plan().sidecars().values()) {
            if (!NAME.equals(sidecar.dataplane())) {
                continue;
            }
            String service = sidecar.service();
            istioSidecars.add(service);
            LinkedHashMap<String, List<Rule>> byCallee = new LinkedHashMap<>();
            for (Rule r : sidecar.egress()) {
                byCallee.computeIfAbsent(r.destination(), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Rule>> e : new TreeMap<>(byCallee).entrySet()) {
                String callee = e.getKey();
                CallerRoutes cr = new CallerRoutes(NAME, service, callee, input.settings().endpoint(callee).host());
                for (CallerRoutes.Route route : cr.compile(e.getValue())) {
                    routes.computeIfAbsent(callee, k -> new ArrayList<>()).add(route.route());
                    int n = IstioObjects.lines(route.route());
                    route.policies().forEach(p -> policyLines.merge(p, n, Integer::sum));
                }
                versions.computeIfAbsent(callee, k -> new TreeSet<>()).addAll(cr.versions);
                cr.versionsByPolicy.forEach((p, vs) -> vs.forEach(v -> versionUsers.computeIfAbsent(callee, k -> new TreeMap<>())
                        .computeIfAbsent(v, k -> new TreeSet<>()).add(p)));
            }
            for (Rule r : sidecar.ingress()) {
                InboundFilters.Filter f = InboundFilters.of(NAME, r);
                if (f == null) {
                    continue;
                }
                EnvoyFilterEnvoyConfigObjectPatch patch = IstioObjects.inboundPatch(f.value());
                inbound.computeIfAbsent(service, k -> new ArrayList<>()).add(patch);
                policyLines.merge(r.policy().name(), IstioObjects.lines(patch), Integer::sum);
                if (f.stateful()) {
                    oneWorker.add(service);
                }
            }
        }
        if (istioSidecars.isEmpty()) {
            return;
        }

        FileTree mine = new FileTree();
        List<String> resources = new ArrayList<>();
        int total = 0;
        // subsets before the routes that name them (kustomization order: DestinationRules, VirtualServices, EnvoyFilters)
        for (Map.Entry<String, SortedSet<String>> e : versions.entrySet()) {
            String callee = e.getKey();
            if (e.getValue().isEmpty()) {
                continue;
            }
            String host = input.settings().endpoint(callee).host();
            total += put(mine, resources, "mesh/" + callee + "-destinationrule.yaml",
                    IstioObjects.yaml(IstioObjects.destinationRule(callee, ns, host, e.getValue())));
            versionUsers.getOrDefault(callee, Map.of()).forEach((v, users) -> {
                int n = IstioObjects.lines(IstioObjects.subset(v));
                users.forEach(p -> policyLines.merge(p, n, Integer::sum));
            });
        }
        for (Map.Entry<String, List<HTTPRoute>> e : routes.entrySet()) {
            String callee = e.getKey();
            String host = input.settings().endpoint(callee).host();
            total += put(mine, resources, "mesh/" + callee + "-virtualservice.yaml",
                    IstioObjects.yaml(IstioObjects.virtualService(callee, ns, host, e.getValue())));
        }
        for (Map.Entry<String, List<EnvoyFilterEnvoyConfigObjectPatch>> e : inbound.entrySet()) {
            String path = "mesh/" + e.getKey() + "-envoyfilter.yaml";
            total += put(mine, resources, path, IstioObjects.yaml(IstioObjects.envoyFilter(e.getKey(), ns, e.getValue())));
        }
        for (String service : input.graph().services()) {
            boolean inject = istioSidecars.contains(service);
            mine.put(NAME + "/workloads/" + service + ".yaml",
                    IstioObjects.yaml(IstioObjects.injectionPatch(service, ns, inject, oneWorker.contains(service))));
        }
        mine.put(NAME + "/kustomization.yaml", kustomization(ns, resources));
        mine.put(LINES, lines(input.policies(), policyLines, total));
        mine.files().forEach(out::put);
    }

    private static int put(FileTree tree, List<String> resources, String path, String yaml) {
        tree.put(NAME + "/" + path, yaml);
        resources.add(path);
        return IstioObjects.textLines(yaml);
    }

    private static String kustomization(String namespace, List<String> resources) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        k.put("kind", "Kustomization");
        k.put("namespace", namespace);
        k.put("resources", resources.isEmpty() ? List.of() : resources);
        return IstioObjects.yaml(k);
    }

    /**
     * {@code {"policies": {NAME: {"origin": FILE:LINE:COL, "istio_lines": N}}, "total_istio_lines": N}}: the lines
     * of Istio resources each policy placed on Istio needs (its routes, subsets and filter patches; shared
     * headers of a resource count in the total only).
     */
    private static String lines(List<Policy> policies, SortedMap<String, Integer> perPolicy, int total) {
        Map<String, Policy> byName = new TreeMap<>();
        policies.forEach(p -> byName.put(p.name(), p));
        JsonObject ps = new JsonObject();
        perPolicy.forEach((name, n) -> {
            JsonObject o = new JsonObject();
            Policy p = byName.get(name);
            o.addProperty("origin", p == null ? null : p.origin().toString());
            o.addProperty("istio_lines", n);
            ps.add(name, o);
        });
        JsonObject root = new JsonObject();
        root.add("policies", ps);
        root.addProperty("total_istio_lines", total);
        return JsonText.of(root);
    }
}

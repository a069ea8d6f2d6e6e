package org.wire.deploy.istio;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.envoyproxy.envoy.extensions.common.matching.v3.ExtensionWithMatcher;
import io.envoyproxy.envoy.extensions.filters.common.matcher.action.v3.SkipFilter;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.lua.v3.Lua;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.matcher.v3.HttpRequestHeaderMatchInput;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Validates every file the Istio back end wrote (under {@code istio/}) against the real models: Istio resources
 * deserialised into fabric8 istio-model classes with unknown properties failing (fabric8 keeps unknown fields in
 * {@code additionalProperties}, so every object reached must have none, and the parsed object must serialise back
 * to the same tree); every Envoy filter inside an EnvoyFilter parsed by protobuf's JsonFormat with Envoy's protos,
 * unknown fields failing, typed_config resolved through a TypeRegistry; workload patches as fabric8 Deployments;
 * kustomization.yaml listing exactly the Istio resources; lines.json adding up.
 */
public final class IstioOutputValidator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonFormat.TypeRegistry ENVOY_TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(RBAC.getDescriptor()).add(Lua.getDescriptor()).add(LocalRateLimit.getDescriptor())
            .add(ExtensionWithMatcher.getDescriptor()).add(SkipFilter.getDescriptor()).add(HttpRequestHeaderMatchInput.getDescriptor())
            .build();

    /** What was checked, for assertions that the validator saw something. */
    public record Report(int istioResources, int envoyFilters, List<String> luaSources, int workloads) {}

    private IstioOutputValidator() {}

    /** @param files a build's whole tree (path to bytes); only {@code istio/...} is looked at */
    public static Report validate(SortedMap<String, byte[]> files) throws Exception {
        int resources = 0, filters = 0, workloads = 0;
        List<String> lua = new ArrayList<>();
        TreeSet<String> mesh = new TreeSet<>();
        int meshLines = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String path = e.getKey();
            if (!path.startsWith("istio/")) {
                continue;
            }
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            String rel = path.substring("istio/".length());
            if (rel.startsWith("mesh/")) {
                mesh.add(rel);
                meshLines += (int) text.lines().count() - (text.startsWith("---") ? 1 : 0); // counted here, not by the back end's code
                JsonNode tree = YAML.readTree(text);
                String kind = tree.path("kind").asText();
                switch (kind) {
                    case "VirtualService" -> strict(path, tree, VirtualService.class, "networking.istio.io/v1");
                    case "DestinationRule" -> strict(path, tree, DestinationRule.class, "networking.istio.io/v1");
                    case "EnvoyFilter" -> {
                        EnvoyFilter f = strict(path, tree, EnvoyFilter.class, "networking.istio.io/v1alpha3");
                        for (var patch : f.getSpec().getConfigPatches()) {
                            filters++;
                            lua.addAll(envoyFilter(path, JSON.writeValueAsString(patch.getPatch().getValue())));
                        }
                    }
                    default -> throw new AssertionError(path + ": unexpected kind '" + kind + "'");
                }
                resources++;
            } else if (rel.startsWith("workloads/")) {
                Deployment d = strict(path, YAML.readTree(text), Deployment.class, "apps/v1");
                String service = rel.substring("workloads/".length(), rel.length() - ".yaml".length());
                if (!d.getMetadata().getName().equals(service)) {
                    throw new AssertionError(path + ": patches Deployment " + d.getMetadata().getName());
                }
                String inject = d.getSpec().getTemplate().getMetadata().getLabels().get(IstioObjects.INJECT);
                if (!"true".equals(inject) && !"false".equals(inject)) {
                    throw new AssertionError(path + ": injection label '" + inject + "'");
                }
                workloads++;
            } else if (!rel.equals("kustomization.yaml") && !rel.equals("lines.json")) {
                throw new AssertionError(path + ": a file the validator does not know");
            }
        }
        kustomization(files, mesh);
        lines(files, meshLines);
        return new Report(resources, filters, lua, workloads);
    }

    private static <T> T strict(String path, JsonNode tree, Class<T> type, String apiVersion) throws Exception {
        if (!apiVersion.equals(tree.path("apiVersion").asText())) {
            throw new AssertionError(path + ": apiVersion " + tree.path("apiVersion") + ", expected " + apiVersion);
        }
        T o = YAML.treeToValue(tree, type);
        noAdditionalProperties(path, o, new IdentityHashMap<>());
        JsonNode back = YAML.valueToTree(o);
        // numbers compare by value: the model may hold 403 as a long where the YAML reader made an int
        java.util.Comparator<JsonNode> sameValue = (a, b) -> a.equals(b) || a.isNumber() && b.isNumber()
                && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
        if (!back.equals(sameValue, tree)) {
            throw new AssertionError(path + ": does not survive " + type.getSimpleName() + " unchanged:\n" + tree + "\n" + back);
        }
        return o;
    }

    /** Every fabric8 object reachable from {@code o} has no unknown (additional) properties; free-form maps are skipped. */
    private static void noAdditionalProperties(String path, Object o, IdentityHashMap<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            for (Object x : c) {
                noAdditionalProperties(path, x, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Object x : m.values()) {
                noAdditionalProperties(path, x, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(path + ": unknown fields " + extra.keySet() + " in " + o.getClass().getSimpleName());
                }
            } else if (!m.getName().equals("getValue") || !o.getClass().getSimpleName().equals("EnvoyFilterPatch")) {
                noAdditionalProperties(path, v, seen);
            }
        }
    }

    /** Parses one patch value as Envoy's HttpFilter, strictly; returns the Lua sources inside. */
    static List<String> envoyFilter(String path, String json) throws Exception {
        HttpFilter.Builder b = HttpFilter.newBuilder();
        try {
            JsonFormat.parser().usingTypeRegistry(ENVOY_TYPES).merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(path + ": not a valid Envoy HttpFilter: " + e.getMessage() + "\n" + json, e);
        }
        HttpFilter f = b.build();
        List<String> lua = new ArrayList<>();
        var any = f.getTypedConfig();
        if (any.is(RBAC.class)) {
            RBAC rbac = any.unpack(RBAC.class);
            if (!rbac.hasRules() || rbac.getRules().getPoliciesCount() == 0) {
                throw new AssertionError(path + ": RBAC filter without rules");
            }
        } else if (any.is(Lua.class)) {
            lua.add(any.unpack(Lua.class).getDefaultSourceCode().getInlineString());
        } else if (any.is(ExtensionWithMatcher.class)) {
            ExtensionWithMatcher m = any.unpack(ExtensionWithMatcher.class);
            if (!m.getXdsMatcher().hasMatcherList()) {
                throw new AssertionError(path + ": ExtensionWithMatcher without a matcher list");
            }
            var inner = m.getExtensionConfig().getTypedConfig();
            if (inner.is(Lua.class)) {
                lua.add(inner.unpack(Lua.class).getDefaultSourceCode().getInlineString());
            } else if (inner.is(LocalRateLimit.class)) {
                rateLimit(path, inner.unpack(LocalRateLimit.class));
            } else {
                throw new AssertionError(path + ": matcher wraps " + inner.getTypeUrl());
            }
        } else if (any.is(LocalRateLimit.class)) {
            rateLimit(path, any.unpack(LocalRateLimit.class));
        } else {
            throw new AssertionError(path + ": unexpected filter type " + any.getTypeUrl());
        }
        return lua;
    }

    /** Enabled and enforced for every request (both default to 0%), a bucket that admits something. */
    private static void rateLimit(String path, LocalRateLimit l) {
        for (var f : List.of(l.getFilterEnabled(), l.getFilterEnforced())) {
            var p = f.getDefaultValue();
            if (p.getNumerator() != 100 || p.getDenominator() != io.envoyproxy.envoy.type.v3.FractionalPercent.DenominatorType.HUNDRED) {
                throw new AssertionError(path + ": local rate limit not at 100%: " + p);
            }
        }
        if (l.getTokenBucket().getMaxTokens() == 0 || l.getTokenBucket().getTokensPerFill().getValue() == 0
                || l.getTokenBucket().getFillInterval().getSeconds() == 0 || l.getStatPrefix().isEmpty()) {
            throw new AssertionError(path + ": local rate limit without a usable bucket: " + l);
        }
    }

    private static void kustomization(SortedMap<String, byte[]> files, Set<String> mesh) throws Exception {
        byte[] k = files.get("istio/kustomization.yaml");
        if (k == null) {
            if (!mesh.isEmpty()) {
                throw new AssertionError("istio/ has resources but no kustomization.yaml");
            }
            return;
        }
        JsonNode tree = YAML.readTree(k);
        if (!"kustomize.config.k8s.io/v1beta1".equals(tree.path("apiVersion").asText()) || !"Kustomization".equals(tree.path("kind").asText())) {
            throw new AssertionError("istio/kustomization.yaml: not a Kustomization");
        }
        TreeSet<String> listed = new TreeSet<>();
        tree.path("resources").forEach(r -> listed.add(r.asText()));
        if (!listed.equals(mesh) || tree.path("resources").size() != mesh.size()) {
            throw new AssertionError("istio/kustomization.yaml lists " + listed + ", the resources are " + mesh);
        }
    }

    private static void lines(SortedMap<String, byte[]> files, int meshLines) {
        byte[] l = files.get(IstioBackend.LINES);
        if (l == null) {
            return;
        }
        JsonObject o = JsonParser.parseString(new String(l, StandardCharsets.UTF_8)).getAsJsonObject();
        if (o.get("total_istio_lines").getAsInt() != meshLines) {
            throw new AssertionError("lines.json total " + o.get("total_istio_lines") + " but the resources have " + meshLines + " lines");
        }
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("policies").entrySet()) {
            int n = e.getValue().getAsJsonObject().get("istio_lines").getAsInt();
            if (n <= 0 || n > meshLines) {
                throw new AssertionError("lines.json: policy " + e.getKey() + " has " + n + " lines of " + meshLines);
            }
        }
    }
}

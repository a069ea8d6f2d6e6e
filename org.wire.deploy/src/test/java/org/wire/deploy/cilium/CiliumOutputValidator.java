package org.wire.deploy.cilium;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.Any;
import com.google.protobuf.Message;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster.ClusterWeight;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Validates every file of the Cilium back end's output (the files under {@code cilium/}), as a cluster would read
 * them: the kustomization lists exactly the CiliumEnvoyConfigs; each CiliumEnvoyConfig reads into fabric8's model
 * with no unknown metadata fields and a spec that matches Cilium's CRD (cilium.io/v2) field for field; every Envoy
 * resource in it parses with Envoy's protos ({@link EnvoyProtos}); every regex compiles as RE2; and the names that
 * tie them together resolve (listener, route configuration, clusters, Services).
 */
public final class CiliumOutputValidator {
    private static final KubernetesSerialization K8S = new KubernetesSerialization();
    /** Strict: an unknown field in the spec fails. */
    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    /** The spec of Cilium's CiliumEnvoyConfig CRD (cilium.io/v2), its fields only. */
    record Spec(List<ServiceListenerSpec> services, List<BackendServiceSpec> backendServices, List<Map<String, Object>> resources,
            Map<String, Object> nodeSelector) {}

    record ServiceListenerSpec(String name, String namespace, List<Integer> ports, String listener) {}

    record BackendServiceSpec(String name, String namespace, List<String> number) {}

    record Kustomization(String apiVersion, String kind, List<String> resources) {}

    /** What was checked: counts a test can assert on. */
    public record Report(int envoyConfigs, SortedMap<String, Integer> envoyResources, int regexes) {}

    private CiliumOutputValidator() {}

    /**
     * @param files the build output (paths relative to its root); only those under {@code cilium/} are looked at,
     *              and every one of them is checked
     */
    public static Report validate(SortedMap<String, byte[]> files) throws Exception {
        TreeMap<String, String> mine = new TreeMap<>();
        files.forEach((p, b) -> {
            if (p.startsWith(CiliumBackend.NAME + "/")) {
                mine.put(p.substring(CiliumBackend.NAME.length() + 1), new String(b, StandardCharsets.UTF_8));
            }
        });
        if (mine.isEmpty()) {
            return new Report(0, new TreeMap<>(), 0);
        }
        String k = mine.remove("kustomization.yaml");
        check(k != null, "cilium/kustomization.yaml is missing");
        Kustomization kust = STRICT.readValue(k, Kustomization.class);
        check("kustomize.config.k8s.io/v1beta1".equals(kust.apiVersion()) && "Kustomization".equals(kust.kind()),
                "kustomization.yaml: apiVersion/kind " + kust.apiVersion() + "/" + kust.kind());
        check(new TreeSet<>(kust.resources()).equals(mine.navigableKeySet()) && kust.resources().size() == mine.size(),
                "kustomization.yaml lists " + kust.resources() + ", the folder holds " + mine.keySet());

        TreeMap<String, Integer> counts = new TreeMap<>();
        int regexes = 0;
        Set<String> redirected = new HashSet<>();
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String where = "cilium/" + e.getKey();
            check(e.getKey().endsWith("/ciliumenvoyconfig.yaml"), where + ": not a CiliumEnvoyConfig file name");
            GenericKubernetesResource cec = K8S.unmarshal(e.getValue(), GenericKubernetesResource.class);
            check(CiliumObjects.API_VERSION.equals(cec.getApiVersion()) && CiliumObjects.KIND.equals(cec.getKind()),
                    where + ": apiVersion/kind " + cec.getApiVersion() + "/" + cec.getKind());
            ObjectMeta meta = cec.getMetadata();
            check(meta != null, where + ": no metadata");
            assertNoUnknownFields(meta, where + ": metadata");
            check(DNS_SUBDOMAIN.matcher(meta.getName()).matches(), where + ": name " + meta.getName());
            check(meta.getNamespace() != null && DNS_LABEL.matcher(meta.getNamespace()).matches(), where + ": namespace " + meta.getNamespace());
            check(cec.getAdditionalProperties().keySet().equals(Set.of("spec")), where + ": top-level fields " + cec.getAdditionalProperties().keySet());
            Spec spec = STRICT.convertValue(cec.getAdditionalProperties().get("spec"), Spec.class);
            check(spec.resources() != null && !spec.resources().isEmpty(), where + ": spec.resources is required");
            String ns = meta.getNamespace();

            Set<String> services = new TreeSet<>();
            for (ServiceListenerSpec s : spec.services() == null ? List.<ServiceListenerSpec>of() : spec.services()) {
                check(s.name() != null && DNS_LABEL.matcher(s.name()).matches(), where + ": services[].name " + s.name());
                check(s.namespace() == null || s.namespace().equals(ns), where + ": services[].namespace " + s.namespace() + " is not the CEC's");
                check(s.ports() == null || s.ports().stream().allMatch(p -> p >= 1 && p <= 65535), where + ": services[].ports " + s.ports());
                check(redirected.add(ns + "/" + s.name()), where + ": Service " + s.name() + " is redirected by two CiliumEnvoyConfigs");
                services.add(s.name());
            }
            Set<String> backends = new TreeSet<>();
            for (BackendServiceSpec b : spec.backendServices() == null ? List.<BackendServiceSpec>of() : spec.backendServices()) {
                check(b.name() != null && DNS_LABEL.matcher(b.name()).matches(), where + ": backendServices[].name " + b.name());
                check(b.namespace() == null || b.namespace().equals(ns), where + ": backendServices[].namespace " + b.namespace());
                backends.add(b.name());
            }

            List<Listener> listeners = new ArrayList<>();
            Map<String, RouteConfiguration> routeConfigs = new TreeMap<>();
            Map<String, Cluster> clusters = new TreeMap<>();
            for (Map<String, Object> resource : spec.resources()) {
                String json = K8S.asJson(resource);
                Message m;
                try {
                    m = EnvoyProtos.parse(json);
                } catch (Exception ex) {
                    throw new AssertionError(where + ": Envoy rejects resource " + resource.get("@type") + ": " + ex.getMessage() + "\n" + json, ex);
                }
                counts.merge(m.getDescriptorForType().getName(), 1, Integer::sum);
                regexes += checkRegexes(STRICT.valueToTree(resource), where);
                switch (m.getDescriptorForType().getFullName()) {
                    case "envoy.config.listener.v3.Listener" -> listeners.add(Listener.parseFrom(m.toByteString()));
                    case "envoy.config.route.v3.RouteConfiguration" -> {
                        RouteConfiguration rc = RouteConfiguration.parseFrom(m.toByteString());
                        check(routeConfigs.put(rc.getName(), rc) == null, where + ": two route configurations " + rc.getName());
                    }
                    case "envoy.config.cluster.v3.Cluster" -> {
                        Cluster c = Cluster.parseFrom(m.toByteString());
                        check(clusters.put(c.getName(), c) == null, where + ": two clusters " + c.getName());
                        check(c.getType() == Cluster.DiscoveryType.EDS, where + ": cluster " + c.getName() + " is not EDS");
                        // Cilium fills cluster namespace/name with the endpoints of a Service the CEC names
                        String svc = c.getName().startsWith(ns + "/") ? c.getName().substring(ns.length() + 1) : null;
                        check(svc != null && (services.contains(svc) || backends.contains(svc)),
                                where + ": cluster " + c.getName() + " is not a Service of this CiliumEnvoyConfig");
                    }
                    default -> throw new AssertionError(where + ": unexpected resource " + m.getDescriptorForType().getFullName());
                }
            }
            check(listeners.size() == 1, where + ": expected one listener, got " + listeners.size());
            Listener l = listeners.get(0);
            for (ServiceListenerSpec s : spec.services()) {
                check(s.listener() == null || s.listener().equals(l.getName()), where + ": services[].listener " + s.listener() + " is not " + l.getName());
            }
            Set<String> routed = new TreeSet<>();
            for (FilterChain fc : l.getFilterChainsList()) {
                for (Filter f : fc.getFiltersList()) {
                    HttpConnectionManager hcm = HttpConnectionManager.parseFrom(f.getTypedConfig().getValue());
                    check(f.getTypedConfig().getTypeUrl().endsWith("HttpConnectionManager"), where + ": filter " + f.getName());
                    List<HttpFilter> hf = hcm.getHttpFiltersList();
                    check(!hf.isEmpty() && hf.get(hf.size() - 1).getName().equals("envoy.filters.http.router"),
                            where + ": the router must be the last HTTP filter");
                    for (HttpFilter h : hf) {
                        EnvoyProtos.unpack(h.getTypedConfig()); // in the registry
                        check(!h.getTypedConfig().equals(Any.getDefaultInstance()), where + ": HTTP filter " + h.getName() + " has no typed_config");
                    }
                    RouteConfiguration rc = routeConfigs.get(hcm.getRds().getRouteConfigName());
                    check(rc != null, where + ": rds names " + hcm.getRds().getRouteConfigName() + ", which is not in the resources");
                    for (VirtualHost vh : rc.getVirtualHostsList()) {
                        for (Route r : vh.getRoutesList()) {
                            if (r.getRoute().hasWeightedClusters()) {
                                for (ClusterWeight w : r.getRoute().getWeightedClusters().getClustersList()) {
                                    routed.add(w.getName());
                                }
                            } else {
                                routed.add(r.getRoute().getCluster());
                            }
                        }
                        Route last = vh.getRoutes(vh.getRoutesCount() - 1);
                        check(last.getMatch().getHeadersCount() == 0, where + ": the last route must catch every request");
                    }
                }
            }
            check(routed.equals(clusters.keySet()), where + ": routes use " + routed + ", clusters are " + clusters.keySet());
        }
        return new Report(mine.size(), counts, regexes);
    }

    /** Every {@code safe_regex} must compile as RE2 (RE2/J implements RE2's syntax). */
    private static int checkRegexes(JsonNode node, String where) {
        int n = 0;
        if (node.isObject()) {
            JsonNode sr = node.get("safe_regex");
            if (sr != null) {
                String regex = sr.get("regex").asText();
                try {
                    com.google.re2j.Pattern.compile(regex);
                } catch (com.google.re2j.PatternSyntaxException e) {
                    throw new AssertionError(where + ": not an RE2 regex: " + regex + ": " + e.getMessage());
                }
                n++;
            }
            for (var it = node.fields(); it.hasNext();) {
                n += checkRegexes(it.next().getValue(), where);
            }
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                n += checkRegexes(c, where);
            }
        }
        return n;
    }

    /**
     * fabric8's model keeps fields it does not know in {@code additionalProperties}; strict reading means every such
     * map, at any depth of the model objects, is empty.
     */
    static void assertNoUnknownFields(Object o, String where) throws Exception {
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            if (o instanceof Collection<?> c) {
                for (Object x : c) {
                    assertNoUnknownFields(x, where);
                }
            }
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                check(v == null || ((Map<?, ?>) v).isEmpty(), where + ": unknown fields " + v);
            } else {
                assertNoUnknownFields(v, where + "." + m.getName().substring(3));
            }
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}

package org.wire.deploy.cilium;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.wire.deploy.envoy.EnvoyJson;

/**
 * The Envoy resources that handle every call to one Kubernetes Service: a Listener whose HTTP connection manager
 * runs an RBAC filter (the rules' denials) before the router, a RouteConfiguration (version routes, first match
 * wins, then the Service itself), and one EDS Cluster per Service it routes to. Cilium fills the clusters' endpoints
 * from the Services named in the CiliumEnvoyConfig (cluster name {@code namespace/service}).
 */
final class ServiceListener {

    /** One RBAC deny policy: a rule's name and when it denies. */
    record Denial(String name, HeaderMatch when) {}

    /** A version route: taken when {@code when} holds. */
    record VersionRoute(String name, HeaderMatch when, String version) {}

    private final String namespace;
    private final String service;
    private final List<Denial> denials = new ArrayList<>();
    /** In priority order: the first that matches is taken. */
    private final List<VersionRoute> routes = new ArrayList<>();

    ServiceListener(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    String name() {
        return "copper-" + service;
    }

    void deny(Denial d) {
        denials.add(d);
    }

    void route(VersionRoute r) {
        routes.add(r);
    }

    /** No denial and no version route: the listener would only forward. */
    boolean isEmpty() {
        return denials.isEmpty() && routes.isEmpty();
    }

    /** The Services the route configuration sends traffic to besides {@link #service}: {@code service-version}. */
    SortedSet<String> versionServices() {
        TreeSet<String> out = new TreeSet<>();
        routes.forEach(r -> out.add(service + "-" + r.version()));
        return out;
    }

    /** Listener, RouteConfiguration, then the clusters in name order: the CiliumEnvoyConfig's {@code resources}. */
    List<Map<String, Object>> resources() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(listener());
        out.add(routeConfiguration());
        out.add(cluster(service));
        versionServices().forEach(s -> out.add(cluster(s)));
        return out;
    }

    private Map<String, Object> listener() {
        List<Object> filters = new ArrayList<>();
        if (!denials.isEmpty()) {
            Map<String, Object> policies = new LinkedHashMap<>();
            for (Denial d : denials) {
                Map<String, Object> policy = new LinkedHashMap<>();
                policy.put("permissions", List.of(d.when().permission()));
                policy.put("principals", List.of(Map.of("any", true)));
                policies.put(d.name(), policy);
            }
            Map<String, Object> rules = new LinkedHashMap<>();
            rules.put("action", "DENY");
            rules.put("policies", policies);
            Map<String, Object> rbac = EnvoyJson.typed(EnvoyJson.RBAC);
            rbac.put("rules", rules);
            filters.add(EnvoyJson.httpFilter("envoy.filters.http.rbac", rbac));
        }
        filters.add(EnvoyJson.httpFilter("envoy.filters.http.router", EnvoyJson.typed(EnvoyJson.ROUTER)));

        Map<String, Object> hcm = EnvoyJson.typed(EnvoyJson.HTTP_CONNECTION_MANAGER);
        hcm.put("stat_prefix", name());
        hcm.put("codec_type", "AUTO"); // h2c (gRPC) and HTTP/1.1 callers alike
        hcm.put("rds", Map.of("route_config_name", name()));
        hcm.put("http_filters", filters);

        Map<String, Object> l = EnvoyJson.typed(EnvoyJson.LISTENER);
        l.put("name", name());
        l.put("filter_chains", List.of(Map.of("filters", List.of(EnvoyJson.httpFilter("envoy.filters.network.http_connection_manager", hcm)))));
        return l;
    }

    private Map<String, Object> routeConfiguration() {
        List<Object> routeList = new ArrayList<>();
        for (VersionRoute r : routes) {
            // a route matches a conjunction of header tests: one route per alternative of the condition
            for (List<HeaderMatch.Literal> conj : r.when().dnf()) {
                Map<String, Object> match = new LinkedHashMap<>();
                match.put("prefix", "/");
                if (!conj.isEmpty()) {
                    match.put("headers", conj.stream().map(HeaderMatch::routeMatcher).toList());
                }
                routeList.add(route(r.name(), match, service + "-" + r.version()));
            }
        }
        routeList.add(route("default", Map.of("prefix", "/"), service));
        Map<String, Object> vhost = new LinkedHashMap<>();
        vhost.put("name", name());
        vhost.put("domains", List.of("*"));
        vhost.put("routes", routeList);
        Map<String, Object> rc = EnvoyJson.typed(EnvoyJson.ROUTE_CONFIGURATION);
        rc.put("name", name());
        rc.put("virtual_hosts", List.of(vhost));
        return rc;
    }

    private Map<String, Object> route(String name, Map<String, Object> match, String toService) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("cluster", clusterName(toService));
        action.put("timeout", "0s"); // no per-route deadline: gRPC streams last as long as the callers want
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("match", match);
        r.put("route", action);
        return r;
    }

    private Map<String, Object> cluster(String toService) {
        Map<String, Object> options = EnvoyJson.typed(EnvoyJson.HTTP_PROTOCOL_OPTIONS);
        Map<String, Object> downstream = new LinkedHashMap<>();
        downstream.put("http_protocol_options", Map.of());
        downstream.put("http2_protocol_options", Map.of());
        options.put("use_downstream_protocol_config", downstream);
        Map<String, Object> c = EnvoyJson.typed(EnvoyJson.CLUSTER);
        c.put("name", clusterName(toService));
        c.put("connect_timeout", "5s");
        c.put("type", "EDS");
        c.put("lb_policy", "ROUND_ROBIN");
        c.put("typed_extension_protocol_options", Map.of("envoy.extensions.upstreams.http.v3.HttpProtocolOptions", options));
        return c;
    }

    /** Cilium names the EDS cluster of a Service {@code namespace/name} and fills it with the Service's endpoints. */
    private String clusterName(String toService) {
        return namespace + "/" + toService;
    }
}

package org.wire.deploy.istio;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterApplyTo;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatchBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchContext;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchOperation;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilterBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Istio and Kubernetes objects of the Istio back end, built with fabric8's models and written as YAML by its serializer. */
final class IstioObjects {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String INJECT = "sidecar.istio.io/inject";
    static final String PROXY_CONFIG = "proxy.istio.io/config";
    static final String VERSION_LABEL = "version";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private IstioObjects() {}

    static String yaml(Object o) {
        return YAML.asYaml(o);
    }

    /** Lines of {@code o} as YAML on its own (without the document marker): what a policy costs in resources. */
    static int lines(Object o) {
        return textLines(yaml(o));
    }

    /** Lines of a YAML document, not counting its "---" marker. */
    static int textLines(String yaml) {
        int n = (int) yaml.lines().count();
        return yaml.startsWith("---") ? n - 1 : n;
    }

    private static Map<String, String> managed() {
        return new TreeMap<>(Map.of(MANAGED_BY, "copper-wire"));
    }

    static VirtualService virtualService(String callee, String namespace, String host, List<HTTPRoute> routes) {
        HTTPRoute fallback = new HTTPRouteBuilder().withName("default")
                .addNewRoute().withNewDestination().withHost(host).endDestination().endRoute().build();
        return new VirtualServiceBuilder()
                .withNewMetadata().withName("copper-" + callee).withNamespace(namespace).withLabels(managed()).endMetadata()
                .withNewSpec().withHosts(host).withHttp(routes).addToHttp(fallback).endSpec()
                .build();
    }

    static Subset subset(String version) {
        return new SubsetBuilder().withName(version).withLabels(new TreeMap<>(Map.of(VERSION_LABEL, version))).build();
    }

    static DestinationRule destinationRule(String callee, String namespace, String host, SortedSet<String> versions) {
        return new DestinationRuleBuilder()
                .withNewMetadata().withName("copper-" + callee).withNamespace(namespace).withLabels(managed()).endMetadata()
                .withNewSpec().withHost(host).withSubsets(versions.stream().map(IstioObjects::subset).toList()).endSpec()
                .build();
    }

    /** Inserts {@code filter} just before the router of every inbound HTTP connection manager of the workload. */
    static EnvoyFilterEnvoyConfigObjectPatch inboundPatch(Map<String, Object> filter) {
        return new EnvoyFilterEnvoyConfigObjectPatchBuilder()
                .withApplyTo(EnvoyFilterApplyTo.HTTP_FILTER)
                .withNewMatch().withContext(EnvoyFilterPatchContext.SIDECAR_INBOUND)
                .withNewEnvoyFilterEnvoyConfigObjectMatchListenerTypes().withNewListener().withNewFilterChain().withNewFilter()
                .withName("envoy.filters.network.http_connection_manager")
                .withNewSubFilter().withName("envoy.filters.http.router").endSubFilter()
                .endFilter().endFilterChain().endListener().endEnvoyFilterEnvoyConfigObjectMatchListenerTypes()
                .endMatch()
                .withNewPatch().withOperation(EnvoyFilterPatchOperation.INSERT_BEFORE).withValue(filter).endPatch()
                .build();
    }

    static EnvoyFilter envoyFilter(String service, String namespace, List<EnvoyFilterEnvoyConfigObjectPatch> patches) {
        return new EnvoyFilterBuilder()
                .withNewMetadata().withName("copper-" + service + "-inbound").withNamespace(namespace).withLabels(managed()).endMetadata()
                .withNewSpec()
                .withNewWorkloadSelector().withLabels(new TreeMap<>(Map.of(IstioBackend.APP_LABEL, service))).endWorkloadSelector()
                .withConfigPatches(patches)
                .endSpec()
                .build();
    }

    /**
     * A strategic-merge patch of Deployment {@code service}'s pod template: Istio's injection label, and for a
     * workload whose Lua filters keep counters or timers, one proxy worker so that they are one per sidecar.
     */
    static Deployment injectionPatch(String service, String namespace, boolean inject, boolean oneWorker) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(service).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata()
                .withLabels(new TreeMap<>(Map.of(INJECT, Boolean.toString(inject))))
                .withAnnotations(oneWorker ? new TreeMap<>(Map.of(PROXY_CONFIG, "{\"concurrency\": 1}")) : null)
                .endMetadata().endTemplate().endSpec()
                .build();
    }
}

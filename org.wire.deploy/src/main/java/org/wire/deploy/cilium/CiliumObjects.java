package org.wire.deploy.cilium;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Kubernetes objects of the Cilium back end, as YAML through fabric8. CiliumEnvoyConfig is a custom resource
 * that fabric8 has no class for, so it is a GenericKubernetesResource whose spec follows Cilium's CRD
 * ({@code cilium.io/v2}: services, backendServices, resources).
 */
final class CiliumObjects {
    static final String API_VERSION = "cilium.io/v2";
    static final String KIND = "CiliumEnvoyConfig";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private CiliumObjects() {}

    /**
     * @param service the Kubernetes Service whose calls the listener handles (redirected on {@code port})
     */
    static String envoyConfig(ServiceListener listener, String service, String namespace, int port) {
        Map<String, Object> redirected = new LinkedHashMap<>();
        redirected.put("name", service);
        redirected.put("namespace", namespace);
        redirected.put("ports", List.of(port));
        redirected.put("listener", listener.name());
        List<Object> backends = new ArrayList<>();
        for (String s : listener.versionServices()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", s);
            b.put("namespace", namespace);
            backends.add(b);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("services", List.of(redirected));
        if (!backends.isEmpty()) {
            // their endpoints are synced to Envoy; their own traffic is not redirected
            spec.put("backendServices", backends);
        }
        spec.put("resources", listener.resources());
        GenericKubernetesResource cec = new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(KIND)
                .withNewMetadata().withName(listener.name()).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "copper-wire")).endMetadata()
                .build();
        cec.setAdditionalProperty("spec", spec);
        return YAML.asYaml(cec);
    }

    /** {@code kubectl apply -k} input: the CiliumEnvoyConfigs, by path relative to the kustomization. */
    static String kustomization(List<String> resources) {
        GenericKubernetesResource k = new GenericKubernetesResource();
        k.setApiVersion("kustomize.config.k8s.io/v1beta1");
        k.setKind("Kustomization");
        k.setAdditionalProperty("resources", List.copyOf(resources));
        return YAML.asYaml(k);
    }
}

package org.wire.deploy.haproxy;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The Kubernetes objects that put a rendered haproxy.cfg beside a service's pods. */
final class SidecarObjects {
    static final String IMAGE = "haproxy:2.6";
    static final String MOUNT = "/usr/local/etc/haproxy";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private SidecarObjects() {}

    static String configMapName(String service) {
        return service + "-copper-haproxy";
    }

    static String configMap(String service, String namespace, String cfg) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata().withName(configMapName(service)).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "copper-wire")).endMetadata()
                .withData(Map.of("haproxy.cfg", cfg))
                .build();
        return YAML.asYaml(cm);
    }

    /** A strategic-merge patch of Deployment {@code service}: containers and volumes merge by name. */
    static String deploymentPatch(String service, String namespace, int ingressPort) {
        Deployment d = new DeploymentBuilder()
                .withNewMetadata().withName(service).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("copper-haproxy").withImage(IMAGE)
                .withArgs("haproxy", "-W", "-db", "-f", MOUNT + "/haproxy.cfg")
                .addNewPort().withName("copper-ingress").withContainerPort(ingressPort).endPort()
                .addNewVolumeMount().withName("copper-haproxy").withMountPath(MOUNT).withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("copper-haproxy").withNewConfigMap().withName(configMapName(service)).endConfigMap().endVolume()
                .endSpec().endTemplate().endSpec()
                .build();
        return YAML.asYaml(d);
    }
}

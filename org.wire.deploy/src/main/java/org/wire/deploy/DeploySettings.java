package org.wire.deploy;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The project file's deployment settings (docs/project-file.md).
 *
 * @param namespace   Kubernetes namespace of the generated objects
 * @param traceHeader the header whose trace id the eBPF add-on follows (default {@code traceparent})
 * @param endpoints   per service, where it is reached and where its application listens
 */
public record DeploySettings(String namespace, String traceHeader, SortedMap<String, Endpoint> endpoints) {
    public DeploySettings {
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
    }

    /**
     * Where a service is reached.
     *
     * @param host    the host name or address its callers use (Kubernetes: the Service name)
     * @param port    the port its callers use; a sidecar's ingress listens here
     * @param appPort the port the application itself listens on behind an ingress sidecar (must differ from port)
     */
    public record Endpoint(String host, int port, int appPort) {}

    public Endpoint endpoint(String service) {
        Endpoint e = endpoints.get(service);
        if (e == null) {
            throw new IllegalArgumentException("service " + service + " has no endpoint in the deployment settings");
        }
        return e;
    }
}

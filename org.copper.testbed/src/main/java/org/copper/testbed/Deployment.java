package org.copper.testbed;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * One deployment as the build generated it: where the sidecars are, each sidecar's haproxy.cfg, the x-copper-ctx
 * ids and the eBPF add-on's deployment data.
 */
record Deployment(DeploymentKind kind, SortedSet<String> sidecars, SortedMap<String, String> configs, Map<String, Integer> ids,
        String ebpfDeployment) {
    boolean hasSidecar(String service) {
        return sidecars.contains(service);
    }
}

package org.copper.testbed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.copper.build.ProjectFile;
import org.wire.model.graph.ServiceGraph;

/**
 * The one-machine stand-in for the cluster network: every pod (service instance) gets an address 127.B.1.N on
 * loopback, and the names the generated configuration uses (Kubernetes Service names, and {@code svc-version} for
 * the versioned Services that RouteToVersion targets) map to those addresses. A service with versions runs one
 * instance per version; its first version is the primary, which its plain name reaches.
 */
final class PodNetwork {
    private static final Pattern SERVER = Pattern.compile("^\\s*server (\\S+) (\\S+):(\\d+) proto h2$");

    final List<Instance> instances = new ArrayList<>();
    private final SortedMap<String, Instance> byHost = new TreeMap<>();
    private final Map<String, Instance> primary = new TreeMap<>();
    private final ProjectFile project;

    /**
     * @param block the second octet of the addresses (127.block.x.y): deployments that run side by side get
     *              different blocks
     */
    PodNetwork(ServiceGraph graph, ProjectFile project, Collection<Deployment> deployments, int block) throws TestbedException {
        this.project = project;
        Map<String, String> hostToService = new TreeMap<>();
        for (String s : graph.services()) {
            ProjectFile.EndpointEntry e = project.endpoints().get(s);
            hostToService.put(e != null && e.host() != null ? e.host() : s, s);
        }
        SortedMap<String, SortedSet<String>> versions = new TreeMap<>();
        for (Deployment d : deployments) {
            for (String cfg : d.configs().values()) {
                for (String line : cfg.split("\n")) {
                    Matcher m = SERVER.matcher(line);
                    if (!m.matches() || m.group(1).equals("app") || hostToService.containsKey(m.group(2))) {
                        continue;
                    }
                    String host = m.group(2);
                    String svc = graph.services().stream().filter(s -> host.startsWith(s + "-")).max((a, b) -> a.length() - b.length())
                            .orElseThrow(() -> new IllegalStateException());
                    versions.computeIfAbsent(svc, k -> new TreeSet<>()).add(host.substring(svc.length() + 1));
                }
            }
        }
        int n = 0;
        for (String s : graph.services()) {
            SortedSet<String> vs = versions.getOrDefault(s, new TreeSet<>(List.of("v1")));
            boolean first = true;
            for (String v : vs) {
                Instance i = new Instance(s, v, first ? s : s + "-" + v, address(block, ++n), first);
                instances.add(i);
                if (first) {
                    primary.put(s, i);
                }
                if (versions.containsKey(s)) {
                    byHost.put(s + "-" + v, i);
                }
                first = false;
            }
        }
        hostToService.forEach((h, s) -> byHost.put(h, primary.get(s)));
    }

    private static String address(int block, int n) throws TestbedException {
        if (n > 250 * 254) {
            throw new TestbedException("too many service instances for the loopback network");
        }
        return "127." + block + "." + (1 + (n - 1) / 254) + "." + (1 + (n - 1) % 254);
    }

    Instance primary(String service) {
        return primary.get(service);
    }

    /** The instance a configuration's host name stands for (a Service name, or service-version). */
    Instance host(String name) throws TestbedException {
        Instance i = byHost.get(name);
        if (i == null) {
            throw new TestbedException("the configuration names host " + name + ", which is no service (or service-version) of the app");
        }
        return i;
    }

    /** Where callers reach the service (its sidecar's ingress, or the application when it has no sidecar). */
    int port(String service) {
        ProjectFile.EndpointEntry e = project.endpoints().get(service);
        return e != null && e.port() != null ? e.port() : project.defaultPort();
    }

    /** Where the application listens behind an ingress sidecar. */
    int appPort(String service) {
        ProjectFile.EndpointEntry e = project.endpoints().get(service);
        return e != null && e.appPort() != null ? e.appPort() : project.defaultAppPort();
    }
}

package org.copper.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.ServiceGraph;

/**
 * One deployment running: per instance an application cgroup (the HTTP/2 service, and with Wire + eBPF the add-on
 * attached to it by the project's loader) and, where the build placed one, a sidecar cgroup running HAProxy with
 * the generated configuration. The loaders live in a cgroup of their own, so destroying the deployment's cgroup
 * tree ends every process and, with the loaders, every BPF program.
 */
final class Cluster implements AutoCloseable {
    final Deployment deployment;
    final PodNetwork net;
    final Path cgroup;
    final Map<String, Path> appCgroups = new TreeMap<>();
    final Map<String, Path> sidecarCgroups = new TreeMap<>();
    final List<Long> loaderPids = new ArrayList<>();
    /** The eBPF add-on's programs serving this deployment's services, by id. */
    final Map<Long, BpfPrograms.Program> programs = new TreeMap<>();
    private final Cgroups cgroups;

    private Cluster(Deployment deployment, PodNetwork net, Cgroups cgroups, Path cgroup) {
        this.deployment = deployment;
        this.net = net;
        this.cgroups = cgroups;
        this.cgroup = cgroup;
    }

    static Cluster start(Deployment d, ServiceGraph graph, PodNetwork net, Cgroups cgroups, Tools tools, Path work, String traceHeader,
            Path serviceScript) throws TestbedException {
        Path dir = work.resolve(d.kind().id);
        Cluster c = new Cluster(d, net, cgroups, cgroups.child(d.kind().id));
        try {
            Files.createDirectories(dir);
            Path ebpf = dir.resolve("deployment.txt");
            Files.writeString(ebpf, d.ebpfDeployment(), StandardCharsets.UTF_8);
            Path loaders = cgroups.child(d.kind().id + "/loaders");
            for (Instance i : net.instances) {
                c.appCgroups.put(i.name(), cgroups.child(d.kind().id + "/" + i.name() + "-app"));
            }
            if (d.kind() == DeploymentKind.WIRE_EBPF) {
                // all loaders at once (each runs the verifier for a while), then wait for every one to report attached
                Map<String, Process> started = new TreeMap<>();
                for (Instance i : net.instances) {
                    started.put(i.name(), Processes.startIn(loaders, dir.resolve(i.name() + "-loader.log"), List.of(tools.loader().toString(), "attach",
                            "--deployment", ebpf.toString(), "--service", i.service(), "--cgroup", c.appCgroups.get(i.name()).toString(),
                            "--trace-header", traceHeader)));
                    c.loaderPids.add(started.get(i.name()).pid());
                }
                for (var e : started.entrySet()) {
                    Processes.waitLog(dir.resolve(e.getKey() + "-loader.log"), "attached service", e.getValue(), "the eBPF loader for " + e.getKey());
                }
            }
            for (Instance i : net.instances) {
                Path appCg = c.appCgroups.get(i.name());
                boolean sidecar = d.hasSidecar(i.service());
                int listen = sidecar ? net.appPort(i.service()) : net.port(i.service());
                List<String> cmd = new ArrayList<>(List.of(tools.python().toString(), serviceScript.toString(), "--name", i.service(), "--version",
                        i.version(), "--listen", i.address() + ":" + listen, "--trace-header", traceHeader));
                if (d.kind().sidecarsForwardContext()) {
                    cmd.add("--forward-ctx");
                }
                for (int w : graph.successors(graph.indexOf(i.service()))) {
                    String callee = graph.service(w);
                    String to = sidecar ? i.address() + ":" + (15000 + d.ids().get(callee))
                            : net.primary(callee).address() + ":" + net.port(callee);
                    cmd.add("--callee");
                    cmd.add(callee + "=" + to);
                }
                Path appLog = dir.resolve(i.name() + "-app.log");
                Process app = Processes.startIn(appCg, appLog, cmd);
                Processes.waitPort(i.address(), listen, app, appLog, "service " + i.name());
                if (sidecar) {
                    String token = d.kind().sidecarsForwardContext() ? ServiceIds.token(d.ids().get(i.service())) : null;
                    Path cfg = dir.resolve(i.name() + "-haproxy.cfg");
                    Files.writeString(cfg, SidecarConfig.place(d.configs().get(i.service()), i, net, token), StandardCharsets.UTF_8);
                    Processes.Result check = Processes.run(List.of(tools.haproxy().toString(), "-c", "-q", "-f", cfg.toString()), 30);
                    if (check.code() != 0) {
                        throw new TestbedException("haproxy -c rejects the sidecar configuration " + cfg + ": " + check.output().strip());
                    }
                    Path sideCg = cgroups.child(d.kind().id + "/" + i.name() + "-sidecar");
                    c.sidecarCgroups.put(i.name(), sideCg);
                    Path log = dir.resolve(i.name() + "-haproxy.log");
                    Process h = Processes.startIn(sideCg, log, List.of(tools.haproxy().toString(), "-db", "-f", cfg.toString()));
                    Processes.waitPort(i.address(), net.port(i.service()), h, log, "the HAProxy sidecar of " + i.name());
                }
            }
            if (!c.loaderPids.isEmpty()) {
                c.programs.putAll(BpfPrograms.serving(tools, c.appCgroups.values()));
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw new TestbedException(dir + ": " + e.getMessage());
        } catch (TestbedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Where a client outside the mesh reaches a service: its primary pod's port (the sidecar's ingress, if any). */
    String url(String service, String path) {
        return "http://" + net.primary(service).address() + ":" + net.port(service) + path;
    }

    /** CPU time (µs) of all sidecars and of all applications so far. */
    long sidecarUsec() {
        return sidecarCgroups.values().stream().mapToLong(Cgroups::usageUsec).sum();
    }

    long appUsec() {
        return appCgroups.values().stream().mapToLong(Cgroups::usageUsec).sum();
    }

    @Override
    public void close() {
        List<String> left = Cgroups.destroy(cgroup);
        if (!left.isEmpty()) {
            System.err.println("copper testbed: could not remove " + left);
        }
    }
}

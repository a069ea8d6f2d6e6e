package org.copper.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.copper.build.BuildException;
import org.copper.build.ProjectFile;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;

/**
 * {@code ./copper testbed}: builds the app's deployments, runs each on this machine, checks enforcement on real
 * traffic and (unless quick) compares the three deployments under load. Everything it starts lives in one cgroup
 * tree that is destroyed at the end, on failure, and from a shutdown hook on Ctrl-C.
 */
public final class Testbed {
    /** What to run. */
    public record Options(Path project, boolean quick, Path outDir, Path home) {}

    private final Options options;
    private final PrintWriter out;

    public Testbed(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** @return 0 when every enforcement check passed, 1 when one failed */
    public int run() throws TestbedException {
        Path project = options.project();
        ProjectFile pf;
        ServiceGraph graph;
        try {
            pf = ProjectFile.read(project);
            graph = GraphJsonReader.read(pf.graph());
        } catch (BuildException | WireInputException e) {
            throw new TestbedException(e.getMessage());
        }
        Tools tools = Tools.find(options.home(), !options.quick());
        Path work;
        try {
            work = Files.createTempDirectory("copper-testbed-");
        } catch (IOException e) {
            throw new TestbedException("cannot create a work directory: " + e.getMessage());
        }
        Cgroups cgroups = Cgroups.create("copper-testbed-" + ProcessHandle.current().pid());
        AtomicReference<String> statsBefore = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            Cgroups.destroy(cgroups.root);
            BpfPrograms.restoreStats(statsBefore.get());
        }, "copper-testbed-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        List<CheckResult> all = new ArrayList<>();
        Set<Long> programs = new TreeSet<>();
        try {
            Path script = work.resolve("h2service.py");
            try (InputStream in = Testbed.class.getResourceAsStream("h2service.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new TestbedException("cannot unpack the service program: " + e.getMessage());
            }
            List<DeploymentKind> kinds = options.quick() ? List.of(DeploymentKind.WIRE_EBPF) : List.of(DeploymentKind.values());
            List<Deployment> deployments = new ArrayList<>();
            for (DeploymentKind k : kinds) {
                Deployment d = DeploymentBuilder.build(project, graph, k, work);
                deployments.add(d);
                out.println("built " + k.title + ": " + d.sidecars().size() + " HAProxy sidecars " + d.sidecars());
            }
            Probe probe = new Probe(tools, script);
            boolean checks = graph.serviceSet().contains("frontend") && project.toAbsolutePath().normalize().endsWith(EnforcementChecks.APP);
            if (!checks) {
                out.println("no enforcement checks are written for " + project + " (only for examples/" + EnforcementChecks.APP + ")");
            }
            Comparison comparison = options.quick() ? null : new Comparison(tools, out);
            statsBefore.set(options.quick() ? null : BpfPrograms.enableStats());
            // the deployments run side by side, each on its own block of loopback addresses, so the load can take turns
            List<Cluster> clusters = new ArrayList<>();
            for (Deployment d : deployments) {
                PodNetwork net = new PodNetwork(graph, pf, deployments, 1 + clusters.size());
                out.println();
                out.println("== " + d.kind().title + ": " + net.instances.size() + " service instances, " + d.sidecars().size() + " sidecars"
                        + (d.kind() == DeploymentKind.WIRE_EBPF ? ", eBPF add-on at every service" : ", sidecars forward x-copper-ctx"));
                Cluster c = Cluster.start(d, graph, net, cgroups, tools, work, pf.traceHeader(), script);
                clusters.add(c);
                out.println("started: " + c.appCgroups.size() + " services, " + c.sidecarCgroups.size() + " HAProxy sidecars"
                        + (c.loaderPids.isEmpty() ? "" : ", " + c.loaderPids.size() + " eBPF loaders") + ", in cgroups under " + c.cgroup);
                if (!c.loaderPids.isEmpty()) {
                    programs.addAll(c.programs.keySet());
                    out.println("eBPF add-on: " + c.programs.size() + " programs serve the " + c.appCgroups.size() + " service cgroups ("
                            + new TreeSet<>(c.programs.values().stream().map(BpfPrograms.Program::name).toList()) + ")");
                }
                if (checks) {
                    for (CheckResult r : new EnforcementChecks(c, probe).run()) {
                        out.println("  " + r);
                        all.add(r);
                    }
                }
            }
            if (comparison != null) {
                out.println();
                out.println("== load: open loop (h2load, " + Comparison.CLIENTS + " connections), " + Comparison.SECONDS + " s per rate, requests "
                        + Comparison.PATHS + " to frontend");
                comparison.measure(clusters, work);
                comparison.hopCost(cgroups, work, script, pf.traceHeader());
                comparison.report(options.outDir());
            }
        } finally {
            List<String> left = Cgroups.destroy(cgroups.root);
            BpfPrograms.restoreStats(statsBefore.get());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
            Set<Long> progsLeft = programs.isEmpty() ? Set.of() : BpfPrograms.stillLoaded(tools, programs);
            out.println();
            out.println(left.isEmpty() && progsLeft.isEmpty()
                    ? "teardown: every process and cgroup of the testbed is gone (" + cgroups.root + " removed), and all " + programs.size()
                            + " BPF programs of its loaders are unloaded"
                    : "teardown: could not remove " + left + "; BPF programs still loaded: " + progsLeft);
            out.println("logs and configurations: " + work);
        }
        long failed = all.stream().filter(r -> !r.ok()).count();
        out.println(all.isEmpty() ? "no enforcement checks ran"
                : failed == 0 ? "enforcement: all " + all.size() + " checks passed" : "enforcement: " + failed + " of " + all.size() + " checks FAILED");
        return failed == 0 ? 0 : 1;
    }
}

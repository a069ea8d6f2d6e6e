package org.copper.testbed;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;

/**
 * The paper's comparison in one run: each deployment at several open-loop rates (latency, throughput, CPU of the
 * sidecars and of the add-on), then one eBPF hop against one HAProxy hop. Prints the ratios against Wire + eBPF.
 */
final class Comparison {
    static final int[] RATES = { 20, 40, 80, 160 };
    static final int SECONDS = 10, CLIENTS = 4, STREAMS = 16;
    static final List<String> PATHS = List.of("/search", "/profile");

    /** One deployment at one rate. cpu: cores used on average over the run. */
    record Point(String deployment, int sidecars, int rate, double throughput, double p50Ms, double p99Ms, int failed, double sidecarCores,
            double addonCores, double appCores) {}

    /** The hop micro-benchmark: median latency per request, closed loop, of a service calling another. */
    record Hop(double directP50Ms, double ebpfP50Ms, double haproxyP50Ms, double addonNsPerRequest) {}

    private final Tools tools;
    private final PrintWriter out;
    final List<Point> points = new ArrayList<>();
    Hop hop;

    Comparison(Tools tools, PrintWriter out) {
        this.tools = tools;
        this.out = out;
    }

    /** Every rate on every deployment, the deployments taking turns (in a rotating order) so slow phases of the machine hit all alike. */
    void measure(List<Cluster> clusters, Path work) throws TestbedException {
        for (int ri = 0; ri < RATES.length; ri++) {
            for (int j = 0; j < clusters.size(); j++) {
                Cluster c = clusters.get((ri + j) % clusters.size());
                measure(c, RATES[ri], work);
            }
        }
    }

    private void measure(Cluster c, int rate, Path work) throws TestbedException {
        Set<Long> progs = c.programs.keySet();
        List<String> urls = PATHS.stream().map(p -> c.url("frontend", p)).toList();
        long side0 = c.sidecarUsec(), app0 = c.appUsec(), t0 = System.nanoTime();
        long[] bpf0 = progs.isEmpty() ? new long[2] : BpfPrograms.runTime(tools, progs);
        LoadRun r = LoadRun.run(tools, work.resolve(c.deployment.kind().id + "-" + rate + ".h2load.log"), rate, CLIENTS, STREAMS, SECONDS,
                List.of("x-user: load"), urls);
        double wallUs = (System.nanoTime() - t0) / 1e3;
        long[] bpf1 = progs.isEmpty() ? new long[2] : BpfPrograms.runTime(tools, progs);
        Point p = new Point(c.deployment.kind().title, c.sidecarCgroups.size(), rate, r.throughput(), r.p50Ms(), r.p99Ms(), r.failed(),
                (c.sidecarUsec() - side0) / wallUs, (bpf1[0] - bpf0[0]) / 1e3 / wallUs, (c.appUsec() - app0) / wallUs);
        points.add(p);
        out.printf("  %-25s %4d req/s offered: %7.1f done, p50 %7.2f ms, p99 %8.2f ms, %d failed; CPU cores: sidecars %.3f, add-on %.4f, services %.3f%n",
                p.deployment(), rate, p.throughput(), p.p50Ms(), p.p99Ms(), p.failed(), p.sidecarCores(), p.addonCores(), p.appCores());
    }

    /**
     * Three pairs of services (a calls b) running at once, so the VM's slow phases hit all three alike: directly,
     * with the eBPF add-on on both, and through one HAProxy sidecar hop. Rounds alternate between them; the medians
     * of each round's p50 are compared.
     */
    void hopCost(Cgroups cgroups, Path work, Path script, String traceHeader) throws TestbedException {
        Path dir = work.resolve("hop");
        try {
            Files.createDirectories(dir);
            String[] names = { "direct", "ebpf", "haproxy" };
            String[] url = new String[3];
            List<Long> loaders = new ArrayList<>();
            List<Path> ebpfCgroups = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                String a = "127.9.0." + (2 * k + 1), b = "127.9.0." + (2 * k + 2);
                Path cgA = cgroups.child("hop/" + names[k] + "-a"), cgB = cgroups.child("hop/" + names[k] + "-b");
                if (k == 1) {
                    for (Path cg : List.of(cgA, cgB)) {
                        Path log = dir.resolve("loader-" + cg.getFileName() + ".log");
                        Process p = Processes.startIn(cgroups.child("hop/loaders"), log, List.of(tools.loader().toString(), "attach", "--cgroup",
                                cg.toString(), "--service-id", String.valueOf(loaders.size() + 1), "--trace-header", traceHeader));
                        Processes.waitLog(log, "attached service", p, "the eBPF loader for " + cg.getFileName());
                        loaders.add(p.pid());
                        ebpfCgroups.add(cg);
                    }
                }
                String target = b + ":8080";
                if (k == 2) {
                    Path cfg = dir.resolve("haproxy.cfg");
                    Files.writeString(cfg, String.join("\n", "global", "    maxconn 1000", "defaults", "    mode http", "    timeout connect 5s",
                            "    timeout client 60s", "    timeout server 60s", "frontend to_b", "    bind " + a + ":15002 proto h2",
                            "    default_backend b", "backend b", "    server b " + target + " proto h2", ""));
                    Path log = dir.resolve("haproxy.log");
                    Process h = Processes.startIn(cgroups.child("hop/haproxy-sidecar"), log, List.of(tools.haproxy().toString(), "-db", "-f", cfg.toString()));
                    Processes.waitPort(a, 15002, h, log, "the HAProxy hop");
                    target = a + ":15002";
                }
                startService(cgB, dir, script, "b", b, List.of());
                startService(cgA, dir, script, "a", a, List.of("b=" + target));
                url[k] = "http://" + a + ":8080/";
            }
            Set<Long> progs = BpfPrograms.serving(tools, ebpfCgroups).keySet();
            int n = 1000, rounds = 5;
            List<List<Double>> p50 = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            long ns = 0, reqs = 0;
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < 3; k++) {
                    long[] b0 = k == 1 ? BpfPrograms.runTime(tools, progs) : null;
                    LoadRun r = LoadRun.sequential(tools, dir.resolve(names[k] + "-" + round + ".log"), n, url[k]);
                    if (k == 1) {
                        ns += BpfPrograms.runTime(tools, progs)[0] - b0[0];
                        reqs += r.ok();
                    }
                    if (r.ok() != n) {
                        throw new TestbedException("hop benchmark " + names[k] + ": " + r.ok() + " of " + n + " requests succeeded");
                    }
                    p50.get(k).add(r.p50Ms());
                }
            }
            hop = new Hop(median(p50.get(0)), median(p50.get(1)), median(p50.get(2)), reqs == 0 ? 0 : (double) ns / reqs);
            out.printf("one hop (a -> b, %d x %d sequential requests, median of the rounds' p50): direct %.3f ms, eBPF on both %.3f ms (+%.1f us),"
                    + " HAProxy hop %.3f ms (+%.1f us); the add-on's programs ran %.1f us per request%n", rounds, n, hop.directP50Ms(), hop.ebpfP50Ms(),
                    1000 * (hop.ebpfP50Ms() - hop.directP50Ms()), hop.haproxyP50Ms(), 1000 * (hop.haproxyP50Ms() - hop.directP50Ms()),
                    hop.addonNsPerRequest() / 1000);
        } catch (IOException e) {
            throw new TestbedException(dir + ": " + e.getMessage());
        } finally {
            Cgroups.destroy(cgroups.root.resolve("hop"));
        }
    }

    private void startService(Path cg, Path dir, Path script, String name, String addr, List<String> callees) throws TestbedException {
        List<String> cmd = new ArrayList<>(List.of(tools.python().toString(), script.toString(), "--name", name, "--listen", addr + ":8080"));
        for (String c : callees) {
            cmd.add("--callee");
            cmd.add(c);
        }
        Path log = dir.resolve(cg.getFileName() + ".log");
        Processes.waitPort(addr, 8080, Processes.startIn(cg, log, cmd), log, "hop service " + cg.getFileName());
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    /** Prints the ratios against Wire + eBPF and, with an output directory, writes results.json and testbed.svg. */
    void report(Path outDir) throws TestbedException {
        String wire = DeploymentKind.WIRE_EBPF.title;
        out.println();
        out.println("ratios (baseline / Wire + eBPF) at each offered rate:");
        for (int rate : RATES) {
            Point w = find(wire, rate);
            for (DeploymentKind k : List.of(DeploymentKind.EVERY_SERVICE, DeploymentKind.ISTIO_PLUS_PLUS)) {
                Point b = find(k.title, rate);
                if (w == null || b == null) {
                    continue;
                }
                out.printf("  %4d req/s  %-25s p50 %.2fx  p99 %.2fx  throughput %.2fx  CPU (sidecars + add-on) %.2fx%n", rate, k.title,
                        b.p50Ms() / w.p50Ms(), b.p99Ms() / w.p99Ms(), b.throughput() / w.throughput(),
                        (b.sidecarCores() + b.addonCores()) / (w.sidecarCores() + w.addonCores()));
            }
        }
        if (hop != null) {
            double e = hop.ebpfP50Ms() - hop.directP50Ms(), h = hop.haproxyP50Ms() - hop.directP50Ms();
            out.printf("  one hop: HAProxy adds %.1f us, the eBPF add-on %.1f us at the median (%.1f us of program time per request)%n", 1000 * h,
                    1000 * e, hop.addonNsPerRequest() / 1000);
        }
        if (outDir == null) {
            return;
        }
        try {
            Files.createDirectories(outDir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rates", RATES);
            json.put("seconds", SECONDS);
            json.put("points", points);
            json.put("hop", hop);
            Files.writeString(outDir.resolve("results.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n", StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("testbed.svg"), ComparisonPlot.svg(points, RATES), StandardCharsets.UTF_8);
            out.println("wrote " + outDir.resolve("results.json") + " and " + outDir.resolve("testbed.svg"));
        } catch (IOException e) {
            throw new TestbedException(outDir + ": " + e.getMessage());
        }
    }

    private Point find(String deployment, int rate) {
        return points.stream().filter(p -> p.deployment().equals(deployment) && p.rate() == rate).findFirst().orElse(null);
    }
}

package org.copper.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.copper.build.ProjectFile;
import org.copper.testbed.Testbed;
import org.copper.testbed.TestbedException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./copper testbed}: parses its arguments and runs {@link Testbed} (org.copper.testbed). */
@Command(name = "testbed", description = { "Run the app on this machine with real sidecars and the eBPF add-on; check enforcement; compare deployments.",
        "",
        "As root: one small HTTP/2 service per graph service (two for a service that policies route between versions), each in its own cgroup v2, HAProxy sidecars exactly where the build placed them with the generated configurations, and the eBPF add-on attached to every service. Checks the policies on real traffic (header, routing, access control, rate limit, and the context each service receives), then compares three all-HAProxy deployments under open-loop load (h2load): a sidecar at every service, Istio++, and Wire + eBPF (p50/p99 latency, throughput, CPU of sidecars and add-on), and one eBPF hop against one HAProxy hop. Everything started is torn down at the end, on failure and on Ctrl-C (docs/testbed.md). Exit code 1 if an enforcement check fails." })
final class TestbedCommand extends CliCommand {
    static final String DEFAULT_APP = "examples/hotel-reservation";

    @Parameters(paramLabel = "APP", arity = "0..1", description = "the app: a policy project (default: " + DEFAULT_APP + ")")
    Path app;

    @Option(names = "--quick", description = "Wire + eBPF only: the enforcement checks, no load comparison (what CI runs)")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "also write the comparison (results.json, testbed.svg) into DIR")
    Path outDir;

    @Override
    public Integer call() throws UsageError {
        Path home = Path.of(System.getProperty("copper.home", "."));
        Path dir = app != null ? app : home.resolve(DEFAULT_APP);
        if (!Files.isRegularFile(dir.resolve(ProjectFile.FILE_NAME))) {
            throw new UsageError(dir + ": no " + ProjectFile.FILE_NAME + " here (see docs/project-file.md)");
        }
        try {
            return new Testbed(new Testbed.Options(dir, quick, outDir, home), out()).run();
        } catch (TestbedException e) {
            err().println(who() + ": " + e.getMessage());
            return 2;
        }
    }
}

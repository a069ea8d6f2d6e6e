package org.copper.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./copper demo}: check an example's policies and place them on its service graph with Istio and
 * Cilium on offer (the placement alone; {@code ./copper build} also generates the deployment).
 */
@Command(name = "demo", description = { "Check and place an example (default: " + DemoCommand.EXAMPLE + ").",
        "",
        "Runs: ./copper place --graph DIR/graph.json --dataplanes istio=10,cilium=4 DIR" })
final class DemoCommand extends CliCommand {
    static final String EXAMPLE = "examples/online-boutique";

    @Parameters(paramLabel = "EXAMPLE-DIR", arity = "0..1", description = "an example folder with graph.json and policies")
    Path dir;

    @Override
    public Integer call() throws UsageError {
        Path example = dir != null ? dir : Path.of(System.getProperty("copper.home", ".")).resolve(EXAMPLE);
        if (!Files.isRegularFile(example.resolve("graph.json"))) {
            throw new UsageError(example + ": no graph.json here (run from the repository root, or name an example folder)");
        }
        out().println("# ./copper place --graph " + example.resolve("graph.json") + " --dataplanes istio=10,cilium=4 " + example);
        out().flush();
        // the same command line, so the same parsing, messages and exit codes as typing it
        return spec.root().commandLine().execute("place", "--graph", example.resolve("graph.json").toString(), "--dataplanes",
                "istio=10,cilium=4", example.toString());
    }
}

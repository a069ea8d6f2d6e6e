package org.copper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./copper demo}: the main job on the default example (Online Boutique): check its policies
 * and place them on its service graph with Istio and Cilium on offer.
 */
final class DemoCommand implements Command {
    static final String EXAMPLE = "examples/online-boutique";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "check and place the default example (" + EXAMPLE + ")";
    }

    @Override
    public String usage() {
        return "usage: ./copper demo [EXAMPLE-DIR]\n\nRuns: ./copper place --graph EXAMPLE-DIR/graph.json --dataplanes istio=10,cilium=4 EXAMPLE-DIR\n"
                + "EXAMPLE-DIR defaults to " + EXAMPLE + ".";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, IOException {
        if (args.size() > 1) {
            throw new UsageError("at most one example folder; see ./copper demo --help");
        }
        Path dir = args.isEmpty() ? Path.of(System.getProperty("copper.home", ".")).resolve(EXAMPLE) : UserPaths.of(args.get(0));
        if (!Files.isRegularFile(dir.resolve("graph.json"))) {
            throw new UsageError(dir + ": no graph.json here (run from the repository root, or name an example folder)");
        }
        out.println("# ./copper place --graph " + dir.resolve("graph.json") + " --dataplanes istio=10,cilium=4 " + dir);
        return new PlaceCommand().run(List.of("--graph", dir.resolve("graph.json").toString(), "--dataplanes", "istio=10,cilium=4",
                dir.toString()), out, err);
    }
}

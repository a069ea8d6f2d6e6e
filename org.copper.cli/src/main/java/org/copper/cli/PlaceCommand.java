package org.copper.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.copper.lang.api.CopperWorkspace;
import org.copper.build.SidecarReasons;
import org.wire.placement.Wire;
import org.wire.model.io.AtomicFiles;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;
import org.wire.model.Dataplane;
import org.wire.model.SidecarCost;
import org.wire.model.Policy;
import org.wire.model.placement.PlacementJsonWriter;
import org.wire.placement.output.PlacementTextReport;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;
import org.wire.model.placement.PlacementResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./copper place}: the cheapest sidecars that enforce every policy, proven optimal. */
@Command(name = "place", description = { "Compute the optimal sidecar placement for policies on a service graph.",
        "",
        "Checks the policies under PATH (files or directories), then places them on the service graph G.json (docs/build.md) with the cheapest set of sidecars that still enforces each one." })
final class PlaceCommand extends CliCommand {
    @Option(names = "--graph", paramLabel = "G.json", required = true, description = "the service graph")
    Path graphFile;

    @Mixin
    DataplaneOption placement;

    @Option(names = "--require-sidecar", paramLabel = "a,b", split = ",", description = "services that must get a sidecar")
    List<String> required = List.of();

    @Option(names = "--forbid-sidecar", paramLabel = "c,d", split = ",", description = "services that must not get a sidecar")
    List<String> forbidden = List.of();

    @Option(names = "--json", description = "print the placement JSON instead of the text report")
    boolean json;

    @Option(names = "--explain", description = "also print why each sidecar is there (the policies that force it: a pinned side, or which edges of a free policy it covers)")
    boolean explain;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the placement JSON to FILE, atomically and without the timings (match_ms, solve_ms), so equal inputs give identical files")
    Path outFile;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "policy files or directories")
    List<Path> paths;

    @Override
    public Integer call() throws UsageError, IOException {
        if (explain && json) {
            throw new UsageError("--explain adds text to the text report; it does not combine with --json");
        }
        ServiceGraph graph = readGraph(graphFile);
        List<Dataplane> offered = placement.dataplanes();
        String tooDear = SidecarCost.checkBounds(offered, graph);
        if (tooDear != null) {
            throw new UsageError("--dataplanes with " + graphFile + "'s load: " + tooDear);
        }
        List<Policy> policies = loadPolicies(paths, graph, err());
        if (policies == null) {
            return 1;
        }
        if (policies.isEmpty()) {
            // an empty "optimal" placement would look like success
            throw new UsageError("no policies in " + String.join(", ", paths.stream().map(Path::toString).toList()) + "; nothing to place");
        }
        PlacementOptions options = PlacementOptions.defaults().withPaperEncoding(placement.paperEncoding)
                .withMustHaveSidecar(services(required, graph, "--require-sidecar"))
                .withMustNotHaveSidecar(services(forbidden, graph, "--forbid-sidecar"));
        PlacementResult result;
        try {
            result = Wire.place(graph, policies, offered, options);
        } catch (PlacementException e) {
            err().println(who() + ": " + e.getMessage());
            return 1;
        }
        if (outFile != null) {
            // a generated file: byte-identical for equal inputs, so without the two timings
            AtomicFiles.writeString(outFile, PlacementJsonWriter.toJson(result, false));
        }
        out().print(json ? PlacementJsonWriter.toJson(result) : PlacementTextReport.render(result));
        if (explain) {
            out().print("\nwhy each sidecar:\n" + SidecarReasons.text(result));
        }
        return 0;
    }

    static ServiceGraph readGraph(Path path) throws UsageError {
        try {
            return GraphJsonReader.read(path);
        } catch (WireInputException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Checks and lowers the policies; prints the problems and returns null when there are errors. */
    static List<Policy> loadPolicies(List<Path> paths, ServiceGraph graph, PrintWriter err) throws UsageError, IOException {
        CopperWorkspace ws;
        try {
            ws = CopperWorkspace.load(paths);
        } catch (NoSuchFileException e) {
            throw new UsageError(e.getFile() + ": no such file or directory");
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (!ws.hasErrors()) {
            ws.checkAgainst(graph);
        }
        ws.diagnostics().forEach(d -> err.println(d.format()));
        if (ws.hasErrors()) {
            err.println("copper: policies have errors; nothing placed");
            return null;
        }
        return ws.lowerPolicies();
    }

    private static Set<String> services(List<String> list, ServiceGraph graph, String option) throws UsageError {
        Set<String> names = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String s : list.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!graph.services().contains(s)) {
                unknown.add(s);
            }
            names.add(s);
        }
        if (!unknown.isEmpty()) {
            throw new UsageError(option + ": no service " + String.join(", ", unknown) + " in the graph");
        }
        return names;
    }
}

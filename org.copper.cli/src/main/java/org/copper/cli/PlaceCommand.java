package org.copper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.wire.model.Policy;
import org.wire.model.placement.PlacementJsonWriter;
import org.wire.placement.output.PlacementTextReport;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;
import org.wire.model.placement.PlacementResult;

/** {@code ./copper place}: the cheapest sidecars that enforce every policy, proven optimal by SAT4J. */
final class PlaceCommand implements Command {
    @Override
    public String name() {
        return "place";
    }

    @Override
    public String summary() {
        return "compute the optimal sidecar placement for policies on a service graph";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper place --graph G.json [--dataplanes istio=10,cilium=4] [--paper-encoding]
                                      [--require-sidecar a,b] [--forbid-sidecar c,d] [--json | --explain] [--out FILE] PATH...

                Checks the policies under PATH (files or directories), then places them on the service
                graph G.json (spec §8) with the cheapest set of sidecars that still enforces each one.

                  --dataplanes LIST    dataplanes on offer and the cost of one sidecar (default istio=1);
                                       shipped: istio, cilium, haproxy
                  --paper-encoding     the paper's all-sources-or-all-destinations form for free policies
                  --require-sidecar    services that must get a sidecar
                  --forbid-sidecar     services that must not get a sidecar
                  --json               print the placement JSON instead of the text report
                  --explain            also print why each sidecar is there (the policies that force it: a
                                       pinned side, or which edges of a free policy it covers)
                  --out FILE           also write the placement JSON to FILE, atomically and without the
                                       timings (match_ms, solve_ms), so equal inputs give identical files""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, IOException {
        Arguments a = Arguments.parse(args, Set.of("--paper-encoding", "--json", "--explain"),
                Set.of("--graph", "--dataplanes", "--require-sidecar", "--forbid-sidecar", "--out"), name());
        if (a.positionals.isEmpty()) {
            throw new UsageError("no policy files or directories given; see ./copper place --help");
        }
        if (a.flag("--explain") && a.flag("--json")) {
            throw new UsageError("--explain adds text to the text report; it does not combine with --json");
        }
        ServiceGraph graph = readGraph(UserPaths.of(a.required("--graph", name())));
        List<Dataplane> dataplanes = DataplaneOption.parse(a.value("--dataplanes", DataplaneOption.DEFAULT));
        List<Policy> policies = loadPolicies(a.positionals, graph, err);
        if (policies == null) {
            return 1;
        }
        if (policies.isEmpty()) {
            // an empty "optimal" placement would look like success
            err.println("copper place: no policies in " + String.join(", ", a.positionals) + "; nothing to place");
            return 2;
        }
        PlacementOptions options = PlacementOptions.defaults().withPaperEncoding(a.flag("--paper-encoding"))
                .withMustHaveSidecar(services(a.value("--require-sidecar", ""), graph, "--require-sidecar"))
                .withMustNotHaveSidecar(services(a.value("--forbid-sidecar", ""), graph, "--forbid-sidecar"));
        PlacementResult result;
        try {
            result = Wire.place(graph, policies, dataplanes, options);
        } catch (PlacementException e) {
            err.println("copper place: " + e.getMessage());
            return 1;
        }
        if (a.options.containsKey("--out")) {
            // a generated file: byte-identical for equal inputs, so without the two timings
            AtomicFiles.writeString(UserPaths.of(a.options.get("--out")), PlacementJsonWriter.toJson(result, false));
        }
        out.print(a.flag("--json") ? PlacementJsonWriter.toJson(result) : PlacementTextReport.render(result));
        if (a.flag("--explain")) {
            out.print("\nwhy each sidecar:\n" + SidecarReasons.text(result));
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
    static List<Policy> loadPolicies(List<String> paths, ServiceGraph graph, PrintStream err) throws UsageError, IOException {
        CopperWorkspace ws;
        try {
            List<Path> files = new java.util.ArrayList<>();
            for (String p : paths) {
                files.add(UserPaths.of(p));
            }
            ws = CopperWorkspace.load(files);
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

    private static Set<String> services(String list, ServiceGraph graph, String option) throws UsageError {
        Set<String> names = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String s : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
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

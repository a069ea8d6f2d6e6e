package org.copper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.wire.model.graph.ServiceGraph;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;

/** {@code ./copper check [--verbose] PATH...}: one line per problem, exit 1 on any error. */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check policies (.cup) and interfaces (.cui) for errors";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper check [--verbose] [--graph G.json] PATH...

                Checks every .cup and .cui file under the given files or directories and prints
                one line per problem:  path:line:column: error|warning: message
                Exits 1 if there is any error, 0 otherwise.

                  --verbose       also print, for each policy, whether it is free or pinned and why
                  --graph G.json  also warn about service names the graph does not know (with the
                                  closest known name) and patterns that match no call of the graph""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, IOException {
        Arguments a = Arguments.parse(args.stream().map(s -> s.equals("-v") ? "--verbose" : s).toList(), Set.of("--verbose"),
                Set.of("--graph"), name());
        boolean verbose = a.flag("--verbose");
        List<Path> paths = new ArrayList<>();
        for (String p : a.positionals) {
            paths.add(UserPaths.of(p));
        }
        ServiceGraph graph = a.options.containsKey("--graph") ? PlaceCommand.readGraph(UserPaths.of(a.options.get("--graph"))) : null;
        if (paths.isEmpty()) {
            throw new UsageError("no files or directories given; see ./copper check --help");
        }
        CopperWorkspace ws;
        try {
            ws = CopperWorkspace.load(paths);
        } catch (NoSuchFileException e) {
            throw new UsageError(e.getFile() + ": no such file or directory");
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (graph != null) {
            ws.checkAgainst(graph);
        }
        List<CopperDiagnostic> lines = new ArrayList<>(ws.diagnostics());
        if (verbose) {
            for (CopperWorkspace.LoadedPolicy p : ws.policies()) {
                lines.add(new CopperDiagnostic(p.path(), p.line(), p.column(), 0, 0, CopperDiagnostic.Severity.INFO,
                        "policy '" + p.policy().getName() + "' is " + p.kind(), null, List.of()));
            }
            lines.sort(CopperDiagnostic.ORDER);
        }
        lines.forEach(d -> out.println(d.format()));
        if (verbose) {
            long errors = ws.diagnostics().stream().filter(d -> d.severity() == CopperDiagnostic.Severity.ERROR).count();
            long warnings = ws.diagnostics().stream().filter(d -> d.severity() == CopperDiagnostic.Severity.WARNING).count();
            err.println(count(ws.policies().size(), "policy", "policies") + ", " + count(errors, "error", "errors") + ", "
                    + count(warnings, "warning", "warnings"));
        }
        if (ws.fileCount() == 0 && ws.diagnostics().isEmpty()) {
            err.println("copper check: no .cup or .cui files under " + String.join(", ", paths.stream().map(Path::toString).toList()));
        }
        return ws.hasErrors() ? 1 : 0;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

package org.copper.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.wire.model.graph.ServiceGraph;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./copper check [--verbose] PATH...}: one line per problem, exit 1 on any error. */
@Command(name = "check", description = { "Check policies (.cup) and interfaces (.cui) for errors.",
        "",
        "Prints one line per problem, path:line:column: error|warning: message, and exits 1 if there is any error." })
final class CheckCommand extends CliCommand {
    @Option(names = { "-v", "--verbose" }, description = "also print, for each policy, whether it is free or pinned and why")
    boolean verbose;

    @Option(names = "--graph", paramLabel = "G.json", description = "also warn about service names the graph does not know (with the closest known name), patterns that match no call of the graph and conflicts")
    Path graphFile;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = ".cup/.cui files or directories to check")
    List<Path> paths;

    @Override
    public Integer call() throws UsageError, IOException {
        ServiceGraph graph = graphFile != null ? PlaceCommand.readGraph(graphFile) : null;
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
        lines.forEach(d -> out().println(d.format()));
        if (verbose) {
            long errors = ws.diagnostics().stream().filter(d -> d.severity() == CopperDiagnostic.Severity.ERROR).count();
            long warnings = ws.diagnostics().stream().filter(d -> d.severity() == CopperDiagnostic.Severity.WARNING).count();
            err().println(count(ws.policies().size(), "policy", "policies") + ", " + count(errors, "error", "errors") + ", "
                    + count(warnings, "warning", "warnings"));
        }
        if (ws.fileCount() == 0 && ws.diagnostics().isEmpty()) {
            // nothing checked is not a clean result: the same exit code as every command's "no input"
            err().println(who() + ": no .cup or .cui files under " + String.join(", ", paths.stream().map(Path::toString).toList()));
            return 2;
        }
        return ws.hasErrors() ? 1 : 0;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

package org.copper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.wire.placement.experiment.AlibabaTraceImporter;
import org.wire.model.graph.WireInputException;

/** {@code ./copper import-alibaba}: Alibaba call-graph traces to one graph JSON per application. */
final class ImportAlibabaCommand implements Command {
    @Override
    public String name() {
        return "import-alibaba";
    }

    @Override
    public String summary() {
        return "turn an Alibaba MSCallGraph trace (v2021 or v2022) into graph JSON files";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper import-alibaba CALLGRAPH.csv --out DIR

                Reads an Alibaba microservices call-graph trace (v2021 MSCallGraph columns, or the v2022
                variant with 'service') and writes one graph JSON per application into DIR; 'db' and 'mc'
                callees become databases.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, IOException {
        Arguments a = Arguments.parse(args, Set.of(), Set.of("--out"), name());
        if (a.positionals.size() != 1) {
            throw new UsageError("give exactly one CSV file; see ./copper import-alibaba --help");
        }
        Path csv = UserPaths.of(a.positionals.get(0));
        if (!Files.isRegularFile(csv)) {
            throw new UsageError(csv + ": no such file");
        }
        List<Path> written;
        try {
            written = AlibabaTraceImporter.importCsv(csv, UserPaths.of(a.required("--out", name())));
        } catch (WireInputException e) {
            err.println("copper import-alibaba: " + e.getMessage());
            return 1;
        }
        written.forEach(p -> out.println(p));
        return 0;
    }
}

package org.copper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.wire.placement.experiment.AlibabaTraceImporter;
import org.wire.model.graph.WireInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./copper import-alibaba}: Alibaba call-graph traces to one graph JSON per application. */
@Command(name = "import-alibaba", description = { "Turn an Alibaba MSCallGraph trace (v2021 or v2022) into graph JSON files.",
        "",
        "Reads the trace (v2021 MSCallGraph columns, or the v2022 variant with 'service') and writes one graph JSON per application into DIR; 'db' and 'mc' callees become databases." })
final class ImportAlibabaCommand extends CliCommand {
    @Parameters(paramLabel = "CALLGRAPH.csv", description = "the trace")
    Path csv;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "where the graph JSON files go")
    Path outDir;

    @Override
    public Integer call() throws UsageError, IOException {
        if (!Files.isRegularFile(csv)) {
            throw new UsageError(csv + ": no such file");
        }
        List<Path> written;
        try {
            written = AlibabaTraceImporter.importCsv(csv, outDir);
        } catch (WireInputException e) {
            err().println(who() + ": " + e.getMessage());
            return 1;
        }
        written.forEach(p -> out().println(p));
        return 0;
    }
}

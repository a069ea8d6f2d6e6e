package org.copper.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.wire.placement.experiment.ExperimentReport;
import org.wire.placement.experiment.ExperimentRow;
import org.wire.placement.experiment.ExperimentRunner;
import org.wire.placement.experiment.PolicySet;
import org.wire.model.graph.WireInputException;
import org.wire.placement.place.PlacementException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./copper experiment}: the paper's policy sets P1 and P1+P2 on every graph of a folder. */
@Command(name = "experiment", description = { "Run the paper's policy sets (p1, p1p2) on every graph JSON in a folder.",
        "",
        "For each graph JSON under DIR (sub-folders too), generates the paper's policies (P1 sets a header on requests reaching each service from an entry; P2 routes them to a version) and places them. Prints a table and a summary, or a JSON array with --json." })
final class ExperimentCommand extends CliCommand {
    @Option(names = "--graphs", paramLabel = "DIR", required = true, description = "folder of service graph JSON files")
    Path dir;

    @Option(names = "--policy-set", paramLabel = "p1|p1p2", required = true, description = "which of the paper's policy sets")
    String policySet;

    @Mixin
    DataplaneOption placement;

    @Option(names = "--json", description = "print a JSON array instead of the table")
    boolean json;

    @Override
    public Integer call() throws UsageError {
        if (!Files.isDirectory(dir)) {
            throw new UsageError(dir + ": not a directory");
        }
        PolicySet set;
        try {
            set = PolicySet.parse(policySet);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--policy-set: " + e.getMessage());
        }
        List<ExperimentRow> rows;
        try {
            rows = ExperimentRunner.run(dir, set, placement.dataplanes(), placement.paperEncoding);
        } catch (WireInputException e) {
            // a missing, unreadable or malformed graph is bad input, like every command's: exit 2
            throw new UsageError(e.getMessage());
        } catch (PlacementException e) {
            err().println(who() + ": " + e.getMessage());
            return 1;
        }
        out().print(json ? ExperimentReport.json(rows) : ExperimentReport.table(rows));
        return 0;
    }
}

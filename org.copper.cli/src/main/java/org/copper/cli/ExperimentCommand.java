package org.copper.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.wire.placement.experiment.ExperimentReport;
import org.wire.placement.experiment.ExperimentRow;
import org.wire.placement.experiment.ExperimentRunner;
import org.wire.placement.experiment.PolicySet;
import org.wire.model.graph.WireInputException;
import org.wire.model.Dataplane;
import org.wire.placement.place.PlacementException;

/** {@code ./copper experiment}: the paper's policy sets P1 and P1+P2 on every graph of a folder. */
final class ExperimentCommand implements Command {
    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "run the paper's policy sets (p1, p1p2) on every graph JSON in a folder";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper experiment --graphs DIR --policy-set p1|p1p2 [--dataplanes istio=10,cilium=4]
                                           [--paper-encoding] [--json]

                For each graph JSON in DIR, generates the paper's policies (spec §8: P1 sets a header on
                requests reaching each service from an entry; P2 routes them to a version) and places
                them. Prints a table and a summary, or a JSON array with --json.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, IOException {
        Arguments a = Arguments.parse(args, Set.of("--paper-encoding", "--json"), Set.of("--graphs", "--policy-set", "--dataplanes"),
                name());
        if (!a.positionals.isEmpty()) {
            throw new UsageError("unexpected argument '" + a.positionals.get(0) + "'; see ./copper experiment --help");
        }
        Path dir = UserPaths.of(a.required("--graphs", name()));
        if (!Files.isDirectory(dir)) {
            throw new UsageError(dir + ": not a directory");
        }
        PolicySet set;
        try {
            set = PolicySet.parse(a.required("--policy-set", name()));
        } catch (IllegalArgumentException e) {
            throw new UsageError("--policy-set: " + e.getMessage());
        }
        List<Dataplane> dataplanes = DataplaneOption.parse(a.value("--dataplanes", DataplaneOption.DEFAULT));
        List<ExperimentRow> rows;
        try {
            rows = ExperimentRunner.run(dir, set, dataplanes, a.flag("--paper-encoding"));
        } catch (WireInputException | PlacementException e) {
            err.println("copper experiment: " + e.getMessage());
            return 1;
        }
        out.print(a.flag("--json") ? ExperimentReport.json(rows) : ExperimentReport.table(rows));
        return 0;
    }
}

package org.wire.placement.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.wire.placement.Wire;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;
import org.wire.model.Dataplane;
import org.wire.placement.place.PlacementException;
import org.wire.placement.place.PlacementOptions;
import org.wire.model.placement.PlacementResult;

/** The paper's experiment (§7.2): a policy set on every graph JSON of a directory. */
public final class ExperimentRunner {
    private ExperimentRunner() {}

    /**
     * Runs {@code set} on every {@code *.json} file directly in {@code graphsDir}, in file-name order.
     * {@code solve_ms} covers match sets, preprocessing and solving.
     *
     * @throws WireInputException on an unreadable directory or a bad graph (naming the file)
     * @throws PlacementException when a graph cannot be placed (naming the graph)
     */
    public static List<ExperimentRow> run(Path graphsDir, PolicySet set, List<Dataplane> dataplanes, boolean paperEncoding)
            throws WireInputException, PlacementException {
        List<Path> files;
        try (Stream<Path> s = Files.list(graphsDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new WireInputException(graphsDir + ": cannot list graph directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new WireInputException(graphsDir + ": no graph JSON files (*.json)");
        }
        List<ExperimentRow> rows = new ArrayList<>();
        for (Path f : files) {
            ServiceGraph g = GraphJsonReader.read(f);
            rows.add(run(g, set, dataplanes, paperEncoding));
        }
        return rows;
    }

    /** One graph. */
    public static ExperimentRow run(ServiceGraph g, PolicySet set, List<Dataplane> dataplanes, boolean paperEncoding) throws PlacementException {
        PlacementResult r;
        try {
            r = Wire.place(g, PaperPolicySets.of(g, set), dataplanes, PlacementOptions.defaults().withPaperEncoding(paperEncoding));
        } catch (PlacementException e) {
            throw new PlacementException("graph " + g.name() + ": " + e.getMessage());
        }
        return row(g, r);
    }

    public static ExperimentRow row(ServiceGraph g, PlacementResult r) {
        long ms = r.stats().matchMs() + r.stats().solveMs();
        return new ExperimentRow(g.name(), g.size(), g.edgeCount(), r.cost(), r.sidecarCount(), r.optimal(), ms,
                (g.size() - r.sidecarCount()) / (double) g.size());
    }
}

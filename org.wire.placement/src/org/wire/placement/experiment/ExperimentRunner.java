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
     * Runs {@code set} on every graph file under {@code graphsDir} (sub-folders included, in path order): every
     * {@code *.json} except project files ({@code copper.json}), id maps ({@code service-ids.json}) and build output
     * (a folder holding {@code .copper-build}).
     * {@code solve_ms} covers match sets, preprocessing and solving.
     *
     * @throws WireInputException on an unreadable directory or a bad graph (naming the file)
     * @throws PlacementException when a graph cannot be placed (naming the graph)
     */
    public static List<ExperimentRow> run(Path graphsDir, PolicySet set, List<Dataplane> dataplanes, boolean paperEncoding)
            throws WireInputException, PlacementException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(graphsDir, 4)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .filter(p -> !NOT_GRAPHS.contains(p.getFileName().toString()) && !insideBuildOutput(graphsDir, p)).sorted().toList();
        } catch (IOException e) {
            throw new WireInputException(graphsDir + ": cannot list graph directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new WireInputException(graphsDir + ": no graph JSON files (*.json)");
        }
        List<ExperimentRow> rows = new ArrayList<>();
        for (Path f : files) {
            ServiceGraph g = GraphJsonReader.read(f);
            String tooDear = org.wire.model.SidecarCost.checkBounds(dataplanes, g);
            if (tooDear != null) {
                throw new WireInputException(f + ": with these dataplanes " + tooDear);
            }
            rows.add(run(g, set, dataplanes, paperEncoding));
        }
        return rows;
    }

    private static final java.util.Set<String> NOT_GRAPHS = java.util.Set.of("copper.json", "service-ids.json", "placement.json");

    private static boolean insideBuildOutput(Path root, Path file) {
        for (Path d = file.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
            if (Files.exists(d.resolve(".copper-build"))) {
                return true;
            }
        }
        return false;
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

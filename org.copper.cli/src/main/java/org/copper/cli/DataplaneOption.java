package org.copper.cli;

import java.util.List;

import org.copper.lang.api.CopperWorkspace;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.Dataplane;

import picocli.CommandLine.Option;

/**
 * The placement options {@code place} and {@code experiment} share (a picocli mixin): {@code --dataplanes
 * istio=10,cilium=4}, the shipped dataplanes on offer with their real interface files and costs, and
 * {@code --paper-encoding}.
 */
final class DataplaneOption {
    static final String DEFAULT = "istio=1";

    @Option(names = "--dataplanes", paramLabel = "LIST", defaultValue = DEFAULT,
            description = "dataplanes on offer and the cost of one sidecar (default: ${DEFAULT-VALUE}); shipped: istio, cilium, haproxy;"
                    + " istio=10+2/load: 10 plus 2 per unit of the service's load (the graph's \"load\")")
    String spec;

    @Option(names = "--paper-encoding", description = "the paper's all-sources-or-all-destinations form for free policies")
    boolean paperEncoding;

    List<Dataplane> dataplanes() throws UsageError {
        try {
            return StandardDataplanes.parse(spec, CopperWorkspace::builtinDataplane);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--dataplanes: " + e.getMessage());
        }
    }
}

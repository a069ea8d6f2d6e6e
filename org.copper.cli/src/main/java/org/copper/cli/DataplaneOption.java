package org.copper.cli;

import java.util.List;

import org.copper.lang.api.CopperWorkspace;
import org.wire.placement.experiment.StandardDataplanes;
import org.wire.model.Dataplane;

/** {@code --dataplanes istio=10,cilium=4}: the shipped dataplanes on offer, with their real interface files and costs. */
final class DataplaneOption {
    static final String DEFAULT = "istio=1";

    private DataplaneOption() {}

    static List<Dataplane> parse(String spec) throws UsageError {
        try {
            return StandardDataplanes.parse(spec, CopperWorkspace::builtinDataplane);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--dataplanes: " + e.getMessage());
        }
    }
}

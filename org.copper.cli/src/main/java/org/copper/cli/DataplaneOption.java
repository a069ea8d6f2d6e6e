package org.copper.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.copper.lang.api.CopperWorkspace;
import org.wire.placement.model.Dataplane;

/** {@code --dataplanes istio=10,cilium=4}: the shipped dataplanes on offer, with their real interface files and costs. */
final class DataplaneOption {
    static final String DEFAULT = "istio=1";

    private DataplaneOption() {}

    static List<Dataplane> parse(String spec) throws UsageError {
        List<Dataplane> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).strip();
            long cost;
            try {
                cost = eq < 0 ? 1 : Long.parseLong(p.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new UsageError("--dataplanes: cost must be a whole number in '" + p + "'");
            }
            if (cost < 0) {
                throw new UsageError("--dataplanes: cost must be >= 0 in '" + p + "'");
            }
            if (!seen.add(name)) {
                throw new UsageError("--dataplanes: '" + name + "' is named twice");
            }
            try {
                out.add(new Dataplane(name, cost, CopperWorkspace.builtinDataplane(name)));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--dataplanes: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new UsageError("--dataplanes: no dataplane in '" + spec + "'");
        }
        return out;
    }
}

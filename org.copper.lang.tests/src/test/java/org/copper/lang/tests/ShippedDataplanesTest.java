package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.wire.model.ActCapability;
import org.wire.model.ActionRef;
import org.wire.model.DataplaneInterface;
import org.wire.placement.experiment.StandardDataplanes;

/**
 * The shipped .cui files are the source of truth for what a dataplane supports. The placement module keeps a
 * copy for language-free benchmarks and tests ({@code StandardDataplanes}); it must answer every "does dataplane D
 * support action A on type T" question exactly as the .cui file does.
 */
class ShippedDataplanesTest {
    @Test
    void languageFreeTablesAgreeWithTheShippedInterfaceFiles() {
        List<String> differences = new ArrayList<>();
        for (String name : List.of("istio", "cilium", "haproxy")) {
            DataplaneInterface cui = CopperWorkspace.builtinDataplane(name);
            DataplaneInterface table = StandardDataplanes.iface(name);
            Set<String> types = new TreeSet<>();
            Set<String> actions = new TreeSet<>();
            for (DataplaneInterface i : List.of(cui, table)) {
                i.acts().forEach(a -> types.addAll(a.ancestorsOrSelf()));
                i.acts().stream().map(ActCapability::actions).forEach(actions::addAll);
                types.addAll(i.states().keySet());
                i.states().values().forEach(actions::addAll);
            }
            for (String type : types) {
                for (String action : actions) {
                    for (boolean onState : new boolean[] { false, true }) {
                        ActionRef ref = new ActionRef(type, onState, action, Set.of());
                        if (cui.supports(ref) != table.supports(ref)) {
                            differences.add(name + ": " + type + "." + action + (onState ? " (state)" : "") + ": " + name + ".cui says "
                                    + cui.supports(ref) + ", StandardDataplanes says " + table.supports(ref));
                        }
                    }
                }
            }
        }
        assertEquals("", String.join("\n", differences));
    }
}

package org.copper.lang.lowering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.InterfaceFile;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.typing.Declarations;
import org.wire.model.ActCapability;
import org.wire.model.DataplaneInterface;

/** Lowers a dataplane's interface file into what Wire needs: which actions it lists on which ACTs and states. */
public final class InterfaceLowering {
    private InterfaceLowering() {}

    public static DataplaneInterface lower(String dataplaneName, InterfaceFile file) {
        List<ActCapability> acts = new ArrayList<>();
        Map<String, Set<String>> states = new LinkedHashMap<>();
        for (Declaration d : file.getDeclarations()) {
            if (d instanceof ActDecl act) {
                List<String> chain = Declarations.ancestorsOrSelf(act).stream().map(ActDecl::getName).toList();
                acts.add(new ActCapability(chain, names(act.getActions())));
            } else if (d instanceof StateDecl state) {
                states.put(state.getName(), names(state.getActions()));
            }
        }
        return new DataplaneInterface(dataplaneName, acts, states);
    }

    private static Set<String> names(List<ActionDecl> actions) {
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(a -> names.add(a.getName()));
        return names;
    }
}

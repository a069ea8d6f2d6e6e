package org.copper.lang.ide.hover;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.InterfaceFile;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.lowering.InterfaceLowering;
import org.copper.lang.scoping.ImportResolver;
import org.copper.lang.typing.Declarations;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.wire.model.ActCapability;
import org.wire.model.DataplaneInterface;

/**
 * Which shipped dataplanes offer an action, read from their built-in interfaces as Wire reads
 * them ({@link InterfaceLowering}): a dataplane offers action A of ACT X when one of its ACTs is X
 * or derives from X and lists A; of state S when its S lists A.
 */
final class DataplaneSupport {
    static final List<String> SHIPPED = List.of("istio", "cilium", "haproxy");

    private DataplaneSupport() {}

    static List<String> supporting(ActionDecl action, ResourceSet resourceSet) {
        Declaration owner = Declarations.owner(action);
        List<String> result = new ArrayList<>();
        if (owner == null || owner.getName() == null) {
            return result;
        }
        for (String name : SHIPPED) {
            DataplaneInterface dataplane = load(name, resourceSet);
            if (dataplane != null && offers(dataplane, owner, action.getName())) {
                result.add(name);
            }
        }
        return result;
    }

    private static boolean offers(DataplaneInterface dataplane, Declaration owner, String action) {
        if (owner instanceof StateDecl) {
            Set<String> actions = dataplane.states().get(owner.getName());
            return actions != null && actions.contains(action);
        }
        if (owner instanceof ActDecl) {
            for (ActCapability act : dataplane.acts()) {
                if (act.ancestorsOrSelf().contains(owner.getName()) && act.actions().contains(action)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DataplaneInterface load(String name, ResourceSet resourceSet) {
        URI uri = ImportResolver.builtin(name + ".cui");
        if (uri == null || resourceSet == null) {
            return null;
        }
        try {
            Resource r = resourceSet.getResource(uri, true);
            return r.getContents().isEmpty() || !(r.getContents().get(0) instanceof InterfaceFile file) ? null
                    : InterfaceLowering.lower(name, file);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

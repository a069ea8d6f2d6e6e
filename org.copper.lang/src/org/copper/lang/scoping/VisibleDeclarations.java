package org.copper.lang.scoping;

import java.util.ArrayList;
import java.util.List;

import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.InterfaceFile;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;

/** The ACT and state declarations a file sees through its imports (transitively), in import order. */
public final class VisibleDeclarations {
    private VisibleDeclarations() {}

    public static List<Declaration> imported(Resource resource) {
        List<Declaration> result = new ArrayList<>();
        for (URI uri : CopperImportScopeProvider.transitiveImports(resource)) {
            Resource r = CopperImportScopeProvider.load(resource, uri);
            if (r == null) {
                continue;
            }
            for (EObject root : r.getContents()) {
                if (root instanceof InterfaceFile file) {
                    result.addAll(file.getDeclarations());
                }
            }
        }
        return result;
    }

    /** The first imported declaration of that name, or null. */
    public static Declaration importedNamed(Resource resource, String name) {
        return imported(resource).stream().filter(d -> name != null && name.equals(d.getName())).findFirst().orElse(null);
    }
}

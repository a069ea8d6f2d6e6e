package org.copper.lang.scoping;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;

import org.copper.lang.iface.Import;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;

/**
 * Global scope through imports, resolved with {@link ImportResolver} and followed transitively
 * (a policy importing {@code istio.cui} sees {@code Request} from the {@code common.cui} it imports).
 * Cycles end because every resource is visited once; they are reported by validation.
 */
public class CopperImportScopeProvider extends ImportUriGlobalScopeProvider {

    @Inject
    private IResourceScopeCache importCache;

    @Override
    protected LinkedHashSet<URI> getImportedUris(Resource resource) {
        return importCache.get(CopperImportScopeProvider.class.getName(), resource, () -> transitiveImports(resource));
    }

    static LinkedHashSet<URI> transitiveImports(Resource resource) {
        LinkedHashSet<URI> result = new LinkedHashSet<>();
        Deque<Resource> work = new ArrayDeque<>();
        work.add(resource);
        while (!work.isEmpty()) {
            Resource current = work.poll();
            for (EObject root : current.getContents()) {
                for (EObject child : root.eContents()) {
                    if (child instanceof Import imp) {
                        URI uri = ImportResolver.resolve(current, imp.getImportURI());
                        if (uri != null && !uri.equals(resource.getURI()) && result.add(uri)) {
                            Resource imported = load(current, uri);
                            if (imported != null) {
                                work.add(imported);
                            }
                        }
                    }
                }
            }
        }
        return result;
    }

    static Resource load(Resource from, URI uri) {
        try {
            return from.getResourceSet().getResource(uri, true);
        } catch (RuntimeException e) {
            return null; // unreadable import: reported by validation, not here
        }
    }
}

package org.copper.lang.ide.server;

import java.util.List;

import org.copper.lang.iface.Import;
import org.copper.lang.scoping.ImportResolver;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

/**
 * Go to definition. Targets are resolved in the requesting file's own resource set, where the
 * imports (built-ins included) are already loaded: Xtext's default reads a target through the
 * workspace's projects, which know nothing of a built-in inside the server's jar. On an import's
 * string it goes to the imported file.
 */
public class CopperDefinitions extends DocumentSymbolService {
    @Inject
    private EObjectAtOffsetHelper elementAtOffset;

    @Inject
    private CopperDocumentExtensions locations;

    @Inject
    private UriExtensions uriExtensions;

    @Override
    public List<? extends Location> getDefinitions(XtextResource resource, int offset, IReferenceFinder.IResourceAccess resourceAccess,
            CancelIndicator cancelIndicator) {
        Import imp = importAt(resource, offset);
        if (imp != null) {
            URI target = ImportResolver.resolve(resource, imp.getImportURI());
            if (target == null) {
                return List.of();
            }
            Position start = new Position(0, 0);
            return List.of(new Location(uriExtensions.toUriString(BuiltinFiles.editable(target)), new Range(start, start)));
        }
        EObject target = elementAtOffset.resolveElementAt(resource, offset);
        if (target == null || target.eIsProxy() || target.eResource() == null) {
            return List.of();
        }
        Location location = locations.newLocation(target);
        return location == null ? List.of() : List.of(location);
    }

    private static Import importAt(XtextResource resource, int offset) {
        if (resource.getParseResult() == null) {
            return null;
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
        if (leaf == null || leaf.isHidden()) {
            return null;
        }
        EObject element = NodeModelUtils.findActualSemanticObjectFor(leaf);
        return element instanceof Import imp ? imp : null;
    }
}

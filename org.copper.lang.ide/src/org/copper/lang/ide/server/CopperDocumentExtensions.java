package org.copper.lang.ide.server;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.Location;
import org.eclipse.xtext.ide.server.DocumentExtensions;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.util.ITextRegion;

import com.google.inject.Inject;

/** Locations inside a built-in interface point at its editable copy (see {@link BuiltinFiles}). */
public class CopperDocumentExtensions extends DocumentExtensions {
    @Inject
    private UriExtensions uriExtensions;

    @Override
    public Location newLocation(Resource resource, ITextRegion textRegion) {
        Location location = super.newLocation(resource, textRegion);
        if (location != null) {
            location.setUri(uriExtensions.toUriString(BuiltinFiles.editable(resource.getURI())));
        }
        return location;
    }
}

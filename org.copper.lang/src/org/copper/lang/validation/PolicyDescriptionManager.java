package org.copper.lang.validation;

import java.util.Collection;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionManager;

import com.google.inject.Singleton;

/**
 * Conflicts span files: a policy file of a project with a graph is affected by a change to what another policy file of
 * that project matches or writes ({@link PolicyDescriptions}' key), besides the usual changes of the names it uses.
 * Projects without a graph have no conflict check and keep Xtext's rule.
 */
@Singleton
public class PolicyDescriptionManager extends DefaultResourceDescriptionManager {
    @Override
    public boolean isAffected(Collection<IResourceDescription.Delta> deltas, IResourceDescription candidate, IResourceDescriptions context) {
        if (super.isAffected(deltas, candidate, context)) {
            return true;
        }
        URI uri = candidate.getURI();
        if (!"cup".equals(uri.fileExtension()) || !uri.isHierarchical() || uri.isRelative()) {
            return false;
        }
        URI graph = null;
        boolean looked = false;
        for (IResourceDescription.Delta delta : deltas) {
            URI changed = delta.getUri();
            if (!"cup".equals(changed.fileExtension()) || changed.equals(uri) || !changed.isHierarchical() || changed.isRelative()
                    || !delta.haveEObjectDescriptionsChanged()) {
                continue;
            }
            if (!looked) {
                graph = ProjectGraphLocator.graphFile(URIConverter.INSTANCE, uri.trimSegments(1));
                looked = true;
            }
            if (graph == null) {
                return false;
            }
            if (graph.equals(ProjectGraphLocator.graphFile(URIConverter.INSTANCE, changed.trimSegments(1)))) {
                return true;
            }
        }
        return false;
    }
}

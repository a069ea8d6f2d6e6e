package org.copper.lang.ide.server;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Copper has no Xtext generator (builds go through org.copper.build). Xtext's default
 * {@code OnlyWithoutErrors} validates every built file a second time just to decide whether to run
 * the generator, a sixth of the server's work per edit: answer "no" without looking.
 */
public class NothingToGenerate implements IShouldGenerate {
    @Override
    public boolean shouldGenerate(Resource resource, CancelIndicator cancelIndicator) {
        return false;
    }
}

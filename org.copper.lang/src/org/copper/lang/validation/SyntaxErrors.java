package org.copper.lang.validation;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/** Whether an element's text has a syntax error: semantic checks skip it so errors do not cascade. */
final class SyntaxErrors {
    private SyntaxErrors() {}

    static boolean inside(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        if (node == null || !(element.eResource() instanceof XtextResource resource) || resource.getParseResult() == null) {
            return false;
        }
        return enclosingErrors(resource).contains(node);
    }

    /**
     * Every node that has a syntax error in its subtree, computed once per parse: asking each element
     * by walking its own subtree would cost the square of the nesting depth (10,000 nested ifs).
     */
    private static Set<INode> enclosingErrors(XtextResource resource) {
        return resource.getCache().get(SyntaxErrors.class, resource, () -> {
            Set<INode> result = Collections.newSetFromMap(new IdentityHashMap<>());
            for (INode error : resource.getParseResult().getSyntaxErrors()) {
                for (INode n = error; n != null && result.add(n); n = n.getParent()) {
                    // an ancestor already added means the rest of the chain is in the set too
                }
            }
            return result;
        });
    }
}

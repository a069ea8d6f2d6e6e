package org.copper.lang.validation;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** Whether an element's text has a syntax error: semantic checks skip it so errors do not cascade. */
final class SyntaxErrors {
    private SyntaxErrors() {}

    static boolean inside(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        if (node == null) {
            return false;
        }
        for (INode n : node.getAsTreeIterable()) {
            if (n.getSyntaxErrorMessage() != null) {
                return true;
            }
        }
        return false;
    }
}

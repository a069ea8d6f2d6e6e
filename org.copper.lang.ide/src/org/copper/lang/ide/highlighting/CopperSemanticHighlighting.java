package org.copper.lang.ide.highlighting;

import java.util.Iterator;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Annotation;
import org.copper.lang.iface.DeclTypeRef;
import org.copper.lang.iface.IfacePackage;
import org.copper.lang.iface.Param;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.Section;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.VariableRef;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * What a name is, which a TextMate grammar cannot know: ACTs and states (declared or used) are types,
 * actions are methods, policy names classes, act/state variables variables, context strings regular
 * expressions (they are patterns over call chains), sections enum members. The ids are LSP semantic
 * token types and modifiers, which Xtext's {@code SemanticTokensService} maps onto its legend.
 */
public class CopperSemanticHighlighting implements ISemanticHighlightingCalculator {
    static final String TYPE = "type";
    static final String METHOD = "method";
    static final String CLASS = "class";
    static final String VARIABLE = "variable";
    static final String PARAMETER = "parameter";
    static final String REGEXP = "regexp";
    static final String ENUM_MEMBER = "enumMember";
    static final String DECLARATION = "declaration";

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor, CancelIndicator cancel) {
        if (resource == null || resource.getParseResult() == null) {
            return;
        }
        for (Iterator<EObject> it = resource.getAllContents(); it.hasNext();) {
            if (cancel != null && cancel.isCanceled()) {
                return;
            }
            EObject o = it.next();
            if (o instanceof Policy) {
                mark(acceptor, o, PolicyPackage.Literals.POLICY__NAME, CLASS, DECLARATION);
                mark(acceptor, o, PolicyPackage.Literals.POLICY__CONTEXTS, REGEXP);
            } else if (o instanceof ActDecl) {
                mark(acceptor, o, IfacePackage.Literals.DECLARATION__NAME, TYPE, DECLARATION);
                mark(acceptor, o, IfacePackage.Literals.ACT_DECL__PARENT, TYPE);
            } else if (o instanceof StateDecl) {
                mark(acceptor, o, IfacePackage.Literals.DECLARATION__NAME, TYPE, DECLARATION);
            } else if (o instanceof ActionDecl) {
                mark(acceptor, o, IfacePackage.Literals.ACTION_DECL__NAME, METHOD, DECLARATION);
            } else if (o instanceof Param) {
                mark(acceptor, o, IfacePackage.Literals.PARAM__NAME, PARAMETER, DECLARATION);
            } else if (o instanceof DeclTypeRef) {
                mark(acceptor, o, IfacePackage.Literals.DECL_TYPE_REF__DECLARATION, TYPE);
            } else if (o instanceof Annotation) {
                mark(acceptor, o, IfacePackage.Literals.ANNOTATION__SIDES, ENUM_MEMBER);
            } else if (o instanceof ActVariable) {
                mark(acceptor, o, PolicyPackage.Literals.ACT_VARIABLE__TYPE, TYPE);
                mark(acceptor, o, PolicyPackage.Literals.VARIABLE__NAME, VARIABLE, DECLARATION);
            } else if (o instanceof StateVariable) {
                mark(acceptor, o, PolicyPackage.Literals.STATE_VARIABLE__TYPE, TYPE);
                mark(acceptor, o, PolicyPackage.Literals.VARIABLE__NAME, VARIABLE, DECLARATION);
            } else if (o instanceof Section) {
                mark(acceptor, o, PolicyPackage.Literals.SECTION__SIDE, ENUM_MEMBER);
            } else if (o instanceof Call) {
                mark(acceptor, o, PolicyPackage.Literals.CALL__ACTION, METHOD);
            } else if (o instanceof VariableRef) {
                mark(acceptor, o, PolicyPackage.Literals.VARIABLE_REF__VARIABLE, VARIABLE);
            }
        }
    }

    private static void mark(IHighlightedPositionAcceptor acceptor, EObject o, EStructuralFeature feature, String... ids) {
        for (INode node : NodeModelUtils.findNodesForFeature(o, feature)) {
            if (node.getLength() > 0) {
                acceptor.addPosition(node.getOffset(), node.getLength(), ids);
            }
        }
    }
}

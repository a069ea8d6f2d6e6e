package org.copper.lang.validation;

import java.util.stream.Collectors;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.scoping.VisibleDeclarations;
import org.copper.lang.iface.IfacePackage;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.VariableRef;
import org.copper.lang.scoping.PolicyScopeProvider;
import org.copper.lang.typing.CopperType;
import org.copper.lang.typing.CopperTypes;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;

/** Messages for names that do not resolve, phrased for a mesh operator rather than for Xtext. */
public class CopperLinkingMessages extends LinkingDiagnosticMessageProvider {

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        EReference ref = context.getReference();
        String name = linkText(context);
        String message;
        Declaration other = ref == PolicyPackage.Literals.ACT_VARIABLE__TYPE || ref == PolicyPackage.Literals.STATE_VARIABLE__TYPE
                ? VisibleDeclarations.importedNamed(context.getContext().eResource(), name) : null;
        if (ref == PolicyPackage.Literals.ACT_VARIABLE__TYPE && other instanceof StateDecl) {
            message = "'" + name + "' is a state, not an ACT: declare it with using (" + name + " ...)";
        } else if (ref == PolicyPackage.Literals.STATE_VARIABLE__TYPE && other instanceof ActDecl) {
            message = "'" + name + "' is an ACT, not a state: a policy acts on it with act (" + name + " ...)";
        } else if (ref == PolicyPackage.Literals.ACT_VARIABLE__TYPE) {
            message = "unknown ACT type '" + name + "'; import the interface that declares it (e.g. import \"common.cui\";)";
        } else if (ref == PolicyPackage.Literals.STATE_VARIABLE__TYPE) {
            message = "unknown state type '" + name + "'; import the interface that declares it (e.g. import \"common.cui\";)";
        } else if (ref == PolicyPackage.Literals.CALL__ACTION) {
            if (context.getContext() instanceof Call call && receiverIsBroken(call)) {
                return null; // the receiver's own error explains this one
            }
            Declaration receiver = context.getContext() instanceof Call call ? PolicyScopeProvider.receiverType(call) : null;
            message = receiver != null
                    ? "unknown action '" + name + "' on " + receiver.getName()
                    : "unknown action '" + name + "': no type of this policy's variables declares it";
        } else if (ref == PolicyPackage.Literals.VARIABLE_REF__VARIABLE) {
            Policy policy = EcoreUtil2.getContainerOfType(context.getContext(), Policy.class);
            String known = policy == null ? "" : PolicyScopeProvider.variables(policy).stream()
                    .map(v -> v.getName()).filter(n -> n != null).collect(Collectors.joining(", "));
            message = "unknown variable '" + name + "'" + (known.isEmpty() ? "" : "; this policy declares: " + known);
        } else if (ref == IfacePackage.Literals.ACT_DECL__PARENT) {
            message = "unknown parent ACT '" + name + "'";
        } else if (ref == IfacePackage.Literals.DECL_TYPE_REF__DECLARATION) {
            message = "unknown type '" + name + "'; parameter types are string, int, float, bool or an imported ACT or state";
        } else {
            return super.getUnresolvedProxyMessage(context);
        }
        return new DiagnosticMessage(message, Severity.ERROR, CopperIssueCodes.UNRESOLVED_NAME);
    }

    private static boolean receiverIsBroken(Call call) {
        if (call.getArgs().isEmpty() || !(call.getArgs().get(0) instanceof VariableRef ref)) {
            return false;
        }
        return CopperTypes.typeOf(ref.getVariable()) instanceof CopperType.Unknown;
    }

    private static String linkText(ILinkingDiagnosticContext context) {
        try {
            return context.getLinkText();
        } catch (IllegalNodeException e) {
            return e.getNode().getText();
        }
    }
}

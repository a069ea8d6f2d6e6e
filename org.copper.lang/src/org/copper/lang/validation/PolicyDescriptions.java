package org.copper.lang.validation;

import java.util.Map;

import org.copper.lang.PolicyHeader;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.StringLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;

import com.google.inject.Singleton;

/**
 * A policy's entry in the index carries what conflicts depend on: its context pattern and the actions that write
 * (deny, routes, headers) with their constant arguments, as written (the index must not resolve links). When that
 * changes, the file's description changes, and {@link PolicyDescriptionManager} has the project's other policy files
 * validated again, so a conflict warning in another file appears or goes away. A typing edit that writes the same
 * things changes nothing.
 */
@Singleton
public class PolicyDescriptions extends DefaultResourceDescriptionStrategy {
    static final String CONFLICT_KEY = "conflictKey";

    @Override
    public boolean createEObjectDescriptions(EObject object, IAcceptor<IEObjectDescription> acceptor) {
        if (!(object instanceof Policy policy) || getQualifiedNameProvider() == null) {
            return super.createEObjectDescriptions(object, acceptor);
        }
        QualifiedName name = getQualifiedNameProvider().getFullyQualifiedName(policy);
        if (name != null) {
            acceptor.accept(EObjectDescription.create(name, policy, Map.of(CONFLICT_KEY, conflictKey(policy))));
        }
        return true;
    }

    static String conflictKey(Policy policy) {
        StringBuilder key = new StringBuilder();
        key.append(PolicyHeader.context(policy));
        for (Call call : EcoreUtil2.getAllContentsOfType(policy, Call.class)) {
            String action = actionAsWritten(call);
            if (action.equals("Deny") || action.equals("RouteToVersion") || action.equals("SetHeader") || action.equals("RemoveHeader")) {
                key.append('\0').append(action);
                call.getArgs().forEach(a -> key.append('\1').append(a instanceof StringLiteral s ? s.getValue() : ""));
            }
        }
        return Long.toHexString(hash(key));
    }

    private static String actionAsWritten(Call call) {
        StringBuilder b = new StringBuilder();
        for (INode n : NodeModelUtils.findNodesForFeature(call, PolicyPackage.Literals.CALL__ACTION)) {
            b.append(NodeModelUtils.getTokenText(n));
        }
        return b.toString();
    }

    /** 64-bit FNV-1a: the key only needs to change when the text does. */
    private static long hash(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}

package org.copper.lang.scoping;

import org.copper.lang.PolicyHeader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.Variable;
import org.copper.lang.policy.VariableRef;
import org.copper.lang.typing.Declarations;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;

/**
 * Local scoping of policies: variables are the policy's {@code act} and {@code using} variables;
 * an action name is looked up on its receiver's type first (so a re-listed action of a subtype wins),
 * then on every other type the policy's variables have, so that an action on the wrong receiver
 * still resolves and gets a precise error instead of "unknown action".
 */
public class PolicyScopeProvider extends AbstractPolicyScopeProvider {

    @Override
    public IScope getScope(EObject context, EReference reference) {
        if (reference == PolicyPackage.Literals.VARIABLE_REF__VARIABLE) {
            Policy policy = EcoreUtil2.getContainerOfType(context, Policy.class);
            return policy == null ? IScope.NULLSCOPE : Scopes.scopeFor(variables(policy));
        }
        if (reference == PolicyPackage.Literals.CALL__ACTION) {
            Policy policy = EcoreUtil2.getContainerOfType(context, Policy.class);
            if (policy == null) {
                return IScope.NULLSCOPE;
            }
            List<ActionDecl> candidates = new ArrayList<>();
            if (context instanceof Call call) {
                Declaration receiver = receiverType(call);
                if (receiver != null) {
                    candidates.addAll(Declarations.visibleActions(receiver));
                }
            }
            for (Declaration type : variableTypes(policy)) {
                candidates.addAll(Declarations.visibleActions(type));
            }
            return Scopes.scopeFor(candidates);
        }
        return super.getScope(context, reference);
    }

    public static List<Variable> variables(Policy policy) {
        List<Variable> vars = new ArrayList<>();
        if (PolicyHeader.act(policy) != null) {
            vars.add(PolicyHeader.act(policy));
        }
        vars.addAll(policy.getStates());
        return vars;
    }

    /** The declared type of a call's first argument when it is a variable, else null. */
    public static Declaration receiverType(Call call) {
        if (call.getArgs().isEmpty() || !(call.getArgs().get(0) instanceof VariableRef ref)) {
            return null;
        }
        Variable v = ref.getVariable();
        if (v == null || v.eIsProxy()) {
            return null;
        }
        Declaration type = v instanceof ActVariable a ? a.getType() : ((StateVariable) v).getType();
        return type == null || type.eIsProxy() ? null : type;
    }

    private static Set<Declaration> variableTypes(Policy policy) {
        Set<Declaration> types = new LinkedHashSet<>();
        if (PolicyHeader.act(policy) != null && PolicyHeader.act(policy).getType() != null && !PolicyHeader.act(policy).getType().eIsProxy()) {
            types.add(PolicyHeader.act(policy).getType());
        }
        for (StateVariable s : policy.getStates()) {
            if (s.getType() != null && !s.getType().eIsProxy()) {
                types.add(s.getType());
            }
        }
        return types;
    }
}

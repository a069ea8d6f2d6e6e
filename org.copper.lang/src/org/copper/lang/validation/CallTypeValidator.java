package org.copper.lang.validation;

import java.util.List;

import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.Param;
import org.copper.lang.policy.And;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Expression;
import org.copper.lang.policy.IfStatement;
import org.copper.lang.policy.Not;
import org.copper.lang.policy.Or;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.VariableRef;
import org.copper.lang.scoping.PolicyScopeProvider;
import org.copper.lang.typing.CopperType;
import org.copper.lang.typing.CopperTypes;
import org.copper.lang.typing.Declarations;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;

/** Type rules of calls and conditions (spec §4): receiver, arity, argument types, boolean conditions. */
public class CallTypeValidator extends CopperCheck {

    @Check
    public void checkCall(Call call) {
        ActionDecl action = call.getAction();
        if (action == null || action.eIsProxy() || SyntaxErrors.inside(call)) {
            return;
        }
        ActionDecl original = Declarations.original(action);
        Declaration owner = Declarations.owner(action);
        List<Param> params = original.getParams();
        String name = action.getName();
        if (call.getArgs().isEmpty() || !(call.getArgs().get(0) instanceof VariableRef)) {
            error("the first argument of '" + name + "' must be its receiver, a variable of type " + owner.getName(),
                    call, PolicyPackage.Literals.CALL__ACTION, CopperIssueCodes.WRONG_RECEIVER);
            return;
        }
        Declaration receiver = PolicyScopeProvider.receiverType(call);
        if (receiver != null && !Declarations.isSubtypeOrSelf(receiver, owner)) {
            error("'" + name + "' is an action of " + owner.getName() + ", but '" + ((VariableRef) call.getArgs().get(0)).getVariable().getName()
                    + "' is " + CopperType.withArticle(new CopperType.Decl(receiver)), call, PolicyPackage.Literals.CALL__ARGS, 0, CopperIssueCodes.WRONG_RECEIVER);
            return;
        }
        int expected = params.size() + 1;
        if (call.getArgs().size() != expected) {
            error("'" + name + "' takes " + expected + " argument" + (expected == 1 ? "" : "s") + " " + InterfaceValidator.signature(original)
                    + ", but " + call.getArgs().size() + (call.getArgs().size() == 1 ? " is" : " are") + " given",
                    call, PolicyPackage.Literals.CALL__ACTION, CopperIssueCodes.ARITY);
            return;
        }
        for (int i = 1; i < expected; i++) {
            Expression arg = call.getArgs().get(i);
            CopperType want = CopperTypes.typeOf(params.get(i - 1).getType());
            CopperType got = CopperTypes.typeOf(arg);
            if (got instanceof CopperType.Void) {
                error("'" + ((Call) arg).getAction().getName() + "' returns no value, but '" + params.get(i - 1).getName()
                        + "' of '" + name + "' needs " + CopperType.withArticle(want), call, PolicyPackage.Literals.CALL__ARGS, i, CopperIssueCodes.ARGUMENT_TYPE);
            } else if (!CopperTypes.isAssignable(want, got)) {
                error("argument '" + params.get(i - 1).getName() + "' of '" + name + "' must be " + CopperType.withArticle(want) + ", not " + CopperType.withArticle(got), call,
                        PolicyPackage.Literals.CALL__ARGS, i, CopperIssueCodes.ARGUMENT_TYPE);
            }
        }
    }

    @Check
    public void checkCondition(IfStatement statement) {
        requireBool(statement.getCondition(), statement, PolicyPackage.Literals.IF_STATEMENT__CONDITION, "the condition");
    }

    @Check
    public void checkNot(Not not) {
        requireBool(not.getOperand(), not, PolicyPackage.Literals.NOT__OPERAND, "the operand of '!'");
    }

    @Check
    public void checkAnd(And and) {
        requireBool(and.getLeft(), and, PolicyPackage.Literals.AND__LEFT, "the left side of '&&'");
        requireBool(and.getRight(), and, PolicyPackage.Literals.AND__RIGHT, "the right side of '&&'");
    }

    @Check
    public void checkOr(Or or) {
        requireBool(or.getLeft(), or, PolicyPackage.Literals.OR__LEFT, "the left side of '||'");
        requireBool(or.getRight(), or, PolicyPackage.Literals.OR__RIGHT, "the right side of '||'");
    }

    private void requireBool(Expression e, EObject owner, EStructuralFeature feature, String what) {
        if (e == null || SyntaxErrors.inside(owner)) {
            return;
        }
        CopperType t = CopperTypes.typeOf(e);
        if (t instanceof CopperType.Unknown || t.equals(CopperType.BOOL)) {
            return;
        }
        String got = t instanceof CopperType.Void ? "an action that returns no value" : CopperType.withArticle(t);
        error(what + " must be a bool, but is " + got, owner, feature, CopperIssueCodes.CONDITION_TYPE);
    }
}

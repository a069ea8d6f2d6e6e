package org.copper.lang.typing;

import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.DeclTypeRef;
import org.copper.lang.iface.Primitive;
import org.copper.lang.iface.PrimitiveTypeRef;
import org.copper.lang.iface.TypeRef;
import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.And;
import org.copper.lang.policy.BoolLiteral;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.DecimalLiteral;
import org.copper.lang.policy.Expression;
import org.copper.lang.policy.IntLiteral;
import org.copper.lang.policy.Not;
import org.copper.lang.policy.Or;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.StringLiteral;
import org.copper.lang.policy.Variable;
import org.copper.lang.policy.VariableRef;

/** The type rules of Copper expressions (spec §4). */
public final class CopperTypes {
    private CopperTypes() {}

    public static CopperType typeOf(Expression e) {
        if (e instanceof StringLiteral) {
            return CopperType.STRING;
        }
        if (e instanceof IntLiteral) {
            return CopperType.INT;
        }
        if (e instanceof DecimalLiteral) {
            return CopperType.FLOAT;
        }
        if (e instanceof BoolLiteral || e instanceof Not || e instanceof And || e instanceof Or) {
            return CopperType.BOOL;
        }
        if (e instanceof VariableRef ref) {
            return typeOf(ref.getVariable());
        }
        if (e instanceof Call call) {
            ActionDecl action = call.getAction();
            if (action == null || action.eIsProxy()) {
                return CopperType.UNKNOWN;
            }
            TypeRef result = Declarations.original(action).getResult();
            return result == null ? CopperType.VOID : typeOf(result);
        }
        return CopperType.UNKNOWN;
    }

    public static CopperType typeOf(Variable v) {
        if (v == null || v.eIsProxy()) {
            return CopperType.UNKNOWN;
        }
        if (v instanceof ActVariable a && a.getType() != null && !a.getType().eIsProxy()) {
            return new CopperType.Decl(a.getType());
        }
        if (v instanceof StateVariable s && s.getType() != null && !s.getType().eIsProxy()) {
            return new CopperType.Decl(s.getType());
        }
        return CopperType.UNKNOWN;
    }

    public static CopperType typeOf(TypeRef ref) {
        if (ref instanceof PrimitiveTypeRef p) {
            return new CopperType.Prim(p.getPrimitive());
        }
        if (ref instanceof DeclTypeRef d && d.getDeclaration() != null && !d.getDeclaration().eIsProxy()) {
            return new CopperType.Decl(d.getDeclaration());
        }
        return CopperType.UNKNOWN;
    }

    /** Whether a value of type {@code actual} may be passed where {@code expected} is declared. */
    public static boolean isAssignable(CopperType expected, CopperType actual) {
        if (expected instanceof CopperType.Unknown || actual instanceof CopperType.Unknown) {
            return true;
        }
        if (expected instanceof CopperType.Prim e && actual instanceof CopperType.Prim a) {
            return e.primitive() == a.primitive() || (e.primitive() == Primitive.FLOAT && a.primitive() == Primitive.INT);
        }
        if (expected instanceof CopperType.Decl e && actual instanceof CopperType.Decl a) {
            return Declarations.isSubtypeOrSelf(a.declaration(), e.declaration());
        }
        return false;
    }
}

package org.wire.deploy;

import org.wire.model.Expr;
import org.wire.model.Policy;

/**
 * Reading the arguments of an action call the way every back end must: the receiver is the policy's ACT
 * variable, literals are literal, and anything else is an {@link UnsupportedPolicyException} naming the policy.
 */
public record CallArguments(String dataplane, Policy policy) {
    public UnsupportedPolicyException unsupported(Expr.Call c, String how) {
        return new UnsupportedPolicyException(dataplane, policy, c.action() + " " + how);
    }

    /** The call has {@code arity} arguments and acts on the policy's ACT variable. */
    public void requireAct(Expr.Call c, int arity) throws UnsupportedPolicyException {
        if (c.args().size() != arity || !(c.args().get(0) instanceof Expr.Var v) || !v.name().equals(policy.actVar())) {
            throw unsupported(c, "with these arguments");
        }
    }

    /** A string literal argument of {@code c}. */
    public String literal(Expr.Call c, Expr e) throws UnsupportedPolicyException {
        if (e instanceof Expr.Str s) {
            return s.value();
        }
        throw unsupported(c, "with a non-literal argument");
    }

    /** A string literal that can be a header value: no control characters (they would split or corrupt the header). */
    public String headerValue(Expr.Call c, Expr e) throws UnsupportedPolicyException {
        String value = literal(c, e);
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw unsupported(c, "with a control character in the header value");
        }
        return value;
    }
}

package org.wire.model;

import java.math.BigDecimal;
import java.util.List;

/** Expressions of a policy body, lowered from the language; back ends compile them to proxy configuration. */
public sealed interface Expr {
    record Call(String action, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Var(String name) implements Expr {}

    record Not(Expr operand) implements Expr {}

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Str(String value) implements Expr {}

    record Int(long value) implements Expr {}

    record Decimal(BigDecimal value) implements Expr {}

    record Bool(boolean value) implements Expr {}
}

package org.wire.model;

import java.util.List;

/** Statements of a policy section. */
public sealed interface Stmt {
    record CallStmt(Expr.Call call) implements Stmt {}

    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }
}

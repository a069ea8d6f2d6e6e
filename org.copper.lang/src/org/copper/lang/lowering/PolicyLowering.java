package org.copper.lang.lowering;

import org.copper.lang.PolicyHeader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.copper.lang.api.PolicyClassifier;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.policy.And;
import org.copper.lang.policy.Block;
import org.copper.lang.policy.Body;
import org.copper.lang.policy.BoolLiteral;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.CallStatement;
import org.copper.lang.policy.DecimalLiteral;
import org.copper.lang.policy.Expression;
import org.copper.lang.policy.IfStatement;
import org.copper.lang.policy.IntLiteral;
import org.copper.lang.policy.Not;
import org.copper.lang.policy.Or;
import org.copper.lang.policy.Section;
import org.copper.lang.policy.Statement;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.StringLiteral;
import org.copper.lang.policy.VariableRef;
import org.copper.lang.scoping.PolicyScopeProvider;
import org.copper.lang.typing.Declarations;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.wire.model.ActionRef;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SourceLocation;
import org.wire.model.Stmt;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternFormChecker;
import org.wire.model.pattern.PatternSyntaxError;

/** Lowers a validated Copper policy into Wire's policy IR. Only called on error-free resources. */
public final class PolicyLowering {
    private PolicyLowering() {}

    public static Policy lower(org.copper.lang.policy.Policy policy, String displayPath) {
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(PolicyHeader.context(policy));
        } catch (PatternSyntaxError e) {
            throw new IllegalStateException("lowering an invalid policy: " + e.getMessage(), e);
        }
        if (!(PatternFormChecker.check(pattern) instanceof PatternFormChecker.Result.Valid valid)) {
            throw new IllegalStateException("lowering a policy whose pattern has no form: " + policy.getName());
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (StateVariable s : policy.getStates()) {
            states.put(s.getName(), s.getType().getName());
        }
        Map<Side, List<Stmt>> sections = new LinkedHashMap<>();
        for (Section section : policy.getSections()) {
            Side side = section.getSide() == org.copper.lang.iface.Side.EGRESS ? Side.EGRESS : Side.INGRESS;
            sections.computeIfAbsent(side, k -> new ArrayList<>()).addAll(statements(section.getStatements()));
        }
        Set<ActionRef> actions = new LinkedHashSet<>();
        for (Call call : EcoreUtil2.getAllContentsOfType(policy, Call.class)) {
            actions.add(actionRef(call));
        }
        ICompositeNode node = NodeModelUtils.getNode(policy);
        int line = node == null ? 0 : node.getStartLine();
        SourceLocation origin = new SourceLocation(displayPath, line, 1);
        return new Policy(policy.getName(), PolicyHeader.act(policy).getType().getName(), PolicyHeader.act(policy).getName(), states, pattern,
                valid.form(), sections, actions, PolicyClassifier.classify(policy).free(), origin);
    }

    private static ActionRef actionRef(Call call) {
        ActionDecl action = call.getAction();
        var receiver = PolicyScopeProvider.receiverType(call);
        Set<Side> annotation = EnumSet.noneOf(Side.class);
        for (org.copper.lang.iface.Side s : Declarations.effectiveAnnotation(action)) {
            annotation.add(s == org.copper.lang.iface.Side.EGRESS ? Side.EGRESS : Side.INGRESS);
        }
        return new ActionRef(receiver.getName(), receiver instanceof StateDecl, action.getName(), annotation);
    }

    private static List<Stmt> statements(List<Statement> statements) {
        List<Stmt> out = new ArrayList<>();
        for (Statement s : statements) {
            out.add(statement(s));
        }
        return out;
    }

    private static Stmt statement(Statement s) {
        if (s instanceof CallStatement c) {
            return new Stmt.CallStmt(call(c.getCall()));
        }
        IfStatement i = (IfStatement) s;
        return new Stmt.If(expr(i.getCondition()), body(i.getThen()), i.getElse() == null ? List.of() : body(i.getElse()));
    }

    private static List<Stmt> body(Body body) {
        return body instanceof Block b ? statements(b.getStatements()) : List.of(statement((Statement) body));
    }

    private static Expr.Call call(Call c) {
        List<Expr> args = new ArrayList<>();
        c.getArgs().forEach(a -> args.add(expr(a)));
        return new Expr.Call(c.getAction().getName(), args);
    }

    private static Expr expr(Expression e) {
        if (e instanceof Call c) {
            return call(c);
        }
        if (e instanceof VariableRef v) {
            return new Expr.Var(v.getVariable().getName());
        }
        if (e instanceof Not n) {
            return new Expr.Not(expr(n.getOperand()));
        }
        if (e instanceof And a) {
            return new Expr.And(expr(a.getLeft()), expr(a.getRight()));
        }
        if (e instanceof Or o) {
            return new Expr.Or(expr(o.getLeft()), expr(o.getRight()));
        }
        if (e instanceof StringLiteral s) {
            return new Expr.Str(s.getValue());
        }
        if (e instanceof IntLiteral i) {
            return new Expr.Int(i.getValue());
        }
        if (e instanceof DecimalLiteral d) {
            return new Expr.Decimal(d.getValue());
        }
        if (e instanceof BoolLiteral b) {
            return new Expr.Bool(b.isValue());
        }
        throw new IllegalStateException("unknown expression " + e.eClass().getName());
    }
}

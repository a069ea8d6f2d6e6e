package org.wire.model;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.wire.model.pattern.PatternNode;

/**
 * A stable, complete text form of the policy IR: every field, sets and maps in sorted order, the pattern as
 * its syntax tree. The golden lowering tests compare it whole, so a back end can trust what lowering produced.
 */
public final class PolicyText {
    private PolicyText() {}

    public static String of(List<Policy> policies) {
        StringBuilder sb = new StringBuilder();
        policies.stream().sorted(java.util.Comparator.comparing(Policy::name)).forEach(p -> append(sb, p));
        return sb.toString();
    }

    private static void append(StringBuilder sb, Policy p) {
        SourceLocation o = p.origin();
        sb.append("policy ").append(p.name()).append(" @ ").append(Path.of(o.file()).getFileName()).append(':').append(o.line()).append(':')
                .append(o.column()).append('\n');
        sb.append("  act ").append(p.actType()).append(' ').append(p.actVar()).append('\n');
        new TreeMap<>(p.states()).forEach((n, t) -> sb.append("  using ").append(t).append(' ').append(n).append('\n'));
        sb.append("  context '").append(p.pattern().text()).append("' = ").append(node(p.pattern().root())).append('\n');
        sb.append("  form ").append(p.form().kind()).append(' ').append(p.form().services()).append('\n');
        sb.append("  ").append(p.free() ? "free" : "pinned").append('\n');
        sb.append("  actions ").append(p.actions().stream()
                .map(a -> (a.onState() ? "state " : "") + a.receiverType() + "." + a.action() + (a.annotation().isEmpty() ? "" : new TreeSet<>(a.annotation())))
                .sorted().collect(Collectors.joining(", "))).append('\n');
        for (Side side : Side.values()) {
            List<Stmt> body = p.sections().get(side);
            if (body != null) {
                sb.append("  [").append(side).append("]\n");
                body.forEach(s -> stmt(sb, s, "    "));
            }
        }
    }

    private static void stmt(StringBuilder sb, Stmt s, String indent) {
        switch (s) {
            case Stmt.CallStmt c -> sb.append(indent).append(expr(c.call())).append('\n');
            case Stmt.If i -> {
                sb.append(indent).append("if ").append(expr(i.condition())).append('\n');
                i.then().forEach(t -> stmt(sb, t, indent + "  "));
                if (!i.otherwise().isEmpty()) {
                    sb.append(indent).append("else\n");
                    i.otherwise().forEach(t -> stmt(sb, t, indent + "  "));
                }
                sb.append(indent).append("end\n");
            }
        }
    }

    private static String expr(Expr e) {
        return switch (e) {
            case Expr.Call c -> c.action() + "(" + c.args().stream().map(PolicyText::expr).collect(Collectors.joining(", ")) + ")";
            case Expr.Var v -> v.name();
            case Expr.Not n -> "!" + expr(n.operand());
            case Expr.And a -> "(" + expr(a.left()) + " && " + expr(a.right()) + ")";
            case Expr.Or o -> "(" + expr(o.left()) + " || " + expr(o.right()) + ")";
            case Expr.Str s -> "'" + s.value() + "'";
            case Expr.Int i -> Long.toString(i.value());
            case Expr.Decimal d -> d.value().toPlainString();
            case Expr.Bool b -> Boolean.toString(b.value());
        };
    }

    private static String node(PatternNode n) {
        return switch (n) {
            case PatternNode.Service s -> s.name();
            case PatternNode.AnyService a -> "ANY";
            case PatternNode.ServiceSet s -> "SET" + s.members().stream().map(PatternNode.Service::name).toList();
            case PatternNode.Group g -> "GROUP(" + node(g.inner()) + ")";
            case PatternNode.Sequence s -> "SEQ(" + s.items().stream().map(PolicyText::node).collect(Collectors.joining(" ")) + ")";
            case PatternNode.Alternation a -> "ALT(" + a.options().stream().map(PolicyText::node).collect(Collectors.joining(" | ")) + ")";
            case PatternNode.Repeat r -> node(r.item()) + switch (r.quantifier()) {
                case STAR -> "*";
                case PLUS -> "+";
                case OPTIONAL -> "?";
            };
            case PatternNode.MeshWide m -> "MESH";
        };
    }
}

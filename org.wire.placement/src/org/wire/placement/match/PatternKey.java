package org.wire.placement.match;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.wire.model.pattern.PatternNode;
import org.wire.model.pattern.PatternNode.Alternation;
import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Group;
import org.wire.model.pattern.PatternNode.MeshWide;
import org.wire.model.pattern.PatternNode.Repeat;
import org.wire.model.pattern.PatternNode.Sequence;
import org.wire.model.pattern.PatternNode.Service;
import org.wire.model.pattern.PatternNode.ServiceSet;

/**
 * A canonical text for a pattern's syntax tree, so that patterns written differently but parsed alike
 * ({@code 'a  .* b'}, {@code '(a) .* b'}, {@code 'a (.* b)'}) share one match-set computation. Offsets are left
 * out, groups are dropped, nested sequences are flattened and set members sorted. Names are length-prefixed,
 * so no name can be mistaken for syntax. Equal keys mean equal languages; different keys need not mean
 * different languages (that would need automaton minimisation and is not worth it here).
 */
final class PatternKey {
    private PatternKey() {}

    static String of(PatternNode node) {
        StringBuilder out = new StringBuilder();
        append(node, out);
        return out.toString();
    }

    /** The items of a sequence with groups around sequences dissolved: {@code a (b c)} gives a, b, c. */
    static List<PatternNode> items(PatternNode node) {
        List<PatternNode> out = new ArrayList<>();
        flatten(node, out);
        return out;
    }

    private static void flatten(PatternNode node, List<PatternNode> out) {
        switch (node) {
            case Group g -> flatten(g.inner(), out);
            case Sequence s -> s.items().forEach(i -> flatten(i, out));
            default -> out.add(node);
        }
    }

    private static void append(PatternNode node, StringBuilder out) {
        switch (node) {
            case Service s -> name(s.name(), out);
            case AnyService a -> out.append('.');
            case MeshWide m -> out.append('*');
            case ServiceSet set -> {
                TreeSet<String> members = new TreeSet<>();
                set.members().forEach(m -> members.add(m.name()));
                out.append('[');
                members.forEach(m -> name(m, out));
                out.append(']');
            }
            case Group g -> append(g.inner(), out);
            case Sequence s -> {
                out.append('(');
                items(s).forEach(i -> append(i, out));
                out.append(')');
            }
            case Alternation alt -> {
                out.append('{');
                for (PatternNode o : alt.options()) {
                    append(o, out);
                    out.append('|');
                }
                out.append('}');
            }
            case Repeat r -> {
                out.append('<');
                append(r.item(), out);
                out.append('>').append(r.quantifier().symbol);
            }
        }
    }

    private static void name(String name, StringBuilder out) {
        out.append(name.length()).append('#').append(name);
    }
}

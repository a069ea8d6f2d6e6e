package org.wire.placement.testutil;

import java.util.List;
import java.util.function.IntPredicate;

import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;

/** Test oracle: a naive backtracking regex matcher over the pattern AST (deliberately not an automaton). */
public final class BacktrackingMatcher {
    private BacktrackingMatcher() {}

    public static boolean matches(ContextPattern pattern, List<String> tokens) {
        if (pattern.isMeshWide()) {
            return true;
        }
        return match(pattern.root(), tokens, 0, p -> p == tokens.size());
    }

    private static boolean match(PatternNode node, List<String> t, int pos, IntPredicate k) {
        return switch (node) {
            case PatternNode.Service s -> pos < t.size() && t.get(pos).equals(s.name()) && k.test(pos + 1);
            case PatternNode.AnyService a -> pos < t.size() && k.test(pos + 1);
            case PatternNode.ServiceSet set -> pos < t.size() && set.members().stream().anyMatch(m -> m.name().equals(t.get(pos))) && k.test(pos + 1);
            case PatternNode.Group g -> match(g.inner(), t, pos, k);
            case PatternNode.Sequence seq -> sequence(seq.items(), 0, t, pos, k);
            case PatternNode.Alternation alt -> alt.options().stream().anyMatch(o -> match(o, t, pos, k));
            case PatternNode.Repeat r -> switch (r.quantifier()) {
                case OPTIONAL -> k.test(pos) || match(r.item(), t, pos, k);
                case STAR -> star(r.item(), t, pos, k);
                case PLUS -> match(r.item(), t, pos, p -> star(r.item(), t, p, k));
            };
            case PatternNode.MeshWide m -> true;
        };
    }

    private static boolean star(PatternNode item, List<String> t, int pos, IntPredicate k) {
        // Only iterations that consume input recurse, so the matcher terminates.
        return k.test(pos) || match(item, t, pos, p -> p > pos && star(item, t, p, k));
    }

    private static boolean sequence(List<PatternNode> items, int i, List<String> t, int pos, IntPredicate k) {
        if (i == items.size()) {
            return k.test(pos);
        }
        return match(items.get(i), t, pos, p -> sequence(items, i + 1, t, p, k));
    }
}

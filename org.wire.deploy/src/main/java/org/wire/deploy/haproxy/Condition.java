package org.wire.deploy.haproxy;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition in disjunctive normal form, as HAProxy reads one after {@code if}: terms side by side are ANDed,
 * {@code ||} separates alternatives, AND binds tighter and there are no parentheses, so every condition a policy
 * writes is brought into this form first.
 *
 * @param alternatives ORed conjunctions; each term is an ACL or anonymous ACL ({@code { ... }}), maybe with {@code !}
 */
record Condition(List<List<String>> alternatives) {
    static final Condition TRUE = new Condition(List.of(List.of()));
    static final Condition FALSE = new Condition(List.of());

    Condition {
        alternatives = alternatives.stream().map(List::copyOf).toList();
    }

    static Condition term(String acl) {
        return new Condition(List.of(List.of(acl)));
    }

    Condition and(Condition other) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> a : alternatives) {
            for (List<String> b : other.alternatives) {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                out.add(both);
            }
        }
        return new Condition(out);
    }

    Condition or(Condition other) {
        List<List<String>> out = new ArrayList<>(alternatives);
        out.addAll(other.alternatives);
        return new Condition(out);
    }

    /** De Morgan: ¬(a1 ∨ a2 …) = ¬a1 ∧ ¬a2 …, each ¬(t1 ∧ t2 …) = ¬t1 ∨ ¬t2 …. */
    Condition not() {
        Condition out = TRUE;
        for (List<String> conj : alternatives) {
            Condition negated = FALSE;
            for (String t : conj) {
                negated = negated.or(term(t.startsWith("!") ? t.substring(1) : "!" + t));
            }
            out = out.and(negated);
        }
        return out;
    }

    /** The text after {@code if}; never called on TRUE (no condition) — FALSE becomes the predefined FALSE ACL. */
    String render() {
        if (alternatives.isEmpty()) {
            return "FALSE";
        }
        List<String> parts = new ArrayList<>();
        for (List<String> conj : alternatives) {
            parts.add(conj.isEmpty() ? "TRUE" : String.join(" ", conj));
        }
        return String.join(" || ", parts);
    }
}

package org.wire.model.pattern;

import java.util.List;

/**
 * The abstract syntax of a context pattern: a regular expression whose alphabet is
 * service names. Every node knows its [start, end) offsets inside the pattern text so
 * that diagnostics can point inside the policy's string literal.
 */
public sealed interface PatternNode {
    int start();

    int end();

    /** A concrete service, e.g. {@code catalog}. */
    record Service(String name, int start, int end) implements PatternNode {}

    /** {@code .}: any one service. */
    record AnyService(int start, int end) implements PatternNode {}

    /** {@code [rate, geo]}: one of the listed services. */
    record ServiceSet(List<Service> members, int start, int end) implements PatternNode {}

    /** {@code ( ... )}: grouping only; kept so that diagnostics can name the group. */
    record Group(PatternNode inner, int start, int end) implements PatternNode {}

    /** Items one after another. */
    record Sequence(List<PatternNode> items, int start, int end) implements PatternNode {}

    /** {@code a | b}. */
    record Alternation(List<PatternNode> options, int start, int end) implements PatternNode {}

    /** {@code x*}, {@code x+}, {@code x?}. */
    record Repeat(PatternNode item, Quantifier quantifier, int start, int end) implements PatternNode {}

    /** The lone {@code *}: every communication object of the mesh. */
    record MeshWide(int start, int end) implements PatternNode {}

    enum Quantifier {
        STAR('*'), PLUS('+'), OPTIONAL('?');

        public final char symbol;

        Quantifier(char symbol) {
            this.symbol = symbol;
        }
    }
}

package org.wire.deploy.cilium;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A condition on request headers, as Envoy can test one: a header is present, or its value matches an RE2 regex.
 * Policy conditions and context matches become these; RBAC reads the tree as it is ({@link #permission}), a route
 * match only as a conjunction of header matchers, so routes use the disjunctive normal form ({@link #dnf}).
 */
sealed interface HeaderMatch {
    HeaderMatch TRUE = new All(List.of());
    HeaderMatch FALSE = new AnyOf(List.of());

    /** The header is on the request (any value). Names are lowercase, as HTTP/2 sends them. */
    record Present(String header) implements HeaderMatch {}

    /** The header is on the request and its value matches {@code regex} (RE2, anchored by the regex itself). */
    record Regex(String header, String regex) implements HeaderMatch {}

    record Not(HeaderMatch operand) implements HeaderMatch {}

    record All(List<HeaderMatch> parts) implements HeaderMatch {
        public All {
            parts = List.copyOf(parts);
        }
    }

    record AnyOf(List<HeaderMatch> parts) implements HeaderMatch {
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }

    /** A header test, maybe negated: one Envoy route HeaderMatcher. */
    record Literal(HeaderMatch atom, boolean negated) {}

    default HeaderMatch and(HeaderMatch other) {
        if (this.equals(TRUE)) {
            return other;
        }
        if (other.equals(TRUE)) {
            return this;
        }
        if (this.equals(FALSE) || other.equals(FALSE)) {
            return FALSE;
        }
        List<HeaderMatch> parts = new ArrayList<>();
        for (HeaderMatch m : List.of(this, other)) {
            if (m instanceof All a) {
                parts.addAll(a.parts());
            } else {
                parts.add(m);
            }
        }
        return new All(parts);
    }

    default HeaderMatch or(HeaderMatch other) {
        if (this.equals(FALSE)) {
            return other;
        }
        if (other.equals(FALSE)) {
            return this;
        }
        List<HeaderMatch> parts = new ArrayList<>();
        for (HeaderMatch m : List.of(this, other)) {
            if (m instanceof AnyOf a) {
                parts.addAll(a.parts());
            } else {
                parts.add(m);
            }
        }
        return new AnyOf(parts);
    }

    default HeaderMatch not() {
        return this instanceof Not n ? n.operand() : new Not(this);
    }

    /** This condition as an RBAC {@code Permission} (envoy.config.rbac.v3), in the JSON form of the proto. */
    default Map<String, Object> permission() {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (this) {
            case Present h -> p.put("header", presentMatcher(h.header()));
            case Regex r -> p.put("header", regexMatcher(r.header(), r.regex()));
            case Not n -> p.put("not_rule", n.operand().permission());
            case All a when a.parts().isEmpty() -> p.put("any", true);
            case All a -> p.put("and_rules", Map.of("rules", a.parts().stream().map(HeaderMatch::permission).toList()));
            case AnyOf o when o.parts().isEmpty() -> p.put("not_rule", Map.of("any", true));
            case AnyOf o -> p.put("or_rules", Map.of("rules", o.parts().stream().map(HeaderMatch::permission).toList()));
        }
        return p;
    }

    /** Disjunctive normal form: ORed conjunctions of literals; FALSE has none, TRUE one empty conjunction. */
    default List<List<Literal>> dnf() {
        return switch (this) {
            case Present h -> List.of(List.of(new Literal(h, false)));
            case Regex r -> List.of(List.of(new Literal(r, false)));
            case All a -> {
                List<List<Literal>> out = List.of(List.of());
                for (HeaderMatch part : a.parts()) {
                    List<List<Literal>> next = new ArrayList<>();
                    for (List<Literal> left : out) {
                        for (List<Literal> right : part.dnf()) {
                            List<Literal> both = new ArrayList<>(left);
                            both.addAll(right);
                            next.add(both);
                        }
                    }
                    out = next;
                }
                yield out;
            }
            case AnyOf o -> {
                List<List<Literal>> out = new ArrayList<>();
                o.parts().forEach(part -> out.addAll(part.dnf()));
                yield out;
            }
            case Not n -> switch (n.operand()) {
                case Present h -> List.of(List.of(new Literal(h, true)));
                case Regex r -> List.of(List.of(new Literal(r, true)));
                case Not inner -> inner.operand().dnf();
                // De Morgan
                case All a -> new AnyOf(a.parts().stream().map(HeaderMatch::not).toList()).dnf();
                case AnyOf o -> new All(o.parts().stream().map(HeaderMatch::not).toList()).dnf();
            };
        };
    }

    /** A {@code HeaderMatcher} (envoy.config.route.v3) for one literal of a route match. */
    static Map<String, Object> routeMatcher(Literal l) {
        Map<String, Object> m = switch (l.atom()) {
            case Present h -> presentMatcher(h.header());
            case Regex r -> {
                if (l.negated()) {
                    // Envoy's inverted matcher is false on an absent header, where "does not match" is true
                    throw new IllegalArgumentException("a negated regex cannot be a route header matcher: " + r);
                }
                yield regexMatcher(r.header(), r.regex());
            }
            default -> throw new IllegalArgumentException("not an atom: " + l.atom());
        };
        if (l.negated()) {
            // on an absent header, an inverted present_match is true: exactly "not present"
            m.put("invert_match", true);
        }
        return m;
    }

    private static Map<String, Object> presentMatcher(String header) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", header);
        m.put("present_match", true);
        return m;
    }

    private static Map<String, Object> regexMatcher(String header, String regex) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", header);
        m.put("string_match", Map.of("safe_regex", Map.of("regex", regex)));
        return m;
    }
}

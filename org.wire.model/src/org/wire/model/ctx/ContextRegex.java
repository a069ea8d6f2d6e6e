package org.wire.model.ctx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;

/**
 * Compiles a context pattern into a regular expression over the {@code x-copper-ctx} header value.
 *
 * <p>The header of a CO from u to w holds the chain origin … u (bpf/README.md), on u's egress and on w's
 * ingress alike; the context string is that chain followed by w. So the COs to destination w that a pattern P
 * matches are exactly the headers in the right quotient P / w = { h : h·w ∈ L(P) }, computed here on the
 * pattern's syntax tree and printed with each service as its fixed-width token. The dialect is the common
 * part of RE2 and PCRE2: literals, {@code [0-9A-Za-z_-]}, {@code {3}}, non-capturing groups, {@code | * + ?},
 * {@code ^ $}. Tokens have no separator, so every regex is anchored at the start (after an optional {@code ~}
 * truncation flag, allowed only when the pattern's front absorbs any prefix).
 */
public final class ContextRegex {
    /** One service id token: three base-64 digits. */
    public static final String ANY_TOKEN = "[0-9A-Za-z_-]{3}";

    private final ServiceIds ids;

    public ContextRegex(ServiceIds ids) {
        this.ids = ids;
    }

    /**
     * The regex over the header for COs arriving at {@code destination} that the pattern matches; empty when
     * it matches none. Not for the mesh-wide pattern (which needs no regex).
     */
    public Optional<String> toDestination(ContextPattern pattern, String destination) {
        if (pattern.isMeshWide()) {
            throw new IllegalArgumentException("the mesh-wide pattern matches every chain: no regex");
        }
        Re q = quotient(of(pattern.root()), ids.ids().containsKey(destination) ? ids.token(destination) : null);
        if (q instanceof Re.Nothing) {
            return Optional.empty();
        }
        return Optional.of("^" + (absorbsAnyPrefix(q) ? "~?" : "") + print(q, 0) + "$");
    }

    /** Headers whose last token (the immediate caller) is one of {@code callers}. */
    public String lastCallerIn(Collection<String> callers) {
        List<String> tokens = new ArrayList<>(new TreeSet<>(callers.stream().map(ids::token).toList()));
        String last = tokens.size() == 1 ? tokens.get(0) : "(?:" + String.join("|", tokens) + ")";
        return "^~?(?:" + ANY_TOKEN + ")*" + last + "$";
    }

    /** A small regex syntax: what patterns lower to, closed under the quotient. */
    sealed interface Re {
        record Nothing() implements Re {}

        record Empty() implements Re {}

        /** One token of the set; {@code tokens == null} means any service. */
        record Token(TreeSet<String> tokens) implements Re {}

        record Cat(List<Re> items) implements Re {}

        record Alt(List<Re> options) implements Re {}

        record Star(Re item) implements Re {}

        record Plus(Re item) implements Re {}
    }

    private static final Re NOTHING = new Re.Nothing();
    private static final Re EMPTY = new Re.Empty();

    private Re of(PatternNode node) {
        return switch (node) {
            case PatternNode.Service s -> token(List.of(s.name()));
            case PatternNode.ServiceSet s -> token(s.members().stream().map(PatternNode.Service::name).toList());
            case PatternNode.AnyService a -> new Re.Token(null);
            case PatternNode.Group g -> of(g.inner());
            case PatternNode.Sequence s -> cat(s.items().stream().map(this::of).toList());
            case PatternNode.Alternation a -> alt(a.options().stream().map(this::of).toList());
            case PatternNode.Repeat r -> switch (r.quantifier()) {
                case STAR -> star(of(r.item()));
                case PLUS -> plus(of(r.item()));
                case OPTIONAL -> alt(List.of(EMPTY, of(r.item())));
            };
            case PatternNode.MeshWide m -> throw new IllegalArgumentException("mesh-wide pattern inside a pattern");
        };
    }

    /** Services without an id are not in the graph: no chain holds them. */
    private Re token(List<String> services) {
        TreeSet<String> tokens = new TreeSet<>();
        for (String s : services) {
            if (ids.ids().containsKey(s)) {
                tokens.add(ids.token(s));
            }
        }
        return tokens.isEmpty() ? NOTHING : new Re.Token(tokens);
    }

    /** { h : h·w ∈ L(r) }; {@code w} null stands for a destination without an id (matches only '.'). */
    static Re quotient(Re r, String w) {
        return switch (r) {
            case Re.Nothing n -> NOTHING;
            case Re.Empty e -> NOTHING;
            case Re.Token t -> t.tokens() == null || (w != null && t.tokens().contains(w)) ? EMPTY : NOTHING;
            case Re.Alt a -> alt(a.options().stream().map(o -> quotient(o, w)).toList());
            case Re.Star s -> cat(List.of(s, quotient(s.item(), w)));
            case Re.Plus p -> cat(List.of(new Re.Star(p.item()), quotient(p.item(), w)));
            case Re.Cat c -> {
                List<Re> items = c.items();
                Re last = items.get(items.size() - 1);
                Re front = cat(items.subList(0, items.size() - 1));
                Re viaLast = cat(List.of(front, quotient(last, w)));
                yield nullable(last) ? alt(List.of(viaLast, quotient(front, w))) : viaLast;
            }
        };
    }

    static boolean nullable(Re r) {
        return switch (r) {
            case Re.Nothing n -> false;
            case Re.Empty e -> true;
            case Re.Token t -> false;
            case Re.Cat c -> c.items().stream().allMatch(ContextRegex::nullable);
            case Re.Alt a -> a.options().stream().anyMatch(ContextRegex::nullable);
            case Re.Star s -> true;
            case Re.Plus p -> nullable(p.item());
        };
    }

    static Re cat(List<Re> items) {
        List<Re> flat = new ArrayList<>();
        for (Re i : items) {
            if (i instanceof Re.Nothing) {
                return NOTHING;
            }
            if (i instanceof Re.Cat c) {
                flat.addAll(c.items());
            } else if (!(i instanceof Re.Empty)) {
                flat.add(i);
            }
        }
        return flat.isEmpty() ? EMPTY : flat.size() == 1 ? flat.get(0) : new Re.Cat(List.copyOf(flat));
    }

    static Re alt(List<Re> options) {
        List<Re> flat = new ArrayList<>();
        for (Re o : options) {
            List<Re> parts = o instanceof Re.Alt a ? a.options() : List.of(o);
            for (Re p : parts) {
                if (!(p instanceof Re.Nothing) && !flat.contains(p)) {
                    flat.add(p);
                }
            }
        }
        return flat.isEmpty() ? NOTHING : flat.size() == 1 ? flat.get(0) : new Re.Alt(List.copyOf(flat));
    }

    static Re star(Re r) {
        return r instanceof Re.Nothing || r instanceof Re.Empty ? EMPTY : r instanceof Re.Star ? r : new Re.Star(r);
    }

    static Re plus(Re r) {
        return r instanceof Re.Nothing ? NOTHING : r instanceof Re.Empty ? EMPTY : new Re.Plus(r);
    }

    /** True when the regex starts with "any chain": then a truncated chain ('~' first) can still match. */
    static boolean absorbsAnyPrefix(Re r) {
        Re first = r instanceof Re.Cat c ? c.items().get(0) : r;
        return first instanceof Re.Star s && s.item() instanceof Re.Token t && t.tokens() == null;
    }

    private static final int ALT = 0, CAT = 1, ATOM = 2;

    /** Prints at a context of the given binding strength, adding (?:…) where needed. */
    static String print(Re r, int context) {
        String text;
        int strength;
        switch (r) {
            case Re.Empty e -> {
                text = "";
                strength = ATOM;
            }
            case Re.Token t -> {
                if (t.tokens() == null) {
                    text = ANY_TOKEN;
                    strength = ATOM;
                } else if (t.tokens().size() == 1) {
                    text = t.tokens().first();
                    strength = CAT; // three characters: a quantifier needs a group
                } else {
                    text = "(?:" + String.join("|", t.tokens()) + ")";
                    strength = ATOM;
                }
            }
            case Re.Cat c -> {
                StringBuilder b = new StringBuilder();
                c.items().forEach(i -> b.append(print(i, CAT)));
                text = b.toString();
                strength = CAT;
            }
            case Re.Alt a -> {
                List<Re> opts = a.options();
                if (opts.contains(EMPTY)) {
                    List<Re> rest = opts.stream().filter(o -> !(o instanceof Re.Empty)).toList();
                    text = print(rest.size() == 1 ? rest.get(0) : new Re.Alt(rest), ATOM + 1) + "?";
                    strength = ATOM;
                } else {
                    text = String.join("|", opts.stream().map(o -> print(o, CAT)).toList());
                    strength = ALT;
                }
            }
            case Re.Star s -> {
                text = print(s.item(), ATOM + 1) + "*";
                strength = ATOM;
            }
            case Re.Plus p -> {
                text = print(p.item(), ATOM + 1) + "+";
                strength = ATOM;
            }
            case Re.Nothing n -> throw new IllegalStateException("an empty language has no regex");
        }
        // ATOM + 1: the operand of a quantifier, which must be a single atom; a quantified atom is not one
        boolean quantifiedOperand = context > ATOM && (strength < ATOM || text.endsWith("*") || text.endsWith("+") || text.endsWith("?") || text.endsWith("}")
                || (r instanceof Re.Token t && t.tokens() != null && t.tokens().size() == 1));
        return strength < Math.min(context, ATOM) || quantifiedOperand ? "(?:" + text + ")" : text;
    }
}

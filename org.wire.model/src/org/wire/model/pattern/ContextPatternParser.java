package org.wire.model.pattern;

import java.util.ArrayList;
import java.util.List;

import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Alternation;
import org.wire.model.pattern.PatternNode.Group;
import org.wire.model.pattern.PatternNode.MeshWide;
import org.wire.model.pattern.PatternNode.Quantifier;
import org.wire.model.pattern.PatternNode.Repeat;
import org.wire.model.pattern.PatternNode.Sequence;
import org.wire.model.pattern.PatternNode.Service;
import org.wire.model.pattern.PatternNode.ServiceSet;

/**
 * Recursive-descent parser for context patterns (spec §3.3).
 *
 * <pre>
 * pattern     := '*' | alternation
 * alternation := sequence ('|' sequence)*
 * sequence    := postfix+            (whitespace and '->' separate items)
 * postfix     := atom ('*' | '+' | '?')?
 * atom        := NAME | '.' | '(' alternation ')' | '[' NAME (',' NAME)* ','? ']'
 * NAME        := [A-Za-z0-9_-]+     (longest match, but never swallowing the '-' of '->')
 * </pre>
 */
final class ContextPatternParser {
    /** Deeper groups than this are surely a mistake; the limit keeps the recursion bounded. */
    static final int MAX_NESTING = 100;

    private final String text;
    private int pos;
    private int depth;

    ContextPatternParser(String text) {
        this.text = text;
    }

    ContextPattern parse() throws PatternSyntaxError {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new PatternSyntaxError("empty context pattern; write '*' for every communication object", 0, text.length());
        }
        if (trimmed.equals("*")) {
            int at = text.indexOf('*');
            return new ContextPattern(text, new MeshWide(at, at + 1));
        }
        PatternNode root = alternation();
        skipSeparators();
        if (pos < text.length()) {
            char c = text.charAt(pos);
            String what = c == ')' ? "unbalanced ')'" : c == ']' ? "unbalanced ']'" : "unexpected '" + c + "'";
            throw new PatternSyntaxError(what + " in context pattern", pos, 1);
        }
        return new ContextPattern(text, root);
    }

    private PatternNode alternation() throws PatternSyntaxError {
        int start = positionAfterSeparators();
        List<PatternNode> options = new ArrayList<>();
        options.add(sequence());
        while (peekAfterSeparators() == '|') {
            pos++;
            options.add(sequence());
        }
        return options.size() == 1 ? options.get(0) : new Alternation(List.copyOf(options), start, options.get(options.size() - 1).end());
    }

    private PatternNode sequence() throws PatternSyntaxError {
        List<PatternNode> items = new ArrayList<>();
        while (true) {
            int separatorStart = pos;
            boolean arrow = skipSeparators();
            if (pos >= text.length() || text.charAt(pos) == '|' || text.charAt(pos) == ')') {
                if (arrow) {
                    throw new PatternSyntaxError("'->' must stand between two items", text.indexOf("->", separatorStart), 2);
                }
                break;
            }
            if (arrow && items.isEmpty()) {
                throw new PatternSyntaxError("'->' must stand between two items", text.indexOf("->", separatorStart), 2);
            }
            items.add(postfix());
        }
        if (items.isEmpty()) {
            int at = Math.min(pos, text.length());
            throw new PatternSyntaxError(at < text.length() && text.charAt(at) == '|' ? "empty alternative before '|'"
                    : at < text.length() ? "empty group" : "context pattern ends where an item is expected", at, 1);
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return new Sequence(List.copyOf(items), items.get(0).start(), items.get(items.size() - 1).end());
    }

    private PatternNode postfix() throws PatternSyntaxError {
        PatternNode atom = atom();
        if (pos < text.length()) {
            Quantifier q = quantifier(text.charAt(pos));
            if (q != null) {
                pos++;
                if (pos < text.length() && quantifier(text.charAt(pos)) != null) {
                    throw new PatternSyntaxError("'" + text.charAt(pos) + "' cannot follow another repetition", pos, 1);
                }
                return new Repeat(atom, q, atom.start(), pos);
            }
        }
        return atom;
    }

    private PatternNode atom() throws PatternSyntaxError {
        int start = pos;
        char c = text.charAt(pos);
        if (isNameChar(c) && !startsArrow(pos)) {
            return name();
        }
        switch (c) {
            case '.' -> {
                pos++;
                return new AnyService(start, pos);
            }
            case '(' -> {
                if (++depth > MAX_NESTING) {
                    throw new PatternSyntaxError("groups nested more than " + MAX_NESTING + " deep", start, 1);
                }
                pos++;
                if (peekAfterSeparators() == ')') {
                    throw new PatternSyntaxError("empty group '()'", start, pos - start + 1);
                }
                PatternNode inner = alternation();
                if (peekAfterSeparators() != ')') {
                    throw new PatternSyntaxError("'(' is never closed", start, 1);
                }
                pos++;
                depth--;
                return new Group(inner, start, pos);
            }
            case '[' -> {
                return serviceSet();
            }
            case '*', '+', '?' -> throw new PatternSyntaxError("'" + c + "' repeats nothing"
                    + (c == '*' ? "; write '.*' for any services, or '*' alone for every communication object" : ""), pos, 1);
            case ']' -> throw new PatternSyntaxError("unbalanced ']' in context pattern", pos, 1);
            default -> {
                int cp = text.codePointAt(pos);
                String shown = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                        ? String.format("U+%04X", cp) : new String(Character.toChars(cp));
                throw new PatternSyntaxError("unexpected '" + shown + "' in context pattern; service names use [A-Za-z0-9_-]", pos,
                        Character.charCount(cp));
            }
        }
    }

    private ServiceSet serviceSet() throws PatternSyntaxError {
        int start = pos;
        pos++; // '['
        List<Service> members = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                throw new PatternSyntaxError("'[' is never closed", start, 1);
            }
            char c = text.charAt(pos);
            if (c == ']') {
                if (members.isEmpty()) {
                    throw new PatternSyntaxError("empty service set '[]'", start, pos - start + 1);
                }
                pos++;
                return new ServiceSet(List.copyOf(members), start, pos);
            }
            if (!isNameChar(c)) {
                throw new PatternSyntaxError("a service set lists service names only, found '" + c + "'", pos, 1);
            }
            members.add(name());
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else if (pos < text.length() && text.charAt(pos) != ']') {
                throw new PatternSyntaxError("expected ',' or ']' in service set", pos, 1);
            }
        }
    }

    private Service name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos)) && !startsArrow(pos)) {
            pos++;
        }
        return new Service(text.substring(start, pos), start, pos);
    }

    /** Skips whitespace and '->' separators; tells whether an arrow was among them. */
    private boolean skipSeparators() throws PatternSyntaxError {
        boolean arrow = false;
        while (pos < text.length()) {
            if (Character.isWhitespace(text.charAt(pos))) {
                pos++;
            } else if (startsArrow(pos)) {
                if (arrow) {
                    throw new PatternSyntaxError("'->' twice in a row", pos, 2);
                }
                arrow = true;
                pos += 2;
            } else {
                break;
            }
        }
        return arrow;
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private int positionAfterSeparators() {
        int saved = pos;
        skipWhitespace();
        int result = pos;
        pos = saved;
        return result;
    }

    private char peekAfterSeparators() {
        skipWhitespace();
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean startsArrow(int at) {
        return at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) == '>';
    }

    private static Quantifier quantifier(char c) {
        return switch (c) {
            case '*' -> Quantifier.STAR;
            case '+' -> Quantifier.PLUS;
            case '?' -> Quantifier.OPTIONAL;
            default -> null;
        };
    }

    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}

package org.copper.lang.ide.formatting;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The house layout of Copper files (as in examples/ and the built-in interfaces), printed token by token:
 * one statement, header item, action declaration or section per line; blocks and policy headers indented
 * one level; one space between tokens except inside calls and brackets and before {@code ;} and {@code ,};
 * blank lines the author left are kept (at most one), one is put between top-level declarations;
 * comments stay where they are relative to their neighbours (a trailing comment stays on its line).
 */
public final class CopperLayout {
    /** A token of the file: a keyword, name, literal or comment, with the newlines before it in the original text. */
    public record Token(String text, boolean keyword, boolean comment, int newlinesBefore) {
        boolean is(String s) {
            return keyword && text.equals(s);
        }

        boolean identifier() {
            return !keyword && !comment && !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
        }
    }

    private enum Open { BRACE, HEADER, PAREN, BRACKET }

    private CopperLayout() {}

    /** The file's text laid out; {@code indent} is one level (spaces or a tab). Ends with one newline. */
    public static String print(List<Token> tokens, String indent) {
        StringBuilder out = new StringBuilder();
        Deque<Open> open = new ArrayDeque<>();
        Token prev = null;
        Token beforePrev = null;
        for (Token t : tokens) {
            if (prev != null) {
                // closing tokens leave their level before they are placed
                boolean closes = t.is("}") || (t.is(")") && open.peek() == Open.HEADER);
                int newlines = newlines(prev, beforePrev, t, open);
                if (newlines > 0) {
                    out.append("\n".repeat(newlines));
                    int level = (int) open.stream().filter(o -> o == Open.BRACE || o == Open.HEADER).count() - (closes ? 1 : 0);
                    out.append(indent.repeat(Math.max(0, level)));
                } else if (space(prev, beforePrev, t)) {
                    out.append(' ');
                }
            }
            out.append(t.text());
            if (t.is("{")) {
                open.push(Open.BRACE);
            } else if (t.is("(")) {
                open.push(prev != null && prev.identifier() && beforePrev != null && beforePrev.is("policy") ? Open.HEADER : Open.PAREN);
            } else if (t.is("[")) {
                open.push(Open.BRACKET);
            } else if ((t.is("}") || t.is(")") || t.is("]")) && !open.isEmpty()) {
                open.pop();
            }
            beforePrev = prev;
            prev = t;
        }
        if (prev != null) {
            out.append('\n');
        }
        return out.toString();
    }

    /** How many line breaks go between {@code prev} and {@code t}: 0 for none (then a space or nothing). */
    private static int newlines(Token prev, Token beforePrev, Token t, Deque<Open> open) {
        int kept = Math.min(t.newlinesBefore(), 2);
        if (t.comment()) {
            // a comment on the line of the token before it stays there
            return t.newlinesBefore() == 0 ? 0 : kept;
        }
        if (prev.comment()) {
            return Math.max(kept, prev.text().startsWith("//") ? 1 : 0);
        }
        if (prev.is("}")) {
            if (t.is("else")) {
                return 0;
            }
            // one blank line between top-level declarations
            return open.isEmpty() ? 2 : Math.max(1, kept);
        }
        if (prev.is(";") && open.isEmpty() && !t.is("import")) {
            return 2;
        }
        if (prev.is("{") || t.is("}") || prev.is(";") || prev.is("]")) {
            return Math.max(1, kept);
        }
        if ((prev.is("(") && open.peek() == Open.HEADER) || (t.is(")") && open.peek() == Open.HEADER)) {
            return 1;
        }
        // header items (their commas are optional) each on a line of their own
        if (prev.is(")") && open.peek() == Open.HEADER && !t.is(",")) {
            return 1;
        }
        if (prev.is(",") && (open.peek() == Open.BRACE || open.peek() == Open.HEADER)) {
            return Math.max(1, kept);
        }
        return 0;
    }

    /** Whether one space goes between two tokens on a line. */
    private static boolean space(Token prev, Token beforePrev, Token t) {
        if (t.comment() || prev.comment()) {
            return true;
        }
        if (t.is(";") || t.is(",") || t.is(")") || t.is("]") || prev.is("(") || prev.is("[") || prev.is("!")) {
            return false;
        }
        if (t.is("(")) {
            // a call or an action's parameters hug their name; keywords and a policy's name do not
            return !(prev.identifier() && !(beforePrev != null && beforePrev.is("policy")));
        }
        return true;
    }
}

package org.wire.model.ctx;

/**
 * An upper bound on the size RE2 gives the compiled program of a context regex ({@code RE2::ProgramSize()}),
 * the number Envoy compares with {@code re2.max_program_size.error_level} before it accepts a regex.
 *
 * <p>Computed as RE2's compiler emits instructions before it optimises: one per literal byte, a class of
 * r ranges as r byte ranges joined by r-1 alternations, one alternation per {@code |}, {@code *}, {@code +},
 * {@code ?}, {@code {n}} as n copies, one per {@code ^ $}, two per capturing group, plus the fail and match
 * instructions and the unanchored {@code .*?} prefix. RE2's optimisations (prefix extraction, flattening) only
 * remove instructions, so the real size is at most this; {@code Re2ProgramSizeTest} compares the two on
 * generated regexes with the real library. Only the dialect {@link ContextRegex} prints is understood.
 */
public final class Re2ProgramSize {
    /** Plain Envoy's default error level. */
    public static final int ENVOY_DEFAULT_LIMIT = 100;
    /** What Istio configures its Envoys with ({@code re2.max_program_size.error_level}). */
    public static final int ISTIO_LIMIT = 32768;

    private final String re;
    private int pos;

    private Re2ProgramSize(String re) {
        this.re = re;
    }

    /** The bound for {@code regex}; an {@link IllegalArgumentException} names what it does not understand. */
    public static int of(String regex) {
        Re2ProgramSize p = new Re2ProgramSize(regex);
        int body = p.alternation();
        if (p.pos != regex.length()) {
            throw p.unexpected();
        }
        return 2 + 2 + body; // fail + match, and the unanchored prefix's loop and byte range
    }

    private int alternation() {
        int size = concatenation();
        while (peek('|')) {
            pos++;
            size += 1 + concatenation();
        }
        return size;
    }

    private int concatenation() {
        int size = 0;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            size += repetition();
        }
        return size;
    }

    private int repetition() {
        int size = atom();
        while (pos < re.length()) {
            char c = re.charAt(pos);
            if (c == '*' || c == '+' || c == '?') {
                pos++;
                size += 1;
                if (peek('?')) {
                    pos++; // lazy: same instructions
                }
            } else if (c == '{') {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw unexpected();
                }
                String[] bounds = re.substring(pos + 1, close).split(",", -1);
                int min = Integer.parseInt(bounds[0]);
                int max = bounds.length == 1 ? min : Integer.parseInt(bounds[1]);
                pos = close + 1;
                size = size * max + (max - min); // n copies, and one alternation per optional copy
            } else {
                break;
            }
        }
        return size;
    }

    private int atom() {
        char c = re.charAt(pos);
        switch (c) {
            case '^', '$' -> {
                pos++;
                return 1;
            }
            case '(' -> {
                pos++;
                boolean capturing = !re.startsWith("?:", pos);
                if (!capturing) {
                    pos += 2;
                }
                int inner = alternation();
                if (!peek(')')) {
                    throw unexpected();
                }
                pos++;
                return inner + (capturing ? 2 : 0);
            }
            case '[' -> {
                return charClass();
            }
            case '\\' -> {
                pos += 2;
                return 1;
            }
            case '.' -> {
                pos++;
                return 3; // UTF-8 any character: a handful of byte ranges; ContextRegex never prints it
            }
            default -> {
                pos++;
                return 1;
            }
        }
    }

    private int charClass() {
        int close = re.indexOf(']', pos + 1);
        if (close < 0 || re.charAt(pos + 1) == '^') {
            throw unexpected();
        }
        String body = re.substring(pos + 1, close);
        pos = close + 1;
        int ranges = 0;
        for (int i = 0; i < body.length(); i++) {
            ranges++;
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                i += 2;
            }
        }
        return 2 * ranges - 1;
    }

    private boolean peek(char c) {
        return pos < re.length() && re.charAt(pos) == c;
    }

    private IllegalArgumentException unexpected() {
        return new IllegalArgumentException("not a context regex at offset " + pos + ": " + re);
    }
}

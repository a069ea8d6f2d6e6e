package org.copper.lang.api;

import java.util.Comparator;
import java.util.List;

/**
 * One problem in a Copper file, positioned for humans (1-based line and column).
 *
 * @param code the issue code (see {@code CopperIssueCodes}), or null for syntax errors
 * @param data quick-fix data attached by the validator (e.g. the section an action belongs in)
 */
public record CopperDiagnostic(String path, int line, int column, int offset, int length, Severity severity, String message,
        String code, List<String> data) {

    public enum Severity {
        ERROR, WARNING, INFO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Comparator<CopperDiagnostic> ORDER = Comparator.comparing(CopperDiagnostic::path)
            .thenComparingInt(CopperDiagnostic::line).thenComparingInt(CopperDiagnostic::column)
            .thenComparing(CopperDiagnostic::message);

    /** {@code path:line:column: severity: message}, the format of {@code ./copper check}. */
    public String format() {
        return path + ":" + line + ":" + column + ": " + severity.label() + ": " + oneLineMessage();
    }

    /** The message with control characters escaped, so that it stays on one line. */
    public String oneLineMessage() {
        return oneLine(message);
    }

    /** Control characters (a newline inside a pattern, say) would break the one-line-per-problem format. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                sb.append("\\n");
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}

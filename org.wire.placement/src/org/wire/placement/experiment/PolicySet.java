package org.wire.placement.experiment;

/** The paper's policy sets (spec §8): P1 alone, or P1 and P2 together. */
public enum PolicySet {
    P1, P1P2;

    /** Parses {@code p1} or {@code p1p2} (case-insensitive; {@code p1+p2} accepted). */
    public static PolicySet parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace("+", "")) {
            case "p1" -> P1;
            case "p1p2" -> P1P2;
            default -> throw new IllegalArgumentException("unknown policy set '" + text + "': use p1 or p1p2");
        };
    }

    public String label() {
        return this == P1 ? "P1" : "P1+P2";
    }
}

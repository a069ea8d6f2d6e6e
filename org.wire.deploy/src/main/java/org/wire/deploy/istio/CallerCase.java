package org.wire.deploy.istio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One path through the egress rules of a call, as a VirtualService route can hold it: the request conditions
 * that lead there (header literals), what the path does to the request, and, for sampled branches, the
 * probability of the path given those conditions.
 */
final class CallerCase {
    /**
     * A request condition. {@code regex} null: the header is present; else the header matches the anchored regex.
     */
    record Literal(String header, String regex, boolean positive) {
        Literal negated() {
            return new Literal(header, regex, !positive);
        }
    }

    final List<Literal> literals = new ArrayList<>();
    /** Header name to the value it is set to, or null when it is removed; the last operation per header wins. */
    final LinkedHashMap<String, String> headerOps = new LinkedHashMap<>();
    String version;
    boolean denied;
    /** Probability of this path among those with the same literals (product of sampled interval lengths). */
    BigDecimal probability = BigDecimal.ONE;
    /** Per sampler, the interval [lo, hi) of its current sample this path requires. */
    final Map<String, BigDecimal[]> samples = new LinkedHashMap<>();
    /** Policies whose statements changed something on this path. */
    final TreeSet<String> policies = new TreeSet<>();

    CallerCase copy() {
        CallerCase c = new CallerCase();
        c.literals.addAll(literals);
        c.headerOps.putAll(headerOps);
        c.version = version;
        c.denied = denied;
        c.probability = probability;
        samples.forEach((k, v) -> c.samples.put(k, v.clone()));
        c.policies.addAll(policies);
        return c;
    }

    /** This case with {@code lit} added, or null when it contradicts a literal the case already holds. */
    CallerCase with(Literal lit) {
        for (Literal l : literals) {
            if (l.header().equals(lit.header()) && java.util.Objects.equals(l.regex(), lit.regex())) {
                return l.positive() == lit.positive() ? this : null;
            }
        }
        CallerCase c = copy();
        c.literals.add(lit);
        return c;
    }

    boolean hasEffect() {
        return denied || version != null || !headerOps.isEmpty();
    }
}

package org.copper.lang;

import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.Policy;

/** The header items of a policy; the grammar accepts them in any order and validation demands one each. */
public final class PolicyHeader {
    private PolicyHeader() {}

    /** The policy's ACT variable, or null when the header has none. */
    public static ActVariable act(Policy policy) {
        return policy.getActs().isEmpty() ? null : policy.getActs().get(0);
    }

    /** The policy's context pattern text, or null when the header has none. */
    public static String context(Policy policy) {
        return policy.getContexts().isEmpty() ? null : policy.getContexts().get(0);
    }
}

package org.copper.lang.api;

/**
 * Free or pinned (spec §4).
 *
 * @param free   whether the policy's sections may run on either side of each matching CO
 * @param reason why it is pinned (the first state or annotated action), or why it is free
 */
public record PolicyKind(boolean free, String reason) {
    @Override
    public String toString() {
        return (free ? "free" : "pinned") + " (" + reason + ")";
    }
}

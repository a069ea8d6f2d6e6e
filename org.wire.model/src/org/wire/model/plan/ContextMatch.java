package org.wire.model.plan;

/**
 * What a sidecar matches on the {@code x-copper-ctx} header value (origin first, up to and including the
 * immediate caller: the same value on the caller's egress and the callee's ingress) to decide whether a
 * communication object belongs to a policy. Both regexes are anchored, in the dialect RE2 (Envoy) and PCRE2
 * (HAProxy) read alike; a request must match both. An absent header matches neither unless {@code any()}.
 *
 * @param chainRegex  the policy's pattern with this rule's destination taken off its end; null: every chain
 *                    (the mesh-wide pattern), and then an absent header matches too
 * @param callerRegex null, or a restriction to the CO sources this rule owns (the header's last token), used
 *                    when a free policy's other callers of this destination are handled at their egress
 */
public record ContextMatch(String chainRegex, String callerRegex) {
    public boolean any() {
        return chainRegex == null && callerRegex == null;
    }
}

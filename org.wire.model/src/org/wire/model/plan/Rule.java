package org.wire.model.plan;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.Stmt;

/**
 * One policy as one sidecar queue runs it.
 *
 * @param policy      the policy (name, states, origin for messages)
 * @param side        the queue: EGRESS at {@code at} for calls to {@code destination}; INGRESS at {@code at} = destination
 * @param at          the service whose sidecar runs the rule
 * @param destination the callee of the COs this rule handles
 * @param callers     the sources of the COs this rule handles (for EGRESS: {@code at} alone)
 * @param match       how the sidecar recognises those COs on the context header
 * @param body        the statements to run: the policy's section for this side, or for a free policy moved to
 *                    this side, its sections in order (egress, then ingress)
 */
public record Rule(Policy policy, Side side, String at, String destination, SortedSet<String> callers, ContextMatch match, List<Stmt> body) {
    public Rule {
        callers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(callers));
        body = List.copyOf(body);
    }
}

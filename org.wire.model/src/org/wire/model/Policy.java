package org.wire.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternForm;

/**
 * The policy IR: what Wire needs of a Copper policy, with no trace of Xtext.
 *
 * @param name       unique across the workspace
 * @param actType    the policy's ACT type name (e.g. {@code Request}, {@code IstioRequest})
 * @param actVar     the name of the ACT variable (e.g. {@code request})
 * @param states     {@code using} variables: name to state type
 * @param pattern    the parsed context pattern
 * @param form       ingress, egress or mesh-wide form of the pattern
 * @param sections   the body per side; a side without a section is absent
 * @param actions    every action the body calls
 * @param free       free (no state, only unannotated actions) or pinned (spec §4)
 * @param origin     where the policy was written
 */
public record Policy(String name, String actType, String actVar, Map<String, String> states, ContextPattern pattern,
        PatternForm form, Map<Side, List<Stmt>> sections, Set<ActionRef> actions, boolean free, SourceLocation origin) {
    public Policy {
        states = Map.copyOf(states);
        sections = Map.copyOf(sections);
        actions = Set.copyOf(actions);
    }

    public boolean has(Side side) {
        return sections.containsKey(side);
    }
}

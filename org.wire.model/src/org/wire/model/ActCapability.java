package org.wire.model;

import java.util.List;
import java.util.Set;

/**
 * One ACT a dataplane interface declares.
 *
 * @param ancestorsOrSelf the ACT itself first, then its parent, up to the root (e.g. IstioRequest, Request)
 * @param actions         the actions this declaration lists (its own list, not its ancestors')
 */
public record ActCapability(List<String> ancestorsOrSelf, Set<String> actions) {
    public ActCapability {
        ancestorsOrSelf = List.copyOf(ancestorsOrSelf);
        actions = Set.copyOf(actions);
    }

    public String name() {
        return ancestorsOrSelf.get(0);
    }
}

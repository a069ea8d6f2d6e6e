package org.copper.lang.typing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.Side;
import org.copper.lang.iface.StateDecl;

/** Queries over interface declarations: ACT ancestry, inherited actions, effective annotations. */
public final class Declarations {
    private Declarations() {}

    /** The ACT itself, then its parent, up to the root; stops at a cycle (reported elsewhere). */
    public static List<ActDecl> ancestorsOrSelf(ActDecl act) {
        Set<ActDecl> seen = new LinkedHashSet<>();
        ActDecl current = act;
        while (current != null && !current.eIsProxy() && seen.add(current)) {
            current = current.getParent();
        }
        return new ArrayList<>(seen);
    }

    public static boolean hasParentCycle(ActDecl act) {
        Set<ActDecl> seen = new LinkedHashSet<>();
        ActDecl current = act;
        while (current != null && !current.eIsProxy()) {
            if (!seen.add(current)) {
                return true;
            }
            current = current.getParent();
        }
        return false;
    }

    /** Whether {@code sub} is {@code sup} or one of its subtypes. */
    public static boolean isSubtypeOrSelf(Declaration sub, Declaration sup) {
        if (sub == sup) {
            return true;
        }
        if (sub instanceof ActDecl a && sup instanceof ActDecl) {
            return ancestorsOrSelf(a).contains(sup);
        }
        // the same state re-listed by a dataplane interface is the same state
        return sub instanceof StateDecl && sup instanceof StateDecl && sub.getName() != null && sub.getName().equals(sup.getName());
    }

    /** Actions visible on a declaration, most specific first (re-listed actions before the ancestor's). */
    public static List<ActionDecl> visibleActions(Declaration declaration) {
        List<ActionDecl> result = new ArrayList<>();
        if (declaration instanceof ActDecl act) {
            for (ActDecl a : ancestorsOrSelf(act)) {
                result.addAll(a.getActions());
            }
        } else if (declaration instanceof StateDecl state) {
            result.addAll(state.getActions());
        }
        return result;
    }

    /** The root-most declaration of an action of this name along the ACT's ancestry: it fixes signature and annotation. */
    public static ActionDecl original(ActionDecl action) {
        if (!(action.eContainer() instanceof ActDecl owner)) {
            return action;
        }
        ActionDecl original = action;
        for (ActDecl a : ancestorsOrSelf(owner)) {
            for (ActionDecl candidate : a.getActions()) {
                if (candidate.getName() != null && candidate.getName().equals(action.getName())) {
                    original = candidate;
                }
            }
        }
        return original;
    }

    /** The annotation that governs where the action may run (spec §2): the original declaration's. */
    public static Set<Side> effectiveAnnotation(ActionDecl action) {
        ActionDecl original = original(action);
        Set<Side> sides = EnumSet.noneOf(Side.class);
        if (original.getAnnotation() != null) {
            sides.addAll(original.getAnnotation().getSides());
        }
        return sides;
    }

    public static Declaration owner(ActionDecl action) {
        return action.eContainer() instanceof Declaration d ? d : null;
    }
}

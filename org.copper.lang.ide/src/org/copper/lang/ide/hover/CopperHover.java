package org.copper.lang.ide.hover;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.Param;
import org.copper.lang.iface.Side;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.typing.CopperTypes;
import org.copper.lang.typing.Declarations;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.server.hover.HoverService;

/** Hover: an action's signature, where it may run and which shipped dataplanes offer it; ACTs, states and variables by kind. */
public class CopperHover extends HoverService {

    @Override
    public String getContents(EObject element) {
        if (element instanceof ActionDecl action) {
            return action(action);
        }
        if (element instanceof ActDecl act) {
            String parent = act.getParent() != null && !act.getParent().eIsProxy() ? " : " + act.getParent().getName() : "";
            return code("act " + act.getName() + parent) + "\n\n" + actions(act) + from(act);
        }
        if (element instanceof StateDecl state) {
            return code("state " + state.getName()) + "\n\n" + actions(state) + from(state);
        }
        if (element instanceof ActVariable v && v.getType() != null && !v.getType().eIsProxy()) {
            return code(v.getType().getName() + " " + v.getName()) + "\n\nthe communication this policy acts on";
        }
        if (element instanceof StateVariable v && v.getType() != null && !v.getType().eIsProxy()) {
            return code(v.getType().getName() + " " + v.getName()) + "\n\nstate of this policy";
        }
        return super.getContents(element);
    }

    private static String action(ActionDecl action) {
        ActionDecl original = Declarations.original(action);
        Declaration owner = Declarations.owner(action);
        StringBuilder sb = new StringBuilder();
        sb.append(code("action " + (owner != null ? owner.getName() + "." : "") + signature(original)));
        Set<Side> sides = Declarations.effectiveAnnotation(action);
        sb.append("\n\n");
        if (sides.size() == 1) {
            String side = sides.iterator().next().getLiteral();
            sb.append("**[").append(side).append("]**: only in the [").append(side).append("] section");
        } else if (sides.size() == 2) {
            sb.append("**[Ingress, Egress]**: in both sections of a policy");
        } else {
            sb.append("no annotation: in either section");
        }
        List<String> dataplanes = DataplaneSupport.supporting(action, action.eResource() == null ? null : action.eResource().getResourceSet());
        List<String> missing = DataplaneSupport.SHIPPED.stream().filter(d -> !dataplanes.contains(d)).toList();
        sb.append("\n\nDataplanes: ").append(dataplanes.isEmpty() ? "none of the shipped ones" : String.join(", ", dataplanes));
        if (!missing.isEmpty() && !dataplanes.isEmpty()) {
            sb.append(" (not ").append(String.join(", ", missing)).append(")");
        }
        return sb.append(from(action)).toString();
    }

    /** {@code Name(self, string a, int b) : bool}, as declared. */
    static String signature(ActionDecl action) {
        String params = action.getParams().stream().map(p -> ", " + type(p) + " " + p.getName()).collect(Collectors.joining());
        String result = action.getResult() == null ? "" : " : " + CopperTypes.typeOf(action.getResult());
        return action.getName() + "(self" + params + ")" + result;
    }

    private static String type(Param p) {
        return CopperTypes.typeOf(p.getType()).toString();
    }

    private static String actions(Declaration d) {
        List<ActionDecl> actions = Declarations.visibleActions(d);
        return actions.isEmpty() ? "no actions"
                : actions.stream().map(ActionDecl::getName).distinct().collect(Collectors.joining(", ", "actions: ", ""));
    }

    private static String from(EObject e) {
        return e.eResource() == null ? "" : "\n\ndeclared in " + e.eResource().getURI().lastSegment();
    }

    private static String code(String text) {
        return "```copper\n" + text + "\n```";
    }
}

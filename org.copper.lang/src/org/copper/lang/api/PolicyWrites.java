package org.copper.lang.api;

import java.util.ArrayList;
import java.util.List;

import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.StringLiteral;
import org.eclipse.xtext.EcoreUtil2;

/**
 * What a policy writes on the communication objects it matches, for conflict detection (spec §4):
 * denials, version routes and header writes with constant arguments.
 */
record PolicyWrites(boolean denies, List<String[]> routes, List<String[]> headers) {

    /** routes: [service, version]; headers: [name, value or null when removed]. */
    static PolicyWrites of(Policy policy) {
        boolean denies = false;
        List<String[]> routes = new ArrayList<>();
        List<String[]> headers = new ArrayList<>();
        for (Call call : EcoreUtil2.getAllContentsOfType(policy, Call.class)) {
            if (call.getAction() == null || call.getAction().eIsProxy()) {
                continue;
            }
            switch (call.getAction().getName()) {
                case "Deny" -> denies = true;
                case "RouteToVersion" -> routes.add(new String[] { constant(call, 1), constant(call, 2) });
                case "SetHeader" -> headers.add(new String[] { constant(call, 1), constant(call, 2) });
                case "RemoveHeader" -> headers.add(new String[] { constant(call, 1), null });
                default -> { }
            }
        }
        return new PolicyWrites(denies, routes, headers);
    }

    private static String constant(Call call, int index) {
        return call.getArgs().size() > index && call.getArgs().get(index) instanceof StringLiteral s ? s.getValue() : null;
    }

    /** A conflict: why, and which destinations it concerns (null: any). */
    record Conflict(String why, java.util.Set<String> destinations) {}

    /** How the two policies write the same thing differently, or null when they do not. */
    Conflict conflictWith(PolicyWrites other) {
        // a route only acts on calls to the service it names
        if (denies && !other.routes.isEmpty() || other.denies && !routes.isEmpty()) {
            java.util.Set<String> routed = new java.util.HashSet<>();
            (denies ? other.routes : routes).forEach(r -> routed.add(r[0]));
            return new Conflict("one denies what the other routes to a version", routed.contains(null) ? null : routed);
        }
        for (String[] r : routes) {
            for (String[] o : other.routes) {
                if (r[0] != null && r[0].equals(o[0]) && r[1] != null && o[1] != null && !r[1].equals(o[1])) {
                    return new Conflict("they route '" + r[0] + "' to different versions ('" + r[1] + "' and '" + o[1] + "')",
                            java.util.Set.of(r[0]));
                }
            }
        }
        for (String[] h : headers) {
            for (String[] o : other.headers) {
                if (h[0] != null && h[0].equalsIgnoreCase(o[0]) && !java.util.Objects.equals(h[1], o[1])) {
                    return new Conflict(h[1] == null || o[1] == null ? "one sets header '" + h[0] + "' and the other removes it"
                            : "they set header '" + h[0] + "' to different values ('" + h[1] + "' and '" + o[1] + "')", null);
                }
            }
        }
        return null;
    }
}

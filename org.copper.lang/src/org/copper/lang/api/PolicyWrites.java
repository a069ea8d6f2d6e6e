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
}

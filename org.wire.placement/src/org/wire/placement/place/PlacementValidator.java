package org.wire.placement.place;

import org.wire.model.placement.PlacementResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSet;
import org.wire.placement.match.MatchSetComputer;
import org.wire.placement.match.ContextAutomaton;
import org.wire.model.Dataplane;
import org.wire.model.Policy;
import org.wire.model.Side;

/**
 * Re-checks a placement independently of the encoding: from the match sets and the dataplane
 * interfaces only. Every matching CO must be handled by a sidecar that supports the policy — at all of
 * S_π / D_π for pinned policies, at exactly one end for free ones — the user constraints must hold,
 * and the reported cost must be the sum of the sidecars' costs.
 */
public final class PlacementValidator {
    private PlacementValidator() {}

    /** @return the violations found; empty when the placement is valid */
    public static List<String> check(ServiceGraph g, List<Policy> policies, List<Dataplane> dataplanes, PlacementOptions options, PlacementResult r) {
        List<String> errors = new ArrayList<>();
        Map<String, Dataplane> dps = new HashMap<>();
        dataplanes.forEach(d -> dps.put(d.name(), d));
        long cost = 0;
        for (var e : r.sidecars().entrySet()) {
            int s = g.indexOf(e.getKey());
            if (s < 0) {
                errors.add("sidecar at unknown service '" + e.getKey() + "'");
            }
            Dataplane d = dps.get(e.getValue());
            if (d == null) {
                errors.add("unknown dataplane '" + e.getValue() + "' at '" + e.getKey() + "'");
            } else if (s >= 0) {
                // fixed part plus the part per unit of the service's load, computed here from the definition
                cost += d.cost() + Math.multiplyExact(d.perLoad(), g.load(s));
            }
        }
        if (cost != r.cost()) {
            errors.add("reported cost " + r.cost() + " but sidecars cost " + cost);
        }
        for (String s : options.mustNotHaveSidecar()) {
            if (r.sidecars().containsKey(s)) {
                errors.add("'" + s + "' must not have a sidecar but has " + r.sidecars().get(s));
            }
        }
        for (String s : options.mustHaveSidecar()) {
            if (!r.sidecars().containsKey(s)) {
                errors.add("'" + s + "' must have a sidecar but has none");
            }
        }
        Map<String, PlacementResult.PolicyPlacement> placed = new HashMap<>();
        r.policies().forEach(p -> placed.put(p.name(), p));
        if (placed.size() != policies.size()) {
            errors.add("result lists " + placed.size() + " policies, input has " + policies.size());
        }
        for (Policy p : policies) {
            PlacementResult.PolicyPlacement pp = placed.get(p.name());
            if (pp == null) {
                errors.add("policy '" + p.name() + "' missing from the result");
                continue;
            }
            MatchSet m = MatchSetComputer.compute(g, ContextAutomaton.compile(p.pattern()), options.entryOriginsOnly());
            if (!p.free()) {
                checkPinned(g, p, m, pp, r, dps, errors);
            } else {
                checkFree(g, p, m, pp, r, dps, errors);
            }
        }
        return errors;
    }

    private static boolean supports(String service, Policy p, PlacementResult r, Map<String, Dataplane> dps) {
        String dp = r.sidecars().get(service);
        return dp != null && dps.containsKey(dp) && dps.get(dp).iface().supportsAll(p);
    }

    private static void checkPinned(ServiceGraph g, Policy p, MatchSet m, PlacementResult.PolicyPlacement pp, PlacementResult r,
            Map<String, Dataplane> dps, List<String> errors) {
        Set<String> wantEgress = new TreeSet<>();
        Set<String> wantIngress = new TreeSet<>();
        for (int i = 0; i < m.size(); i++) {
            if (p.has(Side.EGRESS)) {
                wantEgress.add(g.service(m.source(i)));
            }
            if (p.has(Side.INGRESS)) {
                wantIngress.add(g.service(m.destination(i)));
            }
        }
        if (!wantEgress.equals(pp.egress()) || !wantIngress.equals(pp.ingress())) {
            errors.add("pinned policy '" + p.name() + "' runs at egress " + pp.egress() + " / ingress " + pp.ingress() + " but must run at egress "
                    + wantEgress + " / ingress " + wantIngress);
        }
        for (String s : wantEgress) {
            if (!supports(s, p, r, dps)) {
                errors.add("pinned policy '" + p.name() + "' must run at the egress of '" + s + "' but its sidecar (" + r.sidecars().get(s) + ") cannot run it");
            }
        }
        for (String s : wantIngress) {
            if (!supports(s, p, r, dps)) {
                errors.add("pinned policy '" + p.name() + "' must run at the ingress of '" + s + "' but its sidecar (" + r.sidecars().get(s) + ") cannot run it");
            }
        }
    }

    private static void checkFree(ServiceGraph g, Policy p, MatchSet m, PlacementResult.PolicyPlacement pp, PlacementResult r,
            Map<String, Dataplane> dps, List<String> errors) {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < m.size(); i++) {
            expected.add(g.service(m.source(i)) + "->" + g.service(m.destination(i)));
        }
        Set<String> seen = new HashSet<>();
        Set<String> egress = new TreeSet<>();
        Set<String> ingress = new TreeSet<>();
        for (PlacementResult.EdgeExecution e : pp.coEdges()) {
            String key = e.from() + "->" + e.to();
            if (!seen.add(key)) {
                errors.add("free policy '" + p.name() + "' is executed more than once on CO " + key);
            }
            if (!expected.contains(key)) {
                errors.add("free policy '" + p.name() + "' is executed on CO " + key + ", which it does not match");
            }
            if (!supports(e.executor(), p, r, dps)) {
                errors.add("free policy '" + p.name() + "' on CO " + key + " is assigned to '" + e.executor() + "' whose sidecar (" + r.sidecars().get(e.executor())
                        + ") cannot run it");
            }
            (e.side() == Side.EGRESS ? egress : ingress).add(e.executor());
        }
        for (String key : expected) {
            if (!seen.contains(key)) {
                errors.add("free policy '" + p.name() + "' is not executed on matching CO " + key);
            }
        }
        if (!egress.equals(pp.egress()) || !ingress.equals(pp.ingress())) {
            errors.add("free policy '" + p.name() + "': egress/ingress lists disagree with its CO edges");
        }
    }
}

package org.copper.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.wire.model.placement.PlacementResult;
import org.wire.model.placement.PlacementResult.EdgeExecution;
import org.wire.model.placement.PlacementResult.PolicyPlacement;

/**
 * Why each sidecar exists: the policies that forced it, read off the placement. A pinned policy forces the
 * side its section names; a free policy puts a sidecar where Wire chose to cover some of its edges. Shared by
 * {@code report.html} and {@code copper place --explain}, so the two always say the same.
 */
public final class SidecarReasons {
    private SidecarReasons() {}

    /** Service (every one with a sidecar) → its reasons, one line each, ordered by policy name. */
    public static SortedMap<String, List<String>> of(PlacementResult placement) {
        SortedMap<String, List<String>> reasons = new TreeMap<>();
        placement.sidecars().keySet().forEach(s -> reasons.put(s, new ArrayList<>()));
        List<PolicyPlacement> policies = new ArrayList<>(placement.policies());
        policies.sort((a, b) -> a.name().compareTo(b.name()));
        for (PolicyPlacement p : policies) {
            if (p.free()) {
                SortedMap<String, List<String>> covered = new TreeMap<>();
                for (EdgeExecution e : p.coEdges()) {
                    covered.computeIfAbsent(e.executor(), k -> new ArrayList<>()).add(e.from() + " -> " + e.to());
                }
                for (Map.Entry<String, List<String>> c : covered.entrySet()) {
                    Collections.sort(c.getValue());
                    add(reasons, c.getKey(), p.name() + ": free, covers " + String.join(", ", c.getValue()));
                }
            } else {
                p.egress().forEach(s -> add(reasons, s, p.name() + ": pinned egress"));
                p.ingress().forEach(s -> add(reasons, s, p.name() + ": pinned ingress"));
            }
        }
        reasons.replaceAll((s, r) -> r.isEmpty() ? List.of("no policy runs here (a required sidecar)") : List.copyOf(r));
        return reasons;
    }

    private static void add(SortedMap<String, List<String>> reasons, String service, String reason) {
        List<String> r = reasons.get(service);
        if (r != null) {
            r.add(reason);
        }
    }

    /** The reasons as text: one block per sidecar, {@code service (dataplane)} then indented reasons. */
    public static String text(PlacementResult placement) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> e : of(placement).entrySet()) {
            b.append(e.getKey()).append(" (").append(placement.sidecars().get(e.getKey())).append(")\n");
            e.getValue().forEach(r -> b.append("  ").append(r).append('\n'));
        }
        return b.toString();
    }
}

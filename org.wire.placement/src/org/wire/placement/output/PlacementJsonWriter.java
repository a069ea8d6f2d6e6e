package org.wire.placement.output;

import java.util.Collection;
import java.util.StringJoiner;

import org.wire.placement.place.PlacementResult;
import org.wire.placement.place.PlacementResult.EdgeExecution;
import org.wire.placement.place.PlacementResult.PolicyPlacement;

/**
 * The placement JSON of spec §8, written by hand with a fixed field order and sorted keys:
 * <pre>
 * {"graph": g, "encoding": "edge"|"paper", "cost": n, "optimal": bool,
 *  "sidecars": {"svc": "dataplane"},
 *  "policies": {"name": {"kind": "free"|"pinned", "egress": [...], "ingress": [...],
 *                        "co_edges": [["from", "to", "egress"|"ingress"], ...]   (free policies only)}},
 *  "stats": {...,"match_ms": n, "solve_ms": n}}
 * </pre>
 * Equal inputs give byte-identical output except for the two timings; {@link #toJson(PlacementResult, boolean)}
 * with {@code false} leaves them out for byte-exact comparisons.
 */
public final class PlacementJsonWriter {
    private PlacementJsonWriter() {}

    public static String toJson(PlacementResult r) {
        return toJson(r, true);
    }

    public static String toJson(PlacementResult r, boolean withTimings) {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"graph\": ").append(Json.quote(r.graph())).append(",\n");
        b.append("  \"encoding\": ").append(Json.quote(r.encoding())).append(",\n");
        b.append("  \"cost\": ").append(r.cost()).append(",\n");
        b.append("  \"optimal\": ").append(r.optimal()).append(",\n");
        b.append("  \"sidecars\": {");
        StringJoiner sc = new StringJoiner(",", "", r.sidecars().isEmpty() ? "" : "\n  ");
        r.sidecars().forEach((s, d) -> sc.add("\n    " + Json.quote(s) + ": " + Json.quote(d)));
        b.append(sc).append("},\n");
        b.append("  \"policies\": {");
        StringJoiner ps = new StringJoiner(",", "", r.policies().isEmpty() ? "" : "\n  ");
        for (PolicyPlacement p : r.policies()) {
            StringBuilder pb = new StringBuilder("\n    ").append(Json.quote(p.name())).append(": {\"kind\": ").append(Json.quote(p.free() ? "free" : "pinned"));
            pb.append(", \"egress\": ").append(array(p.egress())).append(", \"ingress\": ").append(array(p.ingress()));
            if (p.free()) {
                StringJoiner es = new StringJoiner(", ", "[", "]");
                for (EdgeExecution e : p.coEdges()) {
                    es.add("[" + Json.quote(e.from()) + ", " + Json.quote(e.to()) + ", " + Json.quote(e.side().name().toLowerCase(java.util.Locale.ROOT)) + "]");
                }
                pb.append(", \"co_edges\": ").append(es);
            }
            ps.add(pb.append('}'));
        }
        b.append(ps).append("},\n");
        PlacementResult.Stats s = r.stats();
        b.append("  \"stats\": {\"services\": ").append(s.services()).append(", \"edges\": ").append(s.edges()).append(", \"policies\": ").append(s.policyCount())
                .append(", \"matching_edges\": ").append(s.matchingEdges()).append(", \"sidecars\": ").append(r.sidecarCount())
                .append(", \"forced_services\": ").append(s.forcedServices()).append(", \"components\": ").append(s.components())
                .append(", \"largest_component\": ").append(s.largestComponent()).append(", \"variables\": ").append(s.variables())
                .append(", \"constraints\": ").append(s.constraints());
        if (withTimings) {
            b.append(", \"match_ms\": ").append(s.matchMs()).append(", \"solve_ms\": ").append(s.solveMs());
        }
        return b.append("}\n}\n").toString();
    }

    private static String array(Collection<String> items) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        items.forEach(i -> j.add(Json.quote(i)));
        return j.toString();
    }
}

package org.wire.model.placement;

import java.util.Collection;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.wire.model.io.JsonText;
import org.wire.model.placement.PlacementResult.EdgeExecution;
import org.wire.model.placement.PlacementResult.PolicyPlacement;

/**
 * The placement JSON of spec §8 (schema: docs/placement-json.md), fixed field order, sorted keys:
 * <pre>
 * {"graph": g, "encoding": "edge"|"paper", "cost": n, "optimal": bool,
 *  "sidecars": {"svc": "dataplane"},
 *  "sidecar_costs": {"svc": {"fixed": n, "load": n, "per_load": n, "cost": n}}   (only when a cost follows load)
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
        return JsonText.of(toJsonObject(r, withTimings));
    }

    public static JsonObject toJsonObject(PlacementResult r, boolean withTimings) {
        JsonObject root = new JsonObject();
        root.addProperty("graph", r.graph());
        root.addProperty("encoding", r.encoding());
        root.addProperty("cost", r.cost());
        root.addProperty("optimal", r.optimal());
        JsonObject sidecars = new JsonObject();
        r.sidecars().forEach(sidecars::addProperty);
        root.add("sidecars", sidecars);
        if (!r.sidecarCosts().isEmpty()) {
            JsonObject costs = new JsonObject();
            r.sidecarCosts().forEach((svc, c) -> {
                JsonObject co = new JsonObject();
                co.addProperty("fixed", c.fixed());
                co.addProperty("load", c.load());
                co.addProperty("per_load", c.perLoad());
                co.addProperty("cost", c.total());
                costs.add(svc, co);
            });
            root.add("sidecar_costs", costs);
        }
        JsonObject policies = new JsonObject();
        for (PolicyPlacement p : r.policies()) {
            JsonObject po = new JsonObject();
            po.addProperty("kind", p.free() ? "free" : "pinned");
            po.add("egress", array(p.egress()));
            po.add("ingress", array(p.ingress()));
            if (p.free()) {
                JsonArray edges = new JsonArray();
                for (EdgeExecution e : p.coEdges()) {
                    JsonArray edge = new JsonArray();
                    edge.add(e.from());
                    edge.add(e.to());
                    edge.add(e.side().name().toLowerCase(Locale.ROOT));
                    edges.add(edge);
                }
                po.add("co_edges", edges);
            }
            policies.add(p.name(), po);
        }
        root.add("policies", policies);
        PlacementResult.Stats s = r.stats();
        JsonObject stats = new JsonObject();
        stats.addProperty("services", s.services());
        stats.addProperty("edges", s.edges());
        stats.addProperty("policies", s.policyCount());
        stats.addProperty("matching_edges", s.matchingEdges());
        stats.addProperty("sidecars", r.sidecarCount());
        stats.addProperty("forced_services", s.forcedServices());
        stats.addProperty("components", s.components());
        stats.addProperty("largest_component", s.largestComponent());
        stats.addProperty("variables", s.variables());
        stats.addProperty("constraints", s.constraints());
        if (withTimings) {
            stats.addProperty("match_ms", s.matchMs());
            stats.addProperty("solve_ms", s.solveMs());
        }
        root.add("stats", stats);
        return root;
    }

    private static JsonArray array(Collection<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}

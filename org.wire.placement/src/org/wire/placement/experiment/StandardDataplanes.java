package org.wire.placement.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;

import org.wire.model.ActCapability;
import org.wire.model.Dataplane;
import org.wire.model.DataplaneInterface;

/**
 * Built-in capability tables of the shipped dataplanes (spec §7), for experiments and tests that run
 * without the language: Istio and HAProxy offer header rewriting and routing, Cilium routing but no
 * header rewriting (as in the paper's evaluation). The CLI may build {@link Dataplane}s from the real
 * {@code .cui} files instead.
 */
public final class StandardDataplanes {
    private StandardDataplanes() {}

    public static DataplaneInterface iface(String name) {
        Set<String> full = Set.of("GetHeader", "HasHeader", "SetHeader", "RemoveHeader", "Deny", "RouteToVersion");
        Map<String, Set<String>> states = Map.of("Counter", Set.of("Increment", "Reset", "IsGreaterThan"), "Timer", Set.of("IsTimeSince"),
                "Sampler", Set.of("GetRandomSample", "IsLessThan"));
        List<ActCapability> common = List.of(new ActCapability(List.of("Response"), Set.of("GetHeader", "SetHeader", "GetStatus")),
                new ActCapability(List.of("Connection"), Set.of("Close")));
        return switch (name) {
            case "istio", "haproxy" -> new DataplaneInterface(name, concat(new ActCapability(List.of("Request"), full), common), states);
            case "cilium" -> new DataplaneInterface(name,
                    List.of(new ActCapability(List.of("Request"), Set.of("GetHeader", "HasHeader", "Deny", "RouteToVersion"))), Map.of());
            default -> throw new IllegalArgumentException("unknown dataplane '" + name + "' (built in: istio, cilium, haproxy)");
        };
    }

    /** Parses {@code istio=10,cilium=4} against the built-in tables; a name without {@code =cost} costs 1. */
    public static List<Dataplane> parse(String spec) {
        return parse(spec, StandardDataplanes::iface);
    }

    /**
     * Parses {@code istio=10,cilium=4}, taking each dataplane's interface from {@code interfaces} (the CLI
     * passes the real {@code .cui} files). Throws {@link IllegalArgumentException} with a message for users.
     */
    public static List<Dataplane> parse(String spec, Function<String, DataplaneInterface> interfaces) {
        List<Dataplane> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).strip();
            long cost;
            try {
                cost = eq < 0 ? 1 : Long.parseLong(p.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dataplane cost must be a whole number in '" + p + "'");
            }
            if (cost < 0) {
                throw new IllegalArgumentException("dataplane cost must be >= 0 in '" + p + "'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("dataplane '" + name + "' is named twice");
            }
            out.add(new Dataplane(name, cost, interfaces.apply(name)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no dataplane in '" + spec + "'");
        }
        return out;
    }

    private static List<ActCapability> concat(ActCapability first, List<ActCapability> rest) {
        List<ActCapability> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }
}

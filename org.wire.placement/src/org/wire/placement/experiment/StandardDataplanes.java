package org.wire.placement.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;

import org.wire.model.ActCapability;
import org.wire.model.Dataplane;
import org.wire.model.SidecarCost;
import org.wire.model.DataplaneInterface;

/**
 * The shipped dataplanes' capabilities for experiments and tests that run without the language. The shipped
 * {@code .cui} files are the source of truth (the CLI and the build read them); this copy mirrors them ACT by
 * ACT and state by state, and {@code ShippedDataplanesTest} fails when the two answer any "does D support A on
 * T" question differently.
 */
public final class StandardDataplanes {
    private StandardDataplanes() {}

    private static final Set<String> HEADERS = Set.of("GetHeader", "HasHeader", "SetHeader", "RemoveHeader", "Deny", "RouteToVersion");
    private static final Set<String> RESPONSE = Set.of("GetHeader", "SetHeader", "GetStatus");
    private static final Map<String, Set<String>> STATES = Map.of("Counter", Set.of("Increment", "Reset", "IsGreaterThan"), "Timer",
            Set.of("IsTimeSince"), "Sampler", Set.of("GetRandomSample", "IsLessThan"));

    public static DataplaneInterface iface(String name) {
        return switch (name) {
            case "istio" -> new DataplaneInterface(name, List.of(
                    act("IstioRequest", "Request", union(HEADERS, Set.of("InjectDelay", "InjectAbort"))),
                    act("IstioResponse", "Response", RESPONSE),
                    act("IstioConnection", "Connection", Set.of("Close"))), STATES);
            case "haproxy" -> new DataplaneInterface(name, List.of(
                    act("HaproxyRequest", "Request", union(HEADERS, Set.of("TrackRate"))),
                    act("HaproxyResponse", "Response", RESPONSE)), STATES);
            // routes and denies, no header rewriting (as in the paper's evaluation), no state
            case "cilium" -> new DataplaneInterface(name, List.of(
                    act("CiliumRequest", "Request", Set.of("GetHeader", "HasHeader", "Deny", "RouteToVersion")),
                    act("CiliumConnection", "Connection", Set.of("Close"))), Map.of());
            default -> throw new IllegalArgumentException("unknown dataplane '" + name + "' (built in: istio, cilium, haproxy)");
        };
    }

    private static ActCapability act(String name, String parent, Set<String> actions) {
        return new ActCapability(List.of(name, parent), actions);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Parses {@code istio=10,cilium=4} against the built-in tables; a name without {@code =cost} costs 1. A cost that
     * follows load is written {@code istio=10+2/load}: 10 per sidecar plus 2 per unit of the service's load.
     */
    public static List<Dataplane> parse(String spec) {
        return parse(spec, StandardDataplanes::iface);
    }

    private static final java.util.regex.Pattern COST = java.util.regex.Pattern.compile("(\\d+)(?:\\s*\\+\\s*(\\d+)\\s*/\\s*load)?");

    /**
     * Parses {@code istio=10,cilium=4} (a cost may follow load: {@code istio=10+2/load}), taking each dataplane's
     * interface from {@code interfaces} (the CLI passes the real {@code .cui} files). Throws
     * {@link IllegalArgumentException} with a message for users.
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
            long cost = 1, perLoad = 0;
            if (eq >= 0) {
                java.util.regex.Matcher m = COST.matcher(p.substring(eq + 1).strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException("dataplane cost must be a whole number, or FIXED+PER_UNIT/load, in '" + p + "'");
                }
                try {
                    cost = Long.parseLong(m.group(1));
                    perLoad = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    cost = perLoad = Long.MAX_VALUE;
                }
                if (cost > SidecarCost.MAX_PART || perLoad > SidecarCost.MAX_PART) {
                    throw new IllegalArgumentException("a dataplane cost and its part per unit of load must be at most " + SidecarCost.MAX_PART
                            + " in '" + p + "'");
                }
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("dataplane '" + name + "' is named twice");
            }
            out.add(new Dataplane(name, cost, interfaces.apply(name), perLoad));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no dataplane in '" + spec + "'");
        }
        return out;
    }

}

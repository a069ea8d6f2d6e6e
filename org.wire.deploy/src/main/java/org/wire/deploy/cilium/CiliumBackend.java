package org.wire.deploy.cilium;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.wire.deploy.DataplaneBackend;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.Side;
import org.wire.model.ctx.ContextRegex;
import org.wire.model.ctx.Re2ProgramSize;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

/**
 * The Cilium back end: Cilium runs one Envoy per node, not per pod, and sends a Service's traffic through an Envoy
 * listener when a CiliumEnvoyConfig names the Service. CiliumNetworkPolicy cannot match a header value by regex, so
 * every rule goes into CiliumEnvoyConfigs: one per Service that some rule of a Cilium sidecar handles calls to.
 *
 * <p>Where a rule acts: an ingress rule of sidecar {@code d} handles calls to {@code d}, so it goes into {@code d}'s
 * listener as it is. An egress rule of sidecar {@code s} towards {@code d} must see only the calls {@code s} makes;
 * the listener of {@code d} sees everybody's, so the rule also requires the header's last token (the immediate
 * caller) to be {@code s}'s id. Both thus hold on exactly the calls of the queue Wire chose.
 *
 * <p>Output: {@code cilium/<service>/ciliumenvoyconfig.yaml} per Service, and {@code cilium/kustomization.yaml}
 * listing them for {@code kubectl apply -k}.
 */
public final class CiliumBackend implements DataplaneBackend {
    public static final String NAME = "cilium";
    /** A Kubernetes Service name (RFC 1035 label). */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * Envoy's default {@code re2.max_program_size.error_level}; Cilium's Envoy is not known to raise it, so the
     * back end keeps to the default rather than emit a regex some node would reject.
     */
    static final int MAX_REGEX_PROGRAM_SIZE = Re2ProgramSize.ENVOY_DEFAULT_LIMIT;

    @Override
    public String dataplane() {
        return NAME;
    }

    @Override
    public OptionalInt maxRegexProgramSize() {
        return OptionalInt.of(MAX_REGEX_PROGRAM_SIZE);
    }

    @Override
    public void render(DeploymentInput input, FileTree out) throws UnsupportedPolicyException {
        ContextRegex regex = new ContextRegex(input.plan().ids());
        // per destination Service, the rules (egress rules of callers first, by caller, then the ingress rules)
        TreeMap<String, List<Rule>> byDestination = new TreeMap<>();
        for (SidecarPlan sidecar : input.plan().sidecars().values()) {
            if (!NAME.equals(sidecar.dataplane())) {
                continue;
            }
            for (Rule r : sidecar.egress()) {
                byDestination.computeIfAbsent(r.destination(), k -> new ArrayList<>()).add(r);
            }
        }
        for (SidecarPlan sidecar : input.plan().sidecars().values()) {
            if (NAME.equals(sidecar.dataplane())) {
                for (Rule r : sidecar.ingress()) {
                    byDestination.computeIfAbsent(r.destination(), k -> new ArrayList<>()).add(r);
                }
            }
        }

        // render everything first, so an unsupported policy leaves out untouched
        FileTree mine = new FileTree();
        String ns = input.settings().namespace();
        List<String> resources = new ArrayList<>();
        for (Map.Entry<String, List<Rule>> e : byDestination.entrySet()) {
            String destination = e.getKey();
            List<Rule> rules = e.getValue();
            String host = input.settings().endpoint(destination).host();
            ServiceListener listener = new ServiceListener(ns, host);
            // per caller, the routes of its rules in the order they run; the last one run wins, so the listener lists
            // them last first. Callers' routes cannot overlap: each requires its own caller token.
            TreeMap<String, List<ServiceListener.VersionRoute>> routesByCaller = new TreeMap<>();
            for (Rule r : rules) {
                HeaderMatch context = context(r, regex);
                checkSize(r, context);
                RuleCompiler c = RuleCompiler.compile(NAME, r, context);
                String ruleName = r.policy().name() + "/" + r.side().name().toLowerCase(Locale.ROOT) + "/" + r.at();
                if (!c.deny().equals(HeaderMatch.FALSE)) {
                    listener.deny(new ServiceListener.Denial(ruleName, c.deny()));
                }
                for (RuleCompiler.Route route : c.routes()) {
                    String target = host + "-" + route.version();
                    if (!SERVICE_NAME.matcher(target).matches()) {
                        throw new UnsupportedPolicyException(NAME, r.policy(),
                                "RouteToVersion to Service '" + target + "' (not a Kubernetes Service name)");
                    }
                    routesByCaller.computeIfAbsent(r.at(), k -> new ArrayList<>())
                            .add(new ServiceListener.VersionRoute(ruleName + "/" + route.version(), route.when(), route.version()));
                }
            }
            if (!SERVICE_NAME.matcher(host).matches()) {
                throw new UnsupportedPolicyException(NAME, rules.get(0).policy(),
                        "rules on calls to '" + host + "' (not a Kubernetes Service name, which a CiliumEnvoyConfig needs)");
            }
            routesByCaller.values().forEach(rs -> rs.reversed().forEach(listener::route));
            if (listener.isEmpty()) {
                // e.g. a RouteToVersion of another service: nothing to do on these calls, so their traffic (maybe not
                // even HTTP, as a database's) is not sent through Envoy
                continue;
            }
            String path = destination + "/ciliumenvoyconfig.yaml";
            mine.put(NAME + "/" + path, CiliumObjects.envoyConfig(listener, host, ns, input.settings().endpoint(destination).port()));
            resources.add(path);
        }
        if (!resources.isEmpty()) {
            mine.put(NAME + "/kustomization.yaml", CiliumObjects.kustomization(resources));
        }
        mine.files().forEach(out::put);
    }

    /**
     * The rule's context match as header conditions; an egress rule also requires that its own sidecar's service
     * made the call (the listener is on the callee's Service and sees every caller).
     */
    static HeaderMatch context(Rule r, ContextRegex regex) {
        ContextMatch m = r.match();
        HeaderMatch when = HeaderMatch.TRUE;
        if (m.chainRegex() != null) {
            when = when.and(new HeaderMatch.Regex(RuleCompiler.CTX_HEADER, m.chainRegex()));
        }
        if (m.callerRegex() != null) {
            when = when.and(new HeaderMatch.Regex(RuleCompiler.CTX_HEADER, m.callerRegex()));
        }
        if (r.side() == Side.EGRESS) {
            when = when.and(new HeaderMatch.Regex(RuleCompiler.CTX_HEADER, regex.lastCallerIn(Set.of(r.at()))));
        }
        return when;
    }

    /** The build checks the plan's regexes; this one the back end adds itself. */
    private static void checkSize(Rule r, HeaderMatch context) throws UnsupportedPolicyException {
        if (context instanceof HeaderMatch.All all) {
            for (HeaderMatch m : all.parts()) {
                checkSize(r, m);
            }
        } else if (context instanceof HeaderMatch.Regex re) {
            int size = Re2ProgramSize.of(re.regex());
            if (size > MAX_REGEX_PROGRAM_SIZE) {
                throw new UnsupportedPolicyException(NAME, r.policy(), "a context regex with an RE2 program of up to " + size
                        + " instructions at " + r.at() + " (Envoy's limit is " + MAX_REGEX_PROGRAM_SIZE + ")");
            }
        }
    }
}

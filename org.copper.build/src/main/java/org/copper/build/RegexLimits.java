package org.copper.build;

import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.wire.deploy.DataplaneBackend;
import org.wire.model.ctx.Re2ProgramSize;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

/**
 * Envoy rejects a regex whose RE2 program is over its limit, at apply time, far from the policy that caused it.
 * The build checks every context regex of a sidecar against its dataplane's limit first and names the policy.
 */
final class RegexLimits {
    private RegexLimits() {}

    static void check(EnforcementPlan plan, Map<String, DataplaneBackend> backends) throws UnbuildablePolicyException {
        for (SidecarPlan sidecar : plan.sidecars().values()) {
            DataplaneBackend backend = backends.get(sidecar.dataplane());
            OptionalInt limit = backend == null ? OptionalInt.empty() : backend.maxRegexProgramSize();
            if (limit.isEmpty()) {
                continue;
            }
            for (Rule rule : Stream.concat(sidecar.egress().stream(), sidecar.ingress().stream()).toList()) {
                for (String regex : new String[] { rule.match().chainRegex(), rule.match().callerRegex() }) {
                    if (regex == null) {
                        continue;
                    }
                    int size = Re2ProgramSize.of(regex);
                    if (size > limit.getAsInt()) {
                        throw new UnbuildablePolicyException(rule.policy().origin() + ": policy " + rule.policy().name() + ": its context regex at "
                                + sidecar.service() + " (" + rule.side() + ", to " + rule.destination() + ") has an RE2 program of up to " + size
                                + " instructions, over the " + sidecar.dataplane() + " limit of " + limit.getAsInt()
                                + " (re2.max_program_size.error_level); narrow the pattern or place it on another dataplane");
                    }
                }
            }
        }
    }
}

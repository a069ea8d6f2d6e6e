package org.wire.deploy.cilium;

import java.util.Map;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC.Action;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;

/**
 * What Envoy does with one request's headers, read from the parsed protos and following Envoy's documented
 * semantics (HeaderUtility::matchHeaders: a missing header fails a matcher, and an inverted one too unless it is a
 * present_match; safe_regex is a full match). Only the pieces the Cilium back end uses; anything else fails.
 */
final class EnvoyEvaluator {
    private EnvoyEvaluator() {}

    static boolean denies(RBAC rbac, Map<String, String> headers) {
        if (!rbac.hasRules()) {
            return false;
        }
        boolean anyPolicy = false;
        for (Policy p : rbac.getRules().getPoliciesMap().values()) {
            boolean perm = p.getPermissionsList().stream().anyMatch(x -> permits(x, headers));
            boolean princ = p.getPrincipalsList().stream().anyMatch(EnvoyEvaluator::anyPrincipal);
            anyPolicy |= perm && princ;
        }
        if (rbac.getRules().getAction() == Action.DENY) {
            return anyPolicy;
        }
        throw new IllegalArgumentException("only DENY rules are evaluated");
    }

    private static boolean anyPrincipal(Principal p) {
        if (p.getIdentifierCase() != Principal.IdentifierCase.ANY) {
            throw new IllegalArgumentException("principal " + p);
        }
        return p.getAny();
    }

    static boolean permits(Permission p, Map<String, String> headers) {
        return switch (p.getRuleCase()) {
            case ANY -> p.getAny();
            case HEADER -> matches(p.getHeader(), headers);
            case AND_RULES -> p.getAndRules().getRulesList().stream().allMatch(x -> permits(x, headers));
            case OR_RULES -> p.getOrRules().getRulesList().stream().anyMatch(x -> permits(x, headers));
            case NOT_RULE -> !permits(p.getNotRule(), headers);
            default -> throw new IllegalArgumentException("permission " + p.getRuleCase());
        };
    }

    static boolean matches(HeaderMatcher m, Map<String, String> headers) {
        String value = headers.get(m.getName());
        boolean present = m.getHeaderMatchSpecifierCase() == HeaderMatcher.HeaderMatchSpecifierCase.PRESENT_MATCH;
        if (value == null && !m.getTreatMissingHeaderAsEmpty()) {
            return m.getInvertMatch() ? present && m.getPresentMatch() : present && !m.getPresentMatch();
        }
        String v = value == null ? "" : value;
        boolean match = switch (m.getHeaderMatchSpecifierCase()) {
            case PRESENT_MATCH -> m.getPresentMatch();
            case STRING_MATCH -> {
                if (!m.getStringMatch().hasSafeRegex() || m.getStringMatch().getIgnoreCase()) {
                    throw new IllegalArgumentException("string match " + m.getStringMatch());
                }
                yield com.google.re2j.Pattern.compile(m.getStringMatch().getSafeRegex().getRegex()).matcher(v).matches();
            }
            default -> throw new IllegalArgumentException("header matcher " + m.getHeaderMatchSpecifierCase());
        };
        return match != m.getInvertMatch();
    }

    /** The cluster of the first route whose match holds for a request to path "/". */
    static String cluster(RouteConfiguration rc, Map<String, String> headers) {
        for (VirtualHost vh : rc.getVirtualHostsList()) {
            for (Route r : vh.getRoutesList()) {
                if (!r.getMatch().getPrefix().equals("/")) {
                    throw new IllegalArgumentException("route match " + r.getMatch());
                }
                if (r.getMatch().getHeadersList().stream().allMatch(h -> matches(h, headers))) {
                    return r.getRoute().getCluster();
                }
            }
        }
        return null;
    }
}

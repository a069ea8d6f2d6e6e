package org.wire.deploy.istio;

import static org.wire.deploy.envoy.EnvoyJson.HEADER_INPUT;
import static org.wire.deploy.envoy.EnvoyJson.LOCAL_RATE_LIMIT;
import static org.wire.deploy.envoy.EnvoyJson.SKIP_FILTER;
import static org.wire.deploy.envoy.EnvoyJson.WITH_MATCHER;
import static org.wire.deploy.envoy.EnvoyJson.httpFilter;
import static org.wire.deploy.envoy.EnvoyJson.obj;
import static org.wire.deploy.envoy.EnvoyJson.typed;

import java.util.List;
import java.util.Map;

/**
 * The pieces of Istio's inbound EnvoyFilter patches: the local rate limit, RBAC permissions and the matcher that
 * puts a filter behind the context header.
 */
final class EnvoyFilterJson {

    private EnvoyFilterJson() {}

    /**
     * Envoy's local rate limit: a token bucket of {@code requests} tokens, refilled to full every {@code seconds}; a
     * request finding it empty gets 403 (what Deny answers elsewhere; the filter's default is 429). filter_enabled and
     * filter_enforced default to 0% of requests, so both are set to 100%.
     */
    static Map<String, Object> localRateLimit(String statPrefix, long requests, long seconds) {
        return typed(LOCAL_RATE_LIMIT,
                "stat_prefix", statPrefix,
                "status", obj("code", "Forbidden"),
                "token_bucket", obj("max_tokens", requests, "tokens_per_fill", requests, "fill_interval", seconds + "s"),
                "filter_enabled", allRequests(statPrefix + "_enabled"),
                "filter_enforced", allRequests(statPrefix + "_enforced"));
    }

    private static Map<String, Object> allRequests(String runtimeKey) {
        return obj("default_value", obj("numerator", 100, "denominator", "HUNDRED"), "runtime_key", runtimeKey);
    }

    /** RBAC permission: the request header matches the anchored RE2 {@code regex}. */
    static Map<String, Object> headerRegex(String header, String regex) {
        return obj("header", obj("name", header, "string_match", obj("safe_regex", obj("regex", regex))));
    }

    static Map<String, Object> headerPresent(String header) {
        return obj("header", obj("name", header, "present_match", true));
    }

    static Map<String, Object> any() {
        return obj("any", true);
    }

    static Map<String, Object> not(Map<String, Object> permission) {
        return obj("not_rule", permission);
    }

    static Map<String, Object> and(List<Map<String, Object>> permissions) {
        return permissions.size() == 1 ? permissions.get(0) : obj("and_rules", obj("rules", permissions));
    }

    static Map<String, Object> or(List<Map<String, Object>> permissions) {
        return permissions.size() == 1 ? permissions.get(0) : obj("or_rules", obj("rules", permissions));
    }

    /** xds matcher predicate: request header {@code header} is present and matches the anchored RE2 {@code regex}. */
    static Map<String, Object> headerPredicate(String header, String regex) {
        return obj("single_predicate", obj(
                "input", obj("name", header, "typed_config", typed(HEADER_INPUT, "header_name", header)),
                "value_match", obj("safe_regex", obj("google_re2", obj(), "regex", regex))));
    }

    /**
     * {@code filter} wrapped so that Envoy skips it for every request where {@code predicate} does not hold (a
     * request without the header matches no header predicate, so it skips too).
     */
    static Map<String, Object> onlyWhen(String name, Map<String, Object> predicate, Map<String, Object> filter) {
        Map<String, Object> skip = obj("action", obj("name", "skip", "typed_config", typed(SKIP_FILTER)));
        Map<String, Object> matcher = obj("matcher_list", obj("matchers", List.of(
                obj("predicate", obj("not_matcher", predicate), "on_match", skip))));
        return httpFilter(name, typed(WITH_MATCHER, "xds_matcher", matcher, "extension_config", filter));
    }
}

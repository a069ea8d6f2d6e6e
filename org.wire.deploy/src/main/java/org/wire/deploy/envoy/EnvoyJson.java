package org.wire.deploy.envoy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Envoy configuration in its proto-JSON form, shared by the Envoy-based back ends (Istio's EnvoyFilter patches,
 * Cilium's CiliumEnvoyConfig resources): insertion-ordered maps, so the YAML comes out the same on every build, and
 * the type names of the messages they use. Not a back end: it knows nothing of policies.
 */
public final class EnvoyJson {
    public static final String LISTENER = "envoy.config.listener.v3.Listener";
    public static final String ROUTE_CONFIGURATION = "envoy.config.route.v3.RouteConfiguration";
    public static final String CLUSTER = "envoy.config.cluster.v3.Cluster";
    public static final String HTTP_CONNECTION_MANAGER = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    public static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    public static final String ROUTER = "envoy.extensions.filters.http.router.v3.Router";
    public static final String RBAC = "envoy.extensions.filters.http.rbac.v3.RBAC";
    public static final String LOCAL_RATE_LIMIT = "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit";
    public static final String LUA = "envoy.extensions.filters.http.lua.v3.Lua";
    public static final String WITH_MATCHER = "envoy.extensions.common.matching.v3.ExtensionWithMatcher";
    public static final String SKIP_FILTER = "envoy.extensions.filters.common.matcher.action.v3.SkipFilter";
    public static final String HEADER_INPUT = "envoy.type.matcher.v3.HttpRequestHeaderMatchInput";

    private static final String TYPE_PREFIX = "type.googleapis.com/";

    private EnvoyJson() {}

    /** An ordered map of alternating keys and values. */
    public static Map<String, Object> obj(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A message of {@code type} (one of the constants) as an {@code Any}: {@code @type} first, then the fields. */
    public static Map<String, Object> typed(String type, Object... kv) {
        Object[] all = new Object[kv.length + 2];
        all[0] = "@type";
        all[1] = TYPE_PREFIX + type;
        System.arraycopy(kv, 0, all, 2, kv.length);
        return obj(all);
    }

    /** An HTTP filter of the connection manager. */
    public static Map<String, Object> httpFilter(String name, Map<String, Object> typedConfig) {
        return obj("name", name, "typed_config", typedConfig);
    }
}

package org.wire.deploy.cilium;

import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;

/**
 * Envoy's own protos (io.envoyproxy.controlplane:api) as the judge of generated Envoy configuration: a resource is
 * parsed from its JSON form with JsonFormat, unknown fields rejected, every {@code @type} resolved through the
 * registry, and no field Envoy has deprecated may be set.
 */
public final class EnvoyProtos {
    /** The types a generated configuration may name in {@code @type}; anything else fails the parse. */
    public static final JsonFormat.TypeRegistry TYPES = JsonFormat.TypeRegistry.newBuilder()
            .add(List.of(Listener.getDescriptor(), RouteConfiguration.getDescriptor(), Cluster.getDescriptor(),
                    HttpConnectionManager.getDescriptor(), RBAC.getDescriptor(), Router.getDescriptor(),
                    LocalRateLimit.getDescriptor(), HttpProtocolOptions.getDescriptor()))
            .build();

    private EnvoyProtos() {}

    /** Parses {@code {"@type": ..., ...}} strictly; the message returned is of the named type. */
    public static Message parse(String json) throws InvalidProtocolBufferException {
        Any.Builder any = Any.newBuilder();
        JsonFormat.parser().usingTypeRegistry(TYPES).merge(json, any);
        Message m = unpack(any.build());
        assertNoDeprecatedFields(m, m.getDescriptorForType().getFullName());
        return m;
    }

    public static Message unpack(Any any) throws InvalidProtocolBufferException {
        String typeName = any.getTypeUrl().substring(any.getTypeUrl().lastIndexOf('/') + 1);
        Descriptor d = TYPES.find(typeName);
        if (d == null) {
            throw new AssertionError("type " + typeName + " is not in the registry");
        }
        return DynamicMessage.parseFrom(d, any.getValue());
    }

    /** Fails on any set field (at any depth, through Any too) that Envoy marks deprecated. */
    static void assertNoDeprecatedFields(Message m, String path) throws InvalidProtocolBufferException {
        if (m.getDescriptorForType().getFullName().equals(Any.getDescriptor().getFullName())) {
            Any any = Any.parseFrom(m.toByteString());
            assertNoDeprecatedFields(unpack(any), path + "<" + any.getTypeUrl() + ">");
            return;
        }
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            String at = path + "." + f.getName();
            if (f.getOptions().getDeprecated()) {
                throw new AssertionError(at + " is deprecated in Envoy's API");
            }
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                for (Object o : (List<?>) e.getValue()) {
                    assertNoDeprecatedFields((Message) o, at);
                }
            } else {
                assertNoDeprecatedFields((Message) e.getValue(), at);
            }
        }
    }
}

package org.wire.deploy.cilium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.google.protobuf.util.JsonFormat;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * 2000 random conditions (depth 3 over three headers, with !, and, or, true, false): the RBAC permission Envoy
 * parses from {@link HeaderMatch#permission()} and the routes' disjunctive normal form both evaluate, under Envoy's
 * semantics ({@link EnvoyEvaluator}), like the condition itself under all 8 header sets.
 */
class HeaderMatchTest {
    static final List<String> HEADERS = List.of("x-a", "x-b", "x-c");

    @Test
    void permissionAndDnfEvaluateLikeTheCondition() throws Exception {
        Random rnd = new Random(11);
        KubernetesSerialization json = new KubernetesSerialization();
        for (int i = 0; i < 2000; i++) {
            HeaderMatch m = random(rnd, 3);
            Permission.Builder p = Permission.newBuilder();
            JsonFormat.parser().merge(json.asJson(m.permission()), p);
            List<List<HeaderMatcher>> routes = new ArrayList<>();
            for (List<HeaderMatch.Literal> conj : m.dnf()) {
                List<HeaderMatcher> matchers = new ArrayList<>();
                for (HeaderMatch.Literal l : conj) {
                    HeaderMatcher.Builder h = HeaderMatcher.newBuilder();
                    JsonFormat.parser().merge(json.asJson(HeaderMatch.routeMatcher(l)), h);
                    matchers.add(h.build());
                }
                routes.add(matchers);
            }
            for (int set = 0; set < 8; set++) {
                Map<String, String> headers = new TreeMap<>();
                for (int h = 0; h < 3; h++) {
                    if ((set >> h & 1) == 1) {
                        headers.put(HEADERS.get(h), "v");
                    }
                }
                boolean expected = eval(m, headers);
                assertEquals(expected, EnvoyEvaluator.permits(p.build(), headers), m + " under " + headers);
                boolean anyRoute = routes.stream().anyMatch(r -> r.stream().allMatch(h -> EnvoyEvaluator.matches(h, headers)));
                assertEquals(expected, anyRoute, m + " (dnf " + m.dnf() + ") under " + headers);
            }
        }
    }

    private static HeaderMatch random(Random rnd, int depth) {
        int k = depth == 0 ? rnd.nextInt(4) : rnd.nextInt(7);
        return switch (k) {
            case 0, 1 -> new HeaderMatch.Present(HEADERS.get(rnd.nextInt(3)));
            case 2 -> HeaderMatch.TRUE;
            case 3 -> HeaderMatch.FALSE;
            case 4 -> random(rnd, depth - 1).not();
            case 5 -> random(rnd, depth - 1).and(random(rnd, depth - 1));
            default -> random(rnd, depth - 1).or(random(rnd, depth - 1));
        };
    }

    /** The condition's meaning, written independently of HeaderMatch's own methods. */
    private static boolean eval(HeaderMatch m, Map<String, String> headers) {
        return switch (m) {
            case HeaderMatch.Present p -> headers.containsKey(p.header());
            case HeaderMatch.Regex r -> headers.containsKey(r.header()) && headers.get(r.header()).matches(r.regex());
            case HeaderMatch.Not n -> !eval(n.operand(), headers);
            case HeaderMatch.All a -> a.parts().stream().allMatch(x -> eval(x, headers));
            case HeaderMatch.AnyOf o -> o.parts().stream().anyMatch(x -> eval(x, headers));
        };
    }
}

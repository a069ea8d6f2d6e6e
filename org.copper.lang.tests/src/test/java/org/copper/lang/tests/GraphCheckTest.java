package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;


import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.graph.ServiceGraph;

/** Warnings that need a service graph (spec §3.3): unknown services with a hint, patterns that match nothing. */
class GraphCheckTest {
    @TempDir
    Path dir;

    static final ServiceGraph GRAPH = ServiceGraph.of("shop", List.of("frontend", "cart", "catalog", "redis"),
            List.of(List.of("frontend", "cart"), List.of("frontend", "catalog"), List.of("cart", "redis")), List.of("redis"));

    private List<String> check(String pattern) throws IOException {
        CopperFixture fx = new CopperFixture(dir);
        fx.write("a.cup", CopperFixture.policy("act (Request r)\n    context ('" + pattern + "')", "    [Ingress]\n    Deny(r);\n"));
        CopperWorkspace ws = fx.check();
        ws.checkAgainst(GRAPH);
        return ws.diagnostics().stream().map(CopperFixture::shortFormat).toList();
    }

    @Test
    void knownMatchingPatternIsClean() throws IOException {
        assertEquals(List.of(), check("frontend .* redis"));
        assertEquals(List.of(), check("*"));
    }

    @Test
    void unknownServiceIsPointedAtWithTheClosestName() throws IOException {
        assertEquals(List.of("a.cup:4:31: warning: unknown service 'catalgo' in context pattern: graph 'shop' has no such service;"
                + " did you mean 'catalog'?"), check("frontend [cart, catalgo]"));
        assertEquals(List.of("a.cup:4:15: warning: unknown service 'zzzzzzzz' in context pattern: graph 'shop' has no such service"),
                check("zzzzzzzz cart"));
    }

    @Test
    void patternMatchingNoCallIsAWarningOnTheString() throws IOException {
        assertEquals(List.of("a.cup:4:14: warning: context pattern matches no call in graph 'shop': policy 'p' would never run"),
                check("cart frontend"));
        // a walk exists only through cart: catalog never reaches redis
        assertEquals(List.of("a.cup:4:14: warning: context pattern matches no call in graph 'shop': policy 'p' would never run"),
                check("frontend catalog .* redis"));
    }

    @Test
    void conflictingWritesOnACommonCallAreWarnedWithThatCall() throws IOException {
        CopperFixture fx = new CopperFixture(dir);
        fx.write("a.cup", "import 'common.cui';\n"
                + "policy mark_a (act (Request r) context ('frontend .* cart')) { [Ingress] SetHeader(r, 'x-m', 'a'); }\n"
                + "policy mark_b (act (Request r) context ('.* [cart, redis]')) { [Ingress] SetHeader(r, 'X-M', 'b'); }\n"
                + "policy same_value (act (Request r) context ('frontend cart')) { [Ingress] SetHeader(r, 'x-m', 'a'); }\n"
                + "policy other_call (act (Request r) context ('frontend catalog')) { [Ingress] RemoveHeader(r, 'x-m'); }\n"
                + "policy route (act (Request r) context ('.* cart .')) { [Egress] RouteToVersion(r, 'redis', 'v2'); }\n"
                + "policy deny (act (Request r) context ('frontend cart redis')) { [Ingress] Deny(r); }\n"
                // the route acts only on calls to redis, so denying calls to cart is no conflict
                + "policy deny_cart (act (Request r) context ('frontend cart')) { [Ingress] Deny(r); }\n");
        CopperWorkspace ws = fx.check();
        ws.checkAgainst(GRAPH);
        assertEquals(List.of(
                // one warning for the group: same_value conflicts with mark_b, mark_b with mark_a
                "a.cup:4:8: warning: policy 'same_value' conflicts with 2 other policies: 'mark_a' (line 2), 'mark_b' (line 3); 'mark_a' and"
                        + " 'mark_b' both match the call frontend -> cart with context 'frontend cart', and they set header 'x-m' to different"
                        + " values ('a' and 'b')",
                "a.cup:7:8: warning: policy 'deny' conflicts with 'route' (line 6): both match the call cart -> redis with context"
                        + " 'frontend cart redis', and one denies what the other routes to a version"),
                ws.diagnostics().stream().map(CopperFixture::shortFormat).toList());
    }
}

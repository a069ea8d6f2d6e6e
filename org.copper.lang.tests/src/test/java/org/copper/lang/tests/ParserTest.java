package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.api.CopperWorkspace;
import org.copper.lang.policy.And;
import org.copper.lang.policy.Block;
import org.copper.lang.policy.CallStatement;
import org.copper.lang.policy.IfStatement;
import org.copper.lang.policy.Not;
import org.copper.lang.policy.Or;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.StringLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.DataplaneInterface;

/** The concrete syntax of spec §3, parsed into the expected trees. */
class ParserTest {
    @TempDir
    Path dir;

    static final String INTERFACE = """
            import "common.cui";                       // resolved relative to the importing file, then the built-ins

            act RPCRequest : Request {
                action GetHeader(self, string name) : string,
                action SetHeader(self, string name, string value),
                action Deny(self),
                [Egress]
                action RouteToVersion(self, string service, string version),
                action InjectDelay(self, int millis),        // vocabulary only this dataplane has
            }

            state FloatState {
                action GetRandomSample(self),
                action IsLessThan(self, float bound) : bool,
            }
            """;

    static final String POLICIES = """
            import 'interface.cui';
            /* two policies in one file,
               both quote styles */
            policy route_requests (
                act (RPCRequest request)
                using (FloatState sampler)
                context ('frontend.*catalog')
            ) {
                [Egress]
                GetRandomSample(sampler);
                if (IsLessThan(sampler, 0.5)) {
                    RouteToVersion(request, 'catalog', 'beta');
                } else {
                    RouteToVersion(request, "catalog", "prod");
                }
            }

            policy guard (
                act (RPCRequest request)
                context ("frontend -> [rate, geo] .")
            ) {
                [Egress]
                if (!HasHeader(request, 'a') && true || false) Deny(request); else InjectDelay(request, 10);
            }
            """;

    @Test
    void specExamplesParseAndCheckClean() throws IOException {
        CopperFixture fx = new CopperFixture(dir);
        fx.write("interface.cui", INTERFACE);
        fx.write("p.cup", POLICIES);
        CopperWorkspace ws = fx.check();
        assertEquals(List.of(), ws.diagnostics());
        List<CopperWorkspace.LoadedPolicy> policies = ws.policies();
        assertEquals(List.of("route_requests", "guard"), policies.stream().map(p -> p.policy().getName()).toList());

        Policy route = policies.get(0).policy();
        assertEquals("RPCRequest", org.copper.lang.PolicyHeader.act(route).getType().getName());
        assertEquals("sampler", route.getStates().get(0).getName());
        assertEquals("frontend.*catalog", org.copper.lang.PolicyHeader.context(route));
        IfStatement ifs = assertInstanceOf(IfStatement.class, route.getSections().get(0).getStatements().get(1));
        Block otherwise = assertInstanceOf(Block.class, ifs.getElse());
        CallStatement prod = assertInstanceOf(CallStatement.class, otherwise.getStatements().get(0));
        assertEquals("prod", assertInstanceOf(StringLiteral.class, prod.getCall().getArgs().get(2)).getValue());
        assertFalse(policies.get(0).kind().free());

        Policy guard = policies.get(1).policy();
        IfStatement g = assertInstanceOf(IfStatement.class, guard.getSections().get(0).getStatements().get(0));
        // || binds weaker than &&, ! binds tightest
        Or or = assertInstanceOf(Or.class, g.getCondition());
        And and = assertInstanceOf(And.class, or.getLeft());
        assertInstanceOf(Not.class, and.getLeft());
        assertInstanceOf(CallStatement.class, g.getThen());
        assertInstanceOf(CallStatement.class, g.getElse());
    }

    @Test
    void stringEscapesAreDecoded() throws IOException {
        CopperFixture fx = new CopperFixture(dir);
        fx.write("p.cup", CopperFixture.policy("act (Request r)\n    context ('a b')",
                "    [Ingress]\n    SetHeader(r, 'it\\'s', \"say \\\"hi\\\"\\n\\\\\");\n"));
        CopperWorkspace ws = fx.check();
        assertEquals(List.of(), ws.diagnostics());
        CallStatement call = (CallStatement) ws.policies().get(0).policy().getSections().get(0).getStatements().get(0);
        assertEquals("it's", ((StringLiteral) call.getCall().getArgs().get(1)).getValue());
        assertEquals("say \"hi\"\n\\", ((StringLiteral) call.getCall().getArgs().get(2)).getValue());
    }

    @Test
    void shippedDataplanesLowerToTheirCapabilities() {
        DataplaneInterface istio = CopperWorkspace.builtinDataplane("istio");
        DataplaneInterface cilium = CopperWorkspace.builtinDataplane("cilium");
        var setHeader = new org.wire.model.ActionRef("Request", false, "SetHeader", java.util.Set.of());
        var route = new org.wire.model.ActionRef("Request", false, "RouteToVersion",
                java.util.Set.of(org.wire.model.Side.EGRESS));
        assertTrue(istio.supports(setHeader));
        assertTrue(istio.supports(route));
        assertFalse(cilium.supports(setHeader), "Cilium offers no header rewriting (paper's evaluation)");
        assertTrue(cilium.supports(route));
        assertTrue(CopperWorkspace.builtinDataplane("haproxy").supports(setHeader));
    }
}

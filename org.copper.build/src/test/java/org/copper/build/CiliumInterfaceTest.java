package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.wire.deploy.DeploySettings;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.deploy.cilium.CiliumBackend;
import org.wire.deploy.cilium.CiliumOutputValidator;
import org.wire.model.ActCapability;
import org.wire.model.ActionRef;
import org.wire.model.DataplaneInterface;
import org.wire.model.Expr;
import org.wire.model.Policy;
import org.wire.model.Side;
import org.wire.model.SourceLocation;
import org.wire.model.Stmt;
import org.wire.model.ctx.ContextRegex;
import org.wire.model.ctx.ServiceIds;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternForm;
import org.wire.model.plan.ContextMatch;
import org.wire.model.plan.EnforcementPlan;
import org.wire.model.plan.Rule;
import org.wire.model.plan.SidecarPlan;

/**
 * The shipped cilium.cui against the Cilium back end: every action the interface offers, used alone in a policy
 * on the egress queue, renders into valid files, except the one the back end documents as refused
 * ({@code Connection.Close}). A capability added to cilium.cui without back-end support fails here, before Wire
 * places a policy the back end would then refuse.
 */
class CiliumInterfaceTest {
    static final Set<String> REFUSED = Set.of("Connection.Close");

    @Test
    void theBackEndExpressesWhatCiliumCuiOffers() throws Exception {
        DataplaneInterface cilium = CopperWorkspace.builtinDataplane("cilium");
        ServiceGraph g = ServiceGraph.of("t", List.of("a", "b"), List.of(List.of("a", "b")), List.of());
        ServiceIds ids = ServiceIds.empty().extend(g.services());
        TreeSet<String> refused = new TreeSet<>();
        List<String> offered = new ArrayList<>();
        for (ActCapability act : cilium.acts()) {
            String root = act.ancestorsOrSelf().get(act.ancestorsOrSelf().size() - 1);
            for (String action : new TreeSet<>(act.actions())) {
                offered.add(root + "." + action);
                List<Expr> args = new ArrayList<>(List.of(new Expr.Var("co")));
                // string arguments: the callee's name first (RouteToVersion picks a version of it), then a value
                args.addAll(List.of(new Expr.Str("b"), new Expr.Str("v2")).subList(0, arity(action)));
                Policy p = new Policy("p_" + action, act.name(), "co", Map.of(), ContextPattern.parse("a b"),
                        new PatternForm(PatternForm.Kind.INGRESS, new TreeSet<>()), Map.of(Side.EGRESS, List.of(new Stmt.CallStmt(new Expr.Call(action, args)))),
                        Set.of(new ActionRef(act.name(), false, action, Set.of())), false, new SourceLocation("p.cup", 1, 1));
                String chain = new ContextRegex(ids).toDestination(p.pattern(), "b").orElseThrow();
                Rule r = new Rule(p, Side.EGRESS, "a", "b", new TreeSet<>(Set.of("a")), new ContextMatch(chain, null), p.sections().get(Side.EGRESS));
                SortedMap<String, DeploySettings.Endpoint> eps = new TreeMap<>(Map.of("a", new DeploySettings.Endpoint("a", 8080, 8081),
                        "b", new DeploySettings.Endpoint("b", 8080, 8081)));
                DeploymentInput in = new DeploymentInput(g, List.of(p), null,
                        new EnforcementPlan(ids, new TreeMap<>(Map.of("a", new SidecarPlan("a", "cilium", List.of(r), List.of())))),
                        new DeploySettings("default", "traceparent", eps));
                FileTree out = new FileTree();
                try {
                    new CiliumBackend().render(in, out);
                    CiliumOutputValidator.validate(out.files());
                } catch (UnsupportedPolicyException e) {
                    refused.add(root + "." + action);
                }
            }
        }
        assertTrue(offered.containsAll(List.of("Request.Deny", "Request.RouteToVersion", "Request.HasHeader", "Request.GetHeader")), offered.toString());
        assertEquals(REFUSED, refused, "actions cilium.cui offers that the back end refuses");
    }

    private static int arity(String action) {
        return switch (action) {
            case "RouteToVersion" -> 2;
            case "Deny", "Close" -> 0;
            default -> 1;
        };
    }
}

package org.wire.deploy.haproxy;

import java.util.Map;
import java.util.TreeMap;

import org.wire.deploy.DataplaneBackend;
import org.wire.deploy.DeploymentInput;
import org.wire.deploy.FileTree;
import org.wire.deploy.UnsupportedPolicyException;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.plan.SidecarPlan;

/**
 * The HAProxy 2.6 back end: per sidecar on dataplane {@code haproxy}, {@code haproxy/<service>/haproxy.cfg}, a
 * ConfigMap holding it and a strategic-merge patch adding the HAProxy container to Deployment {@code <service>}.
 */
public final class HaproxyBackend implements DataplaneBackend {
    public static final String NAME = "haproxy";

    @Override
    public String dataplane() {
        return NAME;
    }

    @Override
    public void render(DeploymentInput input, FileTree out) throws UnsupportedPolicyException {
        // render everything first, so an unsupported policy leaves out untouched
        FileTree mine = new FileTree();
        for (SidecarPlan sidecar : input.plan().sidecars().values()) {
            if (!NAME.equals(sidecar.dataplane())) {
                continue;
            }
            String service = sidecar.service();
            String cfg = HaproxyConfig.render(NAME, sidecar, callees(input, service), input.settings());
            String ns = input.settings().namespace();
            String dir = NAME + "/" + service + "/";
            mine.put(dir + "haproxy.cfg", cfg);
            mine.put(dir + "configmap.yaml", SidecarObjects.configMap(service, ns, cfg));
            mine.put(dir + "sidecar-patch.yaml", SidecarObjects.deploymentPatch(service, ns, input.settings().endpoint(service).port()));
        }
        mine.files().forEach(out::put);
    }

    /** The services {@code service} calls, each with its x-copper-ctx id (which fixes its egress port). */
    private static Map<String, Integer> callees(DeploymentInput input, String service) {
        ServiceGraph g = input.graph();
        Map<String, Integer> ids = input.plan().ids().ids();
        Map<String, Integer> out = new TreeMap<>();
        for (int w : g.successors(g.indexOf(service))) {
            String callee = g.service(w);
            Integer id = ids.get(callee);
            if (id == null) {
                throw new IllegalArgumentException("service " + callee + " has no x-copper-ctx id in the plan");
            }
            out.put(callee, id);
        }
        return out;
    }
}

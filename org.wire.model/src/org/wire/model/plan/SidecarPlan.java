package org.wire.model.plan;

import java.util.List;

/**
 * Everything one sidecar runs, in a fixed order (policy name, then destination).
 *
 * @param service   the service the sidecar sits beside
 * @param dataplane the dataplane Wire chose for it
 * @param egress    rules on its egress queue (calls it makes)
 * @param ingress   rules on its ingress queue (calls it receives)
 */
public record SidecarPlan(String service, String dataplane, List<Rule> egress, List<Rule> ingress) {
    public SidecarPlan {
        egress = List.copyOf(egress);
        ingress = List.copyOf(ingress);
    }
}

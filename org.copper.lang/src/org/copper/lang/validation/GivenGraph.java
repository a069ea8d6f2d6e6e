package org.copper.lang.validation;

import java.util.List;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.wire.model.graph.ServiceGraph;

/**
 * The service graph the owner of a resource set chose, instead of the one {@link ProjectGraphLocator} would find: the
 * CLI's {@code --graph}, a build's project graph, or none at all (a plain {@code check} looks for no graph). With it,
 * the resources whose policies take part in the conflict check (the CLI leaves out files with errors).
 */
public final class GivenGraph extends AdapterImpl {
    private final ServiceGraph graph;
    private final List<Resource> policyResources;

    private GivenGraph(ServiceGraph graph, List<Resource> policyResources) {
        this.graph = graph;
        this.policyResources = List.copyOf(policyResources);
    }

    /** Sets (or replaces) the resource set's graph; {@code graph} null means no graph checks at all. */
    public static void set(ResourceSet set, ServiceGraph graph, List<Resource> policyResources) {
        set.eAdapters().removeIf(a -> a instanceof GivenGraph);
        set.eAdapters().add(new GivenGraph(graph, policyResources));
    }

    /** The resource set's given graph, or null when none was given (then the project's graph is looked up). */
    public static GivenGraph of(ResourceSet set) {
        if (set == null) {
            return null;
        }
        for (Object a : set.eAdapters()) {
            if (a instanceof GivenGraph given) {
                return given;
            }
        }
        return null;
    }

    public ServiceGraph graph() {
        return graph;
    }

    public List<Resource> policyResources() {
        return policyResources;
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == GivenGraph.class;
    }
}

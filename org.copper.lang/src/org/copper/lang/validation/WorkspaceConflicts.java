package org.copper.lang.validation;

import java.util.ArrayList;
import java.util.List;

import org.copper.lang.api.ConflictGroups;
import org.copper.lang.api.CopperWorkspace;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.XtextResource;
import org.wire.model.graph.ServiceGraph;

/**
 * Conflicts are a property of a whole workspace, but validation runs per file: the groups are found once
 * ({@link ConflictGroups}, near-linear) for a set of policy files and kept on the resource set, and each file's
 * validation reports the groups whose last member it holds. They are found again when the graph, the set of files or
 * any file's parse (an edit reparses) changes.
 */
final class WorkspaceConflicts extends AdapterImpl {
    private final ServiceGraph graph;
    private final List<Resource> resources;
    private final List<Object> parses;
    private final List<ConflictGroups.Conflict> conflicts;

    private WorkspaceConflicts(ServiceGraph graph, List<Resource> resources, List<Object> parses, List<ConflictGroups.Conflict> conflicts) {
        this.graph = graph;
        this.resources = resources;
        this.parses = parses;
        this.conflicts = conflicts;
    }

    /** The conflict groups among the policies of {@code resources} (in this order) against {@code graph}. */
    static synchronized List<ConflictGroups.Conflict> of(ResourceSet set, ServiceGraph graph, List<Resource> resources) {
        List<Object> parses = parses(resources);
        for (Object a : set.eAdapters()) {
            if (a instanceof WorkspaceConflicts known && known.graph == graph && sameElements(known.resources, resources)
                    && sameElements(known.parses, parses)) {
                return known.conflicts;
            }
        }
        List<CopperWorkspace.LoadedPolicy> policies = new ArrayList<>();
        for (Resource r : resources) {
            policies.addAll(CopperWorkspace.policiesOf(r));
        }
        List<ConflictGroups.Conflict> conflicts = ConflictGroups.find(policies, graph);
        set.eAdapters().removeIf(a -> a instanceof WorkspaceConflicts);
        set.eAdapters().add(new WorkspaceConflicts(graph, List.copyOf(resources), parses, conflicts));
        return conflicts;
    }

    private static List<Object> parses(List<Resource> resources) {
        List<Object> parses = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            parses.add(r instanceof XtextResource xr ? xr.getParseResult() : r);
        }
        return parses;
    }

    /** Identity, not equality: a reparsed file is a new parse result. */
    private static boolean sameElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == WorkspaceConflicts.class;
    }
}

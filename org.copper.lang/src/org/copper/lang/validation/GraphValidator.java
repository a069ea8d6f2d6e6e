package org.copper.lang.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.copper.lang.PolicyHeader;
import org.copper.lang.api.ClosestName;
import org.copper.lang.api.ConflictGroups;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyFile;
import org.copper.lang.policy.PolicyPackage;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;
import org.wire.model.pattern.PatternSyntaxError;
import org.wire.placement.match.MatchSetComputer;

import com.google.inject.Inject;

/**
 * The checks that need a service graph (spec §3.3, §4), as warnings: a service name the graph does not know (naming
 * the closest known one), a pattern that matches no call of the graph, and conflicting policies (one warning per
 * group, on its last member, across all policy files of the project). The graph is the one the resource set was given
 * ({@link GivenGraph}: the CLI's {@code --graph}) or else the project's ({@link ProjectGraphLocator}). Expensive checks:
 * the CLI runs them once it has the graph, on files without errors; the editor runs them with every validation.
 */
public class GraphValidator extends CopperCheck {
    @Inject
    private ProjectGraphLocator locator;

    @Inject
    private ResourceDescriptionsProvider index;

    @Check(CheckType.EXPENSIVE)
    public void checkAgainstGraph(PolicyFile file) {
        Resource resource = file.eResource();
        if (resource == null || !resource.getErrors().isEmpty()) {
            return; // syntax or linking errors first: the graph's warnings would be noise on a broken file
        }
        ResourceSet set = resource.getResourceSet();
        GivenGraph given = GivenGraph.of(set);
        ServiceGraph graph;
        URI graphFile = null;
        if (given != null) {
            graph = given.graph();
        } else {
            ProjectGraphLocator.ProjectGraph located = locator.locate(resource);
            graph = located == null ? null : located.graph();
            graphFile = located == null ? null : located.file();
        }
        if (graph == null) {
            return;
        }
        for (Policy policy : file.getPolicies()) {
            checkServices(policy, graph);
        }
        if (set == null) {
            return;
        }
        List<Resource> participants = given != null ? given.policyResources() : projectPolicyFiles(resource, graphFile);
        for (ConflictGroups.Conflict c : WorkspaceConflicts.of(set, graph, participants)) {
            if (c.policy().policy().eResource() == resource) {
                warning(c.message(), c.policy().policy(), PolicyPackage.Literals.POLICY__NAME, CopperIssueCodes.CONFLICT,
                        c.data().toArray(String[]::new));
            }
        }
    }

    private void checkServices(Policy policy, ServiceGraph graph) {
        String context = PolicyHeader.context(policy);
        if (context == null) {
            return;
        }
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(context);
        } catch (PatternSyntaxError | RuntimeException e) {
            return; // reported by ContextPatternValidator
        }
        PatternPositions positions = PatternPositions.of(policy);
        boolean unknown = false;
        for (PatternNode.Service s : services(pattern.root(), new ArrayList<>())) {
            if (graph.indexOf(s.name()) < 0) {
                unknown = true;
                String near = ClosestName.of(s.name(), graph.services());
                String message = "unknown service '" + s.name() + "' in context pattern: graph '" + graph.name() + "' has no such service"
                        + (near == null ? "" : "; did you mean '" + near + "'?");
                String[] data = near == null ? new String[0] : new String[] { near };
                if (positions == null) {
                    warning(message, policy, PolicyPackage.Literals.POLICY__CONTEXTS, 0, CopperIssueCodes.UNKNOWN_SERVICE, data);
                } else {
                    getMessageAcceptor().acceptWarning(message, policy, positions.fileOffset(s.start()),
                            positions.fileLength(s.start(), s.end() - s.start()), CopperIssueCodes.UNKNOWN_SERVICE, data);
                }
            }
        }
        if (!unknown && !pattern.isMeshWide() && MatchSetComputer.compute(graph, pattern).isEmpty()) {
            String message = "context pattern matches no call in graph '" + graph.name() + "': policy '" + policy.getName()
                    + "' would never run";
            if (positions == null) {
                warning(message, policy, PolicyPackage.Literals.POLICY__CONTEXTS, 0, CopperIssueCodes.MATCHES_NOTHING);
            } else { // the whole string, quotes included
                getMessageAcceptor().acceptWarning(message, policy, positions.fileOffset(0) - 1, context.length() + 2,
                        CopperIssueCodes.MATCHES_NOTHING);
            }
        }
    }

    /**
     * Every policy file of the index in the same project (the same graph file), loaded into the resource set, sorted by
     * URI so that every file sees the same groups. Files with syntax or linking errors take no part, as in the CLI.
     */
    private List<Resource> projectPolicyFiles(Resource resource, URI graphFile) {
        ResourceSet set = resource.getResourceSet();
        Map<URI, URI> graphOfFolder = new HashMap<>();
        List<URI> uris = new ArrayList<>();
        for (IResourceDescription d : index.getResourceDescriptions(set).getAllResourceDescriptions()) {
            URI uri = d.getURI();
            if ("cup".equals(uri.fileExtension()) && !uri.equals(resource.getURI()) && uri.isHierarchical() && !uri.isRelative()) {
                URI folder = uri.trimSegments(1);
                URI graph = graphOfFolder.computeIfAbsent(folder,
                        f -> java.util.Objects.requireNonNullElse(ProjectGraphLocator.graphFile(set.getURIConverter(), f), URI.createURI("")));
                if (graph.equals(graphFile)) {
                    uris.add(uri);
                }
            }
        }
        uris.add(resource.getURI());
        uris.sort(Comparator.comparing(URI::toString));
        List<Resource> files = new ArrayList<>();
        for (URI uri : uris) {
            Resource r;
            try {
                r = uri.equals(resource.getURI()) ? resource : set.getResource(uri, true);
            } catch (RuntimeException e) {
                continue; // unreadable: its own validation says so
            }
            if (r != null && r.getErrors().isEmpty() && !r.getContents().isEmpty() && r.getContents().get(0) instanceof PolicyFile) {
                files.add(r);
            }
        }
        return files;
    }

    private static List<PatternNode.Service> services(PatternNode node, List<PatternNode.Service> acc) {
        switch (node) {
            case PatternNode.Service s -> acc.add(s);
            case PatternNode.ServiceSet set -> acc.addAll(set.members());
            case PatternNode.Group g -> services(g.inner(), acc);
            case PatternNode.Sequence seq -> seq.items().forEach(i -> services(i, acc));
            case PatternNode.Alternation alt -> alt.options().forEach(o -> services(o, acc));
            case PatternNode.Repeat r -> services(r.item(), acc);
            case PatternNode.AnyService a -> { }
            case PatternNode.MeshWide m -> { }
        }
        return acc;
    }
}

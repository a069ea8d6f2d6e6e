package org.copper.lang.api;

import org.copper.lang.PolicyHeader;
import java.util.ArrayList;
import java.util.List;

import org.copper.lang.validation.PatternPositions;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.wire.model.graph.ServiceGraph;
import org.wire.placement.match.MatchSetComputer;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternNode;
import org.wire.model.pattern.PatternSyntaxError;

/**
 * The checks that need a service graph (spec §3.3): a service name the graph does not know is a
 * warning naming the closest known name; a pattern that matches no call of the graph is a warning.
 */
final class GraphChecks {
    static final String UNKNOWN_SERVICE = "org.copper.lang.unknownService";
    static final String MATCHES_NOTHING = "org.copper.lang.matchesNothing";
    static final String CONFLICT = "org.copper.lang.conflict";

    private GraphChecks() {}

    static List<CopperDiagnostic> check(CopperWorkspace.LoadedPolicy loaded, ServiceGraph graph) {
        List<CopperDiagnostic> out = new ArrayList<>();
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(PolicyHeader.context(loaded.policy()));
        } catch (PatternSyntaxError | RuntimeException e) {
            return out; // reported by validation
        }
        PatternPositions positions = PatternPositions.of(loaded.policy());
        XtextResource resource = (XtextResource) loaded.policy().eResource();
        // the file's text only when a warning needs a line and column: reading it for every policy made checking a
        // file of N policies quadratic
        java.util.function.Supplier<String> text = () -> NodeModelUtils.getNode(resource.getContents().get(0)).getRootNode().getText();
        boolean unknown = false;
        for (PatternNode.Service s : services(pattern.root(), new ArrayList<>())) {
            if (graph.indexOf(s.name()) < 0) {
                unknown = true;
                String near = ClosestName.of(s.name(), graph.services());
                int offset = positions.fileOffset(s.start());
                out.add(at(loaded.path(), text, offset, positions.fileLength(s.start(), s.end() - s.start()),
                        "unknown service '" + s.name() + "' in context pattern: graph '" + graph.name() + "' has no such service"
                                + (near == null ? "" : "; did you mean '" + near + "'?"),
                        UNKNOWN_SERVICE, near == null ? List.of() : List.of(near)));
            }
        }
        if (!unknown && !pattern.isMeshWide() && MatchSetComputer.compute(graph, pattern).isEmpty()) {
            int offset = positions.fileOffset(0) - 1;
            out.add(at(loaded.path(), text, offset, PolicyHeader.context(loaded.policy()).length() + 2,
                    "context pattern matches no call in graph '" + graph.name() + "': policy '" + loaded.policy().getName()
                            + "' would never run",
                    MATCHES_NOTHING, List.of()));
        }
        return out;
    }

    /** Conflicts (spec §4), one warning per group of conflicting policies: see {@link ConflictGroups}. */
    static List<CopperDiagnostic> conflicts(List<CopperWorkspace.LoadedPolicy> policies, ServiceGraph graph) {
        return ConflictGroups.find(policies, graph);
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

    private static CopperDiagnostic at(String path, java.util.function.Supplier<String> text, int offset, int length, String message, String code,
            List<String> data) {
        TextPosition position = TextPosition.of(text.get(), offset);
        return new CopperDiagnostic(path, position.line(), position.column(), offset, length, CopperDiagnostic.Severity.WARNING, message,
                code, data);
    }
}

package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.copper.lang.PolicyStandaloneSetup;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Injector;

/**
 * The graph checks as the editor runs them: plain Xtext validation of a resource set with no graph given, so the
 * project's graph is found beside the files (graph.json) or through copper.json. Issues are compared as one text,
 * the whole list at once (the style of rune-dsl's validator tests).
 */
class GraphValidationTest {
    @TempDir
    Path dir;

    private static final Injector INJECTOR = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();

    static final String GRAPH = """
            {"services": ["frontend", "cart", "catalog", "redis"],
             "edges": [["frontend", "cart"], ["frontend", "catalog"], ["cart", "redis"]],
             "databases": ["redis"]}
            """;

    static final String A = """
            import 'common.cui';
            policy mark_a (act (Request r) context ('frontend cart')) { [Ingress] SetHeader(r, 'x-m', 'a'); }
            policy typo (act (Request r) context ('frontend catalgo')) { [Ingress] SetHeader(r, 'x-t', 'a'); }
            policy never (act (Request r) context ('redis frontend')) { [Ingress] SetHeader(r, 'x-n', 'a'); }
            """;

    static final String B = """
            import 'common.cui';
            policy mark_b (act (Request r) context ('.* cart')) { [Ingress] SetHeader(r, 'x-m', 'b'); }
            """;

    /** Every issue of every file, "file SEVERITY (code) 'message' at line:column, length n", sorted. */
    private String issues(Path... files) throws IOException {
        XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
        List<Resource> resources = new ArrayList<>();
        for (Path f : files) {
            resources.add(set.getResource(URI.createFileURI(f.toString()), true));
        }
        List<String> lines = new ArrayList<>();
        for (Resource r : resources) {
            for (Issue i : ((XtextResource) r).getResourceServiceProvider().getResourceValidator().validate(r, CheckMode.ALL,
                    CancelIndicator.NullImpl)) {
                lines.add(r.getURI().lastSegment() + " " + i.getSeverity() + " (" + i.getCode().replace("org.copper.lang.", "") + ") '"
                        + i.getMessage().replace(dir.toString() + "/", "") + "' at " + i.getLineNumber() + ":" + i.getColumn() + ", length "
                        + i.getLength());
            }
        }
        return lines.stream().sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void aGraphBesideThePoliciesGivesItsWarningsAcrossFiles() throws IOException {
        Path project = Files.createDirectories(dir.resolve("shop"));
        Files.writeString(project.resolve("graph.json"), GRAPH);
        Path a = Files.writeString(project.resolve("a.cup"), A);
        Path b = Files.writeString(project.resolve("b.cup"), B);
        assertEquals("""
                a.cup WARNING (matchesNothing) 'context pattern matches no call in graph 'shop': policy 'never' would never run' at 4:40, length 16
                a.cup WARNING (unknownService) 'unknown service 'catalgo' in context pattern: graph 'shop' has no such service; did you mean 'catalog'?' at 3:49, length 7
                b.cup WARNING (conflict) 'policy 'mark_b' conflicts with 'mark_a' (shop/a.cup:2): both match the call frontend -> cart with context 'frontend cart', and they set header 'x-m' to different values ('a' and 'b')' at 2:8, length 6""",
                issues(a, b));
    }

    @Test
    void aProjectFileNamesTheGraphAndAFolderWithoutOneHasNoGraphChecks() throws IOException {
        Path project = Files.createDirectories(dir.resolve("proj"));
        Files.createDirectories(project.resolve("graphs"));
        Files.writeString(project.resolve("graphs/boutique.json"), GRAPH);
        Files.writeString(project.resolve("copper.json"), "{\"graph\": \"graphs/boutique.json\"}");
        Path policies = Files.createDirectories(project.resolve("policies"));
        Path a = Files.writeString(policies.resolve("a.cup"), A.replace("mark_a", "mark_c").replace("'x-m', 'a'", "'x-m', 'c'"));
        assertEquals("""
                a.cup WARNING (matchesNothing) 'context pattern matches no call in graph 'boutique': policy 'never' would never run' at 4:40, length 16
                a.cup WARNING (unknownService) 'unknown service 'catalgo' in context pattern: graph 'boutique' has no such service; did you mean 'catalog'?' at 3:49, length 7""",
                issues(a));

        Path alone = Files.createDirectories(dir.resolve("alone"));
        assertEquals("", issues(Files.writeString(alone.resolve("a.cup"), A), Files.writeString(alone.resolve("b.cup"), B)));
    }

    @Test
    void aChangedGraphIsReadAgain() throws IOException {
        Path project = Files.createDirectories(dir.resolve("grows"));
        Path graph = Files.writeString(project.resolve("graph.json"), GRAPH);
        Path a = Files.writeString(project.resolve("a.cup"), """
                import 'common.cui';
                policy ads (act (Request r) context ('frontend ads')) { [Ingress] SetHeader(r, 'x-ads', 'a'); }
                """);
        assertEquals("a.cup WARNING (unknownService) 'unknown service 'ads' in context pattern: graph 'grows' has no such service' at 2:48, length 3",
                issues(a));
        Files.writeString(graph, GRAPH.replace("\"redis\"],\n", "\"redis\", \"ads\"],\n").replace("[\"cart\", \"redis\"]", "[\"cart\", \"redis\"], [\"frontend\", \"ads\"]"));
        try (Stream<String> s = Files.lines(graph)) {
            assertEquals(true, s.anyMatch(l -> l.contains("\"frontend\", \"ads\"")));
        }
        assertEquals("", issues(a));
    }
}

package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language server as a separate process on stdio, driven by LSP4J's JSON-RPC client. */
class LanguageServerProcessTest {
    @TempDir
    static Path dir;

    static StdioServer stdio;
    static LanguageServer server;
    static ServerCapabilities capabilities;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("graph.json"), Files.readString(Path.of(System.getProperty("copper.examples", "../examples"),
                "online-boutique", "graph.json")));
        stdio = new StdioServer(dir, false);
        server = stdio.server;
        InitializeResult result = stdio.initialize(dir);
        capabilities = result.getCapabilities();
        assertTrue(result.getCapabilities().getHoverProvider().getLeft() || result.getCapabilities().getHoverProvider().isRight());
    }

    @AfterAll
    static void stop() throws Exception {
        stdio.stop();
    }

    static String open(String name, String text) {
        // policy names are unique across the workspace: each file gets its own
        return stdio.open(dir.resolve(name), text.replace("policy p (", "policy p_" + name.replaceAll("[^A-Za-z0-9]", "_") + " ("));
    }

    static PublishDiagnosticsParams diagnosticsFor(String uri) throws InterruptedException {
        return stdio.diagnosticsFor(uri);
    }

    static final String POLICY = """
            import "common.cui";

            policy p (
                act (Request request)
                using (Counter c)
                context ('frontend productcatalogservice')
            ) {
                [Ingress]
                Increment(c);
                SetHeader(request, 'x', 'y');
            }
            """;

    @Test
    void anInvalidFileGetsItsDiagnosticAtTheRightPlace() throws Exception {
        // line 9 (0-based 8): RouteToVersion is [Egress] but stands in [Ingress]
        String text = POLICY.replace("Increment(c);", "RouteToVersion(request, 'a', 'v1');");
        String uri = open("bad.cup", text);
        PublishDiagnosticsParams p = diagnosticsFor(uri);
        Diagnostic d = p.getDiagnostics().stream().filter(x -> x.getMessage().getLeft().contains("RouteToVersion")).findFirst()
                .orElseThrow(() -> new AssertionError(p.getDiagnostics().toString()));
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals(8, d.getRange().getStart().getLine());
        assertEquals(4, d.getRange().getStart().getCharacter());
        assertEquals("org.copper.lang.actionWrongSection", d.getCode().getLeft());
    }

    @Test
    void aValidFileHasNoDiagnostics() throws Exception {
        String uri = open("good.cup", POLICY);
        assertEquals(List.of(), diagnosticsFor(uri).getDiagnostics());
    }

    @Test
    void completionInAnIngressSectionOffersOnlyActionsValidThere() throws Exception {
        String text = POLICY.replace("Increment(c);", "Increment(c);\n    ");
        String uri = open("complete.cup", text);
        diagnosticsFor(uri);
        List<String> labels = complete(uri, 9, 4);
        assertTrue(labels.contains("SetHeader(request, string name, string value)"), labels.toString());
        assertTrue(labels.contains("Increment(c)"), labels.toString());
        assertTrue(labels.contains("Deny(request)"), labels.toString());
        assertFalse(labels.stream().anyMatch(l -> l.startsWith("RouteToVersion")), labels.toString());
        // the same place in an [Egress] section does offer it
        String egress = POLICY.replace("[Ingress]", "[Egress]").replace("Increment(c);", "Increment(c);\n    ");
        String uri2 = open("complete2.cup", egress);
        diagnosticsFor(uri2);
        assertTrue(complete(uri2, 9, 4).stream().anyMatch(l -> l.startsWith("RouteToVersion(request")));
    }

    @Test
    void completionInAContextStringOffersGraphServices() throws Exception {
        String text = POLICY.replace("'frontend productcatalogservice'", "'frontend prod'");
        String uri = open("services.cup", text);
        diagnosticsFor(uri);
        List<String> labels = complete(uri, 5, 26);
        assertTrue(labels.contains("productcatalogservice"), labels.toString());
        assertFalse(labels.contains("frontend"), labels.toString());
    }

    @Test
    void definitionOfAnActionJumpsIntoCommonCui() throws Exception {
        String uri = open("definition.cup", POLICY);
        diagnosticsFor(uri);
        List<? extends Location> ls = server.getTextDocumentService()
                .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(9, 6))).get(30, TimeUnit.SECONDS).getLeft();
        assertEquals(1, ls.size(), ls.toString());
        assertTrue(ls.get(0).getUri().startsWith("file:") && ls.get(0).getUri().endsWith("/common.cui"), ls.toString());
        List<String> lines = Files.readAllLines(Path.of(java.net.URI.create(ls.get(0).getUri())));
        assertTrue(lines.get(ls.get(0).getRange().getStart().getLine()).contains("action SetHeader("), lines.toString());
        // on the import string: the file itself
        List<? extends Location> imp = server.getTextDocumentService()
                .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(0, 10))).get(30, TimeUnit.SECONDS).getLeft();
        assertTrue(imp.get(0).getUri().endsWith("/common.cui"), imp.toString());
    }

    @Test
    void hoverShowsSignatureAnnotationAndDataplanes() throws Exception {
        String text = POLICY.replace("[Ingress]", "[Egress]").replace("Increment(c);", "RouteToVersion(request, 'a', 'v1');");
        String uri = open("hover.cup", text);
        diagnosticsFor(uri);
        Hover h = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(8, 6)))
                .get(30, TimeUnit.SECONDS);
        String md = h.getContents().getRight().getValue();
        assertTrue(md.contains("RouteToVersion(self, string service, string version)"), md);
        assertTrue(md.contains("[Egress]"), md);
        assertTrue(md.contains("Dataplanes: istio, cilium, haproxy") || md.contains("istio"), md);
    }

    /** Depth 200: deeper conditions (3,000) keep the parser busy for over a minute (super-linear in the nesting), a front-end matter. */
    @Test
    void deeplyNestedInputDoesNotKillTheServer() throws Exception {
        String nested = POLICY.replace("Increment(c);", "if (" + "(".repeat(200) + "true" + ")".repeat(200) + ") { Increment(c); }");
        String uri = open("deep.cup", nested);
        diagnosticsFor(uri);
        String after = open("after-deep.cup", POLICY);
        assertEquals(List.of(), diagnosticsFor(after).getDiagnostics());
    }

    @Test
    void codeLensesNameThePlacementAndFollowSaves() throws Exception {
        // a project of its own (graph.json beside the policies), on disk: the placement reads saved files
        Path project = Files.createDirectories(dir.resolve("lens"));
        Files.copy(dir.resolve("graph.json"), project.resolve("graph.json"));
        String text = """
                import "common.cui";

                // the only policy: its state pins its [Ingress] section, so one sidecar at the callee
                policy lens_guard (
                    act (Request request)
                    using (Counter c)
                    context ('frontend productcatalogservice')
                ) {
                    [Ingress]
                    Increment(c);
                    Deny(request);
                }
                """;
        Path file = project.resolve("policies.cup");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "copper", 1, text)));
        assertEquals(List.of(), diagnosticsFor(uri).getDiagnostics());
        List<String> titles = lenses(uri, 3);
        assertEquals(List.of("Wire: 1 sidecar, cost 1 (haproxy at productcatalogservice)", "ingress at productcatalogservice · pinned"), titles);

        // saved with another callee: the lens follows
        String moved = text.replace("'frontend productcatalogservice'", "'frontend cartservice'");
        Files.writeString(file, moved);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(moved))));
        server.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri)));
        diagnosticsFor(uri);
        assertEquals(List.of("Wire: 1 sidecar, cost 1 (haproxy at cartservice)", "ingress at cartservice · pinned"), lenses(uri, 3));
    }

    @Test
    void semanticTokensSayWhatEachNameIs() throws Exception {
        String uri = open("tokens.cup", POLICY);
        diagnosticsFor(uri);
        SemanticTokensLegend legend = capabilities.getSemanticTokensProvider().getLegend();
        List<Integer> data = server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri)))
                .get(30, TimeUnit.SECONDS).getData();
        assertEquals(0, data.size() % 5, data.toString());
        // decode LSP's relative encoding into "line:column text type[+modifiers]"
        List<String> lines = POLICY.replace("policy p (", "policy p_tokens_cup (").lines().toList();
        List<String> tokens = new java.util.ArrayList<>();
        int line = 0;
        int column = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            column = data.get(i) == 0 ? column + data.get(i + 1) : data.get(i + 1);
            StringBuilder t = new StringBuilder(line + ":" + column + " " + lines.get(line).substring(column, column + data.get(i + 2)) + " "
                    + legend.getTokenTypes().get(data.get(i + 3)));
            for (int m = 0; m < legend.getTokenModifiers().size(); m++) {
                if ((data.get(i + 4) & (1 << m)) != 0) {
                    t.append('+').append(legend.getTokenModifiers().get(m));
                }
            }
            tokens.add(t.toString());
        }
        assertEquals(List.of(
                "2:7 p_tokens_cup class+declaration",
                "3:9 Request type", "3:17 request variable+declaration",
                "4:11 Counter type", "4:19 c variable+declaration",
                "5:13 'frontend productcatalogservice' regexp",
                "7:5 Ingress enumMember",
                "8:4 Increment method", "8:14 c variable",
                "9:4 SetHeader method", "9:14 request variable"), tokens);
    }

    @Test
    void formattingLaysOutAPolicyAsTheExamplesAre() throws Exception {
        String canonical = POLICY.replace("policy p (", "policy p_format_cup (");
        String squashed = "import \"common.cui\" ;policy p_format_cup(act( Request request )using(Counter c) context('frontend productcatalogservice')"
                + "){[ Ingress ]Increment( c ) ;SetHeader(request,'x','y');}";
        assertEquals(canonical, format("format.cup", squashed));
        // an if/else with a comment, nested blocks, a condition
        String nested = """
                import "common.cui";

                policy p_format_nested_cup (
                    act (Request request)
                    using (Counter c)
                    context ('frontend .*')
                ) {
                    [Ingress]
                    if (!HasHeader(request, 'x') && (IsGreaterThan(c, 3) || false)) { // trailing
                        Deny(request);
                    } else {
                        // own line

                        Increment(c);
                    }
                }
                """;
        assertEquals(nested, format("format-nested.cup", nested.replace("\n    ", "\n").replace(") {", "){")));
    }

    @Test
    void formattingLeavesTheExamplesAndBuiltInsAsTheyAre() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        Path examples = Path.of(System.getProperty("copper.examples", "../examples"));
        try (var dirs = Files.list(examples)) {
            dirs.map(d -> d.resolve("policies.cup")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        Path builtin = examples.resolveSibling("org.copper.lang/src/org/copper/lang/builtin");
        try (var cuis = Files.list(builtin)) {
            cuis.filter(f -> f.toString().endsWith(".cui")).sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path f : files) {
            String text = Files.readString(f);
            String name = "fmt-" + f.getParent().getFileName() + "-" + f.getFileName();
            assertEquals(text, format(name, text), f.toString());
        }
    }

    /** Opens the text (closed again: built-in copies must not stay in the index), formats it, applies the edits. */
    static String format(String name, String text) throws Exception {
        String uri = dir.resolve(name).toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "copper", 1, text)));
        try {
            List<? extends TextEdit> edits = server.getTextDocumentService()
                    .formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true))).get(30, TimeUnit.SECONDS);
            return apply(text, edits);
        } finally {
            server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        }
    }

    /** Applies non-overlapping edits, last first. */
    static String apply(String text, List<? extends TextEdit> edits) {
        List<Integer> starts = text.lines().map(String::length).toList();
        int[] lineStart = new int[starts.size() + 2];
        for (int i = 0; i < starts.size(); i++) {
            lineStart[i + 1] = lineStart[i] + starts.get(i) + 1;
        }
        lineStart[starts.size() + 1] = text.length();
        List<TextEdit> sorted = new java.util.ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(offset(lineStart, b.getRange().getStart()), offset(lineStart, a.getRange().getStart())));
        StringBuilder b = new StringBuilder(text);
        for (TextEdit e : sorted) {
            b.replace(offset(lineStart, e.getRange().getStart()), offset(lineStart, e.getRange().getEnd()), e.getNewText());
        }
        return b.toString();
    }

    static int offset(int[] lineStart, Position p) {
        return Math.min(lineStart[Math.min(p.getLine(), lineStart.length - 1)] + p.getCharacter(), lineStart[lineStart.length - 1]);
    }

    /** The lens titles, each checked to stand on {@code line}. */
    static List<String> lenses(String uri, int line) throws Exception {
        List<? extends CodeLens> lenses = server.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                .get(60, TimeUnit.SECONDS);
        lenses.forEach(l -> assertEquals(line, l.getRange().getStart().getLine(), l.toString()));
        return lenses.stream().map(l -> l.getCommand().getTitle()).toList();
    }

    static List<String> complete(String uri, int line, int character) throws Exception {
        CompletionParams params = new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character));
        var result = server.getTextDocumentService().completion(params).get(30, TimeUnit.SECONDS);
        List<CompletionItem> items = result.isLeft() ? result.getLeft() : result.getRight().getItems();
        return items.stream().map(CompletionItem::getLabel).toList();
    }
}

package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language layer as an editor meets it, over the real stdio server: the graph checks as diagnostics of a project
 * with a graph.json, a conflict across two files that goes away when the other file changes, an import of a file that
 * exists only as an open document, and every quick fix through code actions (the whole resulting text compared).
 */
class LanguageServerLanguageLayerTest {
    @TempDir
    static Path dir;

    static StdioServer stdio;
    static LanguageServer server;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("graph.json"), Files.readString(Path.of(System.getProperty("copper.examples", "../examples"),
                "online-boutique", "graph.json")));
        stdio = new StdioServer(dir, false);
        server = stdio.server;
        stdio.initialize(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        stdio.stop();
    }

    /** The graph's name: graph.json is named after its folder. */
    static String graphName() {
        return dir.getFileName().toString();
    }

    static String open(String name, String text) {
        return stdio.open(dir.resolve(name), text);
    }

    /** The next diagnostics published for the file (others' are skipped). */
    static List<Diagnostic> diagnosticsFor(String uri) throws InterruptedException {
        return stdio.diagnosticsFor(uri).getDiagnostics();
    }

    /** Diagnostics as "line:column severity code: message", 0-based as LSP counts. */
    static String describe(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + "-"
                + d.getRange().getEnd().getLine() + ":" + d.getRange().getEnd().getCharacter() + " " + d.getSeverity() + " "
                + (d.getCode() == null ? "" : d.getCode().getLeft().replace("org.copper.lang.", "")) + ": " + d.getMessage().getLeft())
                .sorted().collect(Collectors.joining("\n"));
    }

    static String policy(String name, String header, String body) {
        return "import \"common.cui\";\n\npolicy " + name + " (\n" + header + "\n) {\n" + body + "}\n";
    }

    @Test
    void aPatternMatchingNoCallIsAWarningOnItsString() throws Exception {
        String text = policy("never", "    act (Request request)\n    context ('cartservice frontend')", "    [Ingress]\n    SetHeader(request, 'x-never', 'y');\n");
        String uri = open("never.cup", text);
        assertEquals("4:13-4:35 Warning matchesNothing: context pattern matches no call in graph '" + graphName()
                + "': policy 'never' would never run", describe(diagnosticsFor(uri)));
    }

    @Test
    void anUnknownServiceIsFixedToTheClosestName() throws Exception {
        String text = policy("typo", "    act (Request request)\n    context ('frontend productcatalogservic')",
                "    [Ingress]\n    SetHeader(request, 'x-typo', 'y');\n");
        String uri = open("typo.cup", text);
        List<Diagnostic> ds = diagnosticsFor(uri);
        assertEquals("4:23-4:43 Warning unknownService: unknown service 'productcatalogservic' in context pattern: graph '" + graphName()
                + "' has no such service; did you mean 'productcatalogservice'?", describe(ds));
        assertEquals(text.replace("productcatalogservic'", "productcatalogservice'"), fix(uri, text, ds.get(0)));
    }

    @Test
    void aConflictAcrossFilesIsWarnedOnTheLastMemberAndGoesWhenTheOtherFileChanges() throws Exception {
        String a = policy("mark_a", "    act (Request request)\n    context ('frontend cartservice')", "    [Ingress]\n    SetHeader(request, 'x-mark', 'a');\n");
        String b = policy("mark_b", "    act (Request request)\n    context ('.* cartservice')", "    [Ingress]\n    SetHeader(request, 'x-mark', 'b');\n");
        String uriA = open("conflict_a.cup", a);
        assertEquals("", describe(diagnosticsFor(uriA)));
        String uriB = open("conflict_b.cup", b);
        List<Diagnostic> ds = diagnosticsFor(uriB);
        assertEquals("2:7-2:13 Warning conflict: policy 'mark_b' conflicts with 'mark_a' (conflict_a.cup:3): both match the call"
                + " frontend -> cartservice with context 'frontend cartservice', and they set header 'x-mark' to different values ('a' and 'b')",
                describe(ds).replace(dir.resolve("conflict_a.cup").toString(), "conflict_a.cup"));
        // the other file now writes the same value: b's warning goes, though b did not change
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uriA, 2),
                List.of(new TextDocumentContentChangeEvent(a.replace("'x-mark', 'a'", "'x-mark', 'b'")))));
        assertEquals("", describe(diagnosticsFor(uriB)));
    }

    @Test
    void anImportOfAnUnsavedDocumentResolves() throws Exception {
        String iface = "import \"common.cui\";\n\nact Beacon : Request {\n    [Egress]\n    action Blink(self, string color),\n}\n";
        String ifaceUri = open("unsaved_beacon.cui", iface);
        assertTrue(Files.notExists(dir.resolve("unsaved_beacon.cui")));
        assertEquals("", describe(diagnosticsFor(ifaceUri)));
        String text = "import \"unsaved_beacon.cui\";\n\npolicy blink (\n    act (Beacon b)\n    context ('frontend adservice')\n) {\n"
                + "    [Egress]\n    Blink(b, 'red');\n}\n";
        String uri = open("uses_beacon.cup", text);
        assertEquals("", describe(diagnosticsFor(uri)));
        // the same import of a file that does not exist at all is an error: the check above is not vacuous
        String missing = open("uses_missing.cup", text.replace("unsaved_beacon.cui", "no_such_beacon.cui").replace("policy blink", "policy blink2"));
        assertTrue(describe(diagnosticsFor(missing)).contains("unresolvedImport"));
    }

    @Test
    void theSuggestedPatternReplacesAnInvalidOne() throws Exception {
        String text = policy("form", "    act (Request request)\n    context ('checkoutservice .*')", "    [Egress]\n    SetHeader(request, 'x-form', 'y');\n");
        String uri = open("form.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "patternForm");
        assertEquals(text.replace("'checkoutservice .*'", "'checkoutservice .'"), fix(uri, text, d));
    }

    @Test
    void aSingleServicePatternGetsItsChainPrefix() throws Exception {
        String text = policy("single", "    act (Request request)\n    context ('emailservice')", "    [Ingress]\n    SetHeader(request, 'x-single', 'y');\n");
        String uri = open("single.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "singleServicePattern");
        assertEquals(text.replace("'emailservice'", "'.* emailservice'"), fix(uri, text, d));
    }

    @Test
    void anActionInTheWrongSectionMovesToANewSection() throws Exception {
        String text = policy("moved", "    act (Request request)\n    context ('frontend shippingservice')",
                "    [Ingress]\n    SetHeader(request, 'x-moved', 'y');\n    RouteToVersion(request, 'shippingservice', 'v1');\n");
        String uri = open("moved.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "actionWrongSection");
        assertEquals(policy("moved", "    act (Request request)\n    context ('frontend shippingservice')",
                "    [Ingress]\n    SetHeader(request, 'x-moved', 'y');\n    [Egress]\n    RouteToVersion(request, 'shippingservice', 'v1');\n"),
                fix(uri, text, d));
    }

    @Test
    void anActionInTheWrongSectionMovesToTheEndOfTheExistingOne() throws Exception {
        String text = policy("moved2", "    act (Request request)\n    context ('frontend currencyservice')",
                "    [Egress]\n    SetHeader(request, 'x-moved2', 'e');\n    [Ingress]\n    RouteToVersion(request, 'currencyservice', 'v1');\n"
                        + "    SetHeader(request, 'x-moved2', 'i');\n");
        String uri = open("moved2.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "actionWrongSection");
        assertEquals(policy("moved2", "    act (Request request)\n    context ('frontend currencyservice')",
                "    [Egress]\n    SetHeader(request, 'x-moved2', 'e');\n    RouteToVersion(request, 'currencyservice', 'v1');\n    [Ingress]\n"
                        + "    SetHeader(request, 'x-moved2', 'i');\n"), fix(uri, text, d));
    }

    @Test
    void anIngressEgressActionIsCopiedIntoTheOtherSection() throws Exception {
        Files.writeString(dir.resolve("traced.cui"), "import \"common.cui\";\n\nact Traced : Request {\n    [Ingress, Egress]\n    action Trace(self),\n}\n");
        String text = "import \"traced.cui\";\n\npolicy traced (\n    act (Traced t)\n    context ('frontend checkoutservice')\n) {\n"
                + "    [Egress]\n    Trace(t);\n}\n";
        String uri = open("traced.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "actionMissingSection");
        assertEquals(text.replace("    Trace(t);\n", "    Trace(t);\n    [Ingress]\n    Trace(t);\n"), fix(uri, text, d));
    }

    @Test
    void anUnusedStateIsRemoved() throws Exception {
        String text = policy("unused", "    act (Request request)\n    using (Counter c)\n    context ('frontend recommendationservice')",
                "    [Ingress]\n    SetHeader(request, 'x-unused', 'y');\n");
        String uri = open("unused.cup", text);
        Diagnostic d = only(diagnosticsFor(uri), "unusedState");
        assertEquals(text.replace("    using (Counter c)\n", ""), fix(uri, text, d));
        // on one line with the other header items, only the declaration and its comma go
        String inline = policy("unused2", "    act (Request request), using (Counter c), context ('frontend paymentservice')",
                "    [Ingress]\n    SetHeader(request, 'x-unused2', 'y');\n");
        String uri2 = open("unused2.cup", inline);
        assertEquals(inline.replace(" using (Counter c),", ""), fix(uri2, inline, only(diagnosticsFor(uri2), "unusedState")));
    }

    static Diagnostic only(List<Diagnostic> ds, String code) {
        List<Diagnostic> matching = ds.stream().filter(d -> d.getCode() != null && d.getCode().getLeft().equals("org.copper.lang." + code)).toList();
        assertEquals(1, matching.size(), describe(ds));
        return matching.get(0);
    }

    /** Asks for the code actions of the diagnostic, expects exactly one quick fix, and applies its edits to the text. */
    static String fix(String uri, String text, Diagnostic d) throws Exception {
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(), new CodeActionContext(List.of(d)));
        List<Either<Command, CodeAction>> actions = server.getTextDocumentService().codeAction(params).get(60, TimeUnit.SECONDS);
        List<CodeAction> fixes = actions.stream().filter(Either::isRight).map(Either::getRight).toList();
        assertEquals(1, fixes.size(), actions.toString());
        WorkspaceEdit edit = fixes.get(0).getEdit();
        List<TextEdit> edits = new ArrayList<>();
        if (edit.getChanges() != null && edit.getChanges().get(uri) != null) {
            edits.addAll(edit.getChanges().get(uri));
        }
        if (edit.getDocumentChanges() != null) {
            edit.getDocumentChanges().stream().filter(Either::isLeft).map(Either::getLeft)
                    .filter(e -> e.getTextDocument().getUri().equals(uri))
                    .forEach(e -> e.getEdits().forEach(x -> edits.add(x.getLeft())));
        }
        assertTrue(!edits.isEmpty(), edit.toString());
        return LanguageServerProcessTest.apply(text, edits);
    }
}

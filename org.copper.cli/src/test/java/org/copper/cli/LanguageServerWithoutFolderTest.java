package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client with no folder open and no workspace-folder support (no rootUri): the server still starts and checks files. */
class LanguageServerWithoutFolderTest {
    @TempDir
    Path dir;

    @Test
    void initializeWithoutRootThenDiagnostics() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dcopper.builtinCache=" + dir.resolve("cache"), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.copper.lang.ide.server.CopperLanguageServer").directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
        LanguageClient client = new LanguageClient() {
            public void telemetryEvent(Object object) {}
            public void publishDiagnostics(PublishDiagnosticsParams p) { diagnostics.add(p); }
            public void showMessage(MessageParams p) {}
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) { return CompletableFuture.completedFuture(null); }
            public void logMessage(MessageParams p) {}
        };
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        try {
            // no rootUri, no rootPath, no folders, no client capabilities: Xtext's own server failed here
            InitializeResult result = server.initialize(new InitializeParams()).get(60, TimeUnit.SECONDS);
            assertNotNull(result.getCapabilities().getCompletionProvider());
            server.initialized(new InitializedParams());
            Path file = Files.createDirectories(dir.resolve("elsewhere")).resolve("lone.cup");
            String text = "import \"common.cui\";\npolicy lone (\n    act (Request request)\n    context ('a b')\n) {\n    [Ingress]\n    Nope(request);\n}\n";
            Files.writeString(file, text);
            String uri = file.toUri().toString();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "copper", 1, text)));
            PublishDiagnosticsParams p;
            do {
                p = diagnostics.poll(60, TimeUnit.SECONDS);
                assertNotNull(p, "no diagnostics for " + uri);
            } while (!p.getUri().equals(uri));
            assertEquals(1, p.getDiagnostics().size(), p.getDiagnostics().toString());
            assertTrue(p.getDiagnostics().get(0).getMessage().getLeft().contains("unknown action 'Nope'"), p.getDiagnostics().toString());
            assertEquals(6, p.getDiagnostics().get(0).getRange().getStart().getLine());
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}

package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The language server as an editor meets it: a separate JVM on stdio (this module's test class path), driven by LSP4J's
 * JSON-RPC client, its published diagnostics queued for the test to read.
 */
final class StdioServer {
    final Process process;
    final LanguageServer server;
    private final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

    /**
     * Starts a server whose built-in files are cached under {@code dir/cache}; it runs in {@code dir} when
     * {@code inDir}, else in this process's working directory (messages name files relative to it).
     */
    StdioServer(Path dir, boolean inDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Dcopper.builtinCache=" + dir.resolve("cache"), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.copper.lang.ide.server.CopperLanguageServer").directory(inDir ? dir.toFile() : null)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        LanguageClient client = new LanguageClient() {
            public void telemetryEvent(Object object) {}
            public void publishDiagnostics(PublishDiagnosticsParams p) { diagnostics.add(p); }
            public void showMessage(MessageParams p) {}
            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) { return CompletableFuture.completedFuture(null); }
            public void logMessage(MessageParams p) {}
        };
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    /** initialize with {@code folder} as the root and only workspace folder, then initialized. */
    InitializeResult initialize(Path folder) throws Exception {
        InitializeParams init = new InitializeParams();
        init.setRootUri(folder.toUri().toString());
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(folder.toUri().toString(), "ws")));
        return initialize(init);
    }

    InitializeResult initialize(InitializeParams init) throws Exception {
        InitializeResult result = server.initialize(init).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        return result;
    }

    /** Opens {@code file} in the server with {@code text} (saved or not); returns its URI. */
    String open(Path file, String text) {
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "copper", 1, text)));
        return uri;
    }

    /** The next diagnostics published for {@code uri} (other files' are skipped); fails after a minute without them. */
    PublishDiagnosticsParams diagnosticsFor(String uri) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams p = diagnostics.poll(60, TimeUnit.SECONDS);
            if (p == null) {
                throw new AssertionError("no diagnostics for " + uri);
            }
            if (p.getUri().equals(uri)) {
                return p;
            }
        }
    }

    /** shutdown and exit: the process must end by itself with status 0. */
    void stop() throws Exception {
        try {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server ends after exit");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}

package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.lsp4j.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client with no folder open and no workspace-folder support (no rootUri): the server still starts and checks files. */
class LanguageServerWithoutFolderTest {
    @TempDir
    Path dir;

    @Test
    void initializeWithoutRootThenDiagnostics() throws Exception {
        StdioServer stdio = new StdioServer(dir, true);
        try {
            // no rootUri, no rootPath, no folders, no client capabilities: Xtext's own server failed here
            InitializeResult result = stdio.initialize(new InitializeParams());
            assertNotNull(result.getCapabilities().getCompletionProvider());
            Path file = Files.createDirectories(dir.resolve("elsewhere")).resolve("lone.cup");
            String text = "import \"common.cui\";\npolicy lone (\n    act (Request request)\n    context ('a b')\n) {\n    [Ingress]\n    Nope(request);\n}\n";
            Files.writeString(file, text);
            PublishDiagnosticsParams p = stdio.diagnosticsFor(stdio.open(file, text));
            assertEquals(1, p.getDiagnostics().size(), p.getDiagnostics().toString());
            assertTrue(p.getDiagnostics().get(0).getMessage().getLeft().contains("unknown action 'Nope'"), p.getDiagnostics().toString());
            assertEquals(6, p.getDiagnostics().get(0).getRange().getStart().getLine());
        } finally {
            stdio.stop();
        }
    }
}

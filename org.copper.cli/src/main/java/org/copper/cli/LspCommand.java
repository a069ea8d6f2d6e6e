package org.copper.cli;

import org.copper.lang.ide.server.CopperLanguageServer;

import picocli.CommandLine.Command;

/** {@code ./copper lsp}: the language server on stdin/stdout (a thin door into org.copper.lang.ide). */
@Command(name = "lsp", description = { "Run the language server (LSP over stdin/stdout) for editors.",
        "",
        "Serves .cup and .cui files: diagnostics, completion, hover, go to definition, symbols, quick fixes." })
final class LspCommand extends CliCommand {
    @Override
    public Integer call() {
        try {
            CopperLanguageServer.serve(System.in, System.out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

package org.copper.cli;

import java.io.PrintStream;
import java.util.List;

import org.copper.lang.ide.server.CopperLanguageServer;

/** {@code ./copper lsp}: the language server on stdin/stdout (a thin door into org.copper.lang.ide). */
final class LspCommand implements Command {
    @Override
    public String name() {
        return "lsp";
    }

    @Override
    public String summary() {
        return "run the language server (LSP over stdin/stdout) for editors";
    }

    @Override
    public String usage() {
        return """
                usage: ./copper lsp

                Speaks the Language Server Protocol over standard input and output for .cup and
                .cui files: diagnostics, completion, hover, go to definition, symbols, quick fixes.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageError {
        if (!args.isEmpty()) {
            throw new UsageError("lsp takes no arguments; see ./copper lsp --help");
        }
        try {
            CopperLanguageServer.serve(System.in, System.out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

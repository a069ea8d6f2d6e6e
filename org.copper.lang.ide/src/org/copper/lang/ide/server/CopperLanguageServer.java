package org.copper.lang.ide.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * The Copper language server for both file kinds ({@code .cup}, {@code .cui}), speaking LSP over
 * a pair of streams: stdio for {@code ./copper lsp} and the standalone jar.
 */
public final class CopperLanguageServer {
    private CopperLanguageServer() {}

    /** Xtext's server wiring with Copper's services: large-stack request threads, built-in files as locations. */
    public static Injector injector(Module... extra) {
        Module copper = Modules.override(new CopperServerModule()).with(extra);
        return Guice.createInjector(Modules.override(new ServerModule()).with(copper));
    }

    /**
     * Serves one client until it sends {@code exit} (the server process then ends) or closes the input.
     * Standard output must carry nothing but the protocol, so everything else printed goes to standard error.
     */
    public static void serve(InputStream in, OutputStream protocolOut) throws InterruptedException {
        System.setOut(new PrintStream(System.err, true));
        Injector injector = injector();
        LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
        ExecutorService messages = injector.getInstance(ExecutorService.class);
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(protocolOut)
                .setExecutorService(messages)
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            System.err.println("copper lsp: connection ended: " + e.getCause());
        } finally {
            messages.shutdownNow();
        }
    }

    /** Entry point of the standalone server jar. */
    public static void main(String[] args) throws InterruptedException {
        OutputStream protocolOut = System.out;
        // the parser, linker and validators recurse with the input's nesting: this thread gets room too
        Thread main = new Thread(null, () -> {
            try {
                serve(System.in, protocolOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "copper-lsp", LargeStackThreads.STACK_BYTES);
        main.start();
        main.join();
        System.exit(0);
    }
}

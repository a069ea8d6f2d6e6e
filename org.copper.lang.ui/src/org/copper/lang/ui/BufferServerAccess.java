package org.copper.lang.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;

/**
 * What Xtext's quick-fix resolutions ask of a language server, answered in process for one parsed
 * buffer: the "live" resource set is the buffer's own (so the fix sees the unsaved text), and the
 * client takes plain per-file edits. Nothing else is needed there; the rest is refused loudly.
 */
final class BufferServerAccess implements ILanguageServerAccess {
    private final ParsedBuffer buffer;

    BufferServerAccess(ParsedBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public ResourceSet newLiveScopeResourceSet(URI uri) {
        return buffer.resource.getResourceSet();
    }

    @Override
    public InitializeParams getInitializeParams() {
        InitializeParams params = new InitializeParams();
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setWorkspace(new WorkspaceClientCapabilities());
        params.setCapabilities(capabilities);
        return params;
    }

    @Override
    public <T> CompletableFuture<T> doRead(String uri, Function<Context, T> function) {
        throw unsupported();
    }

    @Override
    public <T> T doSyncRead(String uri, Function<Context, T> function) {
        throw unsupported();
    }

    @Override
    public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
        throw unsupported();
    }

    @Override
    public void addBuildListener(IBuildListener listener) {
        throw unsupported();
    }

    @Override
    public LanguageClient getLanguageClient() {
        throw unsupported();
    }

    @Override
    public InitializeResult getInitializeResult() {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("the Eclipse editor runs the language services without a language server");
    }
}

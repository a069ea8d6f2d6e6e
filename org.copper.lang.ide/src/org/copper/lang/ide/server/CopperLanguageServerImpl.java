package org.copper.lang.ide.server;

import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

/**
 * Xtext's server, with one gap closed: a client that supports no workspace folders and opened no
 * folder (no {@code rootUri}, no {@code rootPath}) made {@code initialize} fail with a
 * NullPointerException inside Xtext. Such a client now gets the server's working directory as its root.
 */
public class CopperLanguageServerImpl extends LanguageServerImpl {
    @Override
    protected URI getBaseDir(InitializeParams params) {
        URI dir = super.getBaseDir(params);
        return dir != null ? dir : URI.createFileURI(Path.of("").toAbsolutePath() + "/");
    }
}

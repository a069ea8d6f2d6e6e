package org.copper.lang.ide.server;

import java.util.concurrent.ExecutorService;

import org.eclipse.xtext.ide.server.IMultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

import com.google.inject.AbstractModule;

/** What the Copper server changes in Xtext's {@code ServerModule}. */
public class CopperServerModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ExecutorService.class).toProvider(LargeStackThreads.class);
        bind(IMultiRootWorkspaceConfigFactory.class).to(BuiltinAwareWorkspaceConfigFactory.class);
        bind(LanguageServerImpl.class).to(CopperLanguageServerImpl.class);
    }
}

package org.copper.lang.ide.server;

import java.util.List;

import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.xtext.ide.server.MultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.workspace.FileProjectConfig;
import org.eclipse.xtext.workspace.IWorkspaceConfig;
import org.eclipse.xtext.workspace.WorkspaceConfig;

/**
 * The client's folders plus one project holding copies of the built-in interfaces, so that a
 * client sent to {@code common.cui} by "go to definition" can open it and keep navigating.
 */
public class BuiltinAwareWorkspaceConfigFactory extends MultiRootWorkspaceConfigFactory {
    public static final String BUILTIN_PROJECT = "copper-builtin";

    @Override
    public IWorkspaceConfig getWorkspaceConfig(List<WorkspaceFolder> workspaceFolders) {
        WorkspaceConfig config = (WorkspaceConfig) super.getWorkspaceConfig(workspaceFolders);
        if (BuiltinFiles.folder() != null && config.findProjectByName(BUILTIN_PROJECT) == null) {
            FileProjectConfig builtins = new FileProjectConfig(BuiltinFiles.folderUri(), BUILTIN_PROJECT);
            builtins.addSourceFolder(".");
            config.addProject(builtins);
        }
        return config;
    }

}

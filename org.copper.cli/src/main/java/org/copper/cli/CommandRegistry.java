package org.copper.cli;

import picocli.AutoComplete;
import picocli.CommandLine;

/** The sub-commands of {@code ./copper}; each issue adds its own here. */
final class CommandRegistry {
    private CommandRegistry() {}

    static void register(CommandLine root) {
        root.addSubcommand(new CheckCommand());
        root.addSubcommand(new PlaceCommand());
        root.addSubcommand(new BuildCommand());
        root.addSubcommand(new DemoCommand());
        root.addSubcommand(new ExperimentCommand());
        root.addSubcommand(new ImportAlibabaCommand());
        root.addSubcommand(new LspCommand());
        root.addSubcommand(new TestbedCommand());
        root.addSubcommand(new CommandLine.HelpCommand());
        // `source <(./copper generate-completion)` gives bash/zsh completion of commands and options
        root.addSubcommand(new AutoComplete.GenerateCompletion());
    }
}

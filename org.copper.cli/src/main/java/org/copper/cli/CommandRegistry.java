package org.copper.cli;

import java.util.List;

/** The sub-commands beyond {@code check}; each issue adds its own here. */
final class CommandRegistry {
    private CommandRegistry() {}

    static void register(List<Command> commands) {
        commands.add(new PlaceCommand());
        commands.add(new ExperimentCommand());
        commands.add(new ImportAlibabaCommand());
        commands.add(new DemoCommand());
        commands.add(new BuildCommand());
        commands.add(new LspCommand());
    }
}

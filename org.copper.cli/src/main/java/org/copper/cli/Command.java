package org.copper.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of {@code ./copper}. */
public interface Command {
    /** The word after {@code ./copper}. */
    String name();

    /** One line for {@code ./copper --help}. */
    String summary();

    /** The full usage text for {@code ./copper NAME --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code
     * @throws UsageError for bad arguments or bad input files: printed as a message, exit code 2
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageError, java.io.IOException;
}

package org.copper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every sub-command shares: picocli fills its options, and it prints through the command line's writers. */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The prefix of this command's one-line messages, e.g. {@code copper place}. */
    String who() {
        return spec.qualifiedName();
    }
}

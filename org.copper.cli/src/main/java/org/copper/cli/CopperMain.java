package org.copper.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code ./copper}: picocli parses the command line and dispatches to the sub-commands. */
@Command(name = "copper", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = CopperMain.Version.class,
        description = "Copper policies placed by Wire on the fewest, cheapest sidecars.", commandListHeading = "%nCommands:%n",
        footer = "%n./copper COMMAND --help shows a command's options; docs/ has the user documentation.")
public final class CopperMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    public static void main(String[] args) throws InterruptedException {
        int[] code = { 3 };
        // Xtext's parser, linker and our tree walks recurse with the input's nesting: give them room.
        Thread worker = new Thread(null, () -> code[0] = run(List.of(args), System.out, System.err), "copper", 1L << 30);
        worker.start();
        worker.join();
        System.out.flush();
        System.exit(code[0]);
    }

    /** The command line wired to these streams: exit codes 0 ok, 1 errors in the input policies, 2 usage or bad files, 3 a bug of ours. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new CopperMain());
        CommandRegistry.register(cl);
        // after the sub-commands: picocli hands converters only to commands already added
        cl.registerConverter(Path.class, new UserPaths());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(CopperMain::usageProblem);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            String who = line.getCommandSpec().qualifiedName();
            PrintWriter w = line.getErr();
            if (e instanceof UsageError || e instanceof java.io.IOException) {
                w.println(who + ": " + e.getMessage());
                return 2;
            }
            if (e instanceof InvalidPathException ip) {
                w.println(who + ": " + ip.getInput().replace("\0", "\\0") + ": not a valid path");
                return 2;
            }
            // a bug of ours: say so plainly, one line, no stack trace
            w.println(who + ": internal error: " + e);
            return 3;
        });
        return cl;
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(out, err);
        try {
            return cl.execute(args.toArray(String[]::new));
        } catch (StackOverflowError e) {
            cl.getErr().println("copper: input nested too deeply to process");
            return 2;
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    private static int usageProblem(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter w = line.getErr();
        String who = line.getCommandSpec().qualifiedName();
        w.println(who + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, w);
        w.println("see ./" + who + " --help");
        return 2;
    }

    /** The version the build stamped into the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CopperMain.class.getPackage().getImplementationVersion();
            return new String[] { "copper " + (v == null ? "(development build)" : v) };
        }
    }
}

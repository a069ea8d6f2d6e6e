package org.copper.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Entry point of {@code ./copper}: dispatches to the sub-commands. */
public final class CopperMain {
    private static List<Command> commands() {
        List<Command> all = new ArrayList<>();
        all.add(new CheckCommand());
        CommandRegistry.register(all);
        return all;
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

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Command> commands = commands();
        if (args.isEmpty()) {
            err.println("usage: ./copper COMMAND [ARGS...]; ./copper --help lists the commands");
            return 2;
        }
        if (args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.println("usage: ./copper COMMAND [ARGS...]");
            out.println();
            out.println("commands:");
            for (Command c : commands) {
                out.printf("  %-16s %s%n", c.name(), c.summary());
            }
            out.println();
            out.println("./copper COMMAND --help shows a command's options.");
            return 0;
        }
        Command command = commands.stream().filter(c -> c.name().equals(args.get(0))).findFirst().orElse(null);
        if (command == null) {
            err.println("copper: unknown command '" + args.get(0) + "'; ./copper --help lists the commands");
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageError e) {
            err.println("copper " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("copper " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("copper " + command.name() + ": " + e.getInput().replace("\0", "\\0") + ": not a valid path");
            return 2;
        } catch (StackOverflowError e) {
            err.println("copper " + command.name() + ": input nested too deeply to process");
            return 2;
        } catch (RuntimeException e) {
            // a bug of ours: say so plainly, one line, no stack trace
            err.println("copper " + command.name() + ": internal error: " + e);
            return 3;
        }
    }
}

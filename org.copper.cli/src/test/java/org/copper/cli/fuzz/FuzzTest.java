package org.copper.cli.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.copper.cli.CopperMain;
import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.model.graph.GraphJsonReader;
import org.wire.model.graph.WireInputException;

/**
 * Fuzzing the front end, the graph reader and the option parsing in-process (issue 16). Seeded, so a
 * failure repeats. {@code -Dcopper.fuzz.count=N} sets the number of inputs (default 10,000; the long
 * mode is 1,000,000) and {@code -Dcopper.fuzz.seed=S} the seed. Any exception, a message showing
 * internals ({@code null}, a Java class, "Exception", "EValidator") or an exit code outside 0/1/2 fails;
 * the input, shrunk while it still fails, is saved under {@code target/fuzz-failures/}.
 */
class FuzzTest {
    /** Text a user must never see: internals of the JVM, EMF or Xtext. */
    static final Pattern INTERNALS = Pattern.compile(
            "\\bnull\\b|Exception|EValidator|\\borg\\.eclipse\\.|\\bjava\\.[a-z]+\\.|\\tat |internal error|a fault in Copper");

    @TempDir
    Path dir;

    @Test
    void hostileInputsEndInUserMessages() throws IOException {
        int count = Integer.getInteger("copper.fuzz.count", 10_000);
        long seed = Long.getLong("copper.fuzz.seed", 20261206L);
        FuzzInputs inputs = new FuzzInputs(seed);
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("copper.examples", "../examples")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cup") || p.toString().endsWith(".json")).sorted().toList()) {
                examples.add(Files.readString(f));
            }
        }
        int frontEnd = 0, graphs = 0, commandLines = 0;
        for (int i = 0; i < count; i++) {
            int kind = inputs.random().nextInt(10);
            if (kind < 6) {
                String text = switch (inputs.random().nextInt(4)) {
                    case 0 -> inputs.policyFile();
                    case 1 -> inputs.mutate(inputs.policyFile());
                    case 2 -> inputs.mutate(inputs.interfaceFile());
                    default -> inputs.mutate(examples.get(inputs.random().nextInt(examples.size())));
                };
                String name = kind == 5 && inputs.random().nextBoolean() ? "f.cui" : "f.cup";
                check(i, name, text, this::frontEndProblem);
                frontEnd++;
            } else if (kind < 8) {
                String json = inputs.random().nextBoolean() ? inputs.graph() : inputs.mutate(inputs.random().nextBoolean() ? inputs.graph()
                        : examples.stream().filter(e -> e.startsWith("{")).findFirst().orElse("{}"));
                check(i, "g.json", json, FuzzTest::graphProblem);
                graphs++;
            } else {
                Path file = write("a.cup", inputs.policyFile());
                Path graph = write("g.json", inputs.graph());
                List<String> args = inputs.arguments(file.toString(), graph.toString());
                String problem = commandLineProblem(args);
                if (problem != null) {
                    fail("input #" + i + ": " + problem + "\nargs: " + args);
                }
                commandLines++;
            }
        }
        System.out.printf("fuzz: %d inputs (seed %d): %d front end, %d graphs, %d command lines, 0 failures%n", count, seed, frontEnd, graphs,
                commandLines);
    }

    private void check(int i, String name, String text, Predicate<String> fails) throws IOException {
        currentName = name;
        if (!fails.test(text)) {
            return;
        }
        String small = shrink(text, fails);
        Path saved = Path.of("target", "fuzz-failures", "input-" + i + "-" + name);
        Files.createDirectories(saved.getParent());
        Files.write(saved, small.getBytes(StandardCharsets.UTF_8));
        fail("input #" + i + " (" + name + ") fails: " + lastProblem + "\nsaved, shrunk, as " + saved.toAbsolutePath() + ":\n" + small);
    }

    private String currentName;
    private String lastProblem;

    private boolean frontEndProblem(String text) {
        try {
            Path file = write(currentName, text);
            for (CopperDiagnostic d : CopperWorkspace.load(List.of(file)).diagnostics()) {
                if (d.message() == null || INTERNALS.matcher(d.message()).find() || d.line() < 1 || d.column() < 1) {
                    lastProblem = d.format();
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            lastProblem = e.toString();
            return true;
        }
    }

    private static boolean graphProblem(String json) {
        try {
            GraphJsonReader.parse("g.json", "g", new StringReader(json));
            return false;
        } catch (WireInputException e) {
            return e.getMessage() == null || INTERNALS.matcher(e.getMessage()).find();
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }

    private static String commandLineProblem(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = CopperMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError e) {
            return "exception " + e;
        }
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        if (code < 0 || code > 2) {
            return "exit code " + code + ": " + all;
        }
        if (INTERNALS.matcher(all).find()) {
            return "internals in the output: " + all;
        }
        return null;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate from a cut emoji becomes '?'
        return file;
    }

    /** Removes lines, then characters, while the input still fails: a small case to read. */
    private static String shrink(String text, Predicate<String> fails) {
        String current = text;
        for (int chunk = Math.max(1, current.length() / 2); chunk >= 1; chunk /= 2) {
            for (int at = 0; at + chunk <= current.length();) {
                String candidate = current.substring(0, at) + current.substring(at + chunk);
                if (fails.test(candidate)) {
                    current = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        return current;
    }
}

package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated inputs: random token soups and mutations of real policies. Whatever the input, no
 * exception escapes and every diagnostic has a position inside the file.
 */
class RobustnessTest {
    static final String[] TOKENS = { "policy", "act", "using", "context", "import", "if", "else", "(", ")", "{", "}", "[", "]",
            ";", ",", "!", "&&", "||", "[Egress]", "[Ingress]", "Request", "Counter", "Sampler", "request", "c", "SetHeader",
            "RouteToVersion", "Deny", "Increment", "IsGreaterThan", "'frontend.*catalog'", "'a ->'", "'(('", "'*'", "\"x\"",
            "'\\q'", "1", "0.5", "true", "false", "\"common.cui\"", "\"missing.cui\"", "action", "state", "self", ":", "string",
            "int", "//c\n", "/* c */", "\n", "'", "\"", "é", "\u0000", "\uFEFF", "😀", "\r\n", "\t", "((((((((((", "))))",
            "99999999999", "'((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a'" };

    @TempDir
    Path dir;

    @Test
    void randomTokenSoupsAndMutationsNeverThrow() throws IOException {
        Random random = new Random(20261123L);
        List<String> seeds = new ArrayList<>();
        Path examples = Path.of(System.getProperty("copper.examples", "../examples"));
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cup")).sorted().toList()) {
                seeds.add(Files.readString(f));
            }
        }
        seeds.add(ParserTest.POLICIES);
        Path file = dir.resolve("fuzz.cup");
        int runs = 0;
        int withErrors = 0;
        for (int i = 0; i < 2500; i++) {
            String text = i % 2 == 0 ? soup(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            Files.writeString(file, text);
            List<CopperDiagnostic> ds;
            try {
                ds = CopperWorkspace.load(List.of(file)).diagnostics();
            } catch (RuntimeException e) {
                fail("exception on generated input #" + i + ":\n" + text, e);
                return;
            }
            int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
            for (CopperDiagnostic d : ds) {
                assertTrue(d.line() >= 1 && d.line() <= lines && d.column() >= 1, () -> "bad position " + d.format() + " in:\n" + text);
                assertTrue(d.message() != null && !d.message().isBlank(), d::format);
                // a validator that crashed is turned into this diagnostic by Xtext: it must never happen
                assertTrue(!d.message().contains("Error executing EValidator"), () -> d.format() + " in:\n" + text);
                int lineLength = text.split("\n", -1)[d.line() - 1].codePointCount(0, text.split("\n", -1)[d.line() - 1].length());
                assertTrue(d.column() <= lineLength + 1, () -> "column beyond the line: " + d.format() + " in:\n" + text);
            }
            runs++;
            if (!ds.isEmpty()) {
                withErrors++;
            }
        }
        assertTrue(runs == 2500 && withErrors > 1000, "most generated inputs must be rejected, got " + withErrors);
    }

    private static String soup(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(60);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(4) == 0 ? "\n" : " ");
        }
        return sb.toString();
    }

    private static String mutate(String seed, Random random) {
        StringBuilder sb = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(20)));
                default -> {
                    int from = random.nextInt(sb.length());
                    int to = Math.min(sb.length(), from + random.nextInt(30));
                    sb.insert(at, sb.substring(from, to));
                }
            }
        }
        return sb.toString();
    }
}

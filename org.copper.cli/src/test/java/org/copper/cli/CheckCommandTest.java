package org.copper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check command's contract: output format, exit codes, no stack traces. */
class CheckCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CopperMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void errorsArePrintedOnePerLineAndExitOne() throws IOException {
        Path bad = dir.resolve("bad.cup");
        Files.writeString(bad, "import \"common.cui\";\npolicy p (\n  act (Request r)\n  context ('a .*')\n) {\n  [Ingress]\n  Deny(r);\n}\n");
        Run r = run("check", dir.toString());
        assertEquals(1, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).matches(".*bad\\.cup:4:15: error: context pattern ends in '\\.\\*'.*"), lines.get(0));
    }

    @Test
    void cleanFilesExitZeroAndVerboseClassifies() throws IOException {
        Files.writeString(dir.resolve("ok.cup"), "import \"common.cui\";\npolicy p (\n  act (Request r)\n  context ('a b')\n) {\n  [Ingress]\n  Deny(r);\n}\n");
        Run quiet = run("check", dir.toString());
        assertEquals(0, quiet.code());
        assertEquals("", quiet.out());
        Run verbose = run("check", "--verbose", dir.toString());
        assertEquals(0, verbose.code());
        assertTrue(verbose.out().contains("ok.cup:2:8: info: policy 'p' is free (no state, only unannotated actions)"), verbose.out());
    }

    @Test
    void badArgumentsGiveAMessageNotATrace() {
        Run missing = run("check", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope: no such file or directory"), missing.err());
        assertTrue(!missing.err().contains("Exception") && !missing.err().contains("\tat "), missing.err());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("check").code());
        Run help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("check"), help.out());
    }
}

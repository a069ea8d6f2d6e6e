package org.copper.cli;

import static org.copper.cli.CheckCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command shares through picocli: help, usage errors, "no input", completion. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpOnStdoutAndExitsZero() {
        for (String command : new String[] { "check", "place", "build", "demo", "experiment", "import-alibaba", "lsp" }) {
            var r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().startsWith("Usage: copper " + command), command + ": " + r.out());
            assertEquals("", r.err(), command);
        }
        var top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("build ") && top.out().contains("generate-completion"), top.out());
    }

    @Test
    void usageErrorsNameTheProblemAndTheHelpAndExitTwo() {
        var unknown = run("place", "--graph", "g.json", "--bogus", "p.cup");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("copper place: Unknown option: '--bogus'"), unknown.err());
        assertTrue(unknown.err().contains("see ./copper place --help"), unknown.err());
        var missing = run("experiment", "--policy-set", "p1");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--graphs"), missing.err());
        var noCommand = run();
        assertEquals(2, noCommand.code());
        assertTrue(noCommand.err().contains("no command given"), noCommand.err());
        var typo = run("biuld");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("build"), "suggests the closest command: " + typo.err());
    }

    @Test
    void aPathThatCannotBeAPathIsAUsageErrorInEveryCommand() {
        for (String[] args : new String[][] { { "check", "a\0b" }, { "build", "a\0b" }, { "place", "--graph", "a\0b", "p.cup" },
                { "experiment", "--graphs", "a\0b", "--policy-set", "p1" } }) {
            var r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("a\\0b: not a valid path (contains a NUL character)"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void noInputExitsTwoForEveryCommand() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        var check = run("check", empty.toString());
        assertEquals(2, check.code(), check.err());
        assertTrue(check.err().contains("no .cup or .cui files under"), check.err());
        var experiment = run("experiment", "--graphs", empty.toString(), "--policy-set", "p1");
        assertEquals(2, experiment.code(), experiment.err());
        assertTrue(experiment.err().contains("no graph JSON files"), experiment.err());
        var build = run("build", empty.toString());
        assertEquals(2, build.code(), build.err());
        assertTrue(build.err().contains("no copper.json here"), build.err());
    }

    @Test
    void nonUtf8InputIsNamedWithLineAndColumn() throws IOException {
        Path graph = dir.resolve("g.json");
        Files.write(graph, "{\"services\": [\"a\",\n  \"b\u00ff\"]}".replace("\u00ff", "#").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(graph);
        bytes[new String(bytes, java.nio.charset.StandardCharsets.UTF_8).indexOf('#')] = (byte) 0xff;
        Files.write(graph, bytes);
        Files.writeString(dir.resolve("p.cup"), "import \"common.cui\";\npolicy p (act (Request r) context ('a b')) { [Ingress] Deny(r); }\n");
        var place = run("place", "--graph", graph.toString(), dir.resolve("p.cup").toString());
        assertEquals(2, place.code(), place.err());
        assertTrue(place.err().contains("g.json:2:5: not UTF-8 text (byte 0xFF)"), place.err());
        Path csv = dir.resolve("t.csv");
        byte[] trace = "traceid,rpcid,um,rpctype,dm\nt,0,a#,http,b\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        trace[trace.length - 9] = (byte) 0xc3; // the '#': a lead byte with no continuation
        Files.write(csv, trace);
        var imported = run("import-alibaba", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, imported.code(), imported.err());
        assertTrue(imported.err().contains("t.csv:2:6: not UTF-8 text"), imported.err());
        assertFalse(imported.err().contains("Input length"), imported.err());
    }

    @Test
    void completionScriptCoversCommandsAndOptions() {
        var r = run("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
        for (String word : new String[] { "build", "place", "--dataplanes", "--require-sidecar" }) {
            assertTrue(r.out().contains(word), word);
        }
        assertFalse(r.out().contains("Exception"));
    }
}

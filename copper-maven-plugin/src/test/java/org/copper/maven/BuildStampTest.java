package org.copper.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.copper.build.OutputDirectory;
import org.copper.build.ProjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wire.deploy.FileTree;

/** The up-to-date check: the same inputs and untouched outputs, and nothing else, skip a build. */
class BuildStampTest {
    @TempDir
    Path tmp;

    private ProjectFile project() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/main/copper/shop"));
        Files.writeString(src.getParent().resolve("graph.json"), "{\"services\": [\"a\", \"b\"], \"edges\": [[\"a\", \"b\"]]}");
        Files.writeString(src.getParent().resolve("copper.json"), "{\"graph\": \"graph.json\"}");
        Files.writeString(src.resolve("p.cup"), "policy one");
        return ProjectFile.read(src.getParent());
    }

    private static String inputs(ProjectFile p, String... settings) {
        return BuildStamp.inputs(p, p.dir(), settings.length == 0 ? List.of("dataplanes=null") : List.of(settings), List.of());
    }

    @Test
    void inputsChangeWithEveryInputAndOnlyWithThem() throws Exception {
        ProjectFile p = project();
        String before = inputs(p);
        assertEquals(before, inputs(p));

        Files.writeString(p.dir().resolve("notes.md"), "not a Copper file");
        assertEquals(before, inputs(p));

        Path policy = p.dir().resolve("shop/p.cup");
        Files.writeString(policy, "policy two");
        assertNotEquals(before, inputs(p));
        Files.writeString(policy, "policy one");
        assertEquals(before, inputs(p));

        Files.writeString(p.dir().resolve("shop/q.cui"), "interface");
        assertNotEquals(before, inputs(p));
        Files.delete(p.dir().resolve("shop/q.cui"));

        Files.writeString(p.graph(), "{\"services\": [\"a\"]}");
        assertNotEquals(before, inputs(p));
        Files.writeString(p.graph(), "{\"services\": [\"a\", \"b\"], \"edges\": [[\"a\", \"b\"]]}");
        assertEquals(before, inputs(p));

        Files.writeString(p.serviceIds(), "{\"a\": 1}");
        assertNotEquals(before, inputs(p));
        Files.delete(p.serviceIds());

        assertNotEquals(before, inputs(p, "dataplanes=haproxy=2"));
        assertEquals(before, inputs(p));
    }

    @Test
    void upToDateOnlyWhenEveryOutputFileIsAsWritten() throws Exception {
        ProjectFile p = project();
        String in = inputs(p);
        Path out = tmp.resolve("target/copper");
        FileTree files = new FileTree();
        files.put("placement.json", "{}");
        files.put("haproxy/a/haproxy.cfg", "global\n");

        assertFalse(BuildStamp.upToDate(out, in), "nothing built yet");
        OutputDirectory.replace(out, files);
        assertFalse(BuildStamp.upToDate(out, in), "an output without a stamp (./copper build's) is rebuilt");
        BuildStamp.write(out, files, in);
        assertTrue(BuildStamp.upToDate(out, in));
        assertFalse(BuildStamp.upToDate(out, inputs(p, "dataplanes=haproxy=2")));
        assertFalse(BuildStamp.upToDate(out, null), "unreadable inputs never count as up to date");

        Path cfg = out.resolve("haproxy/a/haproxy.cfg");
        Files.writeString(cfg, "edited by hand\n");
        assertFalse(BuildStamp.upToDate(out, in));
        Files.writeString(cfg, "global\n");
        assertTrue(BuildStamp.upToDate(out, in));

        Files.delete(out.resolve("placement.json"));
        assertFalse(BuildStamp.upToDate(out, in));
        Files.writeString(out.resolve("placement.json"), "{}");
        assertTrue(BuildStamp.upToDate(out, in));

        Files.writeString(out.resolve("extra.txt"), "");
        assertFalse(BuildStamp.upToDate(out, in));
        Files.delete(out.resolve("extra.txt"));
        assertTrue(BuildStamp.upToDate(out, in));
    }
}

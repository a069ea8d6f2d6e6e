package org.wire.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphJsonReaderTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("g.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsGraphIgnoringUnknownFieldsAndCollapsingDuplicateEdges() throws Exception {
        ServiceGraph g = GraphJsonReader.read(write("{\"services\": [\"b\", \"a\", \"db\"], \"edges\": [[\"a\",\"b\"],[\"a\",\"b\"],[\"b\",\"db\"]],"
                + " \"databases\": [\"db\"], \"comment\": {\"x\": 1}}"));
        assertEquals(List.of("a", "b", "db"), g.services());
        assertEquals(2, g.edgeCount());
        assertTrue(g.isDatabase(g.indexOf("db")));
        assertEquals("g", g.name());
        assertEquals(1, g.entries().length);
        ServiceGraph again = GraphJsonReader.parse("x", "g", new java.io.StringReader(GraphJsonWriter.toJson(g)));
        assertEquals(GraphJsonWriter.toJson(g), GraphJsonWriter.toJson(again));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"services\": [\"a\"], \"edges\": [[\"a\", \"zz\"]]}|undeclared service 'zz'",
            "{\"services\": [\"a\", \"a\"], \"edges\": []}|duplicate service 'a'",
            "{\"services\": [], \"edges\": []}|empty graph",
            "{\"edges\": []}|missing \"services\"",
            "{\"services\": [\"a\"], \"edges\": [[\"a\"]]}|edges[0] must be a pair",
            "{\"services\": [\"a\"], \"databases\": [\"q\"]}|database 'q'",
            "{\"services\": [\"a\",}|malformed JSON",
            "[1, 2]|must be a JSON object"})
    void badInputIsAClearError(String json, String expected) throws Exception {
        Path f = write(json);
        WireInputException e = assertThrows(WireInputException.class, () -> GraphJsonReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path f = write("{\n  \"services\": [\"a\"\n  \"b\"]\n}");
        WireInputException e = assertThrows(WireInputException.class, () -> GraphJsonReader.read(f));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        WireInputException e = assertThrows(WireInputException.class, () -> GraphJsonReader.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}

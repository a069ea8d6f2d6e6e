package org.copper.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** placement.json of every example build follows the documented JSON Schema (docs/placement.schema.json). */
class PlacementSchemaTest {
    private static final Path SCHEMA = BuildPipelineTest.EXAMPLES.resolveSibling("docs").resolve("placement.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(SCHEMA.toFile()));
    }

    private static Set<String> problems(JsonSchema schema, JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (ValidationMessage m : schema.validate(doc)) {
            out.add(m.getMessage());
        }
        return out;
    }

    @Test
    void everyExampleBuildWritesAPlacementTheSchemaAccepts() throws Exception {
        JsonSchema schema = schema();
        for (String app : new String[] { "online-boutique", "hotel-reservation", "social-network" }) {
            for (String dataplanes : new String[] { null, "haproxy=1" }) {
                var r = BuildPipeline.build(BuildPipelineTest.EXAMPLES.resolve(app), dataplanes, tmp.resolve(app));
                JsonNode doc = JSON.readTree(r.files().files().get("placement.json"));
                assertEquals(Set.of(), problems(schema, doc), app);
            }
        }
    }

    @Test
    void aLoadAwarePlacementWithItsSidecarCostsIsAccepted() throws Exception {
        Path dir = tmp.resolve("loaded");
        Files.createDirectories(dir);
        for (String f : new String[] { "graph.json", "policies.cup" }) {
            Files.copy(BuildPipelineTest.EXAMPLES.resolve("online-boutique").resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("copper.json"), BuildPipelineTest.LOAD_AWARE_BOUTIQUE);
        JsonNode doc = JSON.readTree(BuildPipeline.build(dir, null, null).files().files().get("placement.json"));
        assertFalse(doc.get("sidecar_costs").isEmpty());
        assertEquals(Set.of(), problems(schema(), doc));
        ObjectNode missingPart = doc.deepCopy();
        ((ObjectNode) missingPart.get("sidecar_costs").elements().next()).remove("per_load");
        assertFalse(problems(schema(), missingPart).isEmpty(), "a sidecar cost without its per-load part");
    }

    @Test
    void theSchemaRejectsWhatTheDocumentationRulesOut() throws Exception {
        JsonSchema schema = schema();
        var r = BuildPipeline.build(BuildPipelineTest.EXAMPLES.resolve("online-boutique"), null, tmp.resolve("ob"));
        ObjectNode doc = (ObjectNode) JSON.readTree(r.files().files().get("placement.json"));
        ObjectNode unknownKey = doc.deepCopy();
        unknownKey.put("surprise", 1);
        assertFalse(problems(schema, unknownKey).isEmpty(), "an unknown top-level key");
        ObjectNode badKind = doc.deepCopy();
        ((ObjectNode) badKind.get("policies").elements().next()).put("kind", "sometimes");
        assertFalse(problems(schema, badKind).isEmpty(), "a policy kind outside free/pinned");
        ObjectNode negative = doc.deepCopy();
        negative.put("cost", -1);
        assertFalse(problems(schema, negative).isEmpty(), "a negative cost");
    }
}

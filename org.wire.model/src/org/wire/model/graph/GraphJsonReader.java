package org.wire.model.graph;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

/**
 * Reads a service graph in the JSON form of spec §8:
 * {@code {"services": [...], "edges": [["a","b"], ...], "databases": [...], "load": {"a": 120}}}; {@code load} is
 * optional (a service's load for the load-aware cost, {@link org.wire.model.SidecarCost}; 0 when not given).
 * Unknown fields are ignored and duplicate edges collapse; everything else that is wrong is a
 * {@link WireInputException} naming the file and the offending value.
 */
public final class GraphJsonReader {
    private GraphJsonReader() {}

    /** CLI entry point: reads and validates {@code file}; the graph is named after the file (without {@code .json}). */
    public static ServiceGraph read(Path file) throws WireInputException {
        String text;
        try {
            text = org.wire.model.io.Utf8Text.decode(Files.readAllBytes(file), file.toString());
        } catch (IllegalArgumentException e) {
            throw new WireInputException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new WireInputException(file + ": no such file");
        } catch (IOException e) {
            throw new WireInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (name.equals("graph") && file.toAbsolutePath().getParent() != null && file.toAbsolutePath().getParent().getFileName() != null) {
            name = file.toAbsolutePath().getParent().getFileName().toString(); // examples/<app>/graph.json
        }
        return parse(file.toString(), name, new StringReader(text));
    }

    /** Parses graph JSON from a reader; {@code origin} names the input in messages. */
    public static ServiceGraph parse(String origin, String graphName, Reader reader) throws WireInputException {
        JsonElement root;
        try {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(json);
        } catch (JsonParseException e) {
            String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            // Gson suggests its lenient mode, which is advice for programmers, not for our users
            String plain = firstLine(msg).replaceAll("Use JsonReader\\.setStrictness\\([^)]*\\) to accept malformed JSON ", "");
            throw new WireInputException(origin + ": malformed JSON: " + plain, e);
        }
        if (!root.isJsonObject()) {
            throw new WireInputException(origin + ": a service graph must be a JSON object with \"services\" and \"edges\"");
        }
        JsonObject obj = root.getAsJsonObject();
        List<String> services = strings(origin, obj, "services", true);
        List<String> databases = strings(origin, obj, "databases", false);
        List<List<String>> edges = new ArrayList<>();
        JsonElement edgesEl = obj.get("edges");
        if (edgesEl != null && !edgesEl.isJsonNull()) {
            if (!edgesEl.isJsonArray()) {
                throw new WireInputException(origin + ": \"edges\" must be an array of [source, destination] pairs");
            }
            int i = 0;
            for (JsonElement e : edgesEl.getAsJsonArray()) {
                if (!e.isJsonArray() || e.getAsJsonArray().size() != 2 || !isString(e.getAsJsonArray().get(0)) || !isString(e.getAsJsonArray().get(1))) {
                    throw new WireInputException(origin + ": edges[" + i + "] must be a pair of service names, got " + e);
                }
                JsonArray pair = e.getAsJsonArray();
                edges.add(List.of(pair.get(0).getAsString(), pair.get(1).getAsString()));
                i++;
            }
        }
        if (services.isEmpty()) {
            throw new WireInputException(origin + ": empty graph: \"services\" lists no service");
        }
        java.util.Map<String, Long> loads = loads(origin, obj);
        try {
            return ServiceGraph.of(graphName, services, edges, databases).withLoads(loads);
        } catch (IllegalArgumentException e) {
            throw new WireInputException(origin + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(String origin, JsonObject obj, String field, boolean required) throws WireInputException {
        JsonElement el = obj.get(field);
        if (el == null || el.isJsonNull()) {
            if (required) {
                throw new WireInputException(origin + ": missing \"" + field + "\"");
            }
            return List.of();
        }
        if (!el.isJsonArray()) {
            throw new WireInputException(origin + ": \"" + field + "\" must be an array of service names");
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonElement e : el.getAsJsonArray()) {
            if (!isString(e)) {
                throw new WireInputException(origin + ": " + field + "[" + i + "] must be a service name string, got " + e);
            }
            out.add(e.getAsString());
            i++;
        }
        return out;
    }

    private static java.util.Map<String, Long> loads(String origin, JsonObject obj) throws WireInputException {
        JsonElement el = obj.get("load");
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        if (el == null || el.isJsonNull()) {
            return out;
        }
        if (!el.isJsonObject()) {
            throw new WireInputException(origin + ": \"load\" must be an object from service name to load, got " + el);
        }
        for (java.util.Map.Entry<String, JsonElement> e : el.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !org.wire.model.SidecarCost.isPart(v.getAsBigDecimal())) {
                throw new WireInputException(origin + ": load." + e.getKey() + ": must be a whole number from 0 to "
                        + org.wire.model.SidecarCost.MAX_PART + ", got " + v);
            }
            out.put(e.getKey(), v.getAsLong());
        }
        return out;
    }


    private static boolean isString(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

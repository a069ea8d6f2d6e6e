package org.copper.build;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.model.SidecarCost;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A policy project's {@code copper.json} (docs/project-file.md). Every field is optional except {@code graph}:
 * <pre>
 * {"graph": "graph.json", "dataplanes": {"haproxy": 1}, "namespace": "default", "traceHeader": "traceparent",
 *  "requireSidecar": [], "forbidSidecar": [], "serviceIds": "service-ids.json",
 *  "endpoints": {"port": 8080, "appPort": 8081, "services": {"frontend": {"host": "frontend", "port": 80, "appPort": 8080}}},
 *  "load": {"frontend": 5000}}
 * </pre>
 * A dataplane's cost may follow load: {@code "istio": {"cost": 10, "perLoad": 2}} costs 10 + 2 × the service's load
 * per sidecar; {@code load} sets services' loads (over those in the graph file).
 * Relative paths in it are relative to {@code dir}, the file's directory.
 */
public record ProjectFile(Path file, Path dir, Path graph, SortedMap<String, Long> dataplanes, String namespace, String traceHeader,
        List<String> requireSidecar, List<String> forbidSidecar, Path serviceIds, int defaultPort, int defaultAppPort,
        SortedMap<String, EndpointEntry> endpoints, SortedMap<String, Long> perLoad, SortedMap<String, Long> load) {

    public static final String FILE_NAME = "copper.json";

    /** One service's entry under {@code endpoints.services}; null fields take the defaults. */
    public record EndpointEntry(String host, Integer port, Integer appPort) {}

    /** Costs are summed over every service of a graph: keep the sum far from overflowing a long. */
    static final long MAX_COST = SidecarCost.MAX_PART;

    /** A path named in the project file, relative to its directory; one that cannot be a path names the field. */
    private static Path path(Path file, Path dir, String field, String value) throws BuildException {
        try {
            return dir.resolve(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BuildException(file + ": " + field + ": '" + value.replace("\0", "\\0") + "' is not a valid path");
        }
    }

    /** The {@code copper.json} in {@code dir}. */
    public static ProjectFile read(Path dir) throws BuildException {
        return read(dir.resolve(FILE_NAME), null);
    }

    /**
     * A project file of any name (the Maven plugin's {@code projectFile}).
     *
     * @param graph null, or the graph to use instead of the file's {@code graph}; then the file may be missing
     *              and every field takes its default
     */
    public static ProjectFile read(Path file, Path graph) throws BuildException {
        Path dir = file.getParent() == null ? Path.of("") : file.getParent();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            if (graph != null) {
                text = "{}";
            } else {
                throw new BuildException(file + ": no project file here (a policy project holds " + FILE_NAME + ", see docs/project-file.md)");
            }
        } catch (CharacterCodingException e) {
            throw new BuildException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BuildException(file + ": cannot read: " + e.getMessage());
        }
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new BuildException(file + ": expected a JSON object");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            // gson wraps the reader's exception and appends a troubleshooting link: keep the position only
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new BuildException(file + ": not valid JSON: " + why.lines().findFirst().orElse("").replaceFirst("^[\\w.]+Exception: ", ""));
        }
        Fields f = new Fields(file, root, "");
        f.known("graph", "dataplanes", "namespace", "traceHeader", "requireSidecar", "forbidSidecar", "serviceIds", "endpoints", "load");
        String graphField = f.string("graph", null, graph == null);
        Path graphPath = graph != null ? graph : path(file, dir, "graph", graphField);
        TreeMap<String, Long> dataplanes = new TreeMap<>();
        TreeMap<String, Long> perLoad = new TreeMap<>();
        JsonObject dps = f.object("dataplanes");
        if (dps == null) {
            dataplanes.put("haproxy", 1L);
        } else {
            for (Map.Entry<String, JsonElement> e : dps.entrySet()) {
                JsonElement v = e.getValue();
                String field = "dataplanes." + e.getKey();
                if (v.isJsonObject()) {
                    // {"cost": 10, "perLoad": 2}: a sidecar costs 10 + 2 × its service's load
                    Fields df = new Fields(file, v.getAsJsonObject(), field + ".");
                    df.known("cost", "perLoad");
                    dataplanes.put(e.getKey(), df.whole("cost", 1, "the cost"));
                    long pl = df.whole("perLoad", 0, "the cost per unit of load");
                    if (pl != 0) {
                        perLoad.put(e.getKey(), pl);
                    }
                    continue;
                }
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !SidecarCost.isPart(v.getAsBigDecimal())) {
                    throw new BuildException(file + ": " + field + ": the cost must be a whole number from 0 to " + MAX_COST
                            + " (or {\"cost\": n, \"perLoad\": n}), got " + v);
                }
                dataplanes.put(e.getKey(), v.getAsLong());
            }
            if (dataplanes.isEmpty()) {
                throw new BuildException(file + ": dataplanes: offers no dataplane");
            }
        }
        String namespace = f.string("namespace", "default", false);
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new BuildException(file + ": namespace: '" + namespace + "' is not a Kubernetes namespace name");
        }
        String traceHeader = f.string("traceHeader", "traceparent", false);
        if (!traceHeader.matches("[a-z0-9-]{1,32}")) {
            throw new BuildException(file + ": traceHeader: '" + traceHeader + "' must be a lower-case header name of at most 32 characters");
        }
        Path ids = path(file, dir, "serviceIds", f.string("serviceIds", "service-ids.json", false));
        int port = 8080, appPort = 8081;
        TreeMap<String, EndpointEntry> endpoints = new TreeMap<>();
        JsonObject eps = f.object("endpoints");
        if (eps != null) {
            Fields ef = new Fields(file, eps, "endpoints.");
            ef.known("port", "appPort", "services");
            port = ef.port("port", 8080);
            appPort = ef.port("appPort", 8081);
            JsonObject services = ef.object("services");
            if (services != null) {
                for (Map.Entry<String, JsonElement> e : services.entrySet()) {
                    if (!e.getValue().isJsonObject()) {
                        throw new BuildException(file + ": endpoints.services." + e.getKey() + ": expected an object");
                    }
                    Fields sf = new Fields(file, e.getValue().getAsJsonObject(), "endpoints.services." + e.getKey() + ".");
                    sf.known("host", "port", "appPort");
                    endpoints.put(e.getKey(), new EndpointEntry(sf.string("host", null, false), sf.optionalPort("port"), sf.optionalPort("appPort")));
                }
            }
        }
        TreeMap<String, Long> load = new TreeMap<>();
        JsonObject loads = f.object("load");
        if (loads != null) {
            Fields lf = new Fields(file, loads, "load.");
            for (String service : loads.keySet()) {
                load.put(service, lf.whole(service, 0, "a load"));
            }
        }
        return new ProjectFile(file, dir, graphPath, dataplanes, namespace, traceHeader, f.strings("requireSidecar"), f.strings("forbidSidecar"), ids, port,
                appPort, endpoints, perLoad, load);
    }

    /** Typed access to one object's fields, with messages naming the file and the field's path. */
    private record Fields(Path file, JsonObject object, String prefix) {
        void known(String... names) throws BuildException {
            TreeSet<String> allowed = new TreeSet<>(List.of(names));
            for (String key : object.keySet()) {
                if (!allowed.contains(key)) {
                    throw new BuildException(file + ": " + prefix + key + ": unknown field (known: " + String.join(", ", allowed) + ")");
                }
            }
        }

        String string(String name, String fallback, boolean required) throws BuildException {
            JsonElement v = object.get(name);
            if (v == null) {
                if (required) {
                    throw new BuildException(file + ": " + prefix + name + ": missing (required)");
                }
                return fallback;
            }
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString() || v.getAsString().isEmpty()) {
                throw new BuildException(file + ": " + prefix + name + ": expected a non-empty string, got " + v);
            }
            return v.getAsString();
        }

        JsonObject object(String name) throws BuildException {
            JsonElement v = object.get(name);
            if (v == null) {
                return null;
            }
            if (!v.isJsonObject()) {
                throw new BuildException(file + ": " + prefix + name + ": expected an object, got " + v);
            }
            return v.getAsJsonObject();
        }

        List<String> strings(String name) throws BuildException {
            JsonElement v = object.get(name);
            List<String> out = new ArrayList<>();
            if (v == null) {
                return out;
            }
            if (!v.isJsonArray()) {
                throw new BuildException(file + ": " + prefix + name + ": expected an array of service names, got " + v);
            }
            for (JsonElement e : v.getAsJsonArray()) {
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw new BuildException(file + ": " + prefix + name + ": expected service names, got " + e);
                }
                out.add(e.getAsString());
            }
            return out;
        }

        /** A whole number from 0 to {@link #MAX_COST} ({@code what} names it in the message), or the fallback when absent. */
        long whole(String name, long fallback, String what) throws BuildException {
            JsonElement v = object.get(name);
            if (v == null) {
                return fallback;
            }
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || !SidecarCost.isPart(v.getAsBigDecimal())) {
                throw new BuildException(file + ": " + prefix + name + ": " + what + " must be a whole number from 0 to " + MAX_COST + ", got " + v);
            }
            return v.getAsLong();
        }

        Integer optionalPort(String name) throws BuildException {
            return object.has(name) ? port(name, 0) : null;
        }

        int port(String name, int fallback) throws BuildException {
            JsonElement v = object.get(name);
            if (v == null) {
                return fallback;
            }
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() || v.getAsDouble() != Math.rint(v.getAsDouble()) || v.getAsInt() < 1
                    || v.getAsInt() > 65535) {
                throw new BuildException(file + ": " + prefix + name + ": expected a port number 1..65535, got " + v);
            }
            return v.getAsInt();
        }
    }

}

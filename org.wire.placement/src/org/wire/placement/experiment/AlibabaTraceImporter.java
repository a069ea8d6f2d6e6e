package org.wire.placement.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.wire.model.io.AtomicFiles;
import org.wire.model.graph.GraphJsonWriter;
import org.wire.model.graph.ServiceGraph;
import org.wire.model.graph.WireInputException;

/**
 * Turns an Alibaba microservices call-graph trace into one service-graph JSON per application.
 * <ul>
 * <li>v2021 {@code MSCallGraph}: columns {@code timestamp, traceid, rpcid, um, rpctype, interface, dm, rt}
 *     (optionally preceded by an unnamed index column). It has no application column, so a trace belongs to
 *     the application named after its root caller: the {@code um} of its shallowest {@code rpcid}.</li>
 * <li>v2022 {@code CallGraph}: has a {@code service} column (and {@code rpc_id}); the application is that.</li>
 * </ul>
 * The layout is detected from the header. Calls whose {@code rpctype} is {@code db} or {@code mc} mark the
 * callee as a database. Rows whose caller or callee is unknown ({@code UNKNOWN}, {@code UNAVAILABLE}, {@code ?},
 * empty, or the external caller {@code USER}) are skipped, as are self-calls (they would hide entry services). Names are sanitised to
 * {@code [A-Za-z0-9_-]} so that they can appear in context patterns. Each graph's {@code load} gives, per service,
 * the call rows naming it as callee (external USER calls and self-calls included), the load of the load-aware cost
 * ({@link org.wire.model.SidecarCost}). The whole file is read and checked
 * before anything is written; each output file is written atomically.
 */
public final class AlibabaTraceImporter {
    private static final Set<String> UNKNOWN = Set.of("", "unknown", "unavailable", "?", "nan", "null", "(?)");

    private AlibabaTraceImporter() {}

    private static final class App {
        final Set<String> services = new TreeSet<>();
        final Set<List<String>> edges = new java.util.LinkedHashSet<>();
        final Set<String> databases = new TreeSet<>();
        /** Callee → the call rows naming it (its load): external calls (USER) and self-calls included. */
        final Map<String, Long> calls = new TreeMap<>();
    }

    private static final class Trace {
        String rootRpc;
        String rootUm;
        final App calls = new App();
    }

    /**
     * @return the graph files written, in name order
     * @throws WireInputException on a missing/unknown header or a bad line (naming the file and line number)
     */
    private static void requireUtf8(Path csv, int lineNo, String line) throws WireInputException {
        int bad = line.indexOf('\uFFFD');
        if (bad >= 0) {
            throw new WireInputException(csv + ":" + lineNo + ":" + (bad + 1) + ": not UTF-8 text");
        }
    }

    public static List<Path> importCsv(Path csv, Path outDir) throws WireInputException {
        Map<String, App> apps = new TreeMap<>();
        Map<String, Trace> traces = new HashMap<>();
        // malformed bytes become U+FFFD, reported with their line below (traces are too large to decode up front)
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(csv),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)))) {
            String header = in.readLine();
            if (header == null) {
                throw new WireInputException(csv + ": empty file, expected a call-graph CSV header");
            }
            requireUtf8(csv, 1, header);
            List<String> cols = split(header).stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
            int um = col(cols, csv, "um"), dm = col(cols, csv, "dm"), rpctype = col(cols, csv, "rpctype"), trace = col(cols, csv, "traceid");
            int service = cols.indexOf("service");
            int rpcid = cols.contains("rpcid") ? cols.indexOf("rpcid") : cols.indexOf("rpc_id");
            if (service < 0 && rpcid < 0) {
                throw new WireInputException(csv + ": header has neither 'service' (v2022) nor 'rpcid' (v2021): " + header);
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                requireUtf8(csv, lineNo, line);
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = split(line);
                if (f.size() != cols.size()) {
                    throw new WireInputException(csv + ":" + lineNo + ": expected " + cols.size() + " columns, found " + f.size() + ": " + abbreviate(line));
                }
                String caller = f.get(um).strip(), callee = f.get(dm).strip();
                boolean unknownCaller = UNKNOWN.contains(caller.toLowerCase(Locale.ROOT)) || caller.equalsIgnoreCase("USER");
                boolean unknownCallee = UNKNOWN.contains(callee.toLowerCase(Locale.ROOT));
                String type = f.get(rpctype).strip().toLowerCase(Locale.ROOT);
                App target;
                if (service >= 0) {
                    String app = f.get(service).strip();
                    if (UNKNOWN.contains(app.toLowerCase(Locale.ROOT))) {
                        throw new WireInputException(csv + ":" + lineNo + ": empty or unknown 'service' value: " + abbreviate(line));
                    }
                    target = apps.computeIfAbsent(sanitize(app), k -> new App());
                } else {
                    String traceId = f.get(trace).strip();
                    String rpc = f.get(rpcid).strip();
                    if (traceId.isEmpty() || rpc.isEmpty()) {
                        throw new WireInputException(csv + ":" + lineNo + ": empty traceid or rpcid: " + abbreviate(line));
                    }
                    Trace t = traces.computeIfAbsent(traceId, k -> new Trace());
                    // the root row's caller names the application; an external caller (USER) hands that to its callee
                    String root = unknownCaller ? (unknownCallee ? null : callee) : caller;
                    if (root != null && (t.rootRpc == null || shallower(rpc, t.rootRpc))) {
                        t.rootRpc = rpc;
                        t.rootUm = sanitize(root);
                    }
                    target = t.calls;
                }
                if (!unknownCallee) {
                    target.calls.merge(sanitize(callee), 1L, Long::sum);
                }
                if (unknownCaller || unknownCallee) {
                    continue;
                }
                caller = sanitize(caller);
                callee = sanitize(callee);
                target.services.add(caller);
                target.services.add(callee);
                if (!caller.equals(callee)) {
                    target.edges.add(List.of(caller, callee));
                }
                if (type.equals("db") || type.equals("mc")) {
                    target.databases.add(callee);
                }
            }
        } catch (IOException e) {
            throw new WireInputException(csv + ": cannot read: " + e.getMessage(), e);
        }
        for (Trace t : traces.values()) {
            if (t.rootUm == null) {
                continue;
            }
            App app = apps.computeIfAbsent(t.rootUm, k -> new App());
            app.services.addAll(t.calls.services);
            app.edges.addAll(t.calls.edges);
            app.databases.addAll(t.calls.databases);
            t.calls.calls.forEach((callee, n) -> app.calls.merge(callee, n, Long::sum));
        }
        if (apps.isEmpty()) {
            throw new WireInputException(csv + ": no usable calls (every row had an unknown caller or callee)");
        }
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            for (var e : apps.entrySet()) {
                App a = e.getValue();
                List<List<String>> edges = new ArrayList<>(a.edges);
                edges.sort(java.util.Comparator.comparing((List<String> x) -> x.get(0)).thenComparing(x -> x.get(1)));
                Map<String, Long> load = new TreeMap<>(a.calls);
                load.keySet().retainAll(a.services); // a callee reached only from unknown callers is not in the graph
                ServiceGraph g;
                try {
                    g = ServiceGraph.of(e.getKey(), a.services, edges, a.databases).withLoads(load);
                } catch (IllegalArgumentException tooMany) {
                    throw new WireInputException(csv + ": application " + e.getKey() + ": " + tooMany.getMessage());
                }
                Path out = outDir.resolve(e.getKey() + ".json");
                AtomicFiles.writeString(out, GraphJsonWriter.toJson(g));
                written.add(out);
            }
        } catch (IOException e) {
            throw new WireInputException(outDir + ": cannot write graph: " + e.getMessage(), e);
        }
        return written;
    }

    private static int col(List<String> cols, Path csv, String name) throws WireInputException {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new WireInputException(csv + ": header lacks column '" + name + "' (expected the v2021 MSCallGraph or v2022 CallGraph layout)");
        }
        return i;
    }

    /** rpcid "0.1" is shallower than "0.1.2"; ties go to the lexicographically smaller id. */
    private static boolean shallower(String a, String b) {
        long da = a.chars().filter(c -> c == '.').count(), db = b.chars().filter(c -> c == '.').count();
        return da != db ? da < db : a.compareTo(b) < 0;
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
        }
        return b.toString();
    }

    /** Splits a CSV line; double-quoted fields may contain commas. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}

package org.copper.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The eBPF add-on's programs as the kernel reports them ({@code bpftool prog show --json}): which belong to the
 * testbed's loaders, how long they ran (with kernel.bpf_stats_enabled), and whether they are gone after teardown.
 */
final class BpfPrograms {
    private static final Path STATS = Path.of("/proc/sys/kernel/bpf_stats_enabled");

    record Program(long id, String name, long runTimeNs, long runCount) {}

    private BpfPrograms() {}

    /**
     * The add-on's programs serving {@code cgroups}: the sockops program attached to each cgroup, and every program
     * sharing a map with one of those (each loader loads its own object, so its maps are its own).
     */
    static SortedMap<Long, Program> serving(Tools tools, Collection<Path> cgroups) throws TestbedException {
        Set<Long> attached = new TreeSet<>();
        for (Path cg : cgroups) {
            Processes.Result r = Processes.run(List.of(tools.bpftool().toString(), "cgroup", "show", cg.toString(), "--json"), 60);
            if (r.code() != 0) {
                throw new TestbedException("bpftool cgroup show " + cg + " failed: " + r.output().strip());
            }
            for (JsonElement e : JsonParser.parseString(r.output()).getAsJsonArray()) {
                attached.add(e.getAsJsonObject().get("id").getAsLong());
            }
        }
        JsonArray all = programs(tools);
        Set<Long> maps = new TreeSet<>();
        for (JsonElement e : all) {
            JsonObject p = e.getAsJsonObject();
            if (attached.contains(p.get("id").getAsLong()) && p.has("map_ids")) {
                p.getAsJsonArray("map_ids").forEach(m -> maps.add(m.getAsLong()));
            }
        }
        SortedMap<Long, Program> out = new TreeMap<>();
        for (JsonElement e : all) {
            JsonObject p = e.getAsJsonObject();
            boolean ours = false;
            if (p.has("map_ids")) {
                for (JsonElement m : p.getAsJsonArray("map_ids")) {
                    ours |= maps.contains(m.getAsLong());
                }
            }
            if (ours) {
                long id = p.get("id").getAsLong();
                out.put(id, new Program(id, p.has("name") ? p.get("name").getAsString() : "?", p.has("run_time_ns") ? p.get("run_time_ns").getAsLong() : 0,
                        p.has("run_cnt") ? p.get("run_cnt").getAsLong() : 0));
            }
        }
        return out;
    }

    /** Total run time (ns) and runs of the programs with these ids (kernel.bpf_stats_enabled must be on). */
    static long[] runTime(Tools tools, Set<Long> ids) throws TestbedException {
        long ns = 0, runs = 0;
        for (JsonElement e : programs(tools)) {
            JsonObject p = e.getAsJsonObject();
            if (ids.contains(p.get("id").getAsLong())) {
                ns += p.has("run_time_ns") ? p.get("run_time_ns").getAsLong() : 0;
                runs += p.has("run_cnt") ? p.get("run_cnt").getAsLong() : 0;
            }
        }
        return new long[] { ns, runs };
    }

    private static JsonArray programs(Tools tools) throws TestbedException {
        Processes.Result r = Processes.run(List.of(tools.bpftool().toString(), "prog", "show", "--json"), 60);
        if (r.code() != 0) {
            throw new TestbedException("bpftool prog show failed: " + r.output().strip());
        }
        return JsonParser.parseString(r.output()).getAsJsonArray();
    }

    /** The ids of {@code ids} the kernel still has loaded, after waiting up to 3 s (it frees programs lazily). */
    static Set<Long> stillLoaded(Tools tools, Set<Long> ids) throws TestbedException {
        Set<Long> left = Set.of();
        for (int i = 0; i < 60; i++) {
            left = new TreeSet<>();
            for (JsonElement e : programs(tools)) {
                long id = e.getAsJsonObject().get("id").getAsLong();
                if (ids.contains(id)) {
                    left.add(id);
                }
            }
            if (left.isEmpty()) {
                return left;
            }
            Cgroups.sleep(50);
        }
        return left;
    }

    /** Turns on the kernel's per-program run time accounting; returns the previous setting, to restore. */
    static String enableStats() {
        try {
            String before = Files.readString(STATS).strip();
            Files.writeString(STATS, "1");
            return before;
        } catch (IOException e) {
            return null;
        }
    }

    static void restoreStats(String before) {
        if (before != null) {
            try {
                Files.writeString(STATS, before);
            } catch (IOException e) {
                // best effort: the setting only costs a little time per program run
            }
        }
    }
}

package org.copper.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One testbed's cgroup v2 tree, {@code <cgroup2 mount>/copper-testbed-<pid>/...}: every process the testbed starts
 * lives in it, so {@link #destroy} (cgroup.kill, then rmdir bottom-up) ends all of them and with the loaders their
 * BPF programs, whatever state the run was in.
 */
final class Cgroups {
    final Path root;

    private Cgroups(Path root) {
        this.root = root;
    }

    /** The cgroup v2 mount: the hybrid layout's /sys/fs/cgroup/unified, or /sys/fs/cgroup itself. */
    static Path mount() throws TestbedException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("cgroup2")) {
                    return Path.of(f[1]);
                }
            }
        } catch (IOException e) {
            throw new TestbedException("cannot read /proc/mounts: " + e.getMessage());
        }
        throw new TestbedException("no cgroup v2 mount (looked in /proc/mounts); the testbed puts each service in its own cgroup v2");
    }

    static Cgroups create(String name) throws TestbedException {
        Path root = mount().resolve(name);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new TestbedException(root + ": cannot create the cgroup: " + e.getMessage());
        }
        return new Cgroups(root);
    }

    Path child(String rel) throws TestbedException {
        Path p = root.resolve(rel);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new TestbedException(p + ": cannot create the cgroup: " + e.getMessage());
        }
        return p;
    }

    /** CPU time used by the cgroup's processes so far (cpu.stat usage_usec; present without any controller). */
    static long usageUsec(Path cgroup) {
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cpu.stat"))) {
                if (line.startsWith("usage_usec ")) {
                    return Long.parseLong(line.substring(11).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Kills every process below {@code dir} and removes the cgroups; returns what could not be removed. */
    static List<String> destroy(Path dir) {
        List<String> left = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return left;
        }
        try {
            Files.writeString(dir.resolve("cgroup.kill"), "1");
        } catch (IOException e) {
            left.add(dir + ": cgroup.kill: " + e.getMessage());
        }
        for (int i = 0; i < 100 && populated(dir); i++) {
            sleep(50);
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            left.add(dir + ": " + e.getMessage());
            return left;
        }
        for (Path d : dirs) {
            boolean gone = false;
            for (int i = 0; i < 40 && !gone; i++) {
                try {
                    Files.delete(d);
                    gone = true;
                } catch (IOException e) {
                    sleep(50);
                }
            }
            if (!gone) {
                left.add(d.toString());
            }
        }
        return left;
    }

    private static boolean populated(Path dir) {
        try {
            return Files.readString(dir.resolve("cgroup.events"), StandardCharsets.UTF_8).contains("populated 1");
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

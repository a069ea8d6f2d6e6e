package org.copper.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Golden trees on disk, shared by the golden tests: read one whole, or replace one with what a build produced. */
final class GoldenTree {
    /** One switch regenerates every golden tree; review the diff in git afterwards. */
    static final boolean UPDATE = Boolean.getBoolean("copper.golden.update");

    private GoldenTree() {}

    /** Every regular file under {@code root}, by '/'-separated relative path; empty when {@code root} is missing. */
    static SortedMap<String, byte[]> read(Path root) throws Exception {
        TreeMap<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** Replaces the tree at {@code root} with exactly {@code files}. */
    static void write(Path root, Map<String, byte[]> files) throws Exception {
        if (Files.exists(root)) {
            BuildPipelineTest.deleteTree(root);
        }
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
    }
}

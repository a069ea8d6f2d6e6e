package org.wire.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The files a build produces, in memory, by relative path: back ends add to it, tests read it directly, and
 * one writer puts it on disk atomically. Paths use '/', have no '.', '..' or empty segments, and are added once.
 */
public final class FileTree {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");
    private final TreeMap<String, byte[]> files = new TreeMap<>();

    public void put(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public void put(String path, byte[] content) {
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative output path: '" + path + "'");
            }
        }
        if (files.putIfAbsent(path, content.clone()) != null) {
            throw new IllegalArgumentException("output file " + path + " produced twice");
        }
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    public String text(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new IllegalArgumentException("no output file " + path);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Path to content, sorted by path. The arrays are copies. */
    public SortedMap<String, byte[]> files() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((p, b) -> copy.put(p, b.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    public SortedMap<String, byte[]> under(String folder) {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        TreeMap<String, byte[]> sub = new TreeMap<>();
        files.subMap(prefix, prefix + Character.MAX_VALUE).forEach((p, b) -> sub.put(p, b.clone()));
        return Collections.unmodifiableSortedMap(sub);
    }
}

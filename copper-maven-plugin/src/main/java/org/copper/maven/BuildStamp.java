package org.copper.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.copper.build.OutputDirectory;
import org.copper.build.ProjectFile;
import org.copper.lang.api.CopperWorkspace;
import org.wire.deploy.FileTree;

/**
 * The up-to-date check of {@code copper:build}. A build writes {@value #FILE} beside its output files: a digest of its inputs
 * (every policy file, the project file, the graph, the service ids, the goal's settings and the plugin's own jars) and
 * the digest of every file it wrote. The next build with the same inputs, finding every output file as written, leaves
 * the directory alone.
 */
final class BuildStamp {
    static final String FILE = ".copper-inputs";

    private BuildStamp() {}

    /** The digest of everything a build reads; null when some input cannot be read (then the build runs and says why). */
    static String inputs(ProjectFile project, Path sources, List<String> settings, List<Artifact> pluginArtifacts) {
        StringBuilder sb = new StringBuilder("copper:build inputs v1\n");
        try {
            Path root = sources.toAbsolutePath().normalize();
            sb.append("sources ").append(root).append('\n');
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).filter(CopperWorkspace::isCopperFile).sorted().toList()) {
                    sb.append("policy ").append(root.relativize(p)).append(' ').append(digest(Files.readAllBytes(p))).append('\n');
                }
            }
            for (Path p : List.of(project.file(), project.graph(), project.serviceIds())) {
                Path abs = p.toAbsolutePath().normalize();
                sb.append("file ").append(abs).append(' ').append(Files.exists(abs) ? digest(Files.readAllBytes(abs)) : "missing").append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        settings.forEach(s -> sb.append("setting ").append(s).append('\n'));
        // a re-installed snapshot of the plugin (or of the pipeline under it) builds again
        pluginArtifacts.stream().sorted(Comparator.comparing(Artifact::getId)).forEach(a -> {
            sb.append("plugin ").append(a.getId());
            if (a.getFile() != null) {
                sb.append(' ').append(a.getFile().length()).append(' ').append(a.getFile().lastModified());
            }
            sb.append('\n');
        });
        return digest(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code out} was built from these inputs and every file in it is as that build wrote it. */
    static boolean upToDate(Path out, String inputs) {
        if (inputs == null) {
            return false;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(out.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException e) { // none yet (NoSuchFileException), or unreadable: build
            return false;
        }
        TreeMap<String, String> recorded = new TreeMap<>();
        boolean sameInputs = false;
        for (String line : lines) {
            if (line.equals("inputs " + inputs)) {
                sameInputs = true;
            } else if (line.startsWith("output ")) {
                String[] parts = line.split(" ", 3);
                recorded.put(parts[2], parts[1]);
            }
        }
        try {
            return sameInputs && recorded.equals(outputs(out));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Records a build that {@link OutputDirectory} has just written. Written after the output (by a rename), so a build
     * interrupted in between leaves no stamp, and the next build simply runs.
     */
    static void write(Path out, FileTree files, String inputs) throws IOException {
        if (inputs == null) {
            return;
        }
        StringBuilder sb = new StringBuilder("# copper:build: what this directory was built from; a build with the same inputs leaves it alone\n");
        sb.append("inputs ").append(inputs).append('\n');
        for (Map.Entry<String, byte[]> f : files.files().entrySet()) {
            sb.append("output ").append(digest(f.getValue())).append(' ').append(f.getKey()).append('\n');
        }
        Path tmp = out.resolve(FILE + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, out.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every file now in {@code out} but the stamp and the output marker, with its digest. */
    private static SortedMap<String, String> outputs(Path out) throws IOException {
        TreeMap<String, String> found = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(FILE) && !rel.equals(OutputDirectory.MARKER)) {
                    found.put(rel, digest(Files.readAllBytes(p)));
                }
            }
        }
        return found;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

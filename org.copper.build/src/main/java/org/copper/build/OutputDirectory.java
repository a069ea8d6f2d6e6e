package org.copper.build;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.wire.deploy.FileTree;

/**
 * Puts a build's files on disk in one step: everything is written into a temporary sibling directory, which then
 * replaces the output directory by renames, so a reader (or a failed build) never sees a partial tree. Files and
 * directories are created with the process's default permissions (the umask decides). An existing output
 * directory is only replaced when it is empty or a previous build's (it holds {@link #MARKER}).
 */
public final class OutputDirectory {
    public static final String MARKER = ".copper-build";

    private OutputDirectory() {}

    public static void replace(Path out, FileTree tree) throws BuildException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new BuildException(out + ": cannot build into the file system root");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new BuildException(out + ": exists and is not a directory");
        }
        if (Files.isDirectory(target) && !isEmpty(target) && !Files.exists(target.resolve(MARKER))) {
            throw new BuildException(out + ": exists, is not empty and is not a previous build's output (no " + MARKER
                    + "); refusing to replace it");
        }
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        Path tmp = parent.resolve("." + target.getFileName() + ".new-" + nonce);
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw new BuildException(out + ": cannot create the output directory in " + parent + ": " + reason(e));
        }
        try {
            Files.writeString(tmp.resolve(MARKER), "written by ./copper build; the next build replaces this directory\n");
            for (Map.Entry<String, byte[]> f : tree.files().entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            if (Files.exists(target)) {
                Path old = parent.resolve("." + target.getFileName() + ".old-" + nonce);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // the temporary directory is ours; a leftover is harmless and named in the message below
            }
            throw new BuildException(out + ": cannot write the output: " + reason(e));
        }
    }

    private static boolean isEmpty(Path dir) throws BuildException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new BuildException(dir + ": cannot read: " + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

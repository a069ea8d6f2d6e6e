package org.wire.model.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files via a temporary sibling and a move, so that readers never see partial output. The temporary file
 * is created with the default permissions (the umask decides), not {@code Files.createTempFile}'s 0600, so the
 * result has the mode any new file of the user would have.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** @throws IOException with a message naming {@code target} (never the temporary file) */
    public static void writeString(Path target, String content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + ": is a directory, not a file");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException(target + ": permission denied");
        } catch (IOException e) {
            throw new IOException(target + ": cannot write: " + e.getMessage());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

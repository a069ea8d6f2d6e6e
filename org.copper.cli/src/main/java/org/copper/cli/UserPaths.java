package org.copper.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Paths typed by a user: one that cannot be a path (a NUL byte) is a usage error naming it, not an exception. */
final class UserPaths {
    private UserPaths() {}

    static Path of(String text) throws UsageError {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            String shown = text.replace("\0", "\\0");
            throw new UsageError(shown + ": not a valid path (" + (text.indexOf('\0') >= 0 ? "contains a NUL character" : e.getReason()) + ")");
        }
    }
}

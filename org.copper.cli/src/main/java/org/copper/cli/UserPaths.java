package org.copper.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Paths typed by a user: one that cannot be a path (a NUL byte) is a usage error naming it, not an exception. */
final class UserPaths implements ITypeConverter<Path> {
    static Path of(String text) throws UsageError {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageError(reason(text, e));
        }
    }

    @Override
    public Path convert(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(reason(text, e));
        }
    }

    private static String reason(String text, InvalidPathException e) {
        String shown = text.replace("\0", "\\0");
        return shown + ": not a valid path (" + (text.indexOf('\0') >= 0 ? "contains a NUL character" : e.getReason()) + ")";
    }
}

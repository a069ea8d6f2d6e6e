package org.copper.maven;

import java.nio.file.Path;

import org.copper.lang.api.CopperDiagnostic;

/**
 * A diagnostic as Maven's compiler plugin prints one, {@code /abs/file.cup:[line,column] message}: the form IDEs and CI
 * log parsers link to the file.
 */
final class DiagnosticLine {
    private DiagnosticLine() {}

    static String of(CopperDiagnostic d) {
        // the pipeline prints paths relative to the working directory, which in a reactor build is not the module's
        String file = Path.of(d.path()).toAbsolutePath().normalize().toString();
        return file + ":[" + d.line() + "," + d.column() + "] " + d.oneLineMessage();
    }
}

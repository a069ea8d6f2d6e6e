package org.copper.lang.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.api.CopperWorkspace;

/** Writes Copper sources to a temporary folder and checks them through the language API, as the CLI does. */
final class CopperFixture {
    private final Path dir;

    CopperFixture(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    CopperWorkspace check() throws IOException {
        return CopperWorkspace.load(List.of(dir));
    }

    /** Diagnostics as "file:line:column: severity: message" with the file name only. */
    List<String> problems() throws IOException {
        return check().diagnostics().stream().map(CopperFixture::shortFormat).collect(Collectors.toList());
    }

    static String shortFormat(CopperDiagnostic d) {
        return Path.of(d.path()).getFileName() + ":" + d.line() + ":" + d.column() + ": " + d.severity().label() + ": " + d.message();
    }

    /** A policy file importing common.cui with one policy of the given header and body. */
    static String policy(String header, String body) {
        return "import \"common.cui\";\n"
                + "policy p (\n"
                + "    " + header + "\n"
                + ") {\n"
                + body
                + "}\n";
    }
}

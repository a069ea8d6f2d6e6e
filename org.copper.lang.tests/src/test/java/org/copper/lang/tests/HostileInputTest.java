package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16's table: inputs that used to show internals now get a positioned message in the user's terms. */
class HostileInputTest {
    @TempDir
    Path dir;

    @Test
    void interfaceHoldingOnlyActIsASyntaxErrorNotANullPointer() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        f.write("t.cui", "act");
        assertEquals(List.of("t.cui:1:1: error: the file ends too early: expecting a name"), f.problems());
    }

    @Test
    void interfaceHoldingActAndNameIsASyntaxError() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        f.write("t.cui", "act T");
        assertEquals(List.of("t.cui:1:5: error: the file ends too early: expecting '{'"), f.problems());
    }

    @Test
    void duplicatesInAnUnnamedDeclarationOrActionAreNotListedInNull() throws IOException {
        // found by the 10^6-input fuzz run (input #80404, shrunk)
        CopperFixture f = new CopperFixture(dir);
        f.write("f.cui", "import\"\nact{action X1(l,action X1(");
        List<String> problems = f.problems();
        assertTrue(problems.stream().noneMatch(p -> p.contains("null")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("action 'X1' is listed twice in this declaration")), problems.toString());
        f.write("g.cui", "act A { action (self, int a, int a) }");
        assertTrue(new CopperFixture(dir).problems().stream().noneMatch(p -> p.contains("null")));
    }

    @Test
    void unnamedVariableIsNotListedAsNull() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        f.write("p.cup", "import \"common.cui\";\n"
                + "policy a ( act (Request request) context ('frontend cartservice') ) { [Ingress] Deny(request); }\n"
                + "policy ( act (Request) context ('frontend cartservice')) {\n"
                + "    [Ingress]\n"
                + "    Deny(request);\n"
                + "}\n");
        assertEquals(List.of("p.cup:3:8: error: missing a name at '('", "p.cup:3:22: error: missing a name at ')'",
                "p.cup:5:10: error: unknown variable 'request'"), f.problems());
    }

    @Test
    void importWithNulIsAnErrorOnTheImportAndOtherErrorsStillShow() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        f.write("q.cup", "import \"\0x.cui\";\npolicy a ( act (Request request) context ('frontend cartservice') ) { [Ingress] Deny(request); }\n");
        assertEquals(List.of("q.cup:1:8: error: import path '\\0x.cui' contains a NUL character (\\0), so it names no file",
                "q.cup:2:17: error: unknown ACT type 'Request'; import the interface that declares it (e.g. import \"common.cui\";)"),
                f.problems());
    }

    @Test
    void importWithNulInAnInterfaceIsNotAnInternalError() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        f.write("q.cui", "import \"a\0x.cui\";\nact X : Request {}\n");
        assertEquals(List.of("q.cui:1:8: error: import path 'a\\0x.cui' contains a NUL character (\\0), so it names no file",
                "q.cui:2:9: error: unknown parent ACT 'Request'"), f.problems());
    }

    @Test
    void overLongAndDirectoryImportsAreClearErrors() throws IOException {
        CopperFixture f = new CopperFixture(dir);
        java.nio.file.Files.createDirectories(dir.resolve("folder.cui"));
        f.write("p.cui", "import \"" + "a".repeat(5000) + ".cui\";\nimport \"folder.cui\";\n");
        List<String> problems = f.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("p.cui:1:8: error: import path '" + "a".repeat(60) + "...' is longer than 4096 characters, so it names no file",
                problems.get(0));
        assertEquals("p.cui:2:8: error: cannot resolve import 'folder.cui': no such file next to this one, and no built-in interface"
                + " of that name (built-ins: common.cui, istio.cui, cilium.cui, haproxy.cui)", problems.get(1));
    }
}

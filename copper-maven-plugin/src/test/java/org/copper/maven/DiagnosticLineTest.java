package org.copper.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.copper.lang.api.CopperDiagnostic;
import org.junit.jupiter.api.Test;

class DiagnosticLineTest {
    @Test
    void absolutePathThenLineAndColumnInBracketsThenTheMessageOnOneLine() {
        CopperDiagnostic d = new CopperDiagnostic("src/main/copper/a.cup", 3, 7, 40, 2, CopperDiagnostic.Severity.ERROR,
                "bad pattern 'x\ny'", null, List.of());
        assertEquals(Path.of("src/main/copper/a.cup").toAbsolutePath() + ":[3,7] bad pattern 'x\\ny'", DiagnosticLine.of(d));

        CopperDiagnostic abs = new CopperDiagnostic("/p/b.cup", 1, 1, 0, 0, CopperDiagnostic.Severity.WARNING, "w", null, List.of());
        assertEquals("/p/b.cup:[1,1] w", DiagnosticLine.of(abs));
    }
}

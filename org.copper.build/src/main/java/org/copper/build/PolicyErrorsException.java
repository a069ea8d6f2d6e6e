package org.copper.build;

import java.util.List;

import org.copper.lang.api.CopperDiagnostic;

/** The policies have errors (listed, each with file:line:column); nothing was placed or written. */
public final class PolicyErrorsException extends UnbuildablePolicyException {
    private static final long serialVersionUID = 1L;
    private final transient List<CopperDiagnostic> diagnostics;

    public PolicyErrorsException(List<CopperDiagnostic> diagnostics) {
        super("policies have errors; nothing built");
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<CopperDiagnostic> diagnostics() {
        return diagnostics;
    }
}

package org.copper.lang;

import java.util.Set;

/** The reserved words of both Copper grammars, for editors and messages (kept in step with the .xtext files by a test). */
public final class CopperKeywords {
    public static final Set<String> ALL = Set.of("import", "act", "state", "action", "self", "policy", "using", "context", "if", "else",
            "true", "false", "string", "int", "float", "bool", "Egress", "Ingress");

    private CopperKeywords() {}
}

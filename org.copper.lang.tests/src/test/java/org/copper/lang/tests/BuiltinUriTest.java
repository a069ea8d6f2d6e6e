package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.copper.lang.scoping.ImportResolver;
import org.eclipse.emf.common.util.URI;
import org.junit.jupiter.api.Test;

/** Built-ins are recognised by their URI (the language server maps them to editable copies by this test). */
class BuiltinUriTest {
    @Test
    void builtinUrisAreRecognisedAndLookalikesAreNot() {
        URI common = ImportResolver.builtin("common.cui");
        assertNotNull(common);
        assertTrue(ImportResolver.isBuiltin(common), common.toString());
        assertTrue(ImportResolver.isBuiltin(ImportResolver.builtin("haproxy.cui")));
        assertFalse(ImportResolver.isBuiltin(URI.createFileURI("/home/u/org/copper/lang/builtin/common.cui")));
        assertFalse(ImportResolver.isBuiltin(common.trimSegments(1).appendSegment("sub").appendSegment("common.cui")));
    }
}

package org.copper.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.copper.lang.PolicyStandaloneSetup;
import org.copper.lang.policy.PolicyFile;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.validation.CopperIssueCodes;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.testing.validation.ValidationTestHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.inject.Inject;
import com.google.inject.Injector;

/**
 * The same rules through Xtext's own test helpers, on in-memory resources: issue codes are attached
 * to the element the IDE will offer quick fixes on, and built-in imports resolve without files.
 */
class XtextHelpersTest {
    @Inject
    ParseHelper<PolicyFile> parser;
    @Inject
    ValidationTestHelper validator;

    @BeforeEach
    void inject() {
        Injector injector = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
        injector.injectMembers(this);
    }

    @Test
    void builtinImportResolvesInMemory() throws Exception {
        PolicyFile file = parser.parse("import 'common.cui';\npolicy p (act (Request r) context ('a b')) { [Ingress] Deny(r); }");
        assertNotNull(file);
        validator.assertNoIssues(file);
        assertEquals("Request", org.copper.lang.PolicyHeader.act(file.getPolicies().get(0)).getType().getName());
    }

    @Test
    void issueCodesSitOnTheRightElements() throws Exception {
        PolicyFile wrongSection = parser.parse(
                "import 'common.cui';\npolicy p (act (Request r) context ('a b')) { [Ingress] RouteToVersion(r, 'b', 'v1'); }");
        validator.assertError(wrongSection, PolicyPackage.Literals.CALL, CopperIssueCodes.ACTION_WRONG_SECTION,
                "'RouteToVersion' is [Egress]");
        PolicyFile empty = parser.parse("import 'common.cui';\npolicy p (act (Request r) context ('a b')) { }");
        validator.assertError(empty, PolicyPackage.Literals.POLICY, CopperIssueCodes.EMPTY_POLICY, "policy 'p' is empty");
        PolicyFile badPattern = parser.parse("import 'common.cui';\npolicy p (act (Request r) context ('a [b')) { [Egress] Deny(r); }");
        validator.assertError(badPattern, PolicyPackage.Literals.POLICY, CopperIssueCodes.PATTERN_SYNTAX, "'[' is never closed");
    }

    @Test
    void keywordListMatchesTheGrammars() {
        Injector injector = new PolicyStandaloneSetup().createInjectorAndDoEMFRegistration();
        var grammar = injector.getInstance(org.eclipse.xtext.IGrammarAccess.class).getGrammar();
        java.util.Set<String> words = new java.util.TreeSet<>();
        for (String k : org.eclipse.xtext.GrammarUtil.getAllKeywords(grammar)) {
            if (Character.isLetter(k.charAt(0))) {
                words.add(k);
            }
        }
        assertEquals(words, new java.util.TreeSet<>(org.copper.lang.CopperKeywords.ALL));
    }
}

package org.copper.lang.tests;

import static org.copper.lang.tests.CopperFixture.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.copper.lang.api.CopperDiagnostic;
import org.copper.lang.validation.CopperIssueCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation rule of spec §3.3 and §4: a clean case and a faulty one with its exact message and position. */
class ValidationTest {
    @TempDir
    Path dir;
    CopperFixture fx;

    static final String ACT = "act (Request request)\n    context ('frontend.*catalog')";

    @BeforeEach
    void setUp() {
        fx = new CopperFixture(dir);
    }

    private List<String> check(String text) throws IOException {
        fx.write("a.cup", text);
        return fx.problems();
    }

    /** Exactly one problem, at the given position, whose message contains the fragment. */
    private static void assertOnly(List<String> problems, String position, String fragment) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        String p = problems.get(0);
        assertTrue(p.startsWith(position + ": "), () -> "position: expected " + position + " in " + p);
        assertTrue(p.contains(fragment), () -> "message: expected '" + fragment + "' in " + p);
    }

    @Test
    void cleanPolicyHasNoProblems() throws IOException {
        assertEquals(List.of(), check(policy(ACT, "    [Ingress]\n    SetHeader(request, 'display', \"true\");\n")));
    }

    @Test
    void patternSyntaxErrorPointsInsideTheString() throws IOException {
        // line 4: "    context ('frontend.*(catalog')": the '(' is column 25
        List<String> problems = check(policy("act (Request request)\n    context ('frontend.*(catalog')",
                "    [Ingress]\n    SetHeader(request, 'a', 'b');\n"));
        assertOnly(problems, "a.cup:4:25", "'(' is never closed");
    }

    @Test
    void patternEndingInAnyStarIsAnErrorWithAFix() throws IOException {
        fx.write("a.cup", policy("act (Request request)\n    context ('frontend .*')", "    [Ingress]\n    SetHeader(request, 'a', 'b');\n"));
        List<CopperDiagnostic> ds = fx.check().diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        CopperDiagnostic d = ds.get(0);
        assertEquals(4, d.line());
        assertEquals(24, d.column()); // the '.*' after "frontend "
        assertEquals(2, d.length());
        assertEquals(CopperIssueCodes.PATTERN_FORM, d.code());
        assertEquals(List.of("frontend ."), d.data());
        assertTrue(d.message().contains("no sidecar side is determined"), d.message());
    }

    @Test
    void patternPositionsSurviveEscapes() throws IOException {
        // the value is fe"x ( and the error points at the escape sequence that spells the quote
        List<String> problems = check(policy("act (Request request)\n    context (\"fe\\\"x (\")", "    [Ingress]\n    Deny(request);\n"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("a.cup:4:17: error: unexpected '\"'"), problems.get(0));
    }

    @Test
    void egressFormAndSetsAreValid() throws IOException {
        assertEquals(List.of(), check(policy("act (Request request)\n    context ('frontend -> [rate, geo,] .')",
                "    [Egress]\n    Deny(request);\n")));
        assertEquals(List.of(), check(policy("act (Request request)\n    context ('*')", "    [Egress]\n    Deny(request);\n")));
    }

    @Test
    void egressActionInIngressSection() throws IOException {
        fx.write("a.cup", policy(ACT, "    [Ingress]\n    RouteToVersion(request, 'catalog', 'v1');\n"));
        List<CopperDiagnostic> ds = fx.check().diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        assertEquals("a.cup:7:5: error: 'RouteToVersion' is [Egress]: it may only appear in the [Egress] section",
                CopperFixture.shortFormat(ds.get(0)));
        assertEquals(CopperIssueCodes.ACTION_WRONG_SECTION, ds.get(0).code());
        assertEquals(List.of("Egress"), ds.get(0).data());
    }

    @Test
    void ingressActionInEgressSectionAndBothSidedActionMissingOne() throws IOException {
        fx.write("dp.cui", "import \"common.cui\";\nact Traced : Request {\n    [Ingress]\n    action Log(self),\n"
                + "    [Ingress, Egress]\n    action Stamp(self),\n}\n");
        List<String> problems = check("import \"dp.cui\";\npolicy p (\n    act (Traced r)\n    context ('a b')\n) {\n"
                + "    [Egress]\n    Log(r);\n    Stamp(r);\n}\n");
        assertEquals(List.of(
                "a.cup:7:5: error: 'Log' is [Ingress]: it may only appear in the [Ingress] section",
                "a.cup:8:5: error: 'Stamp' is [Ingress, Egress]: it must also appear in the [Ingress] section"), problems);
        assertEquals(List.of(), check("import \"dp.cui\";\npolicy p (\n    act (Traced r)\n    context ('a b')\n) {\n"
                + "    [Egress]\n    Stamp(r);\n    [Ingress]\n    Stamp(r);\n    Log(r);\n}\n"));
    }

    @Test
    void unknownActTypeStateAndAction() throws IOException {
        assertOnly(check(policy("act (Requets request)\n    context ('a b')", "    [Ingress]\n    Deny(request);\n")),
                "a.cup:3:10", "unknown ACT type 'Requets'");
        assertOnly(check(policy("act (Request request)\n    using (Sampeler s)\n    context ('a b')", "    [Ingress]\n    Increment(s);\n")),
                "a.cup:4:12", "unknown state type 'Sampeler'");
        assertOnly(check(policy(ACT, "    [Ingress]\n    SetHeadr(request, 'a', 'b');\n")),
                "a.cup:7:5", "unknown action 'SetHeadr' on Request");
        assertOnly(check(policy(ACT, "    [Ingress]\n    Deny(reqest);\n")),
                "a.cup:7:10", "unknown variable 'reqest'; this policy declares: request");
    }

    @Test
    void actionOnTheWrongReceiver() throws IOException {
        assertOnly(check(policy("act (Request request)\n    using (Sampler s)\n    context ('a b')",
                "    [Egress]\n    GetRandomSample(request);\n    GetRandomSample(s);\n")),
                "a.cup:8:21", "'GetRandomSample' is an action of Sampler, but 'request' is a Request");
    }

    @Test
    void arityAndArgumentTypes() throws IOException {
        assertOnly(check(policy(ACT, "    [Ingress]\n    SetHeader(request, 'a');\n")),
                "a.cup:7:5", "'SetHeader' takes 3 arguments (self, string name, string value), but 2 are given");
        assertOnly(check(policy(ACT, "    [Ingress]\n    SetHeader(request, 'a', 7);\n")),
                "a.cup:7:29", "argument 'value' of 'SetHeader' must be a string, not an int");
        // int widens to float
        assertEquals(List.of(), check(policy("act (Request request)\n    using (Sampler s)\n    context ('a b')",
                "    [Egress]\n    if (IsLessThan(s, 1)) Deny(request);\n")));
        assertOnly(check(policy(ACT, "    [Ingress]\n    SetHeader(request, 'a', Deny(request));\n")),
                "a.cup:7:29", "'Deny' returns no value");
    }

    @Test
    void conditionsMustBeBoolean() throws IOException {
        assertOnly(check(policy(ACT, "    [Ingress]\n    if (GetHeader(request, 'x')) Deny(request);\n")),
                "a.cup:7:9", "the condition must be a bool, but is a string");
        assertOnly(check(policy(ACT, "    [Ingress]\n    if (!HasHeader(request, 'x') && 'y') Deny(request);\n")),
                "a.cup:7:37", "the right side of '&&' must be a bool, but is a string");
        assertEquals(List.of(), check(policy(ACT,
                "    [Ingress]\n    if (!(HasHeader(request, 'x') || HasHeader(request, 'y')) && true) { Deny(request); } else SetHeader(request, 'a', 'b');\n")));
    }

    @Test
    void emptyPolicyIsReportedOnItsName() throws IOException {
        assertOnly(check(policy(ACT, "    [Ingress]\n")), "a.cup:2:8", "policy 'p' is empty");
        assertOnly(check(policy(ACT, "")), "a.cup:2:8", "policy 'p' is empty");
    }

    @Test
    void duplicateSection() throws IOException {
        assertOnly(check(policy(ACT, "    [Ingress]\n    Deny(request);\n    [Ingress]\n    Deny(request);\n")),
                "a.cup:8:6", "a second [Ingress] section");
    }

    @Test
    void duplicatePolicyNamesAcrossTheWorkspace() throws IOException {
        fx.write("b.cup", policy(ACT, "    [Ingress]\n    Deny(request);\n"));
        List<String> problems = check(policy(ACT, "    [Ingress]\n    Deny(request);\n"));
        assertEquals(List.of(
                "a.cup:2:8: error: duplicate policy name 'p': also defined in b.cup:2; policy names are unique across the workspace",
                "b.cup:2:8: error: duplicate policy name 'p': also defined in a.cup:2; policy names are unique across the workspace"),
                problems);
    }

    @Test
    void duplicatePolicyNamesInOneFile() throws IOException {
        String one = policy(ACT, "    [Ingress]\n    Deny(request);\n");
        List<String> problems = check(one + one.substring(one.indexOf("policy")));
        assertOnly(problems, "a.cup:9:8", "duplicate policy name 'p': already defined earlier in this file");
    }

    @Test
    void unresolvedAndCyclicImports() throws IOException {
        assertOnly(check("import \"nothere.cui\";\n"), "a.cup:1:8", "cannot resolve import 'nothere.cui'");
        fx.write("x.cui", "import \"y.cui\";\nact X { action A(self), }\n");
        fx.write("y.cui", "import \"x.cui\";\nact Y { action B(self), }\n");
        List<String> problems = fx.problems().stream().filter(p -> p.contains("cycle")).toList();
        assertEquals(List.of("x.cui:1:8: error: import cycle: x.cui -> y.cui -> x.cui",
                "y.cui:1:8: error: import cycle: y.cui -> x.cui -> y.cui"), problems);
    }

    @Test
    void interfaceRules() throws IOException {
        fx.write("i.cui", "import \"common.cui\";\nact A : B { action X(self), }\nact B : A { }\n"
                + "act R2 : Request {\n    action SetHeader(self, string name),\n    [Ingress]\n    action Deny(self),\n}\n");
        List<String> problems = fx.problems();
        assertEquals(List.of(
                "i.cui:2:9: error: ACT 'A' inherits from itself through its parents",
                "i.cui:3:9: error: ACT 'B' inherits from itself through its parents",
                "i.cui:5:12: error: 'SetHeader' re-lists Request.SetHeader with another signature; it must stay (self, string name, string value)",
                "i.cui:6:5: warning: this annotation is ignored: 'Deny' keeps the annotation of Request.Deny"), problems);
    }

    @Test
    void unusedStateIsAWarningAndVariablesAreDistinct() throws IOException {
        assertOnly(check(policy("act (Request request)\n    using (Counter c)\n    context ('a b')", "    [Ingress]\n    Deny(request);\n")),
                "a.cup:4:20", "state 'c' is never used");
        List<String> problems = check(policy("act (Request x)\n    using (Counter x)\n    context ('a b')",
                "    [Ingress]\n    Increment(x);\n"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("a.cup:4:20: error: variable 'x' is declared twice")), problems::toString);
    }

    @Test
    void badStringEscapeIsPositioned() throws IOException {
        List<String> problems = check(policy(ACT, "    [Ingress]\n    SetHeader(request, 'a\\tb', 'c');\n"));
        assertOnly(problems, "a.cup:7:24", "unknown escape '\\t'");
    }

    @Test
    void duplicateDeclarationsAndReplacedBuiltins() throws IOException {
        fx.write("i.cui", "import \"common.cui\";\nact A { action X(self), action X(self), }\nact A { }\n"
                + "act Request { action Zap(self), }\nstate Counter { action IsGreaterThan(self, string n) : bool, action Peek(self) : int, }\n"
                + "state S { action M(self, int a, string a), }\n");
        assertEquals(List.of(
                "i.cui:2:32: error: action 'X' is listed twice in A",
                "i.cui:3:5: error: 'A' is declared twice in this file",
                "i.cui:4:5: error: ACT 'Request' is already declared in common.cui; derive a new ACT from it instead (act MyRequest : Request { ... })",
                "i.cui:5:24: error: 'IsGreaterThan' re-lists Counter.IsGreaterThan of common.cui with another signature; it must stay (self, int n) : bool",
                "i.cui:6:40: error: parameter 'a' appears twice in M"), fx.problems());
    }

    @Test
    void groupBeforeTheFinalDotIsTheEgressForm() throws IOException {
        assertEquals(List.of(), check(policy("act (Request request)\n    context ('frontend (x a) .')", "    [Egress]\n    Deny(request);\n")));
    }

    @Test
    void singleServicePatternIsAWarningWithAFix() throws IOException {
        fx.write("a.cup", policy("act (Request request)\n    context ('frontend')", "    [Ingress]\n    Deny(request);\n"));
        List<CopperDiagnostic> ds = fx.check().diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(CopperDiagnostic.Severity.WARNING, ds.get(0).severity());
        assertEquals(List.of(".* frontend"), ds.get(0).data());
        assertTrue(ds.get(0).message().contains("matches only a single service"), ds.get(0).message());
    }

    @Test
    void byteOrderMarkIsIgnoredAndHugeIntegersAreReported() throws IOException {
        assertEquals(List.of(), check("\uFEFF" + policy(ACT, "    [Ingress]\n    Deny(request);\n")));
        assertOnly(check(policy("act (Request request)\n    using (Counter c)\n    context ('a b')",
                "    [Ingress]\n    if (IsGreaterThan(c, 99999999999)) Deny(request);\n")), "a.cup:8:26", "integer 99999999999 is too large");
    }

    @Test
    void messagesStayOnOneLine() throws IOException {
        fx.write("a.cup", policy("act (Request request)\n    context ('a\\nb .*')", "    [Ingress]\n    Deny(request);\n"));
        List<CopperDiagnostic> ds = fx.check().diagnostics();
        assertEquals(1, ds.size(), ds::toString);
        assertTrue(ds.get(0).message().contains("\n"), "the message quotes the pattern");
        assertEquals(1, ds.get(0).format().lines().count(), ds.get(0).format());
    }

    @Test
    void nestingBeyondTheLimitIsAPositionedError() throws IOException {
        String deep = "(".repeat(150) + "a" + ")".repeat(150);
        assertOnly(check(policy("act (Request request)\n    context ('b " + deep + "')", "    [Ingress]\n    Deny(request);\n")),
                "a.cup:4:117", "groups nested more than 100 deep");
    }

    @Test
    void syntaxErrorsSpeakOfNamesAndKeywords() throws IOException {
        List<String> problems = check("import \"common.cui\";\npolicy state (\n    act (Request r)\n    context ('a b')\n) {\n    [Ingress]\n    Deny(r);\n}\n");
        assertTrue(problems.get(0).startsWith("a.cup:2:8: error: "), problems::toString);
        assertTrue(problems.get(0).contains("expecting a name") && problems.get(0).contains("'state' is a keyword"), problems::toString);
        assertTrue(problems.stream().noneMatch(p -> p.contains("RULE_")), problems::toString);
    }

    @Test
    void headerItemsInAnyOrderButExactlyOneActAndContext() throws IOException {
        assertEquals(List.of(), check("import 'common.cui';\npolicy p (context ('a b') using (Counter c) act (Request r)) {\n"
                + "    [Ingress]\n    Increment(c);\n    Deny(r);\n}\n"));
        // without an act there is no variable for the body to use: that second error is expected
        assertEquals(List.of("a.cup:2:8: error: policy 'p' has no act (...): say which communication it acts on, e.g. act (Request request)",
                "a.cup:4:11: error: unknown variable 'x'"),
                check("import 'common.cui';\npolicy p (context ('a b')) {\n    [Ingress]\n    Close(x);\n}\n"));
        assertOnly(check("import 'common.cui';\npolicy p (act (Request r)) {\n    [Ingress]\n    Deny(r);\n}\n"),
                "a.cup:2:8", "policy 'p' has no context (...)");
        assertOnly(check("import 'common.cui';\npolicy p (act (Request r) context ('a b') context ('c d')) {\n    [Ingress]\n    Deny(r);\n}\n"),
                "a.cup:2:52", "exactly one context (...); combine the patterns with '|'");
        assertOnly(check("import 'common.cui';\npolicy p (act (Request r) act (Response s) context ('a b')) {\n    [Ingress]\n    Deny(r);\n}\n"),
                "a.cup:2:41", "exactly one act (...)");
    }

    @Test
    void statesAndActsInTheWrongHeaderSlot() throws IOException {
        assertOnly(check(policy("act (Counter r)\n    context ('a b')", "    [Ingress]\n    Increment(r);\n")),
                "a.cup:3:10", "'Counter' is a state, not an ACT: declare it with using (Counter ...)");
        assertOnly(check(policy("act (Request r)\n    using (Request q)\n    context ('a b')", "    [Ingress]\n    Deny(q);\n")),
                "a.cup:4:12", "'Request' is an ACT, not a state");
    }
}

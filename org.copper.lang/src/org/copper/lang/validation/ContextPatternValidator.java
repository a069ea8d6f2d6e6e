package org.copper.lang.validation;

import org.copper.lang.PolicyHeader;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.eclipse.xtext.validation.Check;
import org.wire.placement.match.ContextAutomaton;
import org.wire.model.pattern.ContextPattern;
import org.wire.model.pattern.PatternFormChecker;
import org.wire.model.pattern.PatternFormError;
import org.wire.model.pattern.PatternSyntaxError;

/** Context patterns parse and determine a sidecar side (spec §3.3); errors point inside the string. */
public class ContextPatternValidator extends CopperCheck {

    @Check
    public void checkContextPattern(Policy policy) {
        if (PolicyHeader.context(policy) == null) {
            return;
        }
        PatternPositions positions = PatternPositions.of(policy);
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(PolicyHeader.context(policy));
        } catch (PatternSyntaxError e) {
            report(policy, positions, e.getMessage(), e.offset(), e.length(), CopperIssueCodes.PATTERN_SYNTAX);
            return;
        }
        if (!pattern.isMeshWide() && !matchesTwoOrMoreServicesCached(pattern)) {
            warning("this pattern matches only a single service, but every context has at least two (its source and destination);"
                    + " did you mean '.* " + PolicyHeader.context(policy).strip() + "'?", PolicyPackage.Literals.POLICY__CONTEXTS, 0,
                    CopperIssueCodes.SINGLE_SERVICE_PATTERN, ".* " + PolicyHeader.context(policy).strip());
        }
        if (PatternFormChecker.check(pattern) instanceof PatternFormChecker.Result.Invalid invalid) {
            PatternFormError error = invalid.error();
            String[] data = error.suggestion().map(s -> new String[] { s }).orElse(new String[0]);
            report(policy, positions, error.message() + error.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse(""),
                    error.offset(), error.length(), CopperIssueCodes.PATTERN_FORM, data);
        }
    }

    /**
     * Answers of {@link #matchesTwoOrMoreServices} by pattern: the editor re-validates a file on every keystroke and
     * compiling each policy's automaton again was a tenth of the language server's time per edit.
     */
    private static final java.util.Map<ContextPattern, Boolean> TWO_OR_MORE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<ContextPattern, Boolean> eldest) {
                    return size() > 4096;
                }
            });

    static boolean matchesTwoOrMoreServicesCached(ContextPattern pattern) {
        Boolean known = TWO_OR_MORE.get(pattern);
        if (known == null) {
            known = matchesTwoOrMoreServices(pattern);
            TWO_OR_MORE.put(pattern, known);
        }
        return known;
    }

    /** Whether the pattern accepts some string of two or more services: a search over (state, length capped at 2). */
    static boolean matchesTwoOrMoreServices(ContextPattern pattern) {
        ContextAutomaton dfa = ContextAutomaton.compile(pattern);
        int classes = dfa.otherClass() + 1;
        boolean[][] seen = new boolean[dfa.stateCount()][3];
        java.util.ArrayDeque<int[]> work = new java.util.ArrayDeque<>();
        work.add(new int[] { dfa.start(), 0 });
        seen[dfa.start()][0] = true;
        while (!work.isEmpty()) {
            int[] at = work.poll();
            if (at[1] == 2 && dfa.accepting(at[0])) {
                return true;
            }
            for (int c = 0; c < classes; c++) {
                int next = dfa.step(at[0], c);
                int length = Math.min(2, at[1] + 1);
                if (next >= 0 && !seen[next][length]) {
                    seen[next][length] = true;
                    work.add(new int[] { next, length });
                }
            }
        }
        return false;
    }

    private void report(Policy policy, PatternPositions positions, String message, int offset, int length, String code,
            String... data) {
        if (positions == null) {
            error(message, PolicyPackage.Literals.POLICY__CONTEXTS, 0, code, data);
        } else {
            getMessageAcceptor().acceptError(message, policy, positions.fileOffset(offset), positions.fileLength(offset, length), code,
                    data);
        }
    }
}

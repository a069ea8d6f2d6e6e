package org.copper.lang.validation;

import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.eclipse.xtext.validation.Check;
import org.wire.placement.pattern.ContextPattern;
import org.wire.placement.pattern.PatternFormChecker;
import org.wire.placement.pattern.PatternFormError;
import org.wire.placement.pattern.PatternSyntaxError;

/** Context patterns parse and determine a sidecar side (spec §3.3); errors point inside the string. */
public class ContextPatternValidator extends CopperCheck {

    @Check
    public void checkContextPattern(Policy policy) {
        if (policy.getContext() == null) {
            return;
        }
        PatternPositions positions = PatternPositions.of(policy);
        ContextPattern pattern;
        try {
            pattern = ContextPattern.parse(policy.getContext());
        } catch (PatternSyntaxError e) {
            report(policy, positions, e.getMessage(), e.offset(), e.length(), CopperIssueCodes.PATTERN_SYNTAX);
            return;
        }
        if (PatternFormChecker.check(pattern) instanceof PatternFormChecker.Result.Invalid invalid) {
            PatternFormError error = invalid.error();
            String[] data = error.suggestion().map(s -> new String[] { s }).orElse(new String[0]);
            report(policy, positions, error.message() + error.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse(""),
                    error.offset(), error.length(), CopperIssueCodes.PATTERN_FORM, data);
        }
    }

    private void report(Policy policy, PatternPositions positions, String message, int offset, int length, String code,
            String... data) {
        if (positions == null) {
            error(message, PolicyPackage.Literals.POLICY__CONTEXT, code, data);
        } else {
            getMessageAcceptor().acceptError(message, policy, positions.fileOffset(offset), positions.fileLength(offset, length), code,
                    data);
        }
    }
}

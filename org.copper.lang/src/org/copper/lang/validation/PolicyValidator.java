package org.copper.lang.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/** The rules of policy files (spec §3.3, §4), one family per composed validator. */
@ComposedChecks(validators = { ContextPatternValidator.class, SectionValidator.class, CallTypeValidator.class,
        PolicyNameValidator.class, GraphValidator.class })
public class PolicyValidator extends AbstractPolicyValidator {
}

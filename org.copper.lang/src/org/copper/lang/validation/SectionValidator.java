package org.copper.lang.validation;

import java.util.EnumSet;
import java.util.Set;

import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Side;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.Section;
import org.copper.lang.typing.Declarations;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/** Sections: a policy is not empty, each side appears once, annotated actions stand in the right section (spec §4). */
public class SectionValidator extends CopperCheck {

    @Check
    public void checkNotEmpty(Policy policy) {
        boolean anyStatement = policy.getSections().stream().anyMatch(s -> !s.getStatements().isEmpty());
        if (!anyStatement && !SyntaxErrors.inside(policy)) {
            error("policy '" + policy.getName() + "' is empty: give it a non-empty [Egress] or [Ingress] section",
                    PolicyPackage.Literals.POLICY__NAME, CopperIssueCodes.EMPTY_POLICY);
        }
    }

    /** Exactly one act and one context, in any order; any number of using (spec §3.2). */
    @Check
    public void checkHeader(Policy policy) {
        if (SyntaxErrors.inside(policy)) {
            return;
        }
        if (policy.getActs().isEmpty()) {
            error("policy '" + policy.getName() + "' has no act (...): say which communication it acts on, e.g. act (Request request)",
                    PolicyPackage.Literals.POLICY__NAME, CopperIssueCodes.HEADER);
        }
        for (int i = 1; i < policy.getActs().size(); i++) {
            error("a policy has exactly one act (...); write a second policy for another ACT", policy.getActs().get(i),
                    PolicyPackage.Literals.VARIABLE__NAME, CopperIssueCodes.HEADER);
        }
        if (policy.getContexts().isEmpty()) {
            error("policy '" + policy.getName() + "' has no context (...): say which chains it applies to, e.g. context ('frontend .* catalog')",
                    PolicyPackage.Literals.POLICY__NAME, CopperIssueCodes.HEADER);
        }
        for (int i = 1; i < policy.getContexts().size(); i++) {
            error("a policy has exactly one context (...); combine the patterns with '|'", PolicyPackage.Literals.POLICY__CONTEXTS, i,
                    CopperIssueCodes.HEADER);
        }
    }

    @Check
    public void checkSectionOnce(Section section) {
        Policy policy = (Policy) section.eContainer();
        for (Section other : policy.getSections()) {
            if (other == section) {
                return;
            }
            if (other.getSide() == section.getSide()) {
                error("a second [" + section.getSide().getLiteral() + "] section; merge it into the first one",
                        PolicyPackage.Literals.SECTION__SIDE, CopperIssueCodes.DUPLICATE_SECTION);
                return;
            }
        }
    }

    @Check
    public void checkActionSection(Call call) {
        ActionDecl action = call.getAction();
        Section section = EcoreUtil2.getContainerOfType(call, Section.class);
        if (action == null || action.eIsProxy() || section == null) {
            return;
        }
        Set<Side> annotation = Declarations.effectiveAnnotation(action);
        Side here = section.getSide();
        if (annotation.size() == 1 && !annotation.contains(here)) {
            Side required = annotation.iterator().next();
            error("'" + action.getName() + "' is [" + required.getLiteral() + "]: it may only appear in the [" + required.getLiteral()
                    + "] section", PolicyPackage.Literals.CALL__ACTION, CopperIssueCodes.ACTION_WRONG_SECTION, required.getLiteral());
        } else if (annotation.equals(EnumSet.allOf(Side.class))) {
            Side other = here == Side.EGRESS ? Side.INGRESS : Side.EGRESS;
            Policy policy = EcoreUtil2.getContainerOfType(call, Policy.class);
            boolean inOther = policy.getSections().stream().filter(s -> s.getSide() == other)
                    .flatMap(s -> EcoreUtil2.getAllContentsOfType(s, Call.class).stream())
                    .anyMatch(c -> c.getAction() != null && action.getName().equals(c.getAction().getName()));
            if (!inOther) {
                error("'" + action.getName() + "' is [Ingress, Egress]: it must also appear in the [" + other.getLiteral() + "] section",
                        PolicyPackage.Literals.CALL__ACTION, CopperIssueCodes.ACTION_MISSING_SECTION, other.getLiteral());
            }
        }
    }
}

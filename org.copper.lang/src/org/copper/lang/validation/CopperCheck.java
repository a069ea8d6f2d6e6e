package org.copper.lang.validation;

import java.util.List;

import org.copper.lang.iface.IfacePackage;
import org.copper.lang.policy.PolicyPackage;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/** Base of the validators composed into the languages' validators: one class per family of rules. */
abstract class CopperCheck extends AbstractDeclarativeValidator {
    @Override
    public void register(EValidatorRegistrar registrar) {
        // composed via @ComposedChecks; registering it again would run every check twice
    }

    /**
     * A check that throws is a fault of ours. Xtext would drop NullPointerExceptions silently and turn
     * anything else into "Error executing EValidator", ending this validator's other checks on the
     * element: instead it is one error on the element, and every other check still runs.
     */
    @Override
    protected void handleExceptionDuringValidation(Throwable e) {
        if (e.getClass().getName().equals("org.eclipse.xtext.validation.GuardException")) {
            return; // Xtext's package-private "guard false, check skipped" signal
        }
        if (e instanceof StackOverflowError) {
            error("nested too deeply to check; split this part into smaller pieces", getCurrentObject(), null,
                    CopperIssueCodes.CHECKER_FAULT);
            return;
        }
        if (e instanceof Error fatal && !(e instanceof AssertionError)) {
            throw fatal; // out of memory and the like: nothing sensible can be reported here
        }
        if (Boolean.getBoolean("copper.debug")) {
            e.printStackTrace(); // for a bug report: -Dcopper.debug=true
        }
        error("this part could not be fully checked: the checker failed on it (a fault in Copper; please report it with this file)",
                getCurrentObject(), null, CopperIssueCodes.CHECKER_FAULT);
    }

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(PolicyPackage.eINSTANCE, IfacePackage.eINSTANCE);
    }
}

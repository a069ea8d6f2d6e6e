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

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(PolicyPackage.eINSTANCE, IfacePackage.eINSTANCE);
    }
}

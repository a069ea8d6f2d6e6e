package org.copper.lang;

import org.copper.lang.conversion.CopperValueConverters;
import org.copper.lang.scoping.CopperImportScopeProvider;
import org.copper.lang.validation.CopperLinkingMessages;
import org.copper.lang.validation.PolicyDescriptionManager;
import org.copper.lang.validation.PolicyDescriptions;
import org.copper.lang.validation.CopperSyntaxErrorMessages;
import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;

/** Runtime bindings of the policy language (.cup). */
public class PolicyRuntimeModule extends AbstractPolicyRuntimeModule {
    @Override
    public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
        return CopperImportScopeProvider.class;
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return CopperValueConverters.class;
    }

    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return CopperLinkingMessages.class;
    }

    /** A policy's index entry carries what conflicts depend on (see {@link PolicyDescriptions}). */
    public Class<? extends IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
        return PolicyDescriptions.class;
    }

    /** Another policy file's conflict-relevant change affects this one (see {@link PolicyDescriptionManager}). */
    public Class<? extends IResourceDescription.Manager> bindIResourceDescription$Manager() {
        return PolicyDescriptionManager.class;
    }

    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return CopperSyntaxErrorMessages.class;
    }
}

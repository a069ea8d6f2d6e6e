package org.copper.lang.ui;

import org.copper.lang.ide.InterfaceIdeSetup;
import org.copper.lang.ide.PolicyIdeSetup;

import com.google.inject.Injector;

/**
 * The two languages' IDE injectors (runtime + {@code org.copper.lang.ide} services), created once
 * per workbench. Policy first: its setup registers the interface language's runtime injector,
 * which the interface IDE setup then replaces, as the language server's service file orders them.
 */
final class CopperLanguages {
    private static Injector policy;
    private static Injector iface;

    private CopperLanguages() {}

    /** The injector for a file extension ({@code cup} or {@code cui}), or null for any other. */
    static synchronized Injector forExtension(String extension) {
        if (policy == null) {
            policy = new PolicyIdeSetup().createInjectorAndDoEMFRegistration();
            iface = new InterfaceIdeSetup().createInjectorAndDoEMFRegistration();
        }
        return switch (extension == null ? "" : extension) {
            case "cup" -> policy;
            case "cui" -> iface;
            default -> null;
        };
    }
}

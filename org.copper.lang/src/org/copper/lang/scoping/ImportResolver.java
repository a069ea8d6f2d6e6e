package org.copper.lang.scoping;

import java.net.URL;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.URIConverter;

/**
 * Resolves the text of an {@code import} (spec §3.1): relative to the importing file first,
 * then among the built-in interfaces shipped in this bundle ({@code common.cui}, {@code istio.cui}, ...).
 */
public final class ImportResolver {
    private static final String BUILTIN_FOLDER = "/org/copper/lang/builtin/";

    private ImportResolver() {}

    /** The resolved URI, or null when neither a file nor a built-in of that name exists. */
    public static URI resolve(Resource importing, String importText) {
        if (importText == null || importText.isBlank()) {
            return null;
        }
        ResourceSet set = importing.getResourceSet();
        URIConverter converter = set != null ? set.getURIConverter() : URIConverter.INSTANCE;
        URI base = importing.getURI();
        URI relative = URI.createURI(importText);
        if (base != null && base.isHierarchical() && !base.isRelative()) {
            relative = relative.resolve(base);
        }
        if (relative.isFile() ? java.nio.file.Files.isRegularFile(java.nio.file.Path.of(relative.toFileString()))
                : converter.exists(relative, null)) {
            return relative;
        }
        return builtin(importText);
    }

    /** The URI of a built-in interface, or null if there is none of that name. */
    public static URI builtin(String name) {
        if (name.contains("/") || name.contains("\\")) {
            return null;
        }
        URL url = ImportResolver.class.getResource(BUILTIN_FOLDER + name);
        return url == null ? null : URI.createURI(url.toString());
    }

    public static boolean isBuiltin(URI uri) {
        return uri != null && uri.toString().contains(BUILTIN_FOLDER);
    }
}

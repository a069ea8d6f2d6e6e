package org.copper.lang.scoping;

import java.net.URL;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.URIConverter;

/**
 * Resolves the text of an {@code import} (spec §3.1): relative to the importing file first,
 * then among the built-in interfaces shipped in this bundle ({@code common.cui}, {@code istio.cui}, ...).
 * Existence is asked of the resource set's {@link URIConverter}, so the same rules hold for files,
 * the IDE's URIs and the bundle's built-ins; nothing here throws on odd text.
 */
public final class ImportResolver {
    private static final String BUILTIN_FOLDER = "org/copper/lang/builtin/";
    /** Longer import texts are surely not a path (Linux: 4096 bytes per path). */
    public static final int MAX_LENGTH = 4096;
    /** The URI of the folder holding the built-ins, recognised by URI prefix rather than by a substring. */
    private static final URI BUILTIN_BASE = builtinBase();

    private ImportResolver() {}

    /** Why this import text cannot name a file at all, or null when it may. */
    public static String invalidReason(String importText) {
        if (importText.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < importText.length(); i++) {
            char c = importText.charAt(i);
            if (c == '\0') {
                return "contains a NUL character (\\0)";
            }
            if (Character.isISOControl(c)) {
                return String.format("contains the control character U+%04X", (int) c);
            }
        }
        return null;
    }

    /** The resolved URI, or null when neither a file nor a built-in of that name exists (or the text names no file). */
    public static URI resolve(Resource importing, String importText) {
        if (importText == null || importText.isBlank() || invalidReason(importText) != null) {
            return null;
        }
        ResourceSet set = importing.getResourceSet();
        URIConverter converter = set != null ? set.getURIConverter() : URIConverter.INSTANCE;
        URI relative;
        try {
            relative = URI.createURI(importText);
        } catch (IllegalArgumentException e) {
            return null; // not a URI reference at all: reported as unresolved
        }
        URI base = importing.getURI();
        if (relative.isRelative() && base != null && base.isHierarchical() && !base.isRelative()) {
            relative = relative.resolve(base);
        }
        // only files next to the importer and the built-ins: an import never reaches out to the network
        if (relative.isFile() || relative.isPlatform() || isBuiltin(relative)) {
            if (exists(converter, relative)) {
                return relative;
            }
        }
        return builtin(importText);
    }

    private static boolean exists(URIConverter converter, URI uri) {
        try {
            return converter.exists(uri, null) && !isDirectory(converter, uri);
        } catch (RuntimeException e) {
            return false; // an unreadable or invalid location does not exist for an import
        }
    }

    private static boolean isDirectory(URIConverter converter, URI uri) {
        Object directory = converter.getAttributes(uri, null).get(URIConverter.ATTRIBUTE_DIRECTORY);
        return Boolean.TRUE.equals(directory);
    }

    /** The URI of a built-in interface, or null if there is none of that name. */
    public static URI builtin(String name) {
        if (BUILTIN_BASE == null || name.isEmpty() || invalidReason(name) != null || name.contains("/") || name.contains("\\")
                || name.startsWith(".")) {
            return null;
        }
        URL url = ImportResolver.class.getResource("/" + BUILTIN_FOLDER + name);
        return url == null ? null : URI.createURI(url.toString());
    }

    public static boolean isBuiltin(URI uri) {
        // BUILTIN_BASE ends in an empty segment ("…/builtin/"), so a file in it has the same segment count
        if (uri == null || BUILTIN_BASE == null || uri.segmentCount() != BUILTIN_BASE.segmentCount()) {
            return false;
        }
        URI folder = uri.trimSegments(1).appendSegment("");
        return folder.equals(BUILTIN_BASE);
    }

    private static URI builtinBase() {
        URL url = ImportResolver.class.getResource("/" + BUILTIN_FOLDER + "common.cui");
        return url == null ? null : URI.createURI(url.toString()).trimSegments(1).appendSegment("");
    }
}

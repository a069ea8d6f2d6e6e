package org.copper.lang.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.copper.lang.iface.IfacePackage;
import org.copper.lang.iface.Import;
import org.copper.lang.scoping.ImportResolver;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.validation.Check;

/** Imports resolve (relative file, then built-in), name interface files, and form no cycle. */
public class ImportValidator extends CopperCheck {

    @Check
    public void checkImport(Import imp) {
        Resource resource = imp.eResource();
        String text = imp.getImportURI();
        if (text == null) {
            return;
        }
        String invalid = ImportResolver.invalidReason(text);
        if (invalid != null) {
            error("import path " + shown(text) + " " + invalid + ", so it names no file", IfacePackage.Literals.IMPORT__IMPORT_URI,
                    CopperIssueCodes.UNRESOLVED_IMPORT);
            return;
        }
        URI target = ImportResolver.resolve(resource, text);
        if (target == null) {
            error("cannot resolve import '" + text + "': no such file next to this one, and no built-in interface of that name"
                    + " (built-ins: common.cui, istio.cui, cilium.cui, haproxy.cui)",
                    IfacePackage.Literals.IMPORT__IMPORT_URI, CopperIssueCodes.UNRESOLVED_IMPORT);
            return;
        }
        if (!"cui".equals(target.fileExtension())) {
            error("only interface files (.cui) can be imported, not '" + text + "'", IfacePackage.Literals.IMPORT__IMPORT_URI,
                    CopperIssueCodes.IMPORT_KIND);
            return;
        }
        Resource imported = load(resource, target);
        if (imported == null || !imported.isLoaded()) {
            error("cannot read import '" + text + "'" + (target.isFile() ? " (" + target.toFileString() + ")" : "")
                    + ": the file exists but could not be read (permissions?)", IfacePackage.Literals.IMPORT__IMPORT_URI,
                    CopperIssueCodes.UNRESOLVED_IMPORT);
            return;
        }
        List<URI> cycle = findPathBack(resource, target);
        if (cycle != null) {
            String shown = cycle.stream().map(URI::lastSegment).collect(Collectors.joining(" -> "));
            error("import cycle: " + shown, IfacePackage.Literals.IMPORT__IMPORT_URI, CopperIssueCodes.IMPORT_CYCLE);
        }
    }

    /** The import text as a user can read it: control characters escaped, long texts cut. */
    private static String shown(String text) {
        StringBuilder sb = new StringBuilder("'");
        text.codePoints().limit(60).forEach(c -> sb.append(c == 0 ? "\\0" : Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return sb.append(text.codePointCount(0, text.length()) > 60 ? "...'" : "'").toString();
    }

    /** A chain of imports from {@code start} back to {@code home}'s file, or null if there is none. */
    private static List<URI> findPathBack(Resource home, URI start) {
        List<URI> path = new ArrayList<>();
        path.add(home.getURI());
        return search(home, start, path, new HashSet<>()) ? path : null;
    }

    private static boolean search(Resource home, URI current, List<URI> path, Set<URI> visited) {
        path.add(current);
        if (current.equals(home.getURI())) {
            return true;
        }
        if (visited.add(current)) {
            Resource resource = load(home, current);
            if (resource != null) {
                for (EObject root : resource.getContents()) {
                    for (EObject child : root.eContents()) {
                        if (child instanceof Import next && next.getImportURI() != null) {
                            URI uri = ImportResolver.resolve(resource, next.getImportURI());
                            if (uri != null && search(home, uri, path, visited)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static Resource load(Resource from, URI uri) {
        try {
            return from.getResourceSet().getResource(uri, true);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package org.copper.lang.validation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.copper.lang.iface.ActDecl;
import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Annotation;
import org.copper.lang.iface.IfacePackage;
import org.copper.lang.iface.Param;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.InterfaceFile;
import org.copper.lang.iface.StateDecl;
import org.copper.lang.scoping.VisibleDeclarations;
import java.util.HashSet;
import org.copper.lang.iface.Side;
import org.copper.lang.typing.CopperTypes;
import org.copper.lang.typing.Declarations;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.ComposedChecks;

/** Rules of interface files (spec §3.1). */
@ComposedChecks(validators = { ImportValidator.class })
public class InterfaceValidator extends AbstractInterfaceValidator {

    @Check
    public void checkParentCycle(ActDecl act) {
        if (act.getParent() != null && !act.getParent().eIsProxy() && Declarations.hasParentCycle(act)) {
            error("ACT '" + act.getName() + "' inherits from itself through its parents", IfacePackage.Literals.ACT_DECL__PARENT,
                    CopperIssueCodes.PARENT_CYCLE);
        }
    }

    @Check
    public void checkAnnotation(Annotation annotation) {
        Set<Side> seen = EnumSet.noneOf(Side.class);
        for (int i = 0; i < annotation.getSides().size(); i++) {
            if (!seen.add(annotation.getSides().get(i))) {
                error("'" + annotation.getSides().get(i).getLiteral() + "' appears twice in this annotation",
                        IfacePackage.Literals.ANNOTATION__SIDES, i, CopperIssueCodes.DUPLICATE_ANNOTATION);
            }
        }
    }

    /** Names are unique: declarations in a file, actions in a declaration, parameters in an action. */
    @Check
    public void checkUniqueNames(InterfaceFile file) {
        Set<String> declarations = new HashSet<>();
        for (Declaration d : file.getDeclarations()) {
            if (d.getName() != null && !declarations.add(d.getName())) {
                error("'" + d.getName() + "' is declared twice in this file", d, IfacePackage.Literals.DECLARATION__NAME,
                        CopperIssueCodes.DUPLICATE_DECLARATION);
            }
            Set<String> actions = new HashSet<>();
            for (ActionDecl a : actionsOf(d)) {
                if (a.getName() != null && !actions.add(a.getName())) {
                    error("action '" + a.getName() + "' is listed twice in " + (d.getName() == null ? "this declaration" : d.getName()), a, IfacePackage.Literals.ACTION_DECL__NAME,
                            CopperIssueCodes.DUPLICATE_DECLARATION);
                }
                Set<String> params = new HashSet<>();
                for (Param p : a.getParams()) {
                    if (p.getName() != null && !params.add(p.getName())) {
                        error("parameter '" + p.getName() + "' appears twice in " + (a.getName() == null ? "this action" : a.getName()), p, IfacePackage.Literals.PARAM__NAME,
                                CopperIssueCodes.DUPLICATE_DECLARATION);
                    }
                }
            }
        }
    }

    /**
     * An interface may not silently replace an imported ACT (derive from it instead); a state of an
     * imported name re-lists that state, so its actions keep their signatures (spec §3.1, "states likewise").
     */
    @Check
    public void checkImportedNames(Declaration declaration) {
        Declaration imported = VisibleDeclarations.importedNamed(declaration.eResource(), declaration.getName());
        if (imported == null) {
            return;
        }
        String where = imported.eResource().getURI().lastSegment();
        if (declaration instanceof ActDecl || imported instanceof ActDecl) {
            String kind = imported instanceof ActDecl ? "ACT" : "state";
            error(kind + " '" + declaration.getName() + "' is already declared in " + where
                    + (imported instanceof ActDecl ? "; derive a new ACT from it instead (act My" + declaration.getName() + " : "
                            + declaration.getName() + " { ... })" : ""),
                    IfacePackage.Literals.DECLARATION__NAME, CopperIssueCodes.DUPLICATE_DECLARATION);
            return;
        }
        for (ActionDecl mine : ((StateDecl) declaration).getActions()) {
            for (ActionDecl theirs : ((StateDecl) imported).getActions()) {
                if (theirs.getName() != null && theirs.getName().equals(mine.getName()) && !typeSignature(theirs).equals(typeSignature(mine))) {
                    error("'" + mine.getName() + "' re-lists " + imported.getName() + "." + theirs.getName() + " of " + where
                            + " with another signature; it must stay " + signature(theirs), mine, IfacePackage.Literals.ACTION_DECL__NAME,
                            CopperIssueCodes.RELISTED_SIGNATURE);
                }
            }
        }
    }

    private static List<ActionDecl> actionsOf(Declaration d) {
        return d instanceof ActDecl a ? a.getActions() : ((StateDecl) d).getActions();
    }

    /** A generic action re-listed by a derived ACT keeps its generic signature (spec §3.1). */
    @Check
    public void checkRelistedSignature(ActionDecl action) {
        ActionDecl original = Declarations.original(action);
        if (original == action || original.eContainer() == action.eContainer()
                || Declarations.hasParentCycle((ActDecl) action.eContainer())) {
            return; // same declaration twice is reported as a duplicate
        }
        String owner = ((ActDecl) original.eContainer()).getName();
        if (!typeSignature(original).equals(typeSignature(action))) {
            error("'" + action.getName() + "' re-lists " + owner + "." + original.getName() + " with another signature; it must stay "
                    + signature(original), IfacePackage.Literals.ACTION_DECL__NAME, CopperIssueCodes.RELISTED_SIGNATURE);
        } else if (action.getAnnotation() != null && !Declarations.effectiveAnnotation(action)
                .equals(EnumSet.copyOf(action.getAnnotation().getSides()))) {
            warning("this annotation is ignored: '" + action.getName() + "' keeps the annotation of " + owner + "." + original.getName(),
                    IfacePackage.Literals.ACTION_DECL__ANNOTATION, CopperIssueCodes.RELISTED_SIGNATURE);
        }
    }

    static String signature(ActionDecl action) {
        List<String> params = action.getParams().stream().map(InterfaceValidator::param).collect(Collectors.toList());
        params.add(0, "self");
        String result = action.getResult() == null ? "" : " : " + CopperTypes.typeOf(action.getResult());
        return "(" + String.join(", ", params) + ")" + result;
    }

    /** Parameter names may differ; types and result may not. */
    static String typeSignature(ActionDecl action) {
        return action.getParams().stream().map(p -> CopperTypes.typeOf(p.getType()).toString()).collect(Collectors.joining(","))
                + ":" + (action.getResult() == null ? "" : CopperTypes.typeOf(action.getResult()));
    }

    private static String param(Param p) {
        return CopperTypes.typeOf(p.getType()) + " " + p.getName();
    }
}

package org.copper.lang.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.copper.lang.policy.Policy;
import org.copper.lang.policy.PolicyFile;
import org.copper.lang.policy.PolicyPackage;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.Variable;
import org.copper.lang.policy.VariableRef;
import org.copper.lang.scoping.PolicyScopeProvider;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.util.Tuples;
import org.eclipse.xtext.validation.Check;

import com.google.inject.Inject;

/** Names: policy names are unique across the workspace; a policy's variables are distinct and used. */
public class PolicyNameValidator extends CopperCheck {
    private static final String FIRST_BY_NAME = "org.copper.lang.validation.PolicyNameValidator.firstByName";

    @Inject
    private ResourceDescriptionsProvider indexProvider;

    @Inject
    private IResourceScopeCache cache;

    @Check
    public void checkUniqueAcrossWorkspace(Policy policy) {
        if (policy.getName() == null || policy.eResource() == null) {
            return;
        }
        URIConverter converter = policy.eResource().getResourceSet().getURIConverter();
        URI here = converter.normalize(policy.eResource().getURI());
        if (firstByName((PolicyFile) policy.eContainer()).get(policy.getName()) != policy) {
            error("duplicate policy name '" + policy.getName() + "': already defined earlier in this file",
                    PolicyPackage.Literals.POLICY__NAME, CopperIssueCodes.DUPLICATE_POLICY);
            return;
        }
        IResourceDescriptions index = indexProvider.getResourceDescriptions(policy.eResource());
        for (IEObjectDescription d : index.getExportedObjects(PolicyPackage.Literals.POLICY, QualifiedName.create(policy.getName()), false)) {
            if (d.getEObjectOrProxy() == policy) {
                continue; // itself: asking for its URI would compute its index among the file's policies, N per file
            }
            URI there = converter.normalize(d.getEObjectURI().trimFragment());
            if (!there.equals(here)) {
                error("duplicate policy name '" + policy.getName() + "': also defined in " + relative(here, there) + line(d, policy)
                        + "; policy names are unique across the workspace", PolicyPackage.Literals.POLICY__NAME,
                        CopperIssueCodes.DUPLICATE_POLICY);
                return;
            }
        }
    }

    /**
     * Each name's first policy in the file, built once per file and version of its text: scanning the earlier policies
     * for every policy made a file of N policies cost N^2 / 2 name comparisons (issue 11: 33,680 policies).
     */
    private Map<String, Policy> firstByName(PolicyFile file) {
        return cache.get(Tuples.create(FIRST_BY_NAME, file), file.eResource(), () -> {
            Map<String, Policy> first = new HashMap<>();
            for (Policy p : file.getPolicies()) {
                if (p.getName() != null) {
                    first.putIfAbsent(p.getName(), p);
                }
            }
            return first;
        });
    }

    /** The other file as seen from this one's folder (they may share a file name). */
    private static String relative(URI here, URI there) {
        if (here.isFile() && there.isFile()) {
            java.nio.file.Path from = java.nio.file.Path.of(here.toFileString()).getParent();
            return from.relativize(java.nio.file.Path.of(there.toFileString())).toString();
        }
        return there.lastSegment();
    }

    private static String line(IEObjectDescription d, Policy context) {
        org.eclipse.emf.ecore.EObject other = org.eclipse.emf.ecore.util.EcoreUtil.resolve(d.getEObjectOrProxy(), context);
        var node = other.eIsProxy() ? null : org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(other);
        return node == null ? "" : ":" + node.getStartLine();
    }

    @Check
    public void checkVariables(Policy policy) {
        Set<String> names = new HashSet<>();
        for (Variable v : PolicyScopeProvider.variables(policy)) {
            if (v.getName() != null && !names.add(v.getName())) {
                error("variable '" + v.getName() + "' is declared twice in this policy", v, PolicyPackage.Literals.VARIABLE__NAME,
                        CopperIssueCodes.DUPLICATE_VARIABLE);
            }
        }
        for (StateVariable s : policy.getStates()) {
            if (s.getName() == null) {
                continue; // 'using (Counter)': the missing name is a syntax error already
            }
            boolean used = EcoreUtil2.getAllContentsOfType(policy, VariableRef.class).stream().anyMatch(r -> r.getVariable() == s);
            if (!used) {
                warning("state '" + s.getName() + "' is never used; remove it, or the policy is needlessly pinned", s,
                        PolicyPackage.Literals.VARIABLE__NAME, CopperIssueCodes.UNUSED_STATE, s.getName());
            }
        }
    }
}

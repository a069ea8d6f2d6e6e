package org.copper.lang.ide.contentassist;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.copper.lang.iface.ActionDecl;
import org.copper.lang.iface.Declaration;
import org.copper.lang.iface.Param;
import org.copper.lang.iface.Side;
import org.copper.lang.policy.ActVariable;
import org.copper.lang.policy.Call;
import org.copper.lang.policy.Policy;
import org.copper.lang.policy.Section;
import org.copper.lang.policy.StateVariable;
import org.copper.lang.policy.Variable;
import org.copper.lang.scoping.PolicyScopeProvider;
import org.copper.lang.typing.Declarations;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import com.google.inject.Inject;

/**
 * Completion beyond Xtext's defaults: an action name offers only the actions of the receiver's
 * type (or, before the receiver is written, of the policy's variables) that may run in the
 * section it stands in; inside a context string it offers the service names of the project's
 * graph.
 */
public class CopperContentProposals extends IdeContentProposalProvider {
    @Inject
    private ProjectGraphs graphs;

    @Override
    protected void _createProposals(CrossReference reference, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        if (isFeature(reference, "Call", "action")) {
            proposeActions(context, acceptor);
            return;
        }
        super._createProposals(reference, context, acceptor);
    }

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        if (isFeature(assignment, "Policy", "contexts")) {
            proposeServices(context, acceptor);
            if (!context.getPrefix().isEmpty()) {
                return;
            }
        }
        super._createProposals(assignment, context, acceptor);
    }

    private static boolean isFeature(EObject grammarElement, String rule, String feature) {
        Assignment assignment = grammarElement instanceof Assignment a ? a : GrammarUtil.containingAssignment(grammarElement);
        ParserRule parserRule = GrammarUtil.containingParserRule(grammarElement);
        return assignment != null && feature.equals(assignment.getFeature()) && parserRule != null && rule.equals(parserRule.getName());
    }

    private void proposeActions(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        EObject model = context.getCurrentModel();
        Policy policy = EcoreUtil2.getContainerOfType(model, Policy.class);
        if (policy == null) {
            return;
        }
        Side side = sectionAt(policy, model, context.getOffset());
        List<Variable> receivers = PolicyScopeProvider.variables(policy);
        if (model instanceof Call call && PolicyScopeProvider.receiverType(call) != null
                && call.getArgs().get(0) instanceof org.copper.lang.policy.VariableRef ref) {
            receivers = List.of(ref.getVariable());
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Variable receiver : receivers) {
            Declaration type = typeOf(receiver);
            if (type == null) {
                continue;
            }
            for (ActionDecl action : Declarations.visibleActions(type)) {
                Set<Side> annotation = Declarations.effectiveAnnotation(action);
                boolean allowed = side == null || annotation.isEmpty() || annotation.contains(side);
                if (!allowed || !seen.add(action.getName() + "/" + receiver.getName())) {
                    continue;
                }
                ContentAssistEntry entry = getProposalCreator().createProposal(action.getName(), context, ContentAssistEntry.KIND_METHOD,
                        e -> {
                            e.setLabel(action.getName() + "(" + receiver.getName() + parameters(action) + ")");
                            e.setDescription(type.getName() + annotationText(annotation));
                        });
                if (entry != null) {
                    acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
                }
            }
        }
    }

    private static String parameters(ActionDecl action) {
        return Declarations.original(action).getParams().stream().map(p -> ", " + typeName(p) + " " + p.getName())
                .collect(Collectors.joining());
    }

    private static String typeName(Param p) {
        return org.copper.lang.typing.CopperTypes.typeOf(p.getType()).toString();
    }

    private static String annotationText(Set<Side> annotation) {
        return annotation.isEmpty() ? "" : " " + annotation.stream().map(Side::getLiteral).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Declaration typeOf(Variable v) {
        Declaration type = v instanceof ActVariable a ? a.getType() : v instanceof StateVariable s ? s.getType() : null;
        return type == null || type.eIsProxy() ? null : type;
    }

    /** The side of the section the cursor is in: the model's own section, else the last one that starts before the cursor. */
    private static Side sectionAt(Policy policy, EObject model, int offset) {
        Section own = EcoreUtil2.getContainerOfType(model, Section.class);
        if (own != null) {
            return own.getSide();
        }
        Side side = null;
        for (Section s : policy.getSections()) {
            ICompositeNode node = NodeModelUtils.getNode(s);
            if (node != null && node.getOffset() < offset) {
                side = s.getSide();
            }
        }
        return side;
    }

    private void proposeServices(ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        String prefix = context.getPrefix();
        if (prefix.isEmpty() || (prefix.charAt(0) != '\'' && prefix.charAt(0) != '"') || context.getResource() == null) {
            return;
        }
        int start = prefix.length();
        while (start > 1 && isServiceChar(prefix.charAt(start - 1))) {
            start--;
        }
        String word = prefix.substring(start);
        for (String service : graphs.services(context.getResource())) {
            if (service.startsWith(word)) {
                ContentAssistEntry entry = new ContentAssistEntry();
                entry.setPrefix(word);
                entry.setProposal(service);
                entry.setKind(ContentAssistEntry.KIND_VALUE);
                entry.setDescription("service");
                acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
            }
        }
    }

    /** Characters of a service name in a pattern (spec §3.3): [A-Za-z0-9_-]. */
    private static boolean isServiceChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
